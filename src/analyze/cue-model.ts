// A learned cue model: for each token of a document, the probability that it heads an attribution cue
// ("said", "according" in "according to", "claim", ":" before a quote), and for a cue head the cue span the
// political-news attribution corpus would mark around it ("has also said", "said in a statement",
// "called for"). Three hashed sparse logistic regressions share one weight table: the head model scores
// candidate tokens (verbs, words the training data saw as cue heads, a few punctuation marks), and two
// span models walk outward from a head, one token at a time, deciding whether the next token to the left
// (right) still belongs to the cue.
//
// The weights are trained by scripts/train-cue-model.mjs and shipped in data/cue-model.bin; they are read
// once, on first use, and never change afterwards: the same document always gets the same scores.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CUE_NOUNS, ORG_NOUNS, PERSON_NOUNS, PRONOUNS, reportingLemma, verbFrame, WEAK_VERBS } from './lexicon.js';
import type { Doc } from './nlp.js';

// ---------- the model ----------

export interface CueModel {
  /** log2 of the size of the hashed weight table. */
  readonly bits: number;
  /** The hashed weight table (dense, 2^bits). */
  readonly weights: Float32Array;
  /** Words (lower-cased) that are head candidates whatever their part of speech. */
  readonly candidates: ReadonlySet<string>;
  /** Probability at or above which a candidate is reported as a cue head by findCues. */
  readonly threshold: number;
}

const MAGIC = 0x4d455543; // "CUEM"
const VERSION = 1;
/** Weights are stored as 16-bit integers of this step. */
const STEP = 1 / 2048;

/**
 * Reads a model from the bytes of data/cue-model.bin: magic, version, bits, threshold × 10⁴, the candidate
 * words (UTF-8, one a line), then the non-zero weights as sorted table indices (uint32) and values (int16).
 */
export function parseCueModel(bytes: Uint8Array): CueModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (what: string): never => { throw new Error(`[E_CUE_MODEL] the cue model file is damaged (${what}); rebuild it with scripts/train-cue-model.mjs`); };
  if (bytes.byteLength < 24 || view.getUint32(0, true) !== MAGIC) fail('no CUEM header');
  if (view.getUint32(4, true) !== VERSION) fail(`version ${view.getUint32(4, true)}, expected ${VERSION}`);
  const bits = view.getUint32(8, true);
  if (bits < 8 || bits > 24) fail(`table size 2^${bits}`);
  const threshold = view.getUint32(12, true) / 10000;
  const wordBytes = view.getUint32(16, true);
  let at = 20;
  if (at + wordBytes + 4 > bytes.byteLength) fail('truncated word list');
  const words = new TextDecoder().decode(bytes.subarray(at, at + wordBytes));
  at += wordBytes;
  const count = view.getUint32(at, true);
  at += 4;
  if (at + count * 6 !== bytes.byteLength) fail(`expected ${count} weights`);
  const weights = new Float32Array(1 << bits);
  for (let k = 0; k < count; k++) {
    const index = view.getUint32(at + 4 * k, true);
    if (index >= weights.length) fail(`weight index ${index}`);
    weights[index] = view.getInt16(at + 4 * count + 2 * k, true) * STEP;
  }
  return { bits, weights, candidates: new Set(words ? words.split('\n') : []), threshold };
}

/** The inverse of parseCueModel: weights below half a step are dropped, the rest rounded to the step. */
export function encodeCueModel(model: CueModel): Uint8Array {
  const words = new TextEncoder().encode([...model.candidates].sort().join('\n'));
  const idx: number[] = [];
  const val: number[] = [];
  model.weights.forEach((w, i) => {
    const q = Math.max(-32767, Math.min(32767, Math.round(w / STEP)));
    if (q !== 0) { idx.push(i); val.push(q); }
  });
  const out = new Uint8Array(20 + words.length + 4 + idx.length * 6);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, model.bits, true);
  view.setUint32(12, Math.round(model.threshold * 10000), true);
  view.setUint32(16, words.length, true);
  out.set(words, 20);
  let at = 20 + words.length;
  view.setUint32(at, idx.length, true);
  at += 4;
  idx.forEach((i, k) => view.setUint32(at + 4 * k, i, true));
  val.forEach((v, k) => view.setInt16(at + 4 * idx.length + 2 * k, v, true));
  return out;
}

