#!/usr/bin/env node
// What one search costs on a store, without a server or a queue: each of bench:api's searches, both halves
// (articles, attributions), in both orders, on one connection, best of two runs. Prints a line a search and
// the totals; asserts nothing. Usage: npm run build && node bench/search-cost.mjs --db STORE.db [--plans]
// --plans: for the date order, the chosen plan against each plan forced (walk, sort) and the cheaper of the two,
// over both halves and pages at offsets 0 and 200 (best of three each).
import { SqliteStore } from '../dist/src/store/sqlite/index.js';
import { SEARCHES } from '../dist/bench/api.js';
import { flag, opt } from './args.mjs';

const db = opt('db', null);
if (!db) { console.error('usage: node bench/search-cost.mjs --db STORE.db (a store made by ingest or bench:scale --db)'); process.exit(2); }
const store = new SqliteStore(db, { readonly: true });
const time = async (fn) => { let best = Infinity, out; for (let i = 0; i < 2; i++) { const t = performance.now(); out = await fn(); best = Math.min(best, performance.now() - t); } return [best, out]; };
const totals = { relevance: 0, date: 0 };
let worst = { ms: 0, what: '' };
for (const q of SEARCHES) {
  const cells = [];
  for (const sort of ['relevance', 'date']) {
    const [ta, a] = await time(() => store.searchArticles({ q, limit: 20, offset: 0, sort }));
    const [tb, b] = await time(() => store.searchAttributions({ q, limit: 20, offset: 0, sort }));
    totals[sort] += ta + tb;
    if (ta + tb > worst.ms) worst = { ms: ta + tb, what: `${q} (${sort})` };
    cells.push(`${sort} ${ta.toFixed(1)} + ${tb.toFixed(1)} ms (${a.total}${a.totalExact ? '' : '+'} articles, ${b.total}${b.totalExact ? '' : '+'} statements)`);
  }
  console.log(`${q.padEnd(30)} ${cells.join('   ')}`);
}
const n = SEARCHES.length;
console.log(`mean of a whole search (both halves): relevance ${(totals.relevance / n).toFixed(1)} ms, date ${(totals.date / n).toFixed(1)} ms; dearest ${worst.what} ${worst.ms.toFixed(1)} ms`);
console.log(JSON.stringify({ searches: n, meanRelevanceMs: +(totals.relevance / n).toFixed(1), meanDateMs: +(totals.date / n).toFixed(1), worst }));
if (flag('plans')) {
  const forced = { walk: new SqliteStore(db, { readonly: true, walkFrom: 0 }), sort: new SqliteStore(db, { readonly: true, walkFrom: 1e12 }) };
  const best3 = async (fn) => { let b = Infinity; for (let i = 0; i < 3; i++) { const t = performance.now(); await fn(); b = Math.min(b, performance.now() - t); } return b; };
  const sum = { chosen: 0, walk: 0, sort: 0, cheaper: 0 };
  let n = 0;
  for (const q of SEARCHES) for (const half of ['searchArticles', 'searchAttributions']) for (const offset of [0, 200]) {
    const page = { q, limit: 20, offset, sort: 'date' };
    const c = await best3(() => store[half](page)), w = await best3(() => forced.walk[half](page)), s = await best3(() => forced.sort[half](page));
    sum.chosen += c; sum.walk += w; sum.sort += s; sum.cheaper += Math.min(w, s); n++;
  }
  const mean = Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, +(v / n).toFixed(2)]));
  console.log(`date order, mean ms a half-page over ${n}: chosen plan ${mean.chosen}, always walk ${mean.walk}, always sort ${mean.sort}, the cheaper each time ${mean.cheaper}`);
  console.log(JSON.stringify({ datePlans: mean, pages: n }));
  await forced.walk.close(); await forced.sort.close();
}
await store.close();
