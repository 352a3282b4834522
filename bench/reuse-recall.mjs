// Reuse recall and precision on a corpus, against the exact answer.
//
//   node bench/reuse-recall.mjs [CORPUS_DIR] [--db PATH]
//
// Ingests the corpus (default $CROSSCHECK_SHARED or ../shared, /corpora/ukraine-media) into a fresh store, which links it as it goes,
// then computes by brute force the exact set of article pairs in which at least half of the shorter article's
// six-word shingles occur in the other (shingles as exact word strings, no hashing; every pair that shares a
// shingle is counted exactly through an inverted index, which gives the same answer as comparing all pairs),
// and reports the finder's recall and precision against it. Prints figures; asserts nothing.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../dist/src/pipeline.js';
import { SqliteStore } from '../dist/src/store/sqlite/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const dbArg = args.indexOf('--db') >= 0 ? args[args.indexOf('--db') + 1] : null;
const shared = process.env.CROSSCHECK_SHARED ?? join(here, '..', '..', 'shared');
const corpus = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--db') ?? join(shared, 'corpora', 'ukraine-media'));
if (!existsSync(corpus)) { console.error(`no corpus at ${corpus}: give its folder, or set CROSSCHECK_SHARED`); process.exit(2); }
const THRESHOLD = 0.5;

const tmp = dbArg ? null : mkdtempSync(join(tmpdir(), 'crosscheck-reuse-'));
const dbPath = dbArg ?? join(tmp, 'bench.db');
const store = new SqliteStore(dbPath);
const t0 = Date.now();
const s = await ingestPaths(store, [corpus], {});
const ingestSeconds = (Date.now() - t0) / 1000;
console.log(`ingest + link: ${s.new + s.versions} articles stored in ${ingestSeconds.toFixed(1)} s (${((s.new + s.versions) / ingestSeconds).toFixed(0)} articles/s)`);

// The finder's answer: every stored pair, by article id.
const found = new Map();
for (let offset = 0; ; offset += 10000) {
  const p = await store.listReuse({ limit: 10000, offset });
  for (const r of p.items) found.set(r.a < r.b ? `${r.a} ${r.b}` : `${r.b} ${r.a}`, r.shared);
  if (p.items.length < 10000) break;
}

// The exact answer.
const t1 = Date.now();
const rows = store.db.prepare('SELECT id, key, outlet, text FROM articles WHERE superseded_by IS NULL ORDER BY rowid').all();
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const ids = new Map();
const sets = rows.map((r) => {
  const w = (r.text.match(WORD) ?? []).map((x) => x.toLowerCase().replace(/’/g, "'"));
  const set = new Set();
  for (let i = 0; i + 6 <= w.length; i++) {
    const k = w.slice(i, i + 6).join(' ');
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    set.add(id);
  }
  return Int32Array.from(set);
});
const postings = new Map();
sets.forEach((set, i) => { for (const h of set) { const p = postings.get(h); if (p) p.push(i); else postings.set(h, [i]); } });
const counts = new Int32Array(rows.length);
const truth = new Map();
for (let i = 0; i < rows.length; i++) {
  const touched = [];
  for (const h of sets[i]) for (const j of postings.get(h)) if (j > i && counts[j]++ === 0) touched.push(j);
  for (const j of touched) {
    const c = counts[j] / Math.min(sets[i].length, sets[j].length);
    counts[j] = 0;
    if (c >= THRESHOLD && rows[i].key !== rows[j].key) truth.set(rows[i].id < rows[j].id ? `${rows[i].id} ${rows[j].id}` : `${rows[j].id} ${rows[i].id}`, c);
  }
}
const bruteSeconds = (Date.now() - t1) / 1000;

const outletOf = new Map(rows.map((r) => [r.id, r.outlet ?? '(none)']));
const reported = [...found].filter(([, x]) => x >= THRESHOLD);
const hit = [...truth.keys()].filter((k) => found.has(k)).length;
const correct = reported.filter(([k]) => truth.has(k)).length;
const recall = truth.size ? hit / truth.size : 1;
const precision = reported.length ? correct / reported.length : 1;
const missed = [...truth.keys()].filter((k) => !found.has(k));
const byOutlets = new Map();
for (const k of truth.keys()) {
  const g = k.split(' ').map((id) => outletOf.get(id)).sort().join(' + ');
  const e = byOutlets.get(g) ?? { truth: 0, found: 0 };
  e.truth++;
  if (found.has(k)) e.found++;
  byOutlets.set(g, e);
}
console.log(`brute force: ${rows.length} current articles, ${ids.size} distinct shingles, ${truth.size} pairs with >= ${THRESHOLD} of the shorter's shingles in the other (${bruteSeconds.toFixed(1)} s)`);
console.log(`finder: ${found.size} pairs stored, ${reported.length} of them with shared >= ${THRESHOLD}`);
for (const [g, e] of [...byOutlets].sort((a, b) => b[1].truth - a[1].truth)) console.log(`  ${g.padEnd(40)} ${e.found}/${e.truth}`);
if (missed.length) console.log(`missed, e.g.: ${missed.slice(0, 5).map((k) => `${k} (${truth.get(k).toFixed(2)})`).join(', ')}`);
console.log(JSON.stringify({ articles: rows.length, truthPairs: truth.size, reportedPairs: reported.length, recall: +recall.toFixed(4), precision: +precision.toFixed(4), ingestSeconds }));
await store.close();
if (tmp) rmSync(tmp, { recursive: true, force: true });
