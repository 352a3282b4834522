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
import { CUE_NOUNS, reportingLemma, verbFrame, WEAK_VERBS } from './lexicon.js';
import { grownToHold, type Doc } from './nlp.js';

// ---------- the model ----------

export interface CueModel {
  /** log2 of the size of the hashed weight table. */
  readonly bits: number;
  /** The hashed weight table (dense, 2^bits), in steps of WEIGHT_STEP (16 bits keep it small in the cache). */
  readonly weights: Int16Array;
  /** Words (lower-cased) that are head candidates whatever their part of speech (besides verbs, ":" and dashes). */
  readonly candidates: ReadonlySet<string>;
  /** The candidates' word hashes, open addressing (0 = empty): a candidate test costs no string look-up. */
  readonly candidateTable: Uint32Array;
  /** Probability at or above which a candidate is reported as a cue head by findCues. */
  readonly threshold: number;
}

const MAGIC = 0x4d455543; // "CUEM"
const VERSION = 1;
/** Weights are stored (on disk and in memory) as 16-bit integers of this step. */
export const WEIGHT_STEP = 1 / 2048;
const STEP = WEIGHT_STEP;

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
  const weights = new Int16Array(1 << bits);
  for (let k = 0; k < count; k++) {
    const index = view.getUint32(at + 4 * k, true);
    if (index >= weights.length) fail(`weight index ${index}`);
    weights[index] = view.getInt16(at + 4 * count + 2 * k, true);
  }
  return makeCueModel(bits, weights, new Set(words ? words.split('\n') : []), threshold);
}

/** A model from its parts (weights in steps of WEIGHT_STEP; the training script builds one this way). */
export function makeCueModel(bits: number, weights: Int16Array, candidates: ReadonlySet<string>, threshold: number): CueModel {
  let size = 64;
  while (size < 4 * (candidates.size + CUE_PUNCT.size)) size *= 2;
  const table = new Uint32Array(size);
  for (const w of [...candidates, ...CUE_PUNCT]) {
    const h = wordHash(w);
    let k = h & (size - 1);
    while (table[k] && table[k] !== h) k = (k + 1) & (size - 1);
    table[k] = h;
  }
  return { bits, weights, candidates, candidateTable: table, threshold };
}

function inTable(table: Uint32Array, h: number): boolean {
  const m = table.length - 1;
  for (let k = h & m; table[k]; k = (k + 1) & m) if (table[k] === h) return true;
  return false;
}

/** Real weights rounded to 16-bit steps of WEIGHT_STEP; those smaller than `prune` become 0. */
export function quantizeWeights(weights: Float32Array, prune = 0): Int16Array {
  const q = new Int16Array(weights.length);
  weights.forEach((w, i) => {
    if (Math.abs(w) < prune) return;
    q[i] = Math.max(-32767, Math.min(32767, Math.round(w / STEP)));
  });
  return q;
}

