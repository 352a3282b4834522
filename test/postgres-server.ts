// A PostgreSQL server of the tests' (and benchmarks') own: Debian's postgresql package, installed when it is
// missing and we are root with apt; a new cluster in a temporary folder, on loopback, on a free port, run as the
// postgres user (initdb refuses root); stopped and removed at the end. Used by scripts/test.mjs (npm test), by
// test/postgres.ts when a test file runs alone, and by bench/workers.mjs. Nothing runs on import.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  /** postgres://crosscheck@127.0.0.1:PORT/postgres (trust authentication on loopback). */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Install Debian's postgresql with apt-get when no server binaries are found (as root). */
  install?: boolean;
  /** fsync and synchronous commits as a real server has them (benchmarks); off by default (tests). */
  durable?: boolean;
  log?: (line: string) => void;
}

const ROOT_BIN = '/usr/lib/postgresql';

/** The bin folder of the newest PostgreSQL installed from Debian's packages, or null. */
export function postgresBin(): string | null {
  if (!existsSync(ROOT_BIN)) return null;
  const versions = readdirSync(ROOT_BIN).filter((v) => existsSync(join(ROOT_BIN, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(ROOT_BIN, versions[0], 'bin') : null;
}

function run(cmd: string, args: string[], opts: { uid?: number; gid?: number; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], uid: opts.uid, gid: opts.gid, cwd: opts.cwd, env: opts.env ?? process.env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : null;
    child.on('error', reject);
    child.on('exit', (code) => { if (timer) clearTimeout(timer); resolve({ code, out }); });
  });
}

/** apt-get update and install postgresql, without the package creating and starting a cluster of its own. */
async function install(log: (s: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed and this is not root: install Debian\'s postgresql (apt-get install postgresql), or set CROSSCHECK_TEST_PG to a server\'s URL');
  if (!existsSync('/usr/bin/apt-get')) throw new Error('PostgreSQL is not installed and there is no apt-get here: install it, or set CROSSCHECK_TEST_PG to a server\'s URL');
  const conf = '/etc/postgresql-common/createcluster.conf';
  if (!existsSync(conf)) {
    mkdirSync('/etc/postgresql-common', { recursive: true });
    writeFileSync(conf, '# written by crosscheck\'s tests: no main cluster on install; the tests start their own\ncreate_main_cluster = false\n');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log('installing Debian\'s postgresql (apt-get update; apt-get install -y postgresql) …');
  const update = await run('apt-get', ['update'], { env, timeoutMs: 600_000 });
  if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.out.slice(-2000)}`);
  const inst = await run('apt-get', ['install', '-y', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confold', 'postgresql'], { env, timeoutMs: 1_200_000 });
  if (inst.code !== 0) throw new Error(`apt-get install postgresql failed:\n${inst.out.slice(-2000)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The uid and gid to run the server as: ours, unless we are root (then the postgres user the package made). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root and there is no postgres user to run the server as (initdb refuses root): reinstall Debian\'s postgresql');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(options: StartOptions = {}): Promise<PgServer> {
  const log = options.log ?? (() => {});
  let bin = postgresBin();
  if (!bin && options.install) {
    await install(log);
    bin = postgresBin();
  }
  if (!bin) throw new Error(`no PostgreSQL server binaries under ${ROOT_BIN}/*/bin: install Debian's postgresql, or set CROSSCHECK_TEST_PG to a server's URL`);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const as = { ...(user ?? {}), cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } };
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const init = await run(join(bin, 'initdb'), ['-D', data, '-U', 'crosscheck', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { ...as, timeoutMs: 300_000 });
  if (init.code !== 0) {
    cleanup();
    throw new Error(`initdb failed (as ${user ? 'the postgres user' : userInfo().username}):\n${init.out.slice(-2000)}`);
  }
  const port = await freePort();
  const settings = ['-c listen_addresses=127.0.0.1', `-p ${port}`, `-k ${dir}`, '-c max_connections=200', '-c shared_buffers=128MB'];
  if (!options.durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
  const start = await run(join(bin, 'pg_ctl'), ['start', '-w', '-t', '120', '-D', data, '-l', join(dir, 'server.log'), '-o', settings.join(' ')], { ...as, timeoutMs: 180_000 });
  if (start.code !== 0) {
    const serverLog = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
    cleanup();
    throw new Error(`pg_ctl start failed:\n${start.out.slice(-1000)}\n${serverLog}`);
  }
  log(`PostgreSQL (${bin}) on 127.0.0.1:${port}, data in ${data}`);
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(join(bin!, 'pg_ctl'), ['stop', '-m', 'immediate', '-D', data], { ...as, stdio: 'ignore' });
    cleanup();
  };
  // A test run that dies leaves no server behind.
  process.once('exit', stopSync);
  return {
    url: `postgres://crosscheck@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopSync);
      await run(join(bin!, 'pg_ctl'), ['stop', '-m', 'fast', '-w', '-D', data], { ...as, timeoutMs: 120_000 });
      cleanup();
    },
  };
}
