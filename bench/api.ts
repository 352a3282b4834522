// API latency on a big store: autocannon against `crosscheck serve` (a child process, so that the load and the
// server do not share an event loop), one endpoint at a time: search (sort=relevance, the default, and
// sort=date), article detail and the statement list. Prints p50/p95/p99 latency and the errors of each, with the
// load average of the machine before and after; never asserts a timing. The server caches no answer: every
// request is a query.
//
//   npm run bench:api -- --db /path/to/store.db       # an existing store (e.g. one bench:scale kept)
//   npm run bench:api                                 # builds a 100,000-article store with bench/scale.mjs first
//   npm run bench:api -- --articles 10000             # … or a smaller one
//   options: --duration S (per endpoint, default 15), --connections N (default 10),
//            --readers N (serve's reader threads; default serve's, none), --only NAME,NAME (endpoints: search, search-date,
//            article-detail, statement-list)
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'crosscheck.js');

/** Searches a fact-checker types: names, places, phrases, a prefix, an OR. */
export const SEARCHES = ['Zelensky', 'Mariupol', 'Bakhmut', 'Kharkiv', 'Putin', '"prisoners of war"', 'Wagner', 'refugees', 'ceasefire', 'drone*',
  'Zaporizhzhia nuclear', 'Kyiv OR Kiev', 'missile strike', 'grain', 'sanctions', 'Shoigu', 'Crimea bridge', 'mobilisation OR mobilization', 'Azovstal', 'Kherson'];

export interface EndpointResult { endpoint: string; requests: number; p50: number; p95: number; p99: number; max: number; errors: number; non2xx: number; timeouts: number }

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function hammer(url: string, paths: () => string, duration: number, connections: number): Promise<{ latencies: number[]; result: any }> {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections, duration, requests: [{ method: 'GET', setupRequest: (req: { path: string }) => { req.path = paths(); return req; } }] });
  (instance as unknown as { on: (e: string, f: (...a: unknown[]) => void) => void }).on('response', (_c: unknown, _s: unknown, _b: unknown, ms: unknown) => latencies.push(ms as number));
  const result = await instance;
  return { latencies, result };
}

export async function measure(url: string, endpoint: string, paths: () => string, duration: number, connections: number): Promise<EndpointResult> {
  await hammer(url, paths, Math.min(3, duration), connections); // warm-up: the page cache and compiled code
  const { latencies, result } = await hammer(url, paths, duration, connections);
  latencies.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    endpoint, requests: latencies.length, p50: r(percentile(latencies, 50)), p95: r(percentile(latencies, 95)), p99: r(percentile(latencies, 99)), max: r(latencies[latencies.length - 1] ?? NaN),
    errors: result.errors, non2xx: result.non2xx, timeouts: result.timeouts,
  };
}

function exited(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (p.exitCode != null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))));
}

async function serve(db: string, readers?: number): Promise<{ address: string; line: string; stop: () => Promise<void> }> {
  const args = [BIN, 'serve', '--db', db, '--port', '0', '--rate-limit', '0', ...(readers != null ? ['--readers', String(readers)] : [])];
  const server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [address, line] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (c) => { out += c; const m = /at (http:\/\/\S+?)\/? /.exec(out); if (m) resolve([m[1], out.trim().split('\n')[0]]); });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { address, line, stop: async () => { server.kill('SIGTERM'); await exited(server); } };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** A store of n articles built by bench/scale.mjs, kept at `db`. */
async function buildStore(n: number, db: string, log: (s: string) => void): Promise<void> {
  log(`no --db given: building a store of ${n.toLocaleString('en')} articles with bench/scale.mjs at ${db} (at 100,000 this takes from 15 minutes to an hour)…`);
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'scale.mjs'), '--articles', String(n), '--db', db], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await exited(child);
  if (code !== 0) throw new Error(`bench/scale.mjs exited with ${code}`);
  if (!existsSync(db)) throw new Error(`bench/scale.mjs finished but kept no store at ${db}: it needs its --db PATH option (issue 5); or give --db PATH of an existing store`);
}

