#!/usr/bin/env node
// Analyzer throughput on the ukraine-media corpus, on one core: a bare wink-nlp readDoc pass over the
// same texts, then the whole analyzer (every extractor). Reports; asserts nothing.
// Usage: npm run build && node bench/analyzer-speed.mjs [N articles, default 1500]
// (CROSSCHECK_SHARED points at the shared folder when it is not ../shared.)
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CROSSCHECK_SHARED ?? join(root, '..', 'shared');
const corpus = join(shared, 'corpora', 'ukraine-media');
if (!existsSync(corpus)) { console.error(`no corpus at ${corpus}; set CROSSCHECK_SHARED`); process.exit(2); }
const N = Number(process.argv[2] ?? 1500);
const { expandPaths, readInput } = await import(join(root, 'dist/src/ingest/index.js'));
const { prepareArticle } = await import(join(root, 'dist/src/ingest/article.js'));
const { analyze } = await import(join(root, 'dist/src/analyze/index.js'));
const { readDoc } = await import(join(root, 'dist/src/analyze/nlp.js'));
const { findPlaces } = await import(join(root, 'dist/src/analyze/places.js'));
const { findMentions } = await import(join(root, 'dist/src/analyze/mentions.js'));
const { findDates } = await import(join(root, 'dist/src/analyze/dates.js'));
const { findQuantities } = await import(join(root, 'dist/src/analyze/quantities.js'));

// An even sample across outlets: every k-th article of each file.
const articles = [];
const all = [];
for await (const file of expandPaths([corpus], () => {}, () => {})) {
  for await (const item of readInput(file)) {
    if ('error' in item) continue;
    const a = prepareArticle(item.article);
    if ('id' in a) all.push(a);
  }
}
const step = Math.max(1, Math.floor(all.length / N));
for (let i = 0; i < all.length && articles.length < N; i += step) articles.push(all[i]);
const chars = articles.reduce((s, a) => s + a.text.length, 0);
// Warm up (and load the gazetteer) outside the timed passes.
for (const a of articles.slice(0, 20)) analyze({ text: a.text, doc: a.id, outlet: a.outlet, date: a.date });
let t = performance.now();
for (const a of articles) readDoc(a.text);
const bare = (performance.now() - t) / 1000;
t = performance.now();
let mentions = 0, quantities = 0;
for (const a of articles) {
  const r = analyze({ text: a.text, doc: a.id, outlet: a.outlet, date: a.date });
  mentions += r.mentions?.length ?? 0;
  quantities += r.quantities.length;
}
const full = (performance.now() - t) / 1000;
// The extractors of issue 4 alone, on documents already read (ms an article).
const docs = articles.map((a) => readDoc(a.text));
const per = (f) => { const t0 = performance.now(); f(); return ((performance.now() - t0) / articles.length).toFixed(2); };
let places, dates;
const tPlaces = per(() => { places = docs.map((d) => findPlaces(d)); });
const tMentions = per(() => docs.forEach((d, i) => findMentions(d, places[i])));
const tDates = per(() => { dates = docs.map((d, i) => findDates(d, articles[i].date)); });
const tQuantities = per(() => docs.forEach((d, i) => findQuantities(d, places[i], dates[i])));
console.log(`${articles.length} articles, ${(chars / 1e6).toFixed(1)} M characters (of ${all.length} in the corpus)`);
console.log(`bare wink-nlp readDoc: ${(articles.length / bare).toFixed(0)} articles/s`);
console.log(`per article: readDoc ${(1000 * bare / articles.length).toFixed(2)} ms; places ${tPlaces}, mentions ${tMentions}, dates ${tDates}, quantities ${tQuantities} ms; whole analyzer ${(1000 * full / articles.length).toFixed(2)} ms`);
console.log(`whole analyzer:        ${(articles.length / full).toFixed(0)} articles/s  (${(bare / full).toFixed(2)} of the bare pass; ${mentions} mentions, ${quantities} quantities)`);
