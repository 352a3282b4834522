// Workers racing on one PostgreSQL store: four `crosscheck worker` processes (one of them killed with SIGKILL in
// the middle of a job, and replaced) take the jobs `crosscheck ingest` enqueues, and the store they leave agrees
// record for record with the store one worker leaves from the same input: the same articles, versions, records,
// ids, entities, reuse pairs, statements with their reports and roles, quantity groups, term counts.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { newsItems } from './fixtures.js';
import { tempDir } from './helpers.js';
import { freshDatabase, unavailable } from './postgres.js';
import { query, storeRecords as records } from './store-records.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'crosscheck.js');
const skip = await unavailable();

function cli(args: string[]): ChildProcess & { done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return Object.assign(child, { done });
}

async function until(what: string, ms: number, ok: () => Promise<boolean>): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Start n workers and wait until each says it is alive. */
async function workers(url: string, names: string[]): Promise<Map<string, ReturnType<typeof cli>>> {
  const out = new Map(names.map((n) => [n, cli(['worker', '--db', url, '--id', n, '--lease', '3', '--quiet'])]));
  await until(`${names.length} workers to start`, 120_000, async () => {
    for (const [n, w] of out) if (w.exitCode != null) throw new Error(`worker ${n} exited: ${(await w.done).stderr}`);
    const rows = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM workers WHERE id = ANY($1)', [names]).catch(() => [{ n: 0 }]);
    return rows[0].n === names.length;
  });
  return out;
}

async function stopAll(ws: Map<string, ReturnType<typeof cli>>): Promise<void> {
  for (const w of ws.values()) if (w.exitCode == null && w.signalCode == null) w.kill('SIGTERM');
  for (const [n, w] of ws) {
    const r = await w.done;
    assert.ok(r.code === 0 || r.signal === 'SIGKILL', `worker ${n} ended with ${r.code ?? r.signal}: ${r.stderr}`);
  }
}

test('four workers, one killed mid-job, leave the same store as one worker, record for record', { skip, timeout: 600_000 }, async (t) => {
  const dir = tempDir();
  const input = join(dir, 'articles.jsonl');
  const items = newsItems(120);
  writeFileSync(input, items.map((a) => JSON.stringify(a)).join('\n') + '\n');

  // Without a worker running, ingest does the work itself (and no job is queued).
  const alone = await freshDatabase();
  writeFileSync(join(dir, 'one.txt'), 'A title\n\n"We will not leave," the governor said.');
  const direct = await cli(['ingest', '--db', alone, join(dir, 'one.txt')]).done;
  assert.equal(direct.code, 0, direct.stderr);
  assert.match(direct.stderr, /^1 new, 0 unchanged/m);
  assert.deepEqual(await query(alone, 'SELECT count(*)::int AS n FROM jobs'), [{ n: 0 }]);

  const t0 = Date.now();
  const one = await freshDatabase();
  const single = await workers(one, ['solo']);
  const t1 = Date.now();
  const ref = await cli(['ingest', '--db', one, '--batch-size', '8', '--wait', input]).done;
  assert.equal(ref.code, 0, ref.stderr);
  assert.match(ref.stderr, /articles queued in \d+ jobs for 1 running workers/);
  await stopAll(single);
  const want = await records(one);
  const t2 = Date.now();

  const four = await freshDatabase();
  const racing = await workers(four, ['w1', 'w2', 'w3', 'w4']);
  const t3 = Date.now();
  const ingest = cli(['ingest', '--db', four, '--batch-size', '8', '--wait', input]);
  // Kill a worker while it holds a job (between its claim and its commit), and start another in its place.
  let killedJob: number | null = null;
  for (let attempt = 0; attempt < 5 && killedJob == null; attempt++) {
    let victim: { job: number; by: string } | null = null;
    await until('a running job', 120_000, async () => {
      const r = await query<{ id: number; claimed_by: string }>(four, "SELECT id::int, claimed_by FROM jobs WHERE state = 'running' AND claimed_by LIKE 'w%' ORDER BY id LIMIT 1").catch(() => []);
      victim = r.length ? { job: r[0].id, by: r[0].claimed_by } : null;
      return victim != null || ingest.exitCode != null;
    });
    if (!victim) break;
    const { job, by } = victim as { job: number; by: string };
    racing.get(by)!.kill('SIGKILL');
    await racing.get(by)!.done;
    const [row] = await query<{ state: string; claimed_by: string }>(four, 'SELECT state, claimed_by FROM jobs WHERE id = $1', [job]);
    if (row.state === 'running' && row.claimed_by === by) killedJob = job;
    const name = `${by}b`;
    racing.delete(by);
    for (const [n, w] of await workers(four, [name])) racing.set(n, w);
    t.diagnostic(`killed ${by} holding job ${job} (${killedJob === job ? 'mid-job' : 'it had just finished'}); started ${name}`);
  }
  const r = await ingest.done;
  assert.equal(r.code, 0, r.stderr);
  await stopAll(racing);
  t.diagnostic(`one worker: started in ${((t1 - t0) / 1000).toFixed(1)} s, ingested in ${((t2 - t1) / 1000).toFixed(1)} s; four: started in ${((t3 - t2) / 1000).toFixed(1)} s, ingested in ${((Date.now() - t3) / 1000).toFixed(1)} s`);
  assert.ok(killedJob != null, 'a worker was killed while it held a job');
  const [retried] = await query<{ state: string; attempts: number }>(four, 'SELECT state, attempts FROM jobs WHERE id = $1', [killedJob]);
  assert.deepEqual(retried, { state: 'done', attempts: 2 }, 'the killed worker\'s job went back to the queue and another worker did it');

  const got = await records(four);
  for (const table of Object.keys(want)) {
    assert.equal(got[table].length, want[table].length, `${table}: ${got[table].length} rows with four workers, ${want[table].length} with one`);
    const i = got[table].findIndex((x, j) => x !== want[table][j]);
    assert.equal(i, -1, `${table}: the first record that differs:\n  four: ${got[table][i]}\n  one:  ${want[table][i]}`);
  }
  assert.ok(want.articles.length > 120 && want.reuse.length > 0 && want.statements.length > 10 && want.entities.length > 5 && want.groups.length > 0);
  assert.ok(want.articles.some((a) => JSON.parse(a).version === 2), 'the input has changed versions');
  const check = await cli(['check', '--db', four]).done;
  assert.equal(check.code, 0, check.stderr);
  t.diagnostic(`${want.articles.length} articles, ${want.attributions.length} attributions, ${want.mentions.length} mentions, ${want.entities.length} entities, ${want.reuse.length} reuse pairs, ${want.statements.length} statements, ${want.groups.length} quantity groups: identical`);
});