async function get<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

export async function runApiBench(o: { db?: string; articles: number; duration: number; connections: number; readers?: number; only?: string[]; log: (s: string) => void }): Promise<{ db: string; articles: number; statements: number; results: EndpointResult[]; loadBefore: string; loadAfter: string }> {
  let db = o.db;
  if (!db) {
    db = join(mkdtempSync(join(tmpdir(), 'crosscheck-api-')), 'store.db');
    await buildStore(o.articles, db, o.log);
  } else if (!existsSync(db)) throw new Error(`no store at ${db}: give the path of a crosscheck store (one bench:scale kept, or crosscheck ingest made)`);
  const server = await serve(db, o.readers);
  o.log(server.line);
  try {
    const url = server.address;
    const stats = await get<{ articles: number }>(`${url}/api/stats`);
    const statements = (await get<{ total: number }>(`${url}/api/statements?limit=1&reports=0`)).total;
    const loadBefore = load();
    o.log(`store ${db} (${(statSync(db).size / 2 ** 20).toFixed(0)} MB): ${stats.articles.toLocaleString('en')} articles, ${statements.toLocaleString('en')} statements; ${o.connections} connections, ${o.duration} s an endpoint; load average ${loadBefore}`);
    // Article ids from pages spread over the whole list, so that detail reads are not all cached neighbours.
    const ids: string[] = [];
    for (let k = 0; k < 20; k++) {
      const offset = Math.floor((k / 20) * Math.max(0, stats.articles - 50));
      ids.push(...(await get<{ items: { id: string }[] }>(`${url}/api/articles?limit=50&offset=${offset}`)).items.map((a) => a.id));
    }
    let n = 0;
    const results: EndpointResult[] = [];
    const endpoints: [string, () => string][] = [
      ['search', () => `/api/search?q=${encodeURIComponent(SEARCHES[n++ % SEARCHES.length])}&limit=20`],
      ['search date', () => `/api/search?q=${encodeURIComponent(SEARCHES[n++ % SEARCHES.length])}&limit=20&sort=date`],
      ['article detail', () => `/api/articles/${ids[(n++ * 7919) % ids.length]}`],
      ['statement list', () => { const k = n++; return `/api/statements?limit=20&offset=${(k % 10) * 20}${k % 3 === 0 ? '&minReports=2' : ''}`; }],
    ];
    for (const [name, paths] of endpoints) {
      if (o.only && !o.only.includes(name.replace(/ /g, '-'))) continue;
      const r = await measure(url, name, paths, o.duration, o.connections);
      o.log(`${name.padEnd(15)} ${String(r.requests).padStart(6)} requests  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  max ${r.max} ms  errors ${r.errors}  non-2xx ${r.non2xx}  timeouts ${r.timeouts}`);
      results.push(r);
    }
    const loadAfter = load();
    o.log(`load average after: ${loadAfter}`);
    return { db, articles: stats.articles, statements, results, loadBefore, loadAfter };
  } finally {
    await server.stop();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const o = { db: opt('db'), articles: Number(opt('articles') ?? 100_000), duration: Number(opt('duration') ?? 15), connections: Number(opt('connections') ?? 10),
    readers: opt('readers') != null ? Number(opt('readers')) : undefined, only: opt('only')?.split(','), log: (l: string) => console.log(l) };
  runApiBench(o).then((r) => {
    const worst = Math.max(...r.results.map((x) => x.p95));
    console.log(`p95 under 50 ms for each: ${worst < 50 ? 'yes' : 'no'} (worst ${worst} ms); errors: ${r.results.reduce((s, x) => s + x.errors + x.non2xx + x.timeouts, 0)}`);
    console.log(JSON.stringify({ articles: r.articles, statements: r.statements, connections: o.connections, readers: o.readers ?? 'default', load: [r.loadBefore, r.loadAfter], results: r.results }));
  }, (e) => { console.error(`bench:api: ${(e as Error).message}`); process.exitCode = 1; });
}