/** The inverse of parseCueModel. */
export function encodeCueModel(model: CueModel): Uint8Array {
  const words = new TextEncoder().encode([...model.candidates].sort().join('\n'));
  const idx: number[] = [];
  const val: number[] = [];
  model.weights.forEach((q, i) => {
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

/** The hash of a lower-cased word as the features see it (every dash is one word; never 0). */
function wordHash(w: string): number {
  return markOf(w) === 4 ? H_DASH : hashString(w) || 1;
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
  /** Hash of the reporting lemma of the token's form (lexicon.ts), or 0; filled for verbs, else on first use (lemmaAt). */
  readonly lemma: Uint32Array;
  /** Bit flags: 1 weak reporting verb, 2 cue noun, 4 frame tell, 8 frame object, 16 frame urge; 32 once looked up. */
  readonly lex: Uint8Array;
  /** Running counts: marks[3i], marks[3i+1], marks[3i+2] are the quotation marks, "that"s and commas before token i. */
  readonly marks: Int32Array;
  /** 1 opening quotation mark, 2 closing, 3 straight, 4 a dash (of any length), else 0. */
  readonly mark: Uint8Array;
  /** The nearest reporting verb (lexicon.ts, tagged VERB) before / after each token, or -1. */
  readonly prevLex: Int32Array;
  readonly nextLex: Int32Array;
}

const contexts = new WeakMap<Doc, CueContext>();

const H_DASH = hashString('—');

/** 1 opening quotation mark, 2 closing, 3 straight or either, 4 a dash, else 0 (from the characters, no look-up). */
function markOf(w: string): number {
  if (w.length > 2) return 0;
  const c = w.charCodeAt(0);
  if (w.length === 2) {
    if (w === '``') return 1;
    if (w === "''") return 2;
    return w === '--' ? 4 : 0;
  }
  switch (c) {
    case 0x201c: case 0x201e: case 0xab: return 1; // “ „ «
    case 0x201d: case 0xbb: return 2; // ” »
    case 0x22: return 3; // "
    case 0x2015: case 0x2014: case 0x2013: case 0x2d: return 4; // ― — – -
    default: return 0;
  }
}

/**
 * How stemOf shortens a word, as (characters cut) × 2 + (1 when a "y" is appended): the stem's hash is then
 * taken from the word's characters without making the string.
 */
function stemCut(w: string): number {
  const n = w.length;
  const z = w.charCodeAt(n - 1);
  const y = w.charCodeAt(n - 2);
  const x = w.charCodeAt(n - 3);
  if (n > 5 && x === 105 && y === 110 && z === 103) return 6; // -ing
  if (n > 4 && x === 105 && (z === 100 || z === 115) && y === 101) return 7; // -ied, -ies → y
  if (n > 4 && y === 101 && z === 100) return 4; // -ed
  if (n > 4 && y === 101 && z === 115) {
    // -es after ss, sh, ch, x, z
    const w3 = w.charCodeAt(n - 4);
    if (x === 120 || x === 122 || (x === 115 && w3 === 115) || (x === 104 && (w3 === 115 || w3 === 99))) return 4;
  }
  if (n > 3 && z === 115 && y !== 115) return 2; // -s, not -ss
  if (n > 4 && z === 101) return 2; // -e
  return 0;
}

// What the features need of a word, computed once per distinct word and kept in one flat table indexed by
// wink's lexeme index (src/analyze/nlp.ts): one read per token, no string hashing. Four numbers a word:
// [1 | mark << 1 | lexicon flags << 4, hash of the word, hash of its stem, hash of its reporting lemma].
// Slot 0 is scratch, for a token without a lexeme index.
let wordTable = new Uint32Array(4 * 4096);

/** Fills slot `at` of the word table for a lower-cased word. */
function fillWord(w: string, at: number): void {
  // FNV-1a of the word, and of its stem on the way (hashString(w), hashString(stemOf(w))).
  const len = w.length;
  const cut = stemCut(w);
  const stop = len - (cut >> 1);
  let h = 0x811c9dc5;
  let hs = h;
  for (let j = 0; j < len; j++) {
    if (j === stop) hs = h;
    h ^= w.charCodeAt(j);
    h = Math.imul(h, 0x01000193);
  }
  if (stop === len) hs = h;
  if (cut & 1) hs = Math.imul(hs ^ 121, 0x01000193);
  const mk = markOf(w);
  // The lexicon: 1 weak reporting verb, 2 cue noun, 4 frame tell, 8 frame object, 16 frame urge; 32 looked up.
  const l = reportingLemma(w);
  let f = 32;
  let lh = 0;
  if (l) {
    lh = hashString(l);
    if (WEAK_VERBS.has(l)) f |= 1;
    const frame = verbFrame(l);
    if (frame === 'tell') f |= 4;
    else if (frame === 'object') f |= 8;
    else if (frame === 'urge') f |= 16;
  }
  if (CUE_NOUNS.has(w)) f |= 2;
  wordTable[at] = 1 | (mk << 1) | (f << 4);
  wordTable[at + 1] = mk === 4 ? H_DASH : (h >>> 0) || 1;
  wordTable[at + 2] = hs >>> 0;
  wordTable[at + 3] = lh;
}

/** The offset of token i's word in the word table (filled on first sight). */
function wordAt(doc: Doc, i: number): number {
  const id = doc.lex[i];
  if (id < 0) { fillWord(doc.lower[i], 0); return 0; }
  const at = 4 * (id + 1);
  if (at >= wordTable.length) wordTable = grownToHold(wordTable, at + 3);
  if (!(wordTable[at] & 1)) fillWord(doc.lower[i], at);
  return at;
}

/** The lexicon's reporting lemma of token i (hash, 0 for none) and its flags, filled into the context. */
function fillLemma(doc: Doc, lemma: Uint32Array, lex: Uint8Array, i: number): void {
  const at = wordAt(doc, i);
  lemma[i] = wordTable[at + 3];
  lex[i] = wordTable[at] >>> 4;
}

/** The reporting lemma hash of token i (0 for none), looked up on first use. */
function lemmaAt(c: CueContext, i: number): number {
  if (!(c.lex[i] & 32)) fillLemma(c.doc, c.lemma, c.lex, i);
  return c.lemma[i];
}

export function cueContext(doc: Doc): CueContext {
  let c = contexts.get(doc);
  if (c) return c;
  const n = doc.n;
  // One buffer for all the arrays: 4-byte arrays first, then the 1-byte ones.
  const buffer = new ArrayBuffer(4 * (8 * n + 3) + 5 * n);
  let at = 0;
  const u32 = (len: number) => { const a = new Uint32Array(buffer, at, len); at += 4 * len; return a; };
  const i32 = (len: number) => { const a = new Int32Array(buffer, at, len); at += 4 * len; return a; };
  const u8 = () => { const a = new Uint8Array(buffer, at, n); at += n; return a; };
  const word = u32(n);
  const stem = u32(n);
  const lemma = u32(n);
  const prevLex = i32(n);
  const nextLex = i32(n);
  const marks = i32(3 * (n + 1));
  const pos = u8();
  const inQuote = u8();
  const isQuote = u8();
  const lex = u8();
  const mark = u8();
  let open = false;
  let lastLex = -1;
  for (let i = 0; i < n; i++) {
    const w = doc.lower[i];
    const at = wordAt(doc, i);
    const mk = (wordTable[at] >>> 1) & 7;
    mark[i] = mk;
    word[i] = wordTable[at + 1];
    stem[i] = wordTable[at + 2];
    pos[i] = mk === 4 ? P_PUNCT : POS_ID[doc.pos[i]] ?? 0;
    if (doc.lineBefore[i]) open = false;
    if (mk && mk < 4) {
      isQuote[i] = 1;
      open = mk === 1 ? true : mk === 2 ? false : !open;
    } else if (open) inQuote[i] = 1;
    prevLex[i] = lastLex;
    if (pos[i] === P_VERB) {
      fillLemma(doc, lemma, lex, i);
      if (lemma[i]) lastLex = i;
    }
    // Running counts of quotation marks, "that" and commas (marks[3 * i + k] counts tokens before i).
    const b = 3 * i;
    marks[b + 3] = marks[b] + isQuote[i];
    marks[b + 4] = marks[b + 1] + (w === 'that' ? 1 : 0);
    marks[b + 5] = marks[b + 2] + (w === ',' ? 1 : 0);
  }
  let nextAt = -1;
  for (let i = n - 1; i >= 0; i--) {
    nextLex[i] = nextAt;
    if (lemma[i] && pos[i] === P_VERB) nextAt = i;
  }
  c = { doc, word, stem, pos, inQuote, isQuote, lemma, lex, marks, mark, prevLex, nextLex };
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

/** Whether token i is scored by the head model at all: verbs, dashes (not hyphens), and the model's candidate words. */
export function isCandidate(model: CueModel, c: CueContext, i: number): boolean {
  if (c.pos[i] === P_VERB) return true;
  if (c.mark[i] === 4) return c.doc.lower[i] !== '-';
  return inTable(model.candidateTable, c.word[i]);
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
  const st = stem[i];
  const p = pos[i];
  const wm1 = i - 1 >= s0 ? word[i - 1] : NONE;
  const wp1 = i + 1 < s1 ? word[i + 1] : NONE;
  const pm1 = i - 1 >= s0 ? pos[i - 1] : 0;
  const pp1 = i + 1 < s1 ? pos[i + 1] : 0;
  const pp2 = i + 2 < s1 ? pos[i + 2] : 0;
  const lemma = lemmaAt(c, i);
  let k = 0;
  out[k++] = mix(0, 0, 0, 0); // bias
  out[k++] = mix(2, st, 0, 0);
  out[k++] = mix(5, wm1, 0, 0);
  out[k++] = mix(6, wp1, 0, 0);
  out[k++] = mix(9, i - 2 >= s0 ? pos[i - 2] : 0, pm1, p);
  out[k++] = mix(11, st, wp1, 0);
  out[k++] = mix(12, st, wm1, 0);
  out[k++] = mix(13, st, pp1, 0);
  out[k++] = mix(14, st, pm1, 0);
  out[k++] = mix(16, i - 2 >= s0 ? word[i - 2] : NONE, 0, 0);
  // The lexicon of reporting verbs and cue nouns (lexicon.ts).
  out[k++] = mix(17, lemma ? 1 : 0, c.lex[i] & 31, p);
  // What follows: "that", a quotation mark or a colon, a clause, "to" + verb.
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
  out[k++] = mix(19, st, wp1 === H_THAT ? 1 : 0, 0);
  out[k++] = mix(20, st, quoteAfter ? 1 : 0, colonAfter ? 1 : 0);
  out[k++] = mix(22, st, quoteBefore ? 1 : 0, wm1 === H_COMMA ? 1 : 0);
  // A clause follows: a subject-like word, then a verb within a few tokens ("said he would", "claim the vote was").
  let clause = 0;
  if (pp1 === P_PRON || pp1 === P_DET || pp1 === P_PROPN || pp1 === P_NOUN || pp1 === P_NUM || pp1 === P_ADJ || wp1 === H_THAT) {
    const r2 = i + 7 < s1 ? i + 7 : s1;
    for (let r = i + 2; r < r2; r++) if (pos[r] === P_VERB || pos[r] === P_AUX) { clause = r - i; break; }
  }
  out[k++] = mix(24, st, clause ? 1 : 0, 0);
  out[k++] = mix(25, st, wp1 === H_TO && (pp2 === P_VERB || pp2 === P_AUX) ? 1 : 0, 0);
  // What precedes the verb group (auxiliaries, adverbs): a subject? which word, what kind of word.
  let g = i - 1;
  while (g >= s0 && (pos[g] === P_AUX || pos[g] === P_ADV || pos[g] === P_PART)) g--;
  out[k++] = mix(29, g < i - 1 ? word[g + 1] : NONE, st, 0);
  out[k++] = mix(30, g >= s0 ? word[g] : NONE, 0, 0);
  // Inside quotation marks; where in the sentence.
  out[k++] = mix(31, c.inQuote[i], p, 0);
  out[k++] = mix(32, bucket(i - s0), bucket(s1 - 1 - i), p);
  out[k++] = mix(36, wm1, word[i], 0);
  out[k++] = mix(38, pp1, wp1 === H_TO ? (i + 2 < s1 ? word[i + 2] : NONE) : NONE, st);
  // Other reporting verbs in the sentence, nearest on each side (nested attributions are not marked, and
  // one cue's content often holds another reporting verb).
  const left = c.prevLex[i] >= s0 ? i - c.prevLex[i] : 0;
  const right = c.nextLex[i] >= 0 && c.nextLex[i] < s1 ? c.nextLex[i] - i : 0;
  out[k++] = mix(41, bucket(left), bucket(right), lemma ? 1 : 0);
  out[k++] = mix(42, st, left ? 1 : 0, right ? 1 : 0);
  return k;
}

/** Upper bound on the number of features of one example. */
export const HEAD_FEATURES = 24;
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
  return s * STEP;
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
    if (!isCandidate(model, c, i)) continue;
    const n = headFeatures(c, i, scratch);
    let s = 0;
    for (let k = 0; k < n; k++) s += w[scratch[k] & mask];
    out[i] = s * STEP;
  }
  return out;
}

/** The table index of the second pass's one real-valued feature: the first-pass logit itself. */
export const STACK_LOGIT = mix(60, 0, 0, 0);
export const STACK_FEATURES = 12;

/** For each candidate, the strongest other candidate of its sentence on each side, by first-pass logit. */
export interface StackContext {
  readonly first: Float32Array;
  /** Token of the strongest candidate to the left in the sentence, or -1. */
  readonly leftAt: Int32Array;
  readonly rightAt: Int32Array;
  /** Per sentence, how many candidates have a positive first-pass logit. */
  readonly strong: Int32Array;
}

export function stackContext(c: CueContext, first: Float32Array): StackContext {
  const { doc } = c;
  const leftAt = new Int32Array(doc.n).fill(-1);
  const rightAt = new Int32Array(doc.n).fill(-1);
  const strong = new Int32Array(doc.sentences.length);
  doc.sentences.forEach((sent, si) => {
    let best = -Infinity;
    let at = -1;
    for (let i = sent.t0; i < sent.t1; i++) {
      const v = first[i];
      if (v !== v) continue;
      leftAt[i] = at;
      if (v >= best) { best = v; at = i; }
      if (v > 0) strong[si]++;
    }
    best = -Infinity;
    at = -1;
    for (let i = sent.t1 - 1; i >= sent.t0; i--) {
      const v = first[i];
      if (v !== v) continue;
      rightAt[i] = at;
      if (v >= best) { best = v; at = i; }
    }
  });
  return { first, leftAt, rightAt, strong };
}

/** What stands strictly between tokens a < b: 1 a quotation mark, 2 "that", 4 a comma. */
function between(c: CueContext, a: number, b: number): number {
  const m = c.marks;
  const x = 3 * (a + 1);
  const y = 3 * b;
  return (m[y] > m[x] ? 1 : 0) | (m[y + 1] > m[x + 1] ? 2 : 0) | (m[y + 2] > m[x + 2] ? 4 : 0);
}

/**
 * Second-pass features of candidate i: the other candidates of its sentence as the first pass scored them
 * (the strongest to the left and to the right, what stands between: a quotation mark, "that", a comma).
 * A reporting verb inside another cue's content is not marked in the training data; a cue rarely has a
 * stronger one right beside it.
 */
export function stackFeatures(c: CueContext, sc: StackContext, i: number, out: Uint32Array): number {
  const { first } = sc;
  const own = level(first[i]);
  const lAt = sc.leftAt[i];
  const rAt = sc.rightAt[i];
  const strong = sc.strong[c.doc.sentOf[i]] - (first[i] > 0 ? 1 : 0);
  const lb = lAt >= 0 ? level(first[lAt]) + 1 : 0;
  const rb = rAt >= 0 ? level(first[rAt]) + 1 : 0;
  const lf = lAt >= 0 ? between(c, lAt, i) : 8;
  const rf = rAt >= 0 ? between(c, i, rAt) : 8;
  const st = c.stem[i];
  let k = 0;
  out[k++] = mix(61, 0, 0, 0);
  out[k++] = mix(62, lb, lAt >= 0 ? bucket(i - lAt) : 7, lf);
  out[k++] = mix(63, rb, rAt >= 0 ? bucket(rAt - i) : 7, rf);
  out[k++] = mix(64, st, lb >= 5 ? 1 : 0, rb >= 5 ? 1 : 0);
  out[k++] = mix(65, own, lb, rb);
  out[k++] = mix(66, c.inQuote[i], lb, own);
  out[k++] = mix(67, strong > 3 ? 3 : strong, own, 0);
  out[k++] = mix(68, lemmaAt(c, i) ? 1 : 0, lb, lf);
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
  const a = w[STACK_LOGIT & mask] * STEP;
  const sc = stackContext(c, first);
  for (let i = 0; i < doc.n; i++) {
    const s1 = first[i];
    if (s1 !== s1) continue;
    const n = stackFeatures(c, sc, i, scratch);
    let s = 0;
    for (let k = 0; k < n; k++) s += w[scratch[k] & mask];
    probs[i] = sigmoid(a * s1 + s * STEP);
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
