// Workers: articles a second with 1 and 2 `crosscheck worker` processes on one PostgreSQL store, and the speed-up.
// Starts a PostgreSQL of its own (test/postgres-server.ts: Debian's package, installed when missing; a cluster
// in a temporary folder on loopback, with fsync on as a real server has it), takes an even sample of the corpus,
// and for each run: a fresh schema, the workers started and alive, then `crosscheck ingest --wait` enqueues the
// sample and returns once every article is analysed, stored, linked and recomputed. The time is that whole span.
// Prints figures; asserts nothing.
//
//   npm run bench:workers                                  # 600 articles, 1 and 2 workers
//   npm run bench:workers -- --articles 2000 --compare 4   # also 4 workers, compared record for record with 1
//   npm run bench:workers -- --parts                       # first, each part's cost in one process (below)
//
// --parts measures, in this process on its own schema, what each part costs an article: reading and cleaning
// (the enqueuer's work), analysis, storing (put in transactions of --batch-size), linking (entities, reuse,
// statements, quantities, then the recomputation), each as this process's CPU time, the server's CPU time and
// the wall time, with the round trips linking makes; and the bytes each table holds an article.
//
// Besides the wall time it reports where the time went: the workers' CPU time and their own split (analysing,
// storing, linking: linking runs one worker at a time), and the PostgreSQL server's CPU time (the postmaster's
// and its backends'). The last line is a JSON object.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { prepareArticle } from '../dist/src/ingest/article.js';
import { expandPaths, readInput } from '../dist/src/ingest/index.js';
import { readJsonLines } from '../dist/src/ingest/jsonl.js';
import { analyzeArticle } from '../dist/src/pipeline.js';
import { PostgresStore } from '../dist/src/store/postgres/index.js';
import { linkStep } from '../dist/src/workers.js';
import { refreshDirty } from '../dist/src/link/index.js';
import { startPostgres } from '../dist/test/postgres-server.js';
import { firstDifference, storeRecords } from '../dist/test/store-records.js';
import { corpusDir, flag, opt } from './args.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const BIN = join(here, '..', 'bin', 'crosscheck.js');
const N = Number(opt('articles', 600));
const BATCH = Number(opt('batch-size', 50));
const COMPARE = opt('compare', null);
const PARTS = flag('parts');
const corpus = corpusDir();

