// Shingles: the word 6-grams of a text, hashed to 32 bits, with where each word stands in the text; and
// winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003), which picks from them a small set of fingerprints
// such that any run of at least WINDOW shared shingles shares at least one fingerprint. Text reuse is
// measured on shingles and found through fingerprints.

/** Words a shingle spans. */
export const SHINGLE_WORDS = 6;
/** Winnowing window, in shingles: a shared run of this many shingles (19 words) always shares a fingerprint. */
export const WINDOW = 14;

/** A text's shingles in order: `hashes[i]` is the shingle of words i … i+5. */
export interface Shingles {
  hashes: Uint32Array;
  /** Start and end (UTF-16 offsets) of every word of the text. */
  wordStart: Int32Array;
  wordEnd: Int32Array;
}

// A word: letters and digits, with inner apostrophes ("Putin's", "didn’t"). Case and apostrophe style are folded.
const LETTER = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && LETTER.test(text.slice(i - 1, i + 1));
  return LETTER.test(text[i]);
}

/** The murmur3 finaliser: spreads the bits of a 32-bit value. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x2019) c = 0x27;
    else if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) c = text[i].toLowerCase().charCodeAt(0);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** The words of a text (offsets) and its shingle hashes. A text of fewer than six words has no shingles. */
export function shingle(text: string): Shingles {
  const starts: number[] = [];
  const ends: number[] = [];
  const wh: number[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    if (!isWordChar(text, i)) { i++; continue; }
    const start = i;
    for (;;) {
      while (i < len && isWordChar(text, i)) i++;
      const c = text.charCodeAt(i);
      if ((c === 0x27 || c === 0x2019) && i + 1 < len && isWordChar(text, i + 1)) { i++; continue; }
      break;
    }
    starts.push(start);
    ends.push(i);
    wh.push(wordHash(text, start, i));
  }
  const n = Math.max(0, wh.length - SHINGLE_WORDS + 1);
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ wh[i + k], 0x5bd1e995) + 0x165667b1;
    hashes[i] = fmix(h);
  }
  return { hashes, wordStart: Int32Array.from(starts), wordEnd: Int32Array.from(ends) };
}

/** The distinct shingle hashes, sorted. */
export function distinct(hashes: Uint32Array): Uint32Array {
  const s = Uint32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) s[n++] = s[i];
  return s.slice(0, n);
}

/** Whether a sorted array holds a value. */
export function has(sorted: Uint32Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === v;
}

/** How many values two sorted distinct arrays have in common. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else { n++; i++; j++; }
  }
  return n;
}

/**
 * Winnowing fingerprints: in every window of WINDOW consecutive shingles, the smallest hash (the rightmost
 * on ties). Returned distinct and sorted. A text with fewer shingles than the window keeps its smallest one.
 */
export function winnow(hashes: Uint32Array, window = WINDOW): Uint32Array {
  const n = hashes.length;
  if (n === 0) return new Uint32Array(0);
  const w = Math.min(window, n);
  const picked: number[] = [];
  let last = -1;
  for (let s = 0; s + w <= n; s++) {
    let min = s + w - 1;
    if (last >= s && hashes[last] < hashes[min]) {
      // The previous minimum is still inside the window and only the new shingle can beat it.
      min = hashes[s + w - 1] <= hashes[last] ? s + w - 1 : last;
    } else {
      for (let i = s + w - 2; i >= s; i--) if (hashes[i] < hashes[min]) min = i;
    }
    if (min !== last) picked.push(hashes[min]);
    last = min;
  }
  return distinct(Uint32Array.from(picked));
}

/**
 * The spans of a text covered by its shingles that `other` (sorted distinct hashes) also holds: runs of
 * shared shingles merged, each from the first word of its first shingle to the last word of its last.
 */
export function sharedSpans(s: Shingles, other: Uint32Array): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const n = s.hashes.length;
  let runStart = -1;
  for (let i = 0; i <= n; i++) {
    const shared = i < n && has(other, s.hashes[i]);
    if (shared && runStart < 0) runStart = i;
    if (!shared && runStart >= 0) {
      const start = s.wordStart[runStart];
      const end = s.wordEnd[i - 1 + SHINGLE_WORDS - 1];
      const prev = spans[spans.length - 1];
      if (prev && start <= prev.end) prev.end = Math.max(prev.end, end);
      else spans.push({ start, end });
      runStart = -1;
    }
  }
  return spans;
}
