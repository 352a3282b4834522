// Aligns the attribution benchmark's gold strings (content, speaker, cue: strings without offsets, a
// discontinuous span joined with one space) to character spans and then to the analyzer's tokens.
// Used by scripts/train-cue-model.mjs and eval/cue-model.mjs; reads the benchmark from the shared folder
// at run time, never from the repository.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The benchmark folder inside the shared folder (CROSSCHECK_SHARED, default ../shared beside the repository). */
export function benchmarkDir(root) {
  const shared = process.env.CROSSCHECK_SHARED ?? join(root, '..', 'shared');
  return join(shared, 'benchmarks', 'polnear');
}

const isWordChar = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Every position where `s` occurs in `text` within [lo, hi). Occurrences that cut a word (where s starts or
 * ends with a letter) come only when there is no other: a few gold strings start inside a word.
 */
function occurrences(text, s, lo, hi) {
  const clean = [];
  const cut = [];
  if (!s) return clean;
  let k = text.indexOf(s, Math.max(0, lo));
  while (k >= 0 && k + s.length <= hi) {
    const okL = !isWordChar(s[0]) || !isWordChar(text[k - 1]);
    const okR = !isWordChar(s[s.length - 1]) || !isWordChar(text[k + s.length]);
    (okL && okR ? clean : cut).push(k);
    k = text.indexOf(s, k + 1);
  }
  return clean.length ? clean : cut;
}

/**
 * Ways `s` (pieces joined with ' ') stands in `text` within [lo, hi): each a list of [start, end) pieces in
 * text order. Contiguous occurrences first; otherwise the string is split at spaces into at most 3 pieces,
 * which may stand in the text in any order.
 */
function locate(text, s, lo, hi, maxPieces = 3, maxGap = 250) {
  const whole = occurrences(text, s, lo, hi).map((k) => [[k, k + s.length]]);
  if (whole.length || maxPieces <= 1) return whole;
  const out = [];
  for (let sp = s.indexOf(' '); sp > 0; sp = s.indexOf(' ', sp + 1)) {
    const head = s.slice(0, sp);
    const rest = s.slice(sp + 1);
    if (!rest) continue;
    for (const k of occurrences(text, head, lo, hi)) {
      const e = k + head.length;
      // The other pieces stand after a gap, on either side (brat lists a span's pieces in any order).
      for (const tail of locate(text, rest, Math.max(lo, k - maxGap), Math.min(hi, e + maxGap), maxPieces - 1, maxGap)) {
        if (tail.some(([a, b]) => !(b < k || a > e))) continue;
        out.push([[k, e], ...tail].sort((x, y) => x[0] - y[0]));
        if (out.length > 200) return out;
      }
    }
  }
  return out;
}

const spanOf = (pieces) => [pieces[0][0], pieces[pieces.length - 1][1]];
function gap(a, b) {
  if (a[1] <= b[0]) return b[0] - a[1];
  if (b[1] <= a[0]) return a[0] - b[1];
  return -1; // overlap
}

/**
 * Aligns one article's gold attributions. Returns, per attribution, { content, speaker, cue } as lists of
 * character pieces (or null when not found), and counts of failures.
 */
export function alignArticle(text, attributions) {
  const used = new Uint8Array(text.length + 1); // characters already given to a cue
  const out = attributions.map((a) => ({ gold: a, content: null, speaker: null, cue: null }));
  const choices = [];
  out.forEach((r, i) => {
    let contents = locate(text, r.gold.content, 0, text.length, 4, 2000);
    if (contents.length > 30) contents = contents.slice(0, 30);
    if (contents.length) r.content = contents[0];
    if (!r.gold.cue) return;
    for (const content of contents) {
      const cs = spanOf(content);
      const lo = Math.max(0, cs[0] - 600);
      const hi = Math.min(text.length, cs[1] + 600);
      const cands = locate(text, r.gold.cue, lo, hi);
      let sp = null;
      if (r.gold.speaker) {
        // The speaker occurrence nearest the content.
        let best = Infinity;
        for (const s of locate(text, r.gold.speaker, lo, hi)) { const g = gap(spanOf(s), cs); const d = g < 0 ? 1e6 : g; if (d < best) { best = d; sp = s; } }
      }
      for (const c of cands) {
        const span = spanOf(c);
        let g = gap(span, cs);
        if (g < 0) {
          // A cue inside its content's extent is possible only between discontinuous content pieces.
          const inside = content.length > 1 && content.every((p) => gap(p, span) >= 0);
          if (!inside) continue;
          g = 0;
        }
        let score = g;
        if (sp) { const gs = gap(span, spanOf(sp)); score += gs < 0 ? 1000 : 0.5 * gs; }
        score += (c.length - 1) * 40; // prefer contiguous
        choices.push([score, i, c, content, sp]);
      }
    }
  });
  // Greedy: the best-scoring (cue, content) pairs first; a cue's characters go to one attribution.
  choices.sort((x, y) => x[0] - y[0]);
  const done = new Set();
  for (const [, i, c, content, sp] of choices) {
    if (done.has(i)) continue;
    if (c.some(([s, e]) => { for (let k = s; k < e; k++) if (used[k]) return true; return false; })) continue;
    for (const [s, e] of c) for (let k = s; k < e; k++) used[k] = 1;
    Object.assign(out[i], { cue: c, content, speaker: sp });
    done.add(i);
  }
  return out;
}