// An even sample: every k-th article of the corpus, in file order.
const all = [];
for await (const input of expandPaths([corpus], () => {}, () => {})) {
  for await (const item of readInput(input, {})) if ('article' in item && item.article.raw.trim()) all.push(item.article);
}
// Articles crosscheck can read as JSON Lines (a few corpus rows are nothing but boilerplate), so that ingest reports no failure.
const line = (a) => JSON.stringify({ title: a.title, text: a.raw, url: a.url, date: a.date, outlet: a.outlet });
const readable = (a) => [...readJsonLines(line(a), { path: 'x.jsonl', rawHash: '' })].every((it) => 'article' in it && 'id' in prepareArticle(it.article));
const usable = all.filter(readable);
const step = Math.max(1, usable.length / N);
const sample = Array.from({ length: Math.min(N, usable.length) }, (_, i) => usable[Math.floor(i * step)]);
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-workers-'));
const input = join(dir, 'sample.jsonl');
writeFileSync(input, sample.map(line).join('\n') + '\n');
console.error(`${sample.length} of ${usable.length} readable corpus articles, jobs of ${BATCH}; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);

const TICK = 100; // clock ticks a second (Linux USER_HZ)
/** utime + stime (+ children's when asked) of a process, in seconds. */
function cpuOf(pid, children = false) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) / TICK;
  } catch {
    return 0;
  }
}
/** The server's CPU: the postmaster with the backends it has reaped, and the ones alive. */
function serverCpu(postmaster) {
  let s = cpuOf(postmaster, true);
  try {
    for (const task of readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) s += cpuOf(task);
  } catch {}
  return s;
}

function cli(cmd) {
  const child = spawn(process.execPath, [BIN, ...cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.done = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return child;
}

const server = await startPostgres({ install: true, durable: true, log: (l) => console.error(l) });
const postmaster = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();

async function run(workers) {
  const schema = `bench_${workers}_${Date.now()}`;
  const url = `${server.url}?schema=${schema}`;
  const ws = Array.from({ length: workers }, (_, i) => cli(['worker', '--db', url, '--id', `bench-${i + 1}`, '--quiet']));
  for (;;) {
    const r = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.workers`).catch(() => ({ rows: [{ n: 0 }] }));
    if (r.rows[0].n === workers) break;
    for (const w of ws) if (w.exitCode != null) throw new Error(`a worker exited: ${(await w.done).stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu0 = ws.map((w) => cpuOf(w.pid));
  const server0 = serverCpu(postmaster);
  const t0 = performance.now();
  const ingest = await cli(['ingest', '--db', url, '--batch-size', String(BATCH), '--wait', input]).done;
  const seconds = (performance.now() - t0) / 1000;
  if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  const workerCpu = ws.reduce((s, w, i) => s + cpuOf(w.pid) - cpu0[i], 0);
  const dbCpu = serverCpu(postmaster) - server0;
  for (const w of ws) w.kill('SIGTERM');
  const split = { analysing: 0, storing: 0, linking: 0 };
  for (const w of ws) {
    const m = /analysing ([\d.]+) s, storing ([\d.]+) s, linking ([\d.]+) s/.exec((await w.done).stderr);
    if (m) { split.analysing += Number(m[1]); split.storing += Number(m[2]); split.linking += Number(m[3]); }
  }
  const stored = (await admin.query(`SELECT count(*)::int AS n FROM ${schema}.articles`)).rows[0].n;
  const enqueue = Number(/in ([\d.]+) s →/.exec(ingest.stderr)?.[1] ?? NaN);
  const r = {
    workers, articles: stored, seconds: Math.round(seconds * 10) / 10, articlesPerSecond: Math.round((stored / seconds) * 10) / 10,
    enqueueSeconds: enqueue, workerCpuSeconds: Math.round(workerCpu * 10) / 10, serverCpuSeconds: Math.round(dbCpu * 10) / 10,
    split: Object.fromEntries(Object.entries(split).map(([k, v]) => [k, Math.round(v * 10) / 10])), load: Math.round(loadavg()[0] * 10) / 10,
  };
  console.log(`${workers} worker${workers > 1 ? 's' : ''}: ${stored} articles in ${r.seconds} s = ${r.articlesPerSecond} articles/s (enqueue ${enqueue} s; ` +
    `workers' CPU ${r.workerCpuSeconds} s = ${((workerCpu / stored) * 1000).toFixed(1)} ms an article, their time analysing ${r.split.analysing} s, storing ${r.split.storing} s, linking ${r.split.linking} s; ` +
    `PostgreSQL's CPU ${r.serverCpuSeconds} s = ${((dbCpu / stored) * 1000).toFixed(1)} ms an article; load ${r.load})`);
  return { ...r, url };
}