/** The path of the shipped weights: data/cue-model.bin at the project root (three folders above dist/src/analyze/). */
export function cueModelPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return process.env.CROSSCHECK_CUE_MODEL ?? join(here, '..', '..', '..', 'data', 'cue-model.bin');
}

let loaded: CueModel | null = null;

/** The shipped model, read from disk on the first call and kept (read-only) afterwards. */
export function cueModel(): CueModel {
  if (!loaded) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(cueModelPath());
    } catch (e) {
      throw new Error(`[E_CUE_MODEL] cannot read the cue model at ${cueModelPath()} (${(e as Error).message}); it ships in data/ (set CROSSCHECK_CUE_MODEL to another file)`);
    }
    loaded = parseCueModel(bytes);
  }
  return loaded;
}

// ---------- hashing ----------

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a feature template and up to three values into one 32-bit hash (murmur3 finaliser steps). */
function mix(t: number, a: number, b: number, c: number): number {
  let h = Math.imul(t + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}

// ---------- per-document features ----------

const POS_TAGS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'];
const POS_ID: Record<string, number> = Object.fromEntries(POS_TAGS.map((p, i) => [p, i + 1]));
const QUOTE_OPEN = new Set(['“', '„', '«', '``']);
const QUOTE_CLOSE = new Set(['”', '»', "''"]);
const QUOTE_ANY = new Set(['"', '“', '”', '„', '«', '»', "''", '``']);
/** Punctuation that can introduce attributed content, and so be a cue. */
const CUE_PUNCT = new Set([':', '―', '--', '—', '–']);
const NONE = 0x5bd1e995;

/** Suffix-stripped form of a lower-cased word ("says", "saying", "said" stay apart; "claims"/"claimed" → "claim"). */
export function stemOf(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ied')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) return w.slice(0, -1);
  return w;
}

/** What the features of one document need, computed once per document. */
export interface CueContext {
  readonly doc: Doc;
  /** Hash of each token's lower-cased form. */
  readonly word: Uint32Array;
  /** Hash of each token's stem. */
  readonly stem: Uint32Array;
  /** Part-of-speech id of each token (0 beyond the ends). */
  readonly pos: Uint8Array;
  /** 1 when the token stands inside double quotation marks. */
  readonly inQuote: Uint8Array;
  /** 1 when the token is a quotation mark. */
  readonly isQuote: Uint8Array;
  /** Hash of the reporting lemma of the token's form (lexicon.ts), or 0. */
  readonly lemma: Uint32Array;
  /** Bit flags: 1 weak reporting verb, 2 cue noun, 4 frame tell, 8 frame object, 16 frame urge. */
  readonly lex: Uint8Array;
  /** Hash of the last three letters of each token's lower-cased form. */
  readonly suffix: Uint32Array;
  /** 1 when the token starts with a capital letter. */
  readonly cap: Uint8Array;
  /** What the word names when it is a subject: 1 a person noun, 2 an organisation noun, 3 a pronoun (lexicon.ts). */
  readonly kind: Uint8Array;
}

const contexts = new WeakMap<Doc, CueContext>();

/** What the features need of a word form, computed once per form (a pure function of the string, memoised). */
interface WordInfo { word: number; stem: number; suffix: number; lemma: number; lex: number; cap: number; kind: number }
/** Dashes that can stand for a cue ("“…” ― Sonya Herridge"): one word for the features. */
const DASHES = new Set(['―', '—', '--', '–', '-']);
const wordInfos = new Map<string, WordInfo>();

function wordInfo(w: string, value: string): WordInfo {
  let info = wordInfos.get(value);
  if (info) return info;
  let lemma = 0;
  let lex = 0;
  const l = reportingLemma(w);
  if (l) {
    lemma = hashString(l);
    lex = WEAK_VERBS.has(l) ? 1 : 0;
    const frame = verbFrame(l);
    if (frame === 'tell') lex |= 4;
    else if (frame === 'object') lex |= 8;
    else if (frame === 'urge') lex |= 16;
  }
  if (CUE_NOUNS.has(w)) lex |= 2;
  const c0 = value.charCodeAt(0);
  const dash = DASHES.has(w);
  info = {
    word: hashString(dash ? '—' : w),
    stem: hashString(stemOf(w)),
    suffix: hashString(w.length > 3 ? w.slice(-3) : w),
    lemma,
    lex,
    cap: value !== w && c0 >= 65 && c0 <= 90 ? 1 : value !== w && c0 > 127 && value[0] !== w[0] ? 1 : 0,
    // What a subject word names: 1 a person, 2 an organisation or document, 3 a pronoun that can speak.
    kind: PERSON_NOUNS.has(w) ? 1 : ORG_NOUNS.has(w) ? 2 : Object.hasOwn(PRONOUNS, w) ? 3 : 0,
  };
  if (wordInfos.size < 100_000) wordInfos.set(value, info);
  return info;
}

export function cueContext(doc: Doc): CueContext {
  let c = contexts.get(doc);
  if (c) return c;
  const n = doc.n;
  const word = new Uint32Array(n);
  const stem = new Uint32Array(n);
  const suffix = new Uint32Array(n);
  const pos = new Uint8Array(n);
  const inQuote = new Uint8Array(n);
  const isQuote = new Uint8Array(n);
  const lemma = new Uint32Array(n);
  const lex = new Uint8Array(n);
  const cap = new Uint8Array(n);
  const kind = new Uint8Array(n);
  let open = false;
  for (let i = 0; i < n; i++) {
    const w = doc.lower[i];
    const info = wordInfo(w, doc.value[i]);
    word[i] = info.word;
    stem[i] = info.stem;
    suffix[i] = info.suffix;
    lemma[i] = info.lemma;
    lex[i] = info.lex;
    cap[i] = info.cap;
    kind[i] = info.kind;
    pos[i] = DASHES.has(w) ? P_PUNCT : POS_ID[doc.pos[i]] ?? 0;
    if (doc.lineBefore[i]) open = false;
    if (QUOTE_ANY.has(w)) {
      isQuote[i] = 1;
      if (QUOTE_OPEN.has(w)) open = true;
      else if (QUOTE_CLOSE.has(w)) open = false;
      else open = !open;
    } else if (open) inQuote[i] = 1;
  }
  c = { doc, word, stem, suffix, pos, inQuote, isQuote, lemma, lex, cap, kind };
  contexts.set(doc, c);
  return c;
}

const P_VERB = POS_ID['VERB'];
const P_AUX = POS_ID['AUX'];
const P_ADV = POS_ID['ADV'];
const P_PART = POS_ID['PART'];
const P_NOUN = POS_ID['NOUN'];
const P_PROPN = POS_ID['PROPN'];
const P_PRON = POS_ID['PRON'];
const P_DET = POS_ID['DET'];
const P_NUM = POS_ID['NUM'];
const P_ADJ = POS_ID['ADJ'];
const P_PUNCT = POS_ID['PUNCT'];
const H_THAT = hashString('that');
const H_TO = hashString('to');
const H_COMMA = hashString(',');
const H_COLON = hashString(':');
const H_PERIOD = hashString('.');

/** Whether token i is scored by the head model at all. */
export function isCandidate(model: CueModel, doc: Doc, i: number): boolean {
  const p = doc.pos[i];
  if (p === 'VERB') return true;
  const w = doc.lower[i];
  if (p === 'PUNCT' || p === 'SYM' || p === 'X') return CUE_PUNCT.has(w);
  return model.candidates.has(w);
}

const bucket = (d: number) => (d <= 0 ? 0 : d === 1 ? 1 : d === 2 ? 2 : d <= 4 ? 3 : d <= 8 ? 4 : d <= 16 ? 5 : 6);

/**
 * The hashed features of token i as a head candidate, written to out (table indices, before masking);
 * returns how many. out must hold at least HEAD_FEATURES entries.
 */
export function headFeatures(c: CueContext, i: number, out: Uint32Array): number {
  const { doc, word, stem, pos, isQuote } = c;
  const sent = doc.sentences[doc.sentOf[i]];
  const s0 = sent.t0;
  const s1 = sent.t1;
  const w = word[i];
  const st = stem[i];
  const p = pos[i];
  const wm1 = i - 1 >= s0 ? word[i - 1] : NONE;
  const wm2 = i - 2 >= s0 ? word[i - 2] : NONE;
  const wp1 = i + 1 < s1 ? word[i + 1] : NONE;
  const wp2 = i + 2 < s1 ? word[i + 2] : NONE;
  const pm1 = i - 1 >= s0 ? pos[i - 1] : 0;
  const pm2 = i - 2 >= s0 ? pos[i - 2] : 0;
  const pp1 = i + 1 < s1 ? pos[i + 1] : 0;
  const pp2 = i + 2 < s1 ? pos[i + 2] : 0;
  let k = 0;
  out[k++] = mix(0, 0, 0, 0); // bias
  out[k++] = mix(1, w, 0, 0);
  out[k++] = mix(2, st, 0, 0);
  out[k++] = mix(3, p, 0, 0);
  out[k++] = mix(4, w, p, 0);
  out[k++] = mix(5, wm1, 0, 0);
  out[k++] = mix(6, wp1, 0, 0);
  out[k++] = mix(7, pm1, p, 0);
  out[k++] = mix(8, p, pp1, 0);
  out[k++] = mix(9, pm2, pm1, p);
  out[k++] = mix(10, p, pp1, pp2);
  out[k++] = mix(11, st, wp1, 0);
  out[k++] = mix(12, st, wm1, 0);
  out[k++] = mix(13, st, pp1, 0);
  out[k++] = mix(14, st, pm1, 0);
  out[k++] = mix(15, wp2, 0, 0);
  out[k++] = mix(16, wm2, 0, 0);
  // The lexicon of reporting verbs and cue nouns.
  const lemma = c.lemma[i];
  out[k++] = mix(17, lemma ? 1 : 0, c.lex[i], p);
  // What follows: "that", a quotation mark, a colon, a clause, "to" + verb, a name ("said Trump").
  let quoteAfter = 0;
  let colonAfter = 0;
  const r1 = i + 4 < s1 ? i + 4 : s1;
  for (let r = i + 1; r < r1; r++) {
    if (isQuote[r] && !quoteAfter) quoteAfter = r - i;
    if (word[r] === H_COLON && !colonAfter) colonAfter = r - i;
  }
  let quoteBefore = 0;
  const r0 = i - 3 > s0 ? i - 3 : s0;
  for (let r = i - 1; r >= r0; r--) if (isQuote[r]) { quoteBefore = i - r; break; }
  const thatNext = wp1 === H_THAT ? 1 : 0;
  const commaBefore = wm1 === H_COMMA ? 1 : 0;
  out[k++] = mix(18, thatNext, quoteAfter, colonAfter);
  out[k++] = mix(19, st, thatNext, 0);
  out[k++] = mix(20, st, quoteAfter ? 1 : 0, colonAfter ? 1 : 0);
  out[k++] = mix(21, quoteBefore, commaBefore, p);
  out[k++] = mix(22, st, quoteBefore ? 1 : 0, commaBefore);
  // A clause follows: a subject-like word, then a verb within a few tokens ("said he would", "claim the vote was").
  let clause = 0;
  if (pp1 === P_PRON || pp1 === P_DET || pp1 === P_PROPN || pp1 === P_NOUN || pp1 === P_NUM || pp1 === P_ADJ || thatNext) {
    const r2 = i + 7 < s1 ? i + 7 : s1;
    for (let r = i + 2; r < r2; r++) if (pos[r] === P_VERB || pos[r] === P_AUX) { clause = r - i; break; }
  }
  out[k++] = mix(23, bucket(clause), p, 0);
  out[k++] = mix(24, st, clause ? 1 : 0, 0);
  const toVerb = wp1 === H_TO && (pp2 === P_VERB || pp2 === P_AUX) ? 1 : 0;
  out[k++] = mix(25, st, toVerb, 0);
  // What precedes: the nearest word left of the verb group (a subject?), the auxiliaries of the group.
  let g = i - 1;
  while (g >= s0 && (pos[g] === P_AUX || pos[g] === P_ADV || pos[g] === P_PART)) g--;
  const subjPos = g >= s0 ? pos[g] : 0;
  out[k++] = mix(26, subjPos, p, 0);
  out[k++] = mix(27, st, subjPos, 0);
  out[k++] = mix(28, g < i - 1 ? word[i - 1] : NONE, p, 0);
  out[k++] = mix(29, g < i - 1 ? word[g + 1] : NONE, st, 0);
  out[k++] = mix(30, g >= s0 ? word[g] : NONE, 0, 0);
  out[k++] = mix(43, g >= s0 ? c.kind[g] : 9, g >= s0 ? c.cap[g] : 0, st);
  // Inside quotes, where in the sentence, headline lines.
  out[k++] = mix(31, c.inQuote[i], p, 0);
  out[k++] = mix(32, bucket(i - s0), bucket(s1 - 1 - i), p);
  const endsHere = i + 1 < s1 && (wp1 === H_PERIOD || wp1 === H_COMMA) && (i + 2 >= s1 || isQuote[i + 2] || doc.lineBefore[i + 2]) ? 1 : 0;
  out[k++] = mix(33, st, endsHere, 0);
  out[k++] = mix(34, doc.sentOf[i] === 0 ? 1 : 0, p, c.cap[i]);
  out[k++] = mix(35, c.suffix[i], p, 0);
  out[k++] = mix(36, wm1, w, 0);
  out[k++] = mix(37, lemma, bucket(clause), quoteAfter || quoteBefore ? 1 : 0);
  out[k++] = mix(38, pp1, wp1 === H_TO ? wp2 : NONE, st);
  // Lines: transcript labels ("WALLACE:"), headlines, a word that opens its line.
  const lineStart = doc.lineBefore[i] || i === 0 ? 1 : i - 1 >= 0 && doc.lineBefore[i - 1] ? 2 : i - 2 >= 0 && doc.lineBefore[i - 2] ? 3 : 0;
  out[k++] = mix(39, lineStart, p, i > 0 ? c.cap[i - 1] : 0);
  out[k++] = mix(40, w, lineStart, i > 0 && doc.value[i - 1] === doc.lower[i - 1].toUpperCase() && doc.value[i - 1] !== doc.lower[i - 1] ? 1 : 0);
  // Other reporting words in the sentence: the nearest to the left and to the right (nested attributions
  // are not marked, and one cue's content often holds another reporting verb).
  let left = 0;
  for (let r = i - 1; r >= s0; r--) if (c.lemma[r] && pos[r] === P_VERB) { left = i - r; break; }
  let right = 0;
  for (let r = i + 1; r < s1; r++) if (c.lemma[r] && pos[r] === P_VERB) { right = r - i; break; }
  out[k++] = mix(41, bucket(left), bucket(right), lemma ? 1 : 0);
  out[k++] = mix(42, st, left ? 1 : 0, right ? 1 : 0);
  return k;
}

/** Upper bound on the number of features of one example. */
export const HEAD_FEATURES = 48;
export const SPAN_FEATURES = 20;

/**
 * The hashed features of the decision "token k (left of the head when dir = -1, right when dir = 1) is part
 * of the cue headed by h", given that every token between them already is.
 */
export function spanFeatures(c: CueContext, h: number, k: number, dir: -1 | 1, out: Uint32Array): number {
  const { doc, word, stem, pos } = c;
  const sent = doc.sentences[doc.sentOf[h]];
  const d = dir * (k - h);
  const t = 100 + (dir < 0 ? 0 : 50);
  const wk = word[k];
  const pk = pos[k];
  const further = k + dir;
  const inside = further >= sent.t0 && further < sent.t1;
  const wf = inside ? word[further] : NONE;
  const pf = inside ? pos[further] : 0;
  const wb = word[k - dir];
  const sh = stem[h];
  let j = 0;
  out[j++] = mix(t, 0, 0, 0);
  out[j++] = mix(t + 1, wk, 0, 0);
  out[j++] = mix(t + 2, pk, 0, 0);
  out[j++] = mix(t + 3, wk, pk, 0);
  out[j++] = mix(t + 4, sh, wk, 0);
  out[j++] = mix(t + 5, bucket(d), pk, 0);
  out[j++] = mix(t + 6, wf, 0, 0);
  out[j++] = mix(t + 7, pf, pk, 0);
  out[j++] = mix(t + 8, wk, wf, 0);
  out[j++] = mix(t + 9, wb, wk, 0);
  out[j++] = mix(t + 10, pos[h], pk, bucket(d));
  out[j++] = mix(t + 11, sh, pk, pf);
  out[j++] = mix(t + 12, c.isQuote[k] || (inside && c.isQuote[further]) ? 1 : 0, pk, 0);
  out[j++] = mix(t + 13, wk, pf, 0);
  out[j++] = mix(t + 14, sh, 0, 0);
  out[j++] = mix(t + 15, c.inQuote[k], c.inQuote[h], 0);
  out[j++] = mix(t + 16, sh, wk, wf);
  // Where the content may start: the next "that", quotation mark, colon or comma after k (before k, going left).
  let opener = 0;
  let kindOf = 0;
  for (let r = k + dir, m = 1; m <= 8 && r >= sent.t0 && r < sent.t1; r += dir, m++) {
    const x = word[r];
    if (c.isQuote[r]) kindOf = 1;
    else if (x === H_THAT) kindOf = 2;
    else if (x === H_COLON) kindOf = 3;
    else if (x === H_COMMA) kindOf = 4;
    else if (x === H_PERIOD) kindOf = 5;
    if (kindOf) { opener = m; break; }
  }
  out[j++] = mix(t + 17, bucket(opener), kindOf, pk);
  out[j++] = mix(t + 18, bucket(opener), kindOf, wk);
  return j;
}

/** How far a cue span may reach from its head, in tokens, on each side. */
export const SPAN_REACH = 8;

// ---------- scoring ----------

const scratch = new Uint32Array(Math.max(HEAD_FEATURES, SPAN_FEATURES));

function score(model: CueModel, feats: Uint32Array, count: number): number {
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  let s = 0;
  for (let k = 0; k < count; k++) s += w[feats[k] & mask];
  return s;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Coarse levels of a first-pass logit. */
const level = (s: number) => (s < -4 ? 0 : s < -2 ? 1 : s < -1 ? 2 : s < 0 ? 3 : s < 1 ? 4 : s < 2 ? 5 : s < 4 ? 6 : 7);

/** First pass: the head model's logit for each candidate token; NaN for tokens that are not candidates. */
export function firstPassScores(doc: Doc, model: CueModel = cueModel()): Float32Array {
  const c = cueContext(doc);
  const out = new Float32Array(doc.n).fill(NaN);
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  for (let i = 0; i < doc.n; i++) {
    if (c.pos[i] !== P_VERB && !isCandidate(model, doc, i)) continue;
    const n = headFeatures(c, i, scratch);
    let s = 0;
    for (let k = 0; k < n; k++) s += w[scratch[k] & mask];
    out[i] = s;
  }
  return out;
}

/** The table index of the second pass's one real-valued feature: the first-pass logit itself. */
export const STACK_LOGIT = mix(60, 0, 0, 0);
export const STACK_FEATURES = 12;
/** How far the second pass looks for other candidates, in tokens. */
const STACK_REACH = 40;

/**
 * Second-pass features of candidate i: the other candidates of its sentence as the first pass scored them
 * (the strongest to the left and to the right, what stands between: a quotation mark, "that", a comma).
 * A reporting verb inside another cue's content is not marked in the training data; a cue rarely has a
 * stronger one right beside it.
 */
export function stackFeatures(c: CueContext, first: Float32Array, i: number, out: Uint32Array): number {
  const { doc, word, isQuote } = c;
  const sent = doc.sentences[doc.sentOf[i]];
  const own = level(first[i]);
  let lBest = -Infinity;
  let lAt = -1;
  let strong = 0;
  const from = i - STACK_REACH > sent.t0 ? i - STACK_REACH : sent.t0;
  const to = i + STACK_REACH < sent.t1 ? i + STACK_REACH : sent.t1;
  for (let r = from; r < i; r++) {
    const v = first[r];
    if (v === v) { if (v >= lBest) { lBest = v; lAt = r; } if (v > 0) strong++; }
  }
  let rBest = -Infinity;
  let rAt = -1;
  for (let r = i + 1; r < to; r++) {
    const v = first[r];
    if (v === v) { if (v > rBest) { rBest = v; rAt = r; } if (v > 0) strong++; }
  }
  const between = (a: number, b: number) => {
    let f = 0;
    for (let r = a + 1; r < b; r++) {
      if (isQuote[r]) f |= 1;
      else if (word[r] === H_THAT) f |= 2;
      else if (word[r] === H_COMMA) f |= 4;
    }
    return f;
  };
  const lb = lAt >= 0 ? level(lBest) + 1 : 0;
  const rb = rAt >= 0 ? level(rBest) + 1 : 0;
  const lf = lAt >= 0 ? between(lAt, i) : 8;
  const rf = rAt >= 0 ? between(i, rAt) : 8;
  const st = c.stem[i];
  let k = 0;
  out[k++] = mix(61, 0, 0, 0);
  out[k++] = mix(62, lb, lAt >= 0 ? bucket(i - lAt) : 7, lf);
  out[k++] = mix(63, rb, rAt >= 0 ? bucket(rAt - i) : 7, rf);
  out[k++] = mix(64, st, lb >= 5 ? 1 : 0, rb >= 5 ? 1 : 0);
  out[k++] = mix(65, own, lb, rb);
  out[k++] = mix(66, c.inQuote[i], lb, own);
  out[k++] = mix(67, strong > 3 ? 3 : strong, own, 0);
  out[k++] = mix(68, c.lemma[i] ? 1 : 0, lb, lf);
  out[k++] = mix(69, own, lf, rf);
  out[k++] = mix(70, st, own, 0);
  return k;
}

/**
 * Per token, the probability that it heads a cue (0 for tokens the model does not consider: most nouns,
 * function words, punctuation other than ":" and dashes).
 */
export function cueHeadProbabilities(doc: Doc, model: CueModel = cueModel()): Float32Array {
  const c = cueContext(doc);
  const first = firstPassScores(doc, model);
  const probs = new Float32Array(doc.n);
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const a = w[STACK_LOGIT & mask];
  for (let i = 0; i < doc.n; i++) {
    const s1 = first[i];
    if (s1 !== s1) continue;
    const n = stackFeatures(c, first, i, scratch);
    let s = a * s1;
    for (let k = 0; k < n; k++) s += w[scratch[k] & mask];
    probs[i] = sigmoid(s);
  }
  return probs;
}

/** The cue span [t0, t1) the model marks around head token h (within h's sentence). */
export function cueSpanAt(doc: Doc, h: number, model: CueModel = cueModel()): { t0: number; t1: number } {
  const c = cueContext(doc);
  const sent = doc.sentences[doc.sentOf[h]];
  let t0 = h;
  for (let k = h - 1; k >= Math.max(sent.t0, h - SPAN_REACH); k--) {
    if (score(model, scratch, spanFeatures(c, h, k, -1, scratch)) < 0) break;
    t0 = k;
  }
  let t1 = h + 1;
  for (let k = h + 1; k < Math.min(sent.t1, h + 1 + SPAN_REACH); k++) {
    if (score(model, scratch, spanFeatures(c, h, k, 1, scratch)) < 0) break;
    t1 = k + 1;
  }
  return { t0, t1 };
}

export interface CueSpan {
  /** The head token. */
  head: number;
  /** The cue's token range [t0, t1), around the head. */
  t0: number;
  t1: number;
  /** Character offsets of the span in the document's text (UTF-16, half-open). */
  start: number;
  end: number;
  /** The head model's probability. */
  p: number;
}

/**
 * Cue heads with a probability at or above the threshold (the model's own by default), each with its
 * span, in text order. Spans of two heads never overlap: the more probable head keeps its span.
 */
export function findCues(doc: Doc, options: { threshold?: number; model?: CueModel } = {}): CueSpan[] {
  const model = options.model ?? cueModel();
  const threshold = options.threshold ?? model.threshold;
  const probs = cueHeadProbabilities(doc, model);
  const heads: number[] = [];
  for (let i = 0; i < doc.n; i++) if (probs[i] >= threshold && probs[i] > 0) heads.push(i);
  heads.sort((a, b) => probs[b] - probs[a] || a - b);
  const taken = new Uint8Array(doc.n);
  const out: CueSpan[] = [];
  for (const h of heads) {
    if (taken[h]) continue;
    let { t0, t1 } = cueSpanAt(doc, h, model);
    // Shrink towards the head over tokens an earlier (more probable) cue already holds.
    for (let k = h - 1; k >= t0; k--) if (taken[k]) { t0 = k + 1; break; }
    for (let k = h + 1; k < t1; k++) if (taken[k]) { t1 = k; break; }
    for (let k = t0; k < t1; k++) taken[k] = 1;
    out.push({ head: h, t0, t1, start: doc.start[t0], end: doc.end[t1 - 1], p: probs[h] });
  }
  return out.sort((a, b) => a.head - b.head);
}
