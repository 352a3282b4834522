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
    cache.lookup = (text: string) => {
      const r = lookup(text);
      return !adding && r && r.length === 1 && r[0] >= intrinsic && !plain.test(text) ? null : r;
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

/**
 * The text wink reads: the same length as the text (so every offset stays valid), with runs of more than
 * MAX_RUN non-space characters (base64 blobs, a line of 100,000 "x") broken by a space every MAX_RUN characters.
 */
function forWink(text: string): string {
  return text.replace(new RegExp(`\\S{${MAX_RUN + 1},}`, 'g'), (run) => run.replace(new RegExp(`([\\s\\S]{${MAX_RUN - 1}})[\\s\\S]`, 'g'), '$1 '));
}

export function readDoc(text: string): Doc {
  const safe = forWink(text);
  const wd = nlp.readDoc(safe);
  const tokens = wd.tokens();
  const wValue = tokens.out() as string[];
  const wSpaces = tokens.out(its.precedingSpaces) as string[];
  const wPos = tokens.out(its.pos) as string[];
  const wn = wValue.length;
  // wink emits line breaks as tokens of white space: drop them, remembering the break on the next token.
  const keepIndex = new Int32Array(wn + 1);
  const start: number[] = [];
  const end: number[] = [];
  const value: string[] = [];
  const pos: string[] = [];
  const lineBefore: number[] = [];
  let at = 0;
  let brk = false;
  for (let i = 0; i < wn; i++) {
    keepIndex[i] = value.length;
    const sp = wSpaces[i];
    if (sp.length) {
      at += sp.length;
      if (sp.includes('\n') || sp.includes('\r')) brk = true;
    }
    const v = wValue[i];
    if (!v.trim()) {
      if (v.includes('\n') || v.includes('\r')) brk = true;
      at += v.length;
      continue;
    }
    start.push(at);
    at += v.length;
    end.push(at);
    value.push(safe === text ? v : text.slice(at - v.length, at));
    pos.push(wPos[i]);
    lineBefore.push(brk ? 1 : 0);
    brk = false;
  }
  keepIndex[wn] = value.length;
  const n = value.length;
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
  const lower: string[] = value.map((v) => v.toLowerCase().replace(/’/g, "'"));
  // A title-case word right after a proper noun, inside a sentence, is part of the name ("Dr Patrick Bury",
  // which wink reads as the verb "bury"), unless it is the reporting verb of a title-case headline.
  for (let i = 1; i < n; i++) {
    if (pos[i - 1] !== 'PROPN' || pos[i] === 'PROPN' || lineBefore[i] || start[i] !== end[i - 1] + 1) continue;
    if (!/^\p{Lu}\p{Ll}+$/u.test(value[i]) || /^(VERB|NOUN|ADJ|ADV)$/.test(pos[i]) === false) continue;
    if (/^(says|said|tells|told|claims|warns|reveals|admits|insists|urges|denies|vows|Says)$/i.test(value[i])) continue;
    pos[i] = 'PROPN';
  }
  const startA = Int32Array.from(start);
  const endA = Int32Array.from(end);
  const lineA = Uint8Array.from(lineBefore);
  // Sentences from wink, mapped to the kept tokens and split again at line breaks.
  const sentences: Doc['sentences'] = [];
  const sentOf = new Int32Array(n);
  const push = (t0: number, t1: number) => {
    if (t1 <= t0) return;
    const idx = sentences.length;
    sentences.push({ t0, t1, start: startA[t0], end: endA[t1 - 1] });
    for (let i = t0; i < t1; i++) sentOf[i] = idx;
  };
  const spans: [number, number][] = [];
  wd.sentences().each((s: { out: (f: unknown) => unknown }) => {
    const [a, b] = s.out(its.span) as [number, number];
    spans.push([keepIndex[a], keepIndex[b + 1]]);
  });
  // wink ends sentences inside "Express.co.uk" and "U.S.-led": a boundary with no space after it is not one.
  for (let k = 1; k < spans.length; k++) {
    const [a0, a1] = spans[k - 1];
    const [, b1] = spans[k];
    if (a1 > a0 && a1 < n && start[a1] === end[a1 - 1] && !lineA[a1]) { spans[k - 1] = [a0, b1]; spans.splice(k, 1); k--; }
  }
  for (const [k0, k1] of spans) {
    let t0 = k0;
    for (let i = k0 + 1; i < k1; i++) {
      if (lineA[i]) { push(t0, i); t0 = i; }
    }
    push(t0, k1);
  }
  const paragraphs: Doc['paragraphs'] = [];
  const re = /[^\n]+/g;
  for (let m; (m = re.exec(text)); ) {
    const s0 = m.index;
    const e0 = s0 + m[0].length;
    if (m[0].trim()) paragraphs.push({ start: s0, end: e0 });
  }
  return { text, n, start: startA, end: endA, value, lower, pos, lineBefore: lineA, sentences, sentOf, paragraphs };
}
