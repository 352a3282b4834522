// Sentences and tokens: one wink-nlp pass over the text, stored flat (arrays, not an object per token),
// with character offsets computed from wink's lossless token stream. Sentences never cross a line break.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
// wink's registry of accessors (a CommonJS module without types): used once, below, to reach its cache.
// @ts-expect-error no type declarations for this internal module
import allowed from 'wink-nlp/src/allowed.js';

const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

// Determinism. wink-nlp caches every unknown word it reads, and its tokenizer consults that cache to decide
// how to split a token: once it has seen "ally of Putin's," it keeps "Putin's" whole in every later text,
// so the same article was tokenised and tagged differently depending on what was read before it
// (wink-nlp issue #143; 39 of 1,505 corpus articles changed records with the reading order). The cache is
// reachable only through an `its` accessor; its lookup is wrapped so that splitting decisions see the
// model's own lexicon only, never words cached from earlier texts.
interface WinkCache { lookup(text: string): number[] | null; intrinsicSize(): number; add(text: string, category: number): unknown }
{
  const grab = (_index: number, rdd: { cache: WinkCache }) => rdd.cache;
  (allowed as { its4token: Set<unknown> }).its4token.add(grab);
  const cache = nlp.readDoc('x').tokens().itemAt(0).out(grab as never) as unknown as WinkCache;
  (allowed as { its4token: Set<unknown> }).its4token.delete(grab);
  if (cache && typeof cache.lookup === 'function' && typeof cache.intrinsicSize === 'function' && typeof cache.add === 'function') {
    const lookup = cache.lookup;
    const add = cache.add;
    const intrinsic = cache.intrinsicSize();
    // While a word is being added, the model's feature code must find what add() has just stored.
    let adding = 0;
    cache.add = (text: string, category: number) => {
      adding++;
      try {
        return add(text, category);
      } finally {
        adding--;
      }
    };
    // Only texts with marks inside ("Putin's", "U.S.", "pro-Kremlin") are split differently depending on the
    // cache; a plain word is one token either way, so its cached entry can be used (and saves re-adding it).
    const plain = /^[\p{L}\p{N}]*$/u;
    // Whether each word cached from a text is plain, by its index past the model's own (a cached index always
    // stands for the same text): 0 not known yet, 1 plain, 2 with marks inside. (A map of every text looked
    // up, kept before, cost more than wink's own look-up.)
    let plainOf = new Uint8Array(1 << 16);
    cache.lookup = (text: string) => {
      const r = lookup(text);
      // Not found, the model's own words and contractions, and anything while a word is being added: as wink has it.
      if (!r || r.length !== 1 || r[0] < intrinsic || adding) return r;
      const k = r[0] - intrinsic;
      if (k >= plainOf.length) plainOf = grownToHold(plainOf, k);
      let p = plainOf[k];
      if (!p) p = plainOf[k] = plain.test(text) ? 1 : 2;
      // A text with marks inside, cached from an earlier text, is not found (outside add()).
      return p === 1 ? r : null;
    };
  } else {
    throw new Error('[E_WINK] wink-nlp no longer exposes its cache as expected; check the wink-nlp version (determinism guard)');
  }
}

export interface Doc {
  readonly text: string;
  /** Number of tokens. */
  readonly n: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly value: string[];
  /** Lower-cased value, with curly apostrophes as straight ones. */
  readonly lower: string[];
  /** Universal POS tag (NOUN, PROPN, VERB, …). */
  readonly pos: string[];
  /** Whether a line break precedes the token. */
  readonly lineBefore: Uint8Array;
  /** Sentences as token ranges [first, last+1), with their character spans. */
  readonly sentences: { t0: number; t1: number; start: number; end: number }[];
  /** The sentence index of each token. */
  readonly sentOf: Int32Array;
  /** Paragraphs as character spans (text between blank lines or line breaks). */
  readonly paragraphs: { start: number; end: number }[];
  /**
   * wink's lexeme index of each token's text (-1 when unknown): the same text has the same index for the
   * life of the process, so that per-word results can be kept by index. Never part of a record.
   */
  readonly lex: Int32Array;
}

/** The token index at or after a character offset (n when past the end). */
export function tokenAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.end[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Longest run of non-space characters wink sees: its tokenizer is quadratic in a token's length. */
const MAX_RUN = 200;

/** White space as the regular expression class \s has it. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The text wink reads: the same length as the text (so every offset stays valid), with runs of more than
 * MAX_RUN non-space characters (base64 blobs, a line of 100,000 "x") broken by a space every MAX_RUN characters.
 */
function forWink(text: string): string {
  // Most texts have no such run: find out with one pass over the characters.
  let run = 0;
  let long = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) run = 0;
    else if (++run > MAX_RUN) { long = true; break; }
  }
  if (!long) return text;
  return text.replace(new RegExp(`\\S{${MAX_RUN + 1},}`, 'g'), (run) => run.replace(new RegExp(`([\\s\\S]{${MAX_RUN - 1}})[\\s\\S]`, 'g'), '$1 '));
}

