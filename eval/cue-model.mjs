#!/usr/bin/env node
// The cue model (src/analyze/cue-model.ts) on its own, against the attribution benchmark's gold cues aligned
// to tokens (scripts/cue-align.mjs), beside the rule engine's cues from `crosscheck analyze --format jsonl`
// on the same texts. Reports; asserts nothing.
//
// Usage: npm run build && node eval/cue-model.mjs [dev|test] [--model FILE] [--threshold P] [--no-rules] [--cache FILE]
// (CROSSCHECK_SHARED points at the shared folder when it is not ../shared; quote test only as a result.)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { benchmarkDir, cueHead, loadSplit, tokenPieces } from '../scripts/cue-align.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const split = args.find((a) => a === 'dev' || a === 'test') ?? 'dev';
const { readDoc } = await import(join(root, 'dist', 'src', 'analyze', 'nlp.js'));
const M = await import(join(root, 'dist', 'src', 'analyze', 'cue-model.js'));
const model = opt('--model') ? M.parseCueModel(readFileSync(opt('--model'))) : M.cueModel();
const threshold = Number(opt('--threshold', model.threshold));

const cache = opt('--cache');
let data;
if (cache && existsSync(cache)) data = deserialize(readFileSync(cache))[split];
if (!data) {
  data = loadSplit(root, split, readDoc);
  if (cache) writeFileSync(cache, serialize({ [split]: data }));
}
const { articles, stats } = data;

// The scorer's cue key (../shared/eval/score.mjs): lower-cased word tokens joined by spaces.
const fold = (s) => String(s ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const key = (s) => fold(s).replace(/[’‘`]/g, "'").split(/[^\p{L}\p{N}']+/u).map((t) => t.replace(/^'+|'+$/g, '')).filter(Boolean).join(' ');
function multisetTP(g, p) { const c = new Map(); for (const x of g) c.set(x, (c.get(x) ?? 0) + 1); let tp = 0; for (const x of p) { const k = c.get(x) ?? 0; if (k) { tp++; c.set(x, k - 1); } } return tp; }
const prf = (tp, np, ng) => { const p = np ? tp / np : 0; const r = ng ? tp / ng : 0; return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, np, ng }; };
const pct = (x) => (100 * x).toFixed(1);
const line = (name, m) => console.log(`${name.padEnd(34)} P ${pct(m.p).padStart(5)}  R ${pct(m.r).padStart(5)}  F1 ${pct(m.f1).padStart(5)}   (${m.tp} matched, ${m.np} predicted, ${m.ng} gold)`);

/** Head P/R/F1, span exact on matched heads, and the scorer's cue-string multiset F1, for cues per article. */
function measure(predicted) {
  let tp = 0, np = 0, ng = 0, spanOk = 0, stp = 0, snp = 0, sng = 0;
  articles.forEach((a, ai) => {
    const gold = new Map(a.cues.map((c) => [c.head, c]));
    const pred = predicted[ai];
    ng += gold.size;
    const heads = new Set();
    for (const c of pred) {
      if (heads.has(c.head)) continue;
      heads.add(c.head);
      np++;
      const g = gold.get(c.head);
      if (!g) continue;
      tp++;
      const [t0, t1] = [g.pieces[0][0], g.pieces[g.pieces.length - 1][1]];
      if (c.t0 === t0 && c.t1 === t1) spanOk++;
    }
    const gs = a.gold.map((x) => x.cue).filter(Boolean).map(key);
    const ps = pred.map((c) => key(c.text));
    stp += multisetTP(gs, ps); snp += ps.length; sng += gs.length;
  });
  return { head: prf(tp, np, ng), spanExactOnMatched: spanOk / tp, headAndSpan: prf(spanOk, np, ng), strings: prf(stp, snp, sng) };
}

// ---------- the model ----------
for (const a of articles) M.findCues(a.doc, { model, threshold }); // warm up
const reps = 5;
let t0 = performance.now();
let modelCues;
for (let r = 0; r < reps; r++) modelCues = articles.map((a) => M.findCues(a.doc, { model, threshold }));
const ms = (performance.now() - t0) / reps / articles.length;
const tokens = articles.reduce((s, a) => s + a.doc.n, 0) / articles.length;
const predModel = modelCues.map((cs, ai) => cs.map((c) => ({ head: c.head, t0: c.t0, t1: c.t1, text: articles[ai].text.slice(c.start, c.end) })));
const mm = measure(predModel);

console.log(`${split}: ${articles.length} articles, ${stats.attributions} gold attributions, ${stats.attributions - stats.noCue - stats.nullCue} cues aligned to tokens (${stats.noCue} not found)`);
console.log(`\ncue model (threshold ${threshold})`);
line('cue heads', mm.head);
line('cue heads with the exact span', mm.headAndSpan);
console.log(`${'span exact on matched heads'.padEnd(34)} ${pct(mm.spanExactOnMatched)}`);
line('cue strings (scorer multiset)', mm.strings);
console.log(`${'speed'.padEnd(34)} ${ms.toFixed(3)} ms an article (${tokens.toFixed(0)} tokens on average; ${(ms * 700 / tokens).toFixed(3)} ms per 700 tokens), tokens already read`);

// ---------- the rule engine ----------
if (!args.includes('--no-rules')) {
  const dir = join(benchmarkDir(root), split, 'text');
  const files = articles.map((a) => join(dir, a.name));
  const out = execFileSync(process.execPath, [join(root, 'bin', 'crosscheck.js'), 'analyze', '--format', 'jsonl', ...files], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const byDoc = new Map(out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r) => [r.doc, r]));
  const predRules = articles.map((a) => {
    const rec = byDoc.get(a.name);
    const cues = [];
    for (const at of rec?.attributions ?? []) {
      if (at.cueStart == null || at.cueEnd == null) continue;
      const pieces = tokenPieces(a.doc, [[at.cueStart, at.cueEnd]]);
      if (!pieces.length) continue;
      cues.push({ head: cueHead(a.doc, pieces), t0: pieces[0][0], t1: pieces[pieces.length - 1][1], text: at.cue });
    }
    return cues;
  });
  const mr = measure(predRules);
  console.log('\nrule engine (crosscheck analyze; cue heads counted once, cue strings once per attribution as the scorer does)');
  line('cue heads', mr.head);
  line('cue heads with the exact span', mr.headAndSpan);
  console.log(`${'span exact on matched heads'.padEnd(34)} ${pct(mr.spanExactOnMatched)}`);
  line('cue strings (scorer multiset)', mr.strings);
  // Together: the model's cues where the rules found none at that head.
  let both = 0, onlyModel = 0, onlyRules = 0, gold = 0;
  articles.forEach((a, ai) => {
    const g = new Set(a.cues.map((c) => c.head));
    gold += g.size;
    const m = new Set(predModel[ai].map((c) => c.head));
    const r = new Set(predRules[ai].map((c) => c.head));
    for (const h of g) { if (m.has(h) && r.has(h)) both++; else if (m.has(h)) onlyModel++; else if (r.has(h)) onlyRules++; }
  });
  console.log(`\ngold cue heads found by both ${both}, by the model only ${onlyModel}, by the rules only ${onlyRules}, of ${gold}: ` +
    `the union would reach recall ${pct((both + onlyModel + onlyRules) / gold)}`);
}
