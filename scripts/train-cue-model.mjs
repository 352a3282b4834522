#!/usr/bin/env node
// Trains the cue model (src/analyze/cue-model.ts) on the political-news attribution benchmark's train split
// and writes data/cue-model.bin. The benchmark is read from the shared folder at run time
// (CROSSCHECK_SHARED, default ../shared beside the repository); nothing of it is copied into the project.
//
// Usage: npm run build && node scripts/train-cue-model.mjs [--out data/cue-model.bin] [--epochs 6] [--quiet]
//
// Steps: align the gold cue strings to the analyzer's tokens (scripts/cue-align.mjs), pick the head
// candidates' word list, extract the hashed features with the same code the analyzer runs, fit three
// logistic regressions (head, span-left, span-right) with AdaGrad, choose the head threshold on the dev
// split, and write the weights rounded to 1/2048 with the tiny ones dropped.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSplit } from './cue-align.mjs';

const started = performance.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const out = opt('--out', join(root, 'data', 'cue-model.bin'));
const EPOCHS = Number(opt('--epochs', 6));
const sq = new Float32Array(1 << Number(opt('--bits', 20)));
const BITS = Number(opt('--bits', 20));
const LR = Number(opt('--lr', 0.02));
const L2 = Number(opt('--l2', 1e-6));
const MIN_HEAD = Number(opt('--min-head', 2));
const MIN_RATE = Number(opt('--min-rate', 0.01));
const PRUNE = Number(opt('--prune', 0.01));
const STACK_EPOCHS = Number(opt('--stack-epochs', 3));
const SEED = Number(opt('--seed', 0));
const quiet = args.includes('--quiet');
const log = (...a) => { if (!quiet) console.error(...a); };

const { readDoc } = await import(join(root, 'dist', 'src', 'analyze', 'nlp.js'));
const M = await import(join(root, 'dist', 'src', 'analyze', 'cue-model.js'));

