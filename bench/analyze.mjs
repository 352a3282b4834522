#!/usr/bin/env node
// Analyzer throughput: crosscheck's full analyze() against a bare wink-nlp readDoc pass over the same
// cleaned texts, in one run, on one core. Prints figures and, last, one JSON line. Reports; never asserts.
// Usage: node bench/analyze.mjs [--limit N] [--corpus DIR]
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyze } from '../dist/src/analyze/index.js';
import { readCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const corpus = opt('--corpus', process.env.CROSSCHECK_CORPUS ?? join(root, '..', 'shared', 'corpora', 'ukraine-media'));
const limit = Number(opt('--limit', '0')) || Infinity;

const texts = readCorpus(corpus, limit);
const chars = texts.reduce((n, t) => n + t.text.length, 0);
console.log(`${texts.length} distinct articles from ${corpus} (${(chars / texts.length).toFixed(0)} characters on average)`);

const nlp = winkNLP(model);
const time = (fn) => { const t0 = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t0) / 1e9; };
// Warm both paths on a few texts first (JIT, lazy tables), then measure each over all texts, twice, keeping the best.
for (const t of texts.slice(0, 50)) { nlp.readDoc(t.text); analyze({ text: t.text, doc: 'b', outlet: t.outlet, date: t.date }); }
let bare = Infinity, full = Infinity, records = 0;
for (let round = 0; round < 2; round++) {
  bare = Math.min(bare, time(() => { for (const t of texts) nlp.readDoc(t.text); }));
  full = Math.min(full, time(() => { records = 0; for (const t of texts) { const r = analyze({ text: t.text, doc: 'b', outlet: t.outlet, date: t.date }); records += r.attributions.length + r.quantities.length; } }));
}
const articlesPerSecond = texts.length / full;
const baselineArticlesPerSecond = texts.length / bare;
console.log(`bare wink-nlp readDoc: ${baselineArticlesPerSecond.toFixed(0)} articles/s (${bare.toFixed(2)} s)`);
console.log(`crosscheck analyze:    ${articlesPerSecond.toFixed(0)} articles/s (${full.toFixed(2)} s), ${records} records`);
console.log(`ratio (analyze / bare): ${(articlesPerSecond / baselineArticlesPerSecond).toFixed(2)}`);
// Where the time goes, step by step (one more pass, timed per step).
const times = {};
for (const t of texts) analyze({ text: t.text, doc: 'b', outlet: t.outlet, date: t.date }, times);
const total = Object.values(times).reduce((a, b) => a + b, 0);
console.log('per step, ms per article: ' + Object.entries(times).map(([k, v]) => `${k} ${(v / texts.length).toFixed(3)}`).join(', ') + ` (total ${(total / texts.length).toFixed(3)}; bare readDoc ${(1000 * bare / texts.length).toFixed(3)})`);
console.log(JSON.stringify({ articles: texts.length, articlesPerSecond: Math.round(articlesPerSecond), baselineArticlesPerSecond: Math.round(baselineArticlesPerSecond), ratio: Number((articlesPerSecond / baselineArticlesPerSecond).toFixed(3)) }));