// wink's document data, read directly (one pass, no per-token API objects): its token quadruples
// [lexeme, preceding spaces | normal pointer, lemma | pos, flags], its sentences [first, last, …], and the
// non-breaking white space it keeps apart. Reached once per document through a registered `its` accessor.
interface WinkRdd {
  tokens: number[];
  sentences: number[][];
  nonBreakingSpaces: Record<number, string>;
  cache: { value(index: number): string; valueOf(prop: string, index: number): string };
}
const grabRdd = (_index: number, rdd: WinkRdd) => rdd;
(allowed as { its4token: Set<unknown> }).its4token.add(grabRdd);
const TK = 4; // wink's token size
const PS_MASK = 0xffff; // preceding spaces (0xffff: non-breaking, kept in nonBreakingSpaces)
const POS_MASK = 0x3f00000;
const POS_SHIFT = 20;
const posNames: string[] = [];
{
  // Check the layout once on a known text, so that a wink-nlp upgrade that changes it fails loudly.
  const wd = nlp.readDoc('He said  it.');
  const rdd = wd.tokens().itemAt(0).out(grabRdd as never) as unknown as WinkRdd;
  const ok = rdd && Array.isArray(rdd.tokens) && rdd.tokens.length === 4 * TK && Array.isArray(rdd.sentences) &&
    rdd.cache.value(rdd.tokens[TK]) === 'said' && (rdd.tokens[2 * TK + 1] & PS_MASK) === 2 &&
    rdd.cache.valueOf('pos', (rdd.tokens[TK + 2] & POS_MASK) >>> POS_SHIFT) === wd.tokens().itemAt(1).out(its.pos);
  if (!ok) throw new Error('[E_WINK] wink-nlp no longer lays out its document data as expected; check the wink-nlp version');
}
const posOf = (rdd: WinkRdd, code: number): string => (posNames[code] ??= rdd.cache.valueOf('pos', code));

/** Per wink lexeme: the lower-cased form (curly apostrophes as straight ones), computed once per process. */
const lowerOfLexeme: (string | undefined)[] = [];
const lowerForm = (v: string) => v.toLowerCase().replace(/’/g, "'");

export function readDoc(text: string): Doc {
  const safe = forWink(text);
  const wd = nlp.readDoc(safe);
  // itemAt throws on a document without tokens (an empty or all-space text), so ask for the count first.
  const wTokens = wd.tokens();
  const rdd: WinkRdd | null = wTokens.length() ? (wTokens.itemAt(0).out(grabRdd as never) as unknown as WinkRdd) : null;
  const wt = rdd ? rdd.tokens : [];
  const wn = wt.length / TK;
  // wink emits line breaks as tokens of white space: drop them, remembering the break on the next token.
  const keepIndex = new Int32Array(wn + 1);
  const startA = new Int32Array(wn);
  const endA = new Int32Array(wn);
  const lex = new Int32Array(wn);
  const lineA = new Uint8Array(wn);
  const value: string[] = [];
  const lower: string[] = [];
  const pos: string[] = [];
  let n = 0;
  let at = 0;
  let brk = false;
  for (let i = 0; i < wn; i++) {
    keepIndex[i] = n;
    const ps = wt[i * TK + 1] & PS_MASK;
    if (ps === PS_MASK) {
      const sp = rdd!.nonBreakingSpaces[i] ?? '';
      at += sp.length;
      if (sp.includes('\n') || sp.includes('\r')) brk = true;
    } else at += ps;
    const id = wt[i * TK];
    const v = rdd!.cache.value(id);
    if (isSpace(v.charCodeAt(0)) && !v.trim()) {
      if (v.includes('\n') || v.includes('\r')) brk = true;
      at += v.length;
      continue;
    }
    startA[n] = at;
    at += v.length;
    endA[n] = at;
    if (safe === text) {
      value.push(v);
      lex[n] = id;
      let l = lowerOfLexeme[id];
      if (l === undefined) {
        while (lowerOfLexeme.length < id) lowerOfLexeme.push(undefined);
        l = lowerOfLexeme[id] = lowerForm(v);
      }
      lower.push(l);
    } else {
      const own = text.slice(at - v.length, at);
      value.push(own);
      lex[n] = own === v ? id : -1;
      lower.push(lowerForm(own));
    }
    pos.push(posOf(rdd!, (wt[i * TK + 2] & POS_MASK) >>> POS_SHIFT));
    lineA[n] = brk ? 1 : 0;
    brk = false;
    n++;
  }
  keepIndex[wn] = n;
  const start = startA.subarray(0, n);
  const end = endA.subarray(0, n);
  if (at !== text.length) {
    // wink is lossless; if it ever is not, offsets would lie: fall back to searching each token.
    let c = 0;
    for (let i = 0; i < n; i++) {
      const k = text.indexOf(value[i], c);
      start[i] = k < 0 ? c : k;
      end[i] = start[i] + value[i].length;
      c = end[i];
    }
  }
  const lineBefore = lineA.subarray(0, n);
  // A title-case word right after a proper noun, inside a sentence, is part of the name ("Dr Patrick Bury",
  // which wink reads as the verb "bury"), unless it is the reporting verb of a title-case headline.
  for (let i = 1; i < n; i++) {
    if (pos[i - 1] !== 'PROPN' || pos[i] === 'PROPN' || lineBefore[i] || start[i] !== end[i - 1] + 1) continue;
    if (!/^\p{Lu}\p{Ll}+$/u.test(value[i]) || /^(VERB|NOUN|ADJ|ADV)$/.test(pos[i]) === false) continue;
    if (/^(says|said|tells|told|claims|warns|reveals|admits|insists|urges|denies|vows|Says)$/i.test(value[i])) continue;
    pos[i] = 'PROPN';
  }
  // Sentences from wink, mapped to the kept tokens and split again at line breaks.
  const sentences: Doc['sentences'] = [];
  const sentOf = new Int32Array(n);
  const push = (t0: number, t1: number) => {
    if (t1 <= t0) return;
    const idx = sentences.length;
    sentences.push({ t0, t1, start: start[t0], end: end[t1 - 1] });
    for (let i = t0; i < t1; i++) sentOf[i] = idx;
  };
  const spans: [number, number][] = [];
  if (rdd) for (const s of rdd.sentences) spans.push([keepIndex[s[0]], keepIndex[s[1] + 1]]);
  // wink ends sentences inside "Express.co.uk" and "U.S.-led": a boundary with no space after it is not one.
  for (let k = 1; k < spans.length; k++) {
    const [a0, a1] = spans[k - 1];
    const [, b1] = spans[k];
    if (a1 > a0 && a1 < n && start[a1] === end[a1 - 1] && !lineBefore[a1]) { spans[k - 1] = [a0, b1]; spans.splice(k, 1); k--; }
  }
  for (const [k0, k1] of spans) {
    let t0 = k0;
    for (let i = k0 + 1; i < k1; i++) {
      if (lineBefore[i]) { push(t0, i); t0 = i; }
    }
    push(t0, k1);
  }
  // Paragraphs: the lines that hold more than white space.
  const paragraphs: Doc['paragraphs'] = [];
  for (let s0 = 0; s0 < text.length; ) {
    let e0 = text.indexOf('\n', s0);
    if (e0 < 0) e0 = text.length;
    for (let i = s0; i < e0; i++) {
      if (!isSpace(text.charCodeAt(i))) { paragraphs.push({ start: s0, end: e0 }); break; }
    }
    s0 = e0 + 1;
  }
  return { text, n, start, end, value, lower, pos, lineBefore, sentences, sentOf, paragraphs, lex: lex.subarray(0, n) };
}