// ---------- data ----------
let t = performance.now();
// --cache FILE keeps the tokenised, aligned splits between runs (v8 serialisation; for development).
const cache = opt('--cache', null);
let train, dev;
if (cache && existsSync(cache)) ({ train, dev } = deserialize(readFileSync(cache)));
else {
  train = loadSplit(root, 'train', readDoc);
  dev = loadSplit(root, 'dev', readDoc);
  if (cache) writeFileSync(cache, serialize({ train, dev }));
}
log(`read and aligned ${train.articles.length} train and ${dev.articles.length} dev articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
log(`  train: ${JSON.stringify(train.stats)}; dev: ${JSON.stringify(dev.stats)}`);

// Head candidates beyond verbs: words that head a cue at least MIN_HEAD times in train, and in at least
// MIN_RATE of their occurrences ("claim", "view", ":"; not "in" or "for", whose rare cues cost much to score).
const headCount = new Map();
const seen = new Map();
for (const a of train.articles) {
  for (let i = 0; i < a.doc.n; i++) if (a.doc.pos[i] !== 'VERB') seen.set(a.doc.lower[i], (seen.get(a.doc.lower[i]) ?? 0) + 1);
  for (const c of a.cues) {
    if (a.doc.pos[c.head] === 'VERB') continue;
    const w = a.doc.lower[c.head];
    headCount.set(w, (headCount.get(w) ?? 0) + 1);
  }
}
const candidates = new Set([...headCount].filter(([w, n]) => n >= MIN_HEAD && n / seen.get(w) >= MIN_RATE).map(([w]) => w));
const mask = (1 << BITS) - 1;
const weights = new Float32Array(1 << BITS);
const model = M.makeCueModel(BITS, new Int16Array(1 << BITS), candidates, 0.5); // for the candidate test

// ---------- examples ----------
function examples(split) {
  const head = { feats: [], labels: [], where: [] };
  const span = { left: { feats: [], labels: [] }, right: { feats: [], labels: [] } };
  const buf = new Uint32Array(64);
  let goldHeads = 0;
  let covered = 0;
  split.articles.forEach((a, ai) => {
    const { doc } = a;
    const ctx = M.cueContext(doc);
    const heads = new Map();
    for (const c of a.cues) heads.set(c.head, c);
    goldHeads += a.cues.length;
    for (let i = 0; i < doc.n; i++) {
      if (!M.isCandidate(model, ctx, i)) continue;
      if (heads.has(i)) covered++;
      const k = M.headFeatures(ctx, i, buf);
      head.feats.push(buf.slice(0, k).map((x) => x & mask));
      head.labels.push(heads.has(i) ? 1 : 0);
      head.where.push([ai, i]);
    }
    for (const c of a.cues) {
      if (c.pieces.length !== 1) continue;
      const [t0, t1] = c.pieces[0];
      const h = c.head;
      const sent = doc.sentences[doc.sentOf[h]];
      for (let k = h - 1; k >= Math.max(sent.t0, h - M.SPAN_REACH); k--) {
        const n = M.spanFeatures(ctx, h, k, -1, buf);
        span.left.feats.push(buf.slice(0, n).map((x) => x & mask));
        span.left.labels.push(k >= t0 ? 1 : 0);
        if (k < t0) break;
      }
      for (let k = h + 1; k < Math.min(sent.t1, h + 1 + M.SPAN_REACH); k++) {
        const n = M.spanFeatures(ctx, h, k, 1, buf);
        span.right.feats.push(buf.slice(0, n).map((x) => x & mask));
        span.right.labels.push(k < t1 ? 1 : 0);
        if (k >= t1) break;
      }
    }
  });
  return { head, span, goldHeads, covered };
}
t = performance.now();
const tr = examples(train);
log(`features: ${tr.head.labels.length} head candidates (${tr.covered}/${tr.goldHeads} gold heads among them), ` +
  `${tr.span.left.labels.length} + ${tr.span.right.labels.length} span decisions, ${candidates.size} candidate words, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// ---------- training: logistic regression, AdaGrad, seeded shuffles ----------
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; s ^= s >>> 13; return (s >>> 0) / 4294967296; };
}
/**
 * Fits examples { feats (table indices), labels, values? } into w (AdaGrad state sq). With values, each
 * example also has the real-valued feature at table index `real` (the second pass's first-pass logit).
 */