/** Token ranges [t0, t1) covering character pieces (tokens overlapping them). */
export function tokenPieces(doc, pieces) {
  const res = [];
  for (const [s, e] of pieces) {
    let t0 = -1;
    let t1 = -1;
    for (let t = lowerBound(doc, s); t < doc.n && doc.start[t] < e; t++) {
      if (doc.end[t] <= s) continue;
      if (t0 < 0) t0 = t;
      t1 = t + 1;
    }
    if (t0 >= 0) {
      if (res.length && res[res.length - 1][1] >= t0) res[res.length - 1][1] = Math.max(res[res.length - 1][1], t1);
      else res.push([t0, t1]);
    }
  }
  return res;
}

function lowerBound(doc, offset) {
  let lo = 0;
  let hi = doc.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.end[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const AUX = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'am', "'s", "'re", "'m", 'has', 'have', 'had', 'having', "'ve", "'d", 'do', 'does', 'did', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', "'ll", 'wo', 'ca', 'not', "n't", 'to']);

/**
 * The head of a cue given as token pieces: the first verb that is not an auxiliary, else the first noun,
 * else "according", else the first adjective, else the first token that is not an auxiliary or a particle.
 */
export function cueHead(doc, pieces) {
  const toks = [];
  for (const [a, b] of pieces) for (let t = a; t < b; t++) toks.push(t);
  const first = (f) => toks.find(f);
  return (
    first((t) => doc.pos[t] === 'VERB' && !AUX.has(doc.lower[t])) ??
    first((t) => doc.pos[t] === 'NOUN') ??
    first((t) => doc.lower[t] === 'according') ??
    first((t) => doc.pos[t] === 'ADJ') ??
    first((t) => !AUX.has(doc.lower[t]) && doc.pos[t] !== 'DET' && doc.pos[t] !== 'ADV' && doc.pos[t] !== 'PART') ??
    toks[toks.length - 1]
  );
}

/**
 * Loads one split: per article its text, the analyzer's Doc, and per gold attribution the aligned token
 * pieces of its cue, speaker and content and the cue's head token (or null where alignment failed).
 */
export function loadSplit(root, split, readDoc, { limit = Infinity } = {}) {
  const dir = join(benchmarkDir(root), split);
  const files = readdirSync(join(dir, 'gold')).filter((f) => f.endsWith('.json')).sort().slice(0, limit);
  const articles = [];
  const stats = { attributions: 0, noContent: 0, noCue: 0, nullCue: 0 };
  for (const f of files) {
    const g = JSON.parse(readFileSync(join(dir, 'gold', f), 'utf8'));
    const text = readFileSync(join(dir, 'text', g.doc), 'utf8');
    const doc = readDoc(text);
    const aligned = alignArticle(text, g.attributions);
    const cues = [];
    for (const r of aligned) {
      stats.attributions++;
      if (!r.gold.cue) { stats.nullCue++; continue; }
      if (!r.content) stats.noContent++;
      if (!r.cue) { stats.noCue++; continue; }
      const pieces = tokenPieces(doc, r.cue);
      if (!pieces.length) { stats.noCue++; continue; }
      cues.push({
        text: r.gold.cue,
        pieces,
        head: cueHead(doc, pieces),
        speaker: r.speaker ? tokenPieces(doc, r.speaker) : null,
        content: r.content ? tokenPieces(doc, r.content) : null,
      });
    }
    articles.push({ name: g.doc, text, doc, gold: g.attributions, cues });
  }
  return { articles, stats };
}
