#!/usr/bin/env node
// Analyzer throughput: crosscheck's full analyze() against a bare wink-nlp readDoc pass over the same
// cleaned texts, in one run, on one core, the two interleaved chunk by chunk. Prints figures and, last, one
// JSON line (with the load average at the end). Reports; never asserts.
// Usage: node bench/analyze.mjs [--limit N] [--corpus DIR]
import { loadavg } from 'node:os';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyze } from '../dist/src/analyze/index.js';
import { corpusDir, opt } from './args.mjs';
import { readCorpus } from './corpus.mjs';

const corpus = corpusDir();
const limit = Number(opt('limit', '0')) || Infinity;

const texts = readCorpus(corpus, limit);
const chars = texts.reduce((n, t) => n + t.text.length, 0);
console.log(`${texts.length} distinct articles from ${corpus} (${(chars / texts.length).toFixed(0)} characters on average)`);

const nlp = winkNLP(model);
const wall = () => process.hrtime.bigint();
const cpu = () => { const c = process.cpuUsage(); return c.user + c.system; };
// Warm both paths on a few texts first (JIT, lazy tables). Then the two passes are interleaved, chunk by chunk
// (each chunk read bare and analysed, in alternating order), so that both see the same machine when others
// share it; each chunk is measured twice and its best time kept. Wall time gives the figures; CPU time (the
// process's, on a loaded machine the steadier of the two) gives a second ratio.
for (const t of texts.slice(0, 50)) { nlp.readDoc(t.text); analyze({ text: t.text, doc: 'b', outlet: t.outlet, date: t.date }); }
const CHUNK = 50;
let bare = 0, full = 0, bareCpu = 0, fullCpu = 0, records = 0;
const runBare = (chunk) => { for (const t of chunk) nlp.readDoc(t.text); };
const runFull = (chunk) => { let n = 0; for (const t of chunk) { const r = analyze({ text: t.text, doc: 'b', outlet: t.outlet, date: t.date }); n += r.attributions.length + r.quantities.length; } return n; };
for (let c = 0; c < texts.length; c += CHUNK) {
  const chunk = texts.slice(c, c + CHUNK);
  const best = { bare: Infinity, full: Infinity, bareCpu: Infinity, fullCpu: Infinity };
  for (let round = 0; round < 2; round++) {
    const order = (c / CHUNK + round) % 2 ? ['full', 'bare'] : ['bare', 'full'];
    for (const which of order) {
      const w0 = wall(), c0 = cpu();
      if (which === 'bare') runBare(chunk); else records += round === 0 ? runFull(chunk) : (runFull(chunk), 0);
      const w = Number(wall() - w0) / 1e9, u = (cpu() - c0) / 1e6;
      best[which] = Math.min(best[which], w);
      best[which + 'Cpu'] = Math.min(best[which + 'Cpu'], u);
    }
  }
  bare += best.bare; full += best.full; bareCpu += best.bareCpu; fullCpu += best.fullCpu;
}
const articlesPerSecond = texts.length / full;
const baselineArticlesPerSecond = texts.length / bare;
console.log(`bare wink-nlp readDoc: ${baselineArticlesPerSecond.toFixed(0)} articles/s (${bare.toFixed(2)} s; CPU ${bareCpu.toFixed(2)} s)`);
console.log(`crosscheck analyze:    ${articlesPerSecond.toFixed(0)} articles/s (${full.toFixed(2)} s; CPU ${fullCpu.toFixed(2)} s), ${records} records`);
console.log(`ratio (analyze / bare): ${(articlesPerSecond / baselineArticlesPerSecond).toFixed(2)} (by CPU time ${(bareCpu / fullCpu).toFixed(2)})`);
// Where the time goes, step by step (one more pass, timed per step).
const times = {};
for (const t of texts) analyze({ text: t.text, doc: 'b', outlet: t.outlet, date: t.date }, times);
const total = Object.values(times).reduce((a, b) => a + b, 0);
console.log('per step, ms per article: ' + Object.entries(times).map(([k, v]) => `${k} ${(v / texts.length).toFixed(3)}`).join(', ') + ` (total ${(total / texts.length).toFixed(3)}; bare readDoc ${(1000 * bare / texts.length).toFixed(3)})`);
console.log(JSON.stringify({ articles: texts.length, articlesPerSecond: Math.round(articlesPerSecond), baselineArticlesPerSecond: Math.round(baselineArticlesPerSecond), ratio: Number((articlesPerSecond / baselineArticlesPerSecond).toFixed(3)), cpuRatio: Number((bareCpu / fullCpu).toFixed(3)), loadAverage: Number(loadavg()[0].toFixed(2)) }));