function fit({ feats, labels, values }, epochs, seed, w, sq, real = -1) {
  const order = Array.from(labels.keys());
  const rand = rng(seed + 1000 * SEED);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let loss = 0;
    for (const x of order) {
      const f = feats[x];
      let s = values ? w[real] * values[x] : 0;
      for (let k = 0; k < f.length; k++) s += w[f[k]];
      const p = 1 / (1 + Math.exp(-s));
      const y = labels[x];
      loss -= y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
      const g = p - y;
      if (values) {
        const gk = g * values[x];
        sq[real] += gk * gk;
        w[real] -= (LR * gk) / Math.sqrt(sq[real] + 1e-8);
      }
      for (let k = 0; k < f.length; k++) {
        const idx = f[k];
        const gk = g + L2 * w[idx];
        sq[idx] += gk * gk;
        w[idx] -= (LR * gk) / Math.sqrt(sq[idx] + 1e-8);
      }
    }
    log(`  epoch ${e + 1}: mean log loss ${(loss / order.length).toFixed(4)}`);
  }
}
const subset = (ex, keep) => {
  const idx = ex.labels.map((_, i) => i).filter((i) => keep(ex.where[i][0]));
  return { feats: idx.map((i) => ex.feats[i]), labels: idx.map((i) => ex.labels[i]) };
};
t = performance.now();
// First pass on two halves of train, each scoring the other (out-of-fold logits for the second pass).
const folds = [0, 1].map((f) => {
  log(`head model, first pass, fold ${f + 1} of 2`);
  const w = new Float32Array(1 << BITS);
  fit(subset(tr.head, (ai) => ai % 2 !== f), EPOCHS, 11 + f, w, new Float32Array(1 << BITS));
  return w;
});
const outOfFold = train.articles.map((a) => new Float32Array(a.doc.n).fill(NaN));
tr.head.feats.forEach((f, x) => {
  const [ai, i] = tr.head.where[x];
  const w = folds[ai % 2];
  let s = 0;
  for (let k = 0; k < f.length; k++) s += w[f[k]];
  outOfFold[ai][i] = s;
});
log('head model, first pass, all of train');
fit(tr.head, EPOCHS, 1, weights, sq);
// Second pass on the out-of-fold logits.
const stack = { feats: [], labels: [], values: [] };
{
  const buf = new Uint32Array(64);
  const scs = train.articles.map((a, ai) => M.stackContext(M.cueContext(a.doc), outOfFold[ai]));
  tr.head.where.forEach(([ai, i], x) => {
    const a = train.articles[ai];
    const n = M.stackFeatures(M.cueContext(a.doc), scs[ai], i, buf);
    stack.feats.push(buf.slice(0, n).map((v) => v & mask));
    stack.labels.push(tr.head.labels[x]);
    stack.values.push(outOfFold[ai][i]);
  });
}
const REAL = M.STACK_LOGIT & mask;
weights[REAL] = 1;
log('head model, second pass');
fit(stack, STACK_EPOCHS, 4, weights, sq, REAL);
log('span model, left');
fit(tr.span.left, EPOCHS, 2, weights, sq);
log('span model, right');
fit(tr.span.right, EPOCHS, 3, weights, sq);
log(`trained in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// ---------- rounding, threshold on dev ----------
const shipped = M.makeCueModel(BITS, M.quantizeWeights(weights, PRUNE), candidates, 0.5);
let best = { f1: -1, threshold: 0.5 };
const devProbs = dev.articles.map((a) => M.cueHeadProbabilities(a.doc, shipped));
for (let th = 0.1; th <= 0.8001; th += 0.025) {
  let tp = 0, np = 0, ng = 0;
  dev.articles.forEach((a, ai) => {
    const gold = new Set(a.cues.map((c) => c.head));
    ng += gold.size;
    devProbs[ai].forEach((p, i) => { if (p >= th && p > 0) { np++; if (gold.has(i)) tp++; } });
  });
  const f1 = (2 * tp) / (np + ng);
  if (f1 > best.f1) best = { f1, threshold: Math.round(th * 1000) / 1000, p: tp / np, r: tp / ng };
}
{
  // The first pass alone, for comparison.
  const firsts = dev.articles.map((a) => M.firstPassScores(a.doc, shipped));
  let b1 = 0;
  for (let th = -2; th <= 1.5; th += 0.1) {
    let tp = 0, np = 0, ng = 0;
    dev.articles.forEach((a, ai) => {
      const gold = new Set(a.cues.map((c) => c.head));
      ng += gold.size;
      firsts[ai].forEach((s, i) => { if (s >= th) { np++; if (gold.has(i)) tp++; } });
    });
    b1 = Math.max(b1, (2 * tp) / (np + ng));
  }
  log(`dev head F1 of the first pass alone ${(100 * b1).toFixed(1)}`);
}
log(`dev head F1 ${(100 * best.f1).toFixed(1)} (P ${(100 * best.p).toFixed(1)}, R ${(100 * best.r).toFixed(1)}) at threshold ${best.threshold}`);
const final = M.encodeCueModel({ ...shipped, threshold: best.threshold });
writeFileSync(out, final);
const nonzero = shipped.weights.reduce((n, q) => n + (q !== 0 ? 1 : 0), 0);
console.log(`wrote ${out}: ${(final.length / 1024).toFixed(0)} KiB, ${nonzero} weights, threshold ${best.threshold}; ` +
  `training took ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
