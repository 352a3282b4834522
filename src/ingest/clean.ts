// Boilerplate removal: what is on the page but not in the article. Each rule works on the shape of the
// text (repetition, line length and case, runs of short lines, link lists, bank details), never on a list
// of strings copied from particular sites. The output is the normalised text: kept paragraphs, each
// trimmed, joined by one blank line, with hard-wrapped lines joined again; and a map back to the raw text.
import type { OffsetSegment, RemovedBlock, Span } from '../model.js';
import { outletFromText } from '../outlets.js';
import { TextBuilder } from './offsets.js';

export interface CleanResult {
  text: string;
  offsets: OffsetSegment[];
  removed: RemovedBlock[];
  /** An outlet named by a "Source: …" line the cleaner removed. */
  outlet: string | null;
}

export interface CleanOptions {
  /** Raw ranges that are metadata (a date line, a URL line) and are dropped before the rules run. */
  drop?: Span[];
}

interface Para {
  /** Raw ranges of the paragraph's lines (trimmed), in order; joined by a space in the output. */
  pieces: Span[];
  text: string;
  removed: string | null;
}

const SPACE = /[\s\u200b\u200c\u200d\u2060\ufeff]/;
const SENTENCE_END = /[.!?…]["'”’)\]]*$/;
const OPEN_QUOTE = /^["'“‘«]/;

function words(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(/\S+/g)) n++;
  return n;
}

/** Split raw into trimmed lines, with their raw ranges. Blank lines are kept as empty ranges. */
function lines(raw: string): Span[] {
  const out: Span[] = [];
  let i = 0;
  const n = raw.length;
  while (i <= n) {
    let j = i;
    while (j < n && raw[j] !== '\n' && raw[j] !== '\r') j++;
    let s = i;
    let e = j;
    while (s < e && SPACE.test(raw[s])) s++;
    while (e > s && SPACE.test(raw[e - 1])) e--;
    out.push({ start: s, end: e });
    if (j >= n) break;
    i = raw[j] === '\r' && raw[j + 1] === '\n' ? j + 2 : j + 1;
  }
  return out;
}

function inDrop(span: Span, drop: Span[]): boolean {
  return drop.some((d) => span.start >= d.start && span.end <= d.end && span.end > span.start);
}

/** Group lines into paragraphs, joining hard-wrapped lines (a long line that stops mid-sentence before a lower-case line). */
function paragraphs(raw: string, ls: Span[]): Para[] {
  const out: Para[] = [];
  let cur: Para | null = null;
  for (const l of ls) {
    if (l.end <= l.start) { cur = null; continue; }
    const text = raw.slice(l.start, l.end);
    if (cur) {
      const prev = cur.pieces[cur.pieces.length - 1];
      const prevText = raw.slice(prev.start, prev.end);
      const midSentence = /\b(?:the|a|an|and|or|but|of|on|in|at|to|for|with|by|from|that|which|who|as|his|her|their|its|is|was|were|are|be|been|has|have|had)$/i.test(prevText);
      const wrapped = prevText.length >= 50 && !/[.!?:;"'”’)\]…]$/.test(prevText) && (/^\p{Ll}/u.test(text) || midSentence);
      if (wrapped) {
        cur.pieces.push(l);
        cur.text += ' ' + text;
        continue;
      }
    }
    cur = { pieces: [l], text, removed: null };
    out.push(cur);
  }
  return out;
}

const isUpperHeading = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.8 && words(s) <= 6 && !SENTENCE_END.test(s);
};
const isHeadline = (s: string) => words(s) <= 18 && !/[.!?:]["'”’)]*$/.test(s) && !OPEN_QUOTE.test(s);
const isControl = (s: string) => s.length <= 30 && words(s) <= 4 && !/[.!?]$/.test(s);
const hasTimecode = (s: string) => /\d:\d\d|\d%|^\/$/.test(s);

const MARKER = /\b(donat(?:e|es|ed|ing|ion|ions)|appeal|cheques?|checks? payable|bank transfer|sort code|account (?:number|name)|gift aid|charit(?:y|ies)|iban|swift code|paypal)\b/i;
const STRONG = /\b(donat\w*|cheques?|bank transfer|sort code|account number|gift aid|iban)\b/i;
const BANK_LINE = /^(account|sort code|iban|swift|bic|routing)[^:]{0,24}:\s*[\w\s-]+$/i;
const SOURCE_LINE = /^(?:source|via|originally published (?:on|at|by)|first published (?:on|at|by)|read more at)\s*:\s*(.+)$/i;

/** Rule: a paragraph that repeats an earlier one (a caption printed twice). */
function repeated(ps: Para[], removed: (p: Para, rule: string) => void): void {
  const seen = new Set<string>();
  for (const p of ps) {
    if (p.removed) continue;
    const key = p.text.replace(/\s+/g, ' ');
    if (key.length < 25) continue;
    if (seen.has(key)) removed(p, 'repeated');
    else seen.add(key);
  }
}

/** Rule: a paragraph glued to a copy of another one with no space between (a caption run into the text). */
function glued(ps: Para[], cut: Span[]): void {
  const candidates = ps.filter((p) => p.text.length >= 25 && p.pieces.length === 1);
  if (candidates.length > 2000) return;
  for (const p of ps) {
    if (p.removed || p.pieces.length !== 1) continue;
    const piece = p.pieces[0];
    for (const q of candidates) {
      if (q === p || q.text.length >= p.text.length) continue;
      if (p.text.startsWith(q.text) && !SPACE.test(p.text[q.text.length])) {
        cut.push({ start: piece.start, end: piece.start + q.text.length });
        break;
      }
      if (p.text.endsWith(q.text) && !SPACE.test(p.text[p.text.length - q.text.length - 1])) {
        cut.push({ start: piece.end - q.text.length, end: piece.end });
        break;
      }
    }
  }
}

/** Rule: runs of short control-like lines (a video player: "Loaded: 0%", "Play", "0:00"), with the title line before. */
function playerResidue(ps: Para[], removed: (p: Para, rule: string) => void): void {
  let i = 0;
  while (i < ps.length) {
    if (!isControl(ps[i].text)) { i++; continue; }
    let j = i;
    while (j < ps.length && isControl(ps[j].text)) j++;
    const run = ps.slice(i, j);
    if (run.length >= 4 && (run.some((p) => hasTimecode(p.text)) || run.length >= 8)) {
      for (const p of run) removed(p, 'player residue');
      const before = ps[i - 1];
      if (before && !before.removed && words(before.text) <= 16 && !SENTENCE_END.test(before.text)) removed(before, 'player residue');
    }
    i = j;
  }
}

/** Rule: an upper-case heading followed by headline-shaped lines ("DON'T MISS", "READ MORE"), or "LABEL: headline". */
function linkLists(ps: Para[], removed: (p: Para, rule: string) => void): void {
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (p.removed) continue;
    const label = /^(\p{Lu}[\p{Lu}’'\s-]{2,30}):\s*(\S.*)$/u.exec(p.text);
    if (label && isHeadline(label[2]) && !/\p{Ll}/u.test(label[1])) { removed(p, 'link list'); continue; }
    if (!isUpperHeading(p.text)) continue;
    let j = i + 1;
    while (j < ps.length && !ps[j].removed && isHeadline(ps[j].text) && !isUpperHeading(ps[j].text)) j++;
    if (j - i - 1 >= 2) {
      for (let k = i; k < j; k++) removed(ps[k], 'link list');
      i = j - 1;
    }
  }
}

/** Rule: a donation appeal: a stretch dense with donation vocabulary and bank details. */
function appeals(ps: Para[], removed: (p: Para, rule: string) => void): void {
  const markers: number[] = [];
  ps.forEach((p, i) => { if (MARKER.test(p.text) || BANK_LINE.test(p.text)) markers.push(i); });
  let g = 0;
  while (g < markers.length) {
    let h = g;
    while (h + 1 < markers.length && markers[h + 1] - markers[h] <= 4) h++;
    const group = markers.slice(g, h + 1);
    const strong = group.some((i) => STRONG.test(ps[i].text) || BANK_LINE.test(ps[i].text));
    if (group.length >= 3 && strong) {
      let first = group[0];
      const last = group[group.length - 1];
      const before = ps[first - 1];
      if (before && (isUpperHeading(before.text) || (words(before.text) <= 12 && !SENTENCE_END.test(before.text)))) first--;
      for (let k = first; k <= last; k++) removed(ps[k], 'appeal');
    }
    g = h + 1;
  }
}

/** Rule: what trails the article: a "Source: …" line, blog footers ("Powered by …", "No comments:"). */
function trailer(ps: Para[], removed: (p: Para, rule: string) => void): string | null {
  let outlet: string | null = null;
  const alive = ps.filter((p) => !p.removed);
  for (const p of alive.slice(-4)) {
    const m = SOURCE_LINE.exec(p.text);
    if (m && words(p.text) <= 8) {
      outlet = outletFromText(m[1]) ?? outlet;
      removed(p, 'source line');
    }
  }
  for (let i = alive.length - 1; i > 0; i--) {
    const p = alive[i];
    if (p.removed) continue;
    const t = p.text;
    const byline = /^(?:powered|posted|published|shared|written|designed|hosted|created)\s+(?:by|with|on)\b/i.test(t);
    if (words(t) <= 5 && !/["“”‘’«»]/.test(t) && !/^'|'$/.test(t) && (t.endsWith(':') || !SENTENCE_END.test(t) || byline)) {
      removed(p, 'footer');
    } else break;
  }
  return outlet;
}

export function clean(raw: string, options: CleanOptions = {}): CleanResult {
  const drop = options.drop ?? [];
  const removedBlocks: RemovedBlock[] = [];
  const ls = lines(raw).filter((l) => {
    if (l.end > l.start && inDrop(l, drop)) { removedBlocks.push({ ...l, rule: 'metadata' }); return false; }
    return true;
  });
  const ps = paragraphs(raw, ls);
  const removed = (p: Para, rule: string) => { if (!p.removed) p.removed = rule; };
  repeated(ps, removed);
  const cuts: Span[] = [];
  glued(ps, cuts);
  playerResidue(ps, removed);
  linkLists(ps, removed);
  appeals(ps, removed);
  const outlet = trailer(ps, removed);

  const b = new TextBuilder(raw);
  let first = true;
  for (const p of ps) {
    if (p.removed) {
      for (const piece of p.pieces) removedBlocks.push({ ...piece, rule: p.removed });
      continue;
    }
    if (!first) b.insert('\n\n');
    first = false;
    p.pieces.forEach((piece, k) => {
      if (k > 0) b.insert(' ');
      let s = piece.start;
      let e = piece.end;
      for (const c of cuts) {
        if (c.start === s && c.end < e) { removedBlocks.push({ ...c, rule: 'glued repeat' }); s = c.end; }
        else if (c.end === e && c.start > s) { removedBlocks.push({ ...c, rule: 'glued repeat' }); e = c.start; }
      }
      while (s < e && SPACE.test(raw[s])) s++;
      while (e > s && SPACE.test(raw[e - 1])) e--;
      b.copy(s, e);
    });
  }
  removedBlocks.sort((x, y) => x.start - y.start);
  return { text: b.toString(), offsets: b.segments, removed: removedBlocks, outlet };
}