/**
 * A function of a token's text, computed once per distinct word for the life of the process and then read
 * by the token's lexeme index (an array read instead of hashing the string). `f` must depend on the text
 * only: it gets the token's text and its lower-cased form. (A result of undefined is not kept: return null.)
 */
export function perWord<T>(f: (value: string, lower: string) => T): (doc: Doc, i: number) => T {
  const known: (T | undefined)[] = [];
  return (doc: Doc, i: number): T => {
    const id = doc.lex[i];
    if (id < 0) return f(doc.value[i], doc.lower[i]);
    let r = known[id];
    if (r === undefined) {
      while (known.length < id) known.push(undefined);
      r = known[id] = f(doc.value[i], doc.lower[i]);
    }
    return r as T;
  };
}

/** A copy of a table kept by word id, doubled in length until `index` fits. */
export function grownToHold<T extends Uint8Array | Uint16Array | Uint32Array>(table: T, index: number): T {
  let size = table.length;
  while (size <= index) size *= 2;
  const grown = new (table.constructor as new (n: number) => T)(size);
  grown.set(table);
  return grown;
}

/** A token that starts with a capital letter (ASCII read without a regular expression). */
export const isCap = (s: string) => {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(s);
};
/** A token that is a word: letters, then letters, apostrophes, full stops and hyphens. */
export const isWordTok = (s: string) => /^[A-Za-z][A-Za-z'’.-]*$/.test(s) || /^[\p{L}][\p{L}'’.-]*$/u.test(s);

/** perWord for flags (integers 0 to 65534), kept in two bytes a word: the cheapest read of all. */
export function perWordFlags(f: (value: string, lower: string) => number): (doc: Doc, i: number) => number {
  let known = new Uint16Array(1 << 16); // flags + 1; 0: not computed yet
  return (doc: Doc, i: number): number => {
    const id = doc.lex[i];
    if (id < 0) return f(doc.value[i], doc.lower[i]);
    if (id >= known.length) known = grownToHold(known, id);
    const k = known[id];
    if (k) return k - 1;
    const r = f(doc.value[i], doc.lower[i]);
    if (!(r >= 0 && r <= 65534 && r === (r | 0))) throw new Error(`[E_PER_WORD] perWordFlags needs an integer from 0 to 65534, got ${r}`);
    known[id] = r + 1;
    return r;
  };
}
