// Text reuse: pairs of articles that share text, from a verbatim repost to a few paragraphs of wire copy
// re-run inside a longer piece. Measured on six-word shingles (shingles.ts); found through winnowing
// fingerprints, so that adding an article costs the work on that article and the articles that share a
// fingerprint with it, never a pass over the store.
import type { Reuse, ReusePassages, Span } from '../model.js';
import { distinct, intersectionSize, sharedSpans, shingle, winnow, type Shingles } from './shingles.js';

export interface ReuseOptions {
  /** Keep a pair when at least this fraction of the shorter article's shingles occur in the other … */
  minShared: number;
  /** … or when the two have at least this many shingles in common (a passage of about 25 words). */
  minSharedShingles: number;
  /**
   * A fingerprint found in more articles than this is boilerplate (a newsletter blurb, a donation appeal, a
   * background paragraph an outlet appends to everything): it is no longer followed or indexed.
   */
  maxPostings: number;
  /** At most this many candidates of one article are compared in full, those sharing most fingerprints first. */
  maxCandidates: number;
}

export const REUSE_DEFAULTS: ReuseOptions = { minShared: 0.5, minSharedShingles: 20, maxPostings: 100, maxCandidates: 100 };

/** An article as reuse sees it. */
export interface ReuseArticle {
  id: string;
  /** Versions of one article (same key) are not reuse of each other. */
  key: string;
  date: string | null;
  text: string;
}

/** An article's shingles, their distinct set and its fingerprints: computed once per article. */
export interface ReuseSignature {
  shingles: Shingles;
  distinct: Uint32Array;
  fingerprints: Uint32Array;
}

/**
 * Texts with at most this many shingles are indexed (and look others up) by all their shingles, not by
 * winnowed fingerprints: in a short text half the shingles can be shared in runs shorter than the window.
 */
export const SMALL_TEXT = 40;

export function signature(text: string): ReuseSignature {
  const shingles = shingle(text);
  const all = distinct(shingles.hashes);
  return { shingles, distinct: all, fingerprints: all.length <= SMALL_TEXT ? all : winnow(shingles.hashes) };
}

/** A stored article that shares fingerprints with the new one. */
export interface ReuseCandidate {
  /** The store's sequence number of the candidate (the order articles were stored). */
  seq: number;
  /** Fingerprints the two share, and the candidate's fingerprint count. */
  hits: number;
  fingerprints: number;
}

/**
 * Whether a candidate is worth comparing in full: it shares two fingerprints, or one that is a quarter of
 * the smaller fingerprint set, or either text is short. Any run of WINDOW shared shingles shares at least one.
 */
export function worthComparing(c: ReuseCandidate, ownFingerprints: number): boolean {
  return c.hits >= 2 || c.hits >= 0.25 * Math.min(c.fingerprints, ownFingerprints) || Math.min(c.fingerprints, ownFingerprints) <= SMALL_TEXT;
}

/** Which article came first where the dates tell (YYYY-MM-DD, different days), else null. */
export function earlierOf(a: string | null, b: string | null): 'a' | 'b' | null {
  if (!a || !b) return null;
  const x = a.slice(0, 10);
  const y = b.slice(0, 10);
  return x < y ? 'a' : y < x ? 'b' : null;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** An article as linking compares it: its sorted distinct shingle hashes, never its text. */
export interface ReuseSet {
  id: string;
  key: string;
  date: string | null;
  shingles: Uint32Array;
}

/**
 * The shares two articles have of each other's shingles, without the passages. `a` is the one stored first.
 * Null when they share too little to be reuse (see ReuseOptions) or are versions of one article.
 */
export function shares(a: ReuseSet, b: ReuseSet, options: ReuseOptions = REUSE_DEFAULTS): Reuse | null {
  if (a.id === b.id || a.key === b.key) return null;
  const na = a.shingles.length;
  const nb = b.shingles.length;
  if (!na || !nb) return null;
  const common = intersectionSize(a.shingles, b.shingles);
  const shared = common / Math.min(na, nb);
  if (common === 0 || (shared < options.minShared && common < options.minSharedShingles)) return null;
  return { a: a.id, b: b.id, aInB: round(common / na), bInA: round(common / nb), shared: round(shared), sharedShingles: common, earlier: earlierOf(a.date, b.date) };
}

/** The passages of each text that the other also holds (runs of shared shingles, as character spans). */
export function sharedPassages(a: string | ReuseSignature, b: string | ReuseSignature): ReusePassages {
  const sa = typeof a === 'string' ? signature(a) : a;
  const sb = typeof b === 'string' ? signature(b) : b;
  return { a: sharedSpans(sa.shingles, sb.distinct), b: sharedSpans(sb.shingles, sa.distinct) };
}

/** Compare two articles in full, from their texts: shares and shared passages. */
export function compare(a: ReuseArticle, b: ReuseArticle, options: ReuseOptions = REUSE_DEFAULTS): (Reuse & { passages: ReusePassages }) | null {
  const sa = signature(a.text);
  const sb = signature(b.text);
  const r = shares({ ...a, shingles: sa.distinct }, { ...b, shingles: sb.distinct }, options);
  return r && { ...r, passages: sharedPassages(sa, sb) };
}

/** How much of a span the passages cover, in characters. */
export function coveredBy(passages: Span[], span: Span): number {
  let n = 0;
  for (const p of passages) n += Math.max(0, Math.min(p.end, span.end) - Math.max(p.start, span.start));
  return n;
}

/** What names an article to a person in reuse output: its URL when it has one, else its source path (and line). */
export function articleRef(a: { url: string | null; source: { path: string; line?: number } }): string {
  if (a.url && /^https?:\/\//i.test(a.url)) return a.url;
  return a.source.line != null ? `${a.source.path}#L${a.source.line}` : a.source.path;
}
