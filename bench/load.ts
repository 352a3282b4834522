// Load: N concurrent clients for D seconds on the search and detail endpoints of a running server, while
// an ingest writes to the same store. Reports latency percentiles, throughput, errors and non-2xx answers;
// never asserts a timing. `npm run bench:load` (50 clients, 60 s); `--duration 5 --connections 10` for short; `--readers N` for serve's reader threads.
// Articles come from ../shared/corpora/ukraine-media when it is there, else they are generated.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../src/ingest/csv.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'crosscheck.js');
const CORPUS = process.env.CROSSCHECK_CORPUS ?? join(process.env.CROSSCHECK_SHARED ?? join(ROOT, '..', 'shared'), 'corpora', 'ukraine-media');

export interface LoadOptions {
  duration: number;
  connections: number;
  /** Articles in the store before the load starts. */
  preload: number;
  /** Articles the concurrent ingest writes (restarted on new ones if it finishes early). */
  ingest: number;
  /** serve's --readers (reader threads); serve's default when not given. */
  readers?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  ingested: number;
  ingestRuns: number;
  byEndpoint: Record<string, number>;
}

function articles(n: number): { title: string; text: string; url: string }[] {
  const out: { title: string; text: string; url: string }[] = [];
  if (existsSync(CORPUS)) {
    for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.csv')).sort()) {
      for (const it of readCsv(readFileSync(join(CORPUS, f), 'utf8'), { path: f, rawHash: '' })) {
        if (!('article' in it) || !it.article.url) continue;
        out.push({ title: it.article.title ?? '', text: it.article.raw, url: it.article.url });
        if (out.length >= n) return out;
      }
    }
  }
  const who = ['the governor', 'a captured soldier', 'the ministry', 'a resident', 'the mayor'];
  for (let i = out.length; i < n; i++) {
    out.push({ title: `Report ${i}`, url: `https://www.example.com/load/${i}`, text: `"We will hold the line," ${who[i % who.length]} said. Officials said ${i + 3} people were killed and ${2 * i + 1} wounded near town ${i}, according to Reuters.` });
  }
  return out;
}

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const exited = (c: ChildProcess) => new Promise<number | null>((resolve) => (c.exitCode !== null ? resolve(c.exitCode) : c.once('exit', (code) => resolve(code))));

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-load-'));
  const db = join(dir, 'load.db');
  let server: ChildProcess | null = null;
  let ingest: ChildProcess | null = null;
  try {
    const all = articles(o.preload + o.ingest);
    const write = (name: string, xs: object[]) => { writeFileSync(join(dir, name), xs.map((x) => JSON.stringify(x)).join('\n') + '\n'); return join(dir, name); };
    const preload = write('preload.jsonl', all.slice(0, o.preload));
    log(`preloading ${o.preload} articles…`);
    const pre = start(['ingest', '--quiet', '--db', db, preload]);
    let preErr = '';
    pre.stderr!.on('data', (c) => (preErr += c));
    pre.stdout!.on('data', (c) => (preErr += c));
    const preCode = await exited(pre);
    // Exit 1 is an ingest that stored what it could and reported inputs it could not read (the corpus has
    // rows with nothing left once boilerplate is removed): the load runs on what was stored.
    if (preCode !== 0 && preCode !== 1) throw new Error(`the preload ingest failed (exit ${preCode}):\n${preErr.slice(-2000)}`);
    log(preErr.trim().split('\n').pop() ?? '');
    server = start(['serve', '--db', db, '--port', '0', '--rate-limit', '0', ...(o.readers != null ? ['--readers', String(o.readers)] : [])]);
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (c) => { out += c; const m = /at (http:\/\/\S+?)\/? /.exec(out); if (m) resolve(m[1]); });
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await (await fetch(`${address}/api/articles?limit=100&offset=${offset}`)).json()) as { items: { id: string }[] };
      ids.push(...page.items.map((x) => x.id));
      if (page.items.length < 100) break;
    }
    const words = ['said', 'killed', 'Zelensky', 'Putin', '"according to"', 'soldiers', 'Kyiv OR Kharkiv', 'refugees', 'missile*', 'wounded civilians', 'Mariupol', 'ceasefire'];
    // The ingest that runs during the load: on the rest of the articles, in chunks, restarted until the load ends.
    const rest = all.slice(o.preload);
    let ingestRuns = 0;
    let stopping = false;
    const chunk = Math.max(1, Math.ceil(rest.length / 4));
    const runIngest = (k: number) => {
      if (stopping) return;
      const file = write(`ingest-${k}.jsonl`, rest.slice((k % 4) * chunk, (k % 4 + 1) * chunk).map((a) => ({ ...a, url: `${a.url}#run${Math.floor(k / 4)}`, text: k >= 4 ? `${a.text}\n\n(run ${Math.floor(k / 4)})` : a.text })));
      ingest = start(['ingest', '--quiet', '--db', db, file]);
      ingestRuns++;
      ingest.once('exit', () => runIngest(k + 1));
    };
    runIngest(0);
    const byEndpoint: Record<string, number> = { search: 0, detail: 0, list: 0 };
    let n = 0;
    log(`${o.connections} clients for ${o.duration} s on ${address} (${ids.length} articles to show), with an ingest running…`);
    const result = await autocannon({
      url: address,
      connections: o.connections,
      duration: o.duration,
      requests: [{
        method: 'GET',
        setupRequest: (req: { path: string }) => {
          const k = n++ % 10;
          if (k < 5) { byEndpoint.search++; req.path = `/api/search?q=${encodeURIComponent(words[n % words.length])}&limit=20`; }
          else if (k < 9) { byEndpoint.detail++; req.path = `/api/articles/${ids[n % ids.length]}`; }
          else { byEndpoint.list++; req.path = `/api/articles?limit=25&offset=${(n * 7) % Math.max(1, ids.length)}`; }
          return req;
        },
      }],
    });
    stopping = true;
    if (ingest) (ingest as ChildProcess).kill('SIGTERM');
    const count = (await (await fetch(`${address}/api/stats`)).json()) as { versions: number };
    return {
      requests: result.requests.total,
      perSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      ingested: count.versions - o.preload,
      ingestRuns,
      byEndpoint,
    };
  } finally {
    if (ingest) (ingest as ChildProcess).kill('SIGKILL');
    if (server) { server.kill('SIGTERM'); await exited(server); }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeLoad(o: LoadOptions, r: LoadResult): string {
  return `${o.connections} clients, ${o.duration} s: ${r.requests} requests (${r.perSecond.toFixed(0)}/s; search ${r.byEndpoint.search}, detail ${r.byEndpoint.detail}, list ${r.byEndpoint.list}), ` +
    `latency p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; ` +
    `${r.ingested} articles ingested meanwhile (${r.ingestRuns} ingest runs)`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const arg = (name: string, d: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : d; };
  const o: LoadOptions = { duration: arg('duration', 60), connections: arg('connections', 50), preload: arg('preload', 2000), ingest: arg('ingest', 4000),
    ...(process.argv.includes('--readers') ? { readers: arg('readers', 0) } : {}), log: (l) => console.error(l) };
  runLoad(o).then((r) => { console.log(describeLoad(o, r)); console.log(JSON.stringify(r)); }, (e) => { console.error(e); process.exitCode = 1; });
}
