#!/usr/bin/env node
// The analysis records of the benchmark corpus, one JSON line an article in corpus order, for checking that
// a change to the analyzer (a speed-up) leaves every record as it was: write them before the change, and
// after it compare (--compare), which names each article and field that differs.
// Usage: npm run build && node bench/records.mjs --out FILE [--compare OLD] [--reverse] [--limit N] [--corpus DIR]
// --reverse analyses the articles in the opposite order (the records must not depend on the order).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from '../dist/src/analyze/index.js';
import { corpusDir, flag, opt } from './args.mjs';
import { readCorpus } from './corpus.mjs';

const limit = Number(opt('limit', '0')) || Infinity;
const out = opt('out', null);
const old = opt('compare', null);
if (!out && !old) {
  console.error('usage: node bench/records.mjs --out FILE [--compare OLD] [--reverse] [--limit N] [--corpus DIR]');
  process.exit(2);
}

const corpus = corpusDir();
const articles = readCorpus(corpus, limit);
const order = articles.map((_, i) => i);
if (flag('reverse')) order.reverse();
const lines = new Array(articles.length);
const t0 = performance.now();
for (const i of order) {
  const a = articles[i];
  lines[i] = JSON.stringify(analyze({ text: a.text, doc: a.id, id: a.id, outlet: a.outlet, date: a.date }));
}
const ms = performance.now() - t0;
const body = lines.join('\n') + '\n';
console.log(`${articles.length} articles from ${corpus}: ${(ms / articles.length).toFixed(2)} ms an article; sha256 ${createHash('sha256').update(body).digest('hex').slice(0, 16)}`);
if (out) writeFileSync(out, body);
if (old) {
  const before = readFileSync(old, 'utf8').split('\n');
  let differ = 0;
  for (let i = 0; i < lines.length; i++) {
    if (before[i] === lines[i]) continue;
    differ++;
    if (differ > 10) continue;
    if (before[i] === undefined) { console.log(`article ${i} (${articles[i].id}): not in ${old}`); continue; }
    const x = JSON.parse(before[i]);
    const y = JSON.parse(lines[i]);
    const fields = Object.keys({ ...x, ...y }).filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
    console.log(`article ${i} (${articles[i].id}): ${fields.join(', ')} differ`);
  }
  if (before.length - 1 !== lines.length) console.log(`${old} has ${before.length - 1} records, this run ${lines.length}`);
  console.log(differ ? `${differ} of ${lines.length} records differ from ${old}` : `all ${lines.length} records are identical to ${old}`);
  if (differ || before.length - 1 !== lines.length) process.exitCode = 1;
}