/** Each part's cost an article, in this process: CPU here, CPU of the server, wall time. */
async function parts() {
  const url = `${server.url}?schema=bench_parts_${Date.now()}`;
  const store = await PostgresStore.open(url);
  const queries = new Map();
  const orig = store.db.query.bind(store.db);
  let counting = false;
  store.db.query = (text, values, name) => {
    if (counting) queries.set(name ?? text.trim().slice(0, 30), (queries.get(name ?? text.trim().slice(0, 30)) ?? 0) + 1);
    return orig(text, values, name);
  };
  const measure = async (fn) => {
    const c = process.cpuUsage();
    const s0 = serverCpu(postmaster);
    const t = performance.now();
    const value = await fn();
    const d = process.cpuUsage(c);
    return { value, cpu: (d.user + d.system) / 1e6, server: serverCpu(postmaster) - s0, wall: (performance.now() - t) / 1000 };
  };
  const read = await measure(async () => sample.map((a) => prepareArticle({ ...a })).filter((a) => 'id' in a));
  const articles = read.value;
  const analysis = await measure(async () => articles.map((a) => ({ article: a, analysis: analyzeArticle(a) })));
  const items = analysis.value;
  const stored = await measure(async () => {
    for (let i = 0; i < items.length; i += BATCH) {
      const part = items.slice(i, i + BATCH);
      await store.put(part, part.map((x) => ({ rawHash: x.article.rawHash, source: x.article.source, articleId: x.article.id, readAt: new Date().toISOString() })));
    }
  });
  counting = true;
  const linked = await measure(() => linkStep(store));
  counting = false;
  const refreshed = await measure(() => refreshDirty(store));
  const n = (await store.stats()).versions;
  const sizes = await store.db.query(`SELECT c.relname AS t, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 2 DESC`);
  await store.close();
  const ms = (x) => ((x / n) * 1000).toFixed(2);
  const line = (name, m) => console.log(`  ${name.padEnd(22)} ${ms(m.cpu).padStart(7)} ms CPU here, ${ms(m.server).padStart(6)} ms CPU in PostgreSQL, ${ms(m.wall).padStart(7)} ms wall an article`);
  console.log(`each part, one process, ${n} articles (load ${loadavg()[0].toFixed(1)}):`);
  line('read and clean', read);
  line('analyse', analysis);
  line(`store (put of ${BATCH})`, stored);
  line('link', linked);
  line('recompute', refreshed);
  const total = [...queries.values()].reduce((a, b) => a + b, 0);
  console.log(`  linking made ${total} queries, ${(total / n).toFixed(1)} an article; most: ${[...queries].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${(v / n).toFixed(1)}`).join(', ')}`);
  const all = sizes.reduce((a, r) => a + r.bytes, 0);
  console.log(`  ${(all / n / 1024).toFixed(1)} KiB an article on disk (tables with their indexes and TOAST): ${sizes.slice(0, 8).map((r) => `${r.t} ${(r.bytes / n / 1024).toFixed(1)}`).join(', ')}`);
  const per = (m) => ({ cpuMs: Number(ms(m.cpu)), serverCpuMs: Number(ms(m.server)), wallMs: Number(ms(m.wall)) });
  return { articles: n, read: per(read), analyse: per(analysis), store: per(stored), link: per(linked), recompute: per(refreshed), linkQueriesPerArticle: Number((total / n).toFixed(1)), bytesPerArticle: Math.round(all / n) };
}

let out;
try {
  const costs = PARTS ? await parts() : null;
  const one = await run(1);
  const two = await run(2);
  const speedup = Math.round((two.articlesPerSecond / one.articlesPerSecond) * 100) / 100;
  console.log(`speed-up with 2 workers: ${speedup}×`);
  let compared = null;
  if (COMPARE) {
    const many = await run(Number(COMPARE));
    const diff = firstDifference(await storeRecords(many.url), await storeRecords(one.url));
    const sizes = Object.fromEntries(Object.entries(await storeRecords(one.url)).map(([k, v]) => [k, v.length]));
    console.log(diff ? `${COMPARE} workers and 1 worker DIFFER: ${diff}` : `${COMPARE} workers and 1 worker agree record for record: ${JSON.stringify(sizes)}`);
    compared = { workers: Number(COMPARE), articlesPerSecond: many.articlesPerSecond, identical: !diff, records: sizes };
  }
  const strip = ({ url: _, ...r }) => r;
  out = { articles: one.articles, batch: BATCH, oneWorker: strip(one), twoWorkers: strip(two), speedup, ...(compared ? { compared } : {}), ...(costs ? { parts: costs } : {}) };
} finally {
  await admin.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
