// Direct quotations: spans between quotation marks (straight, curly, single, double, guillemets), nested
// quotes inside them, and quotes that run over several paragraphs (one span per paragraph, each pointing
// at the one it continues). Apostrophes ("don't", "Putin's", "soldiers' ") are told apart from single
// quotation marks by their neighbours. A quote left open at the end of a paragraph ends there.
import type { Span } from '../model.js';

export interface Quote extends Span {
  /** Offset of the opening mark, or the paragraph start for a quote with only a closing mark. */
  open: number;
  /** Offset of the closing mark, or the paragraph end when the quote is not closed in its paragraph. */
  close: number;
  closed: boolean;
  /** Whether the quote had an opening mark (false: a closing mark only, the quote starts the paragraph). */
  opened: boolean;
  double: boolean;
  paragraph: number;
  depth: number;
  /** Index of the quote this one sits in. */
  parent: number | null;
  /** Index of the quote in an earlier paragraph that this one continues. */
  continues: number | null;
  /** Number of words inside. */
  words: number;
}

const DOUBLE_OPEN = '“„«';
const DOUBLE_CLOSE = '”»';
const SINGLE_OPEN = '‘‹';
const SINGLE_CLOSE = '’›';
// Regular expressions used per character are made once (a literal inside a function is a new object each time).
const SPACE = /\s/;
const LETTER = /[\p{L}\p{N}]/u;
const SPACE_OR_COMMA = /[\s,]/;
const isSpace = (c: string | undefined) => c === undefined || SPACE.test(c);
const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);
const OPEN_BEFORE = /[\s([{\u2014\u2013\-/“‘"'«:]/;
const CLOSE_AFTER = /[\s.,;:!?)\]}\u2014\u2013\-'"’”»…]/;

interface Open {
  at: number;
  double: boolean;
  straight: boolean;
  index: number;
  /** Offset of the opening mark of the quote this one continues (flattened paragraphs). */
  flatContinues?: number;
}

function wordCount(text: string, s: number, e: number): number {
  let n = 0;
  let inWord = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    const w = c < 128 ? ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) : LETTER.test(text[i]);
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

export function findQuotes(text: string, paragraphs: readonly Span[]): Quote[] {
  const quotes: Quote[] = [];
  let carried: { double: boolean; index: number } | null = null;
  // The last quote left open at a paragraph's end, for a closing mark a few caption paragraphs later.
  let lastOpen: { double: boolean; index: number; paragraph: number } | null = null;
  paragraphs.forEach((para, p) => {
    const stack: Open[] = [];
    const add = (open: number, close: number, double: boolean, closed: boolean, opened: boolean, parent: number | null, continues: number | null): number => {
      let s = opened ? open + 1 : open;
      let e = close;
      while (s < e && SPACE.test(text[s])) s++;
      while (e > s && SPACE_OR_COMMA.test(text[e - 1])) e--;
      const q: Quote = { start: s, end: e, open, close, closed, opened, double, paragraph: p, depth: 0, parent, continues, words: wordCount(text, s, e) };
      quotes.push(q);
      return quotes.length - 1;
    };
    // Reserve slots so that parents are known when children close: we push on close, so record parents by offset.
    const pending: { open: Open; close: number; closed: boolean; opened: boolean; flatContinued?: boolean }[] = [];
    const firstOpen = (() => {
      let i = para.start;
      while (i < para.end && SPACE.test(text[i])) i++;
      return i;
    })();
    const marks = /["'“”‘’«»„‹›]/g;
    marks.lastIndex = para.start;
    for (let mm = marks.exec(text); mm && mm.index < para.end; mm = marks.exec(text)) {
      const i = mm.index;
      const c = text[i];
      const prev = i > para.start ? text[i - 1] : undefined;
      const next = i + 1 < para.end ? text[i + 1] : undefined;
      const openCtx = (prev === undefined || OPEN_BEFORE.test(prev)) && !isSpace(next);
      const closeCtx = prev !== undefined && !isSpace(prev) && (next === undefined || CLOSE_AFTER.test(next));
      const topDouble = () => { for (let k = stack.length - 1; k >= 0; k--) if (stack[k].double) return k; return -1; };
      const topSingle = () => { for (let k = stack.length - 1; k >= 0; k--) if (!stack[k].double) return k; return -1; };
      const closeAt = (k: number) => {
        const o = stack[k];
        // Anything opened inside and never closed ends here too.
        while (stack.length - 1 > k) {
          const inner = stack.pop()!;
          pending.push({ open: inner, close: i, closed: false, opened: true });
        }
        stack.pop();
        pending.push({ open: o, close: i, closed: true, opened: true });
      };
      // Quotes nest two or three deep in real text; deeper marks are stray characters.
      const canOpen = stack.length < 4;
      if (DOUBLE_OPEN.includes(c)) {
        // A text whose paragraph breaks were lost: “… first paragraph. “Second paragraph… — an opening mark after a
        // sentence end while the same kind is open starts the next paragraph of the quote, it does not nest.
        const k = topDouble();
        if (k >= 0 && !stack[k].straight && /[.!?…]["'”’)]*\s*$/.test(text.slice(Math.max(para.start, i - 4), i))) {
          while (stack.length - 1 > k) pending.push({ open: stack.pop()!, close: i, closed: false, opened: true });
          const o = stack.pop()!;
          pending.push({ open: o, close: i, closed: false, opened: true, flatContinued: true });
          stack.push({ at: i, double: true, straight: false, index: -1, flatContinues: o.at });
          continue;
        }
        if (canOpen) stack.push({ at: i, double: true, straight: false, index: -1 });
      } else if (DOUBLE_CLOSE.includes(c)) {
        const k = topDouble();
        if (k >= 0) closeAt(k);
        else if (!stack.length && i > firstOpen && !pending.length) pending.push({ open: { at: firstOpen, double: true, straight: false, index: -1 }, close: i, closed: true, opened: false });
      } else if (c === '"') {
        const k = topDouble();
        if (k >= 0 && (closeCtx || !openCtx)) closeAt(k);
        else if (openCtx && canOpen) stack.push({ at: i, double: true, straight: true, index: -1 });
      } else if (SINGLE_OPEN.includes(c)) {
        if ((openCtx || prev === undefined) && canOpen) stack.push({ at: i, double: false, straight: false, index: -1 });
      } else if (SINGLE_CLOSE.includes(c) || c === "'") {
        if (isLetter(prev) && isLetter(next)) continue; // an apostrophe inside a word
        const k = topSingle();
        if (k >= 0 && closeCtx && !(stack[k].at === i - 1)) { closeAt(k); continue; }
        if (c === "'" && openCtx && canOpen) { stack.push({ at: i, double: false, straight: true, index: -1 }); continue; }
        // A closing mark with nothing open: the quote began the paragraph (its opening mark was lost).
        if (!stack.length && closeCtx && /[.!?,…]/.test(prev ?? '') && (next === undefined || /\s/.test(next)) && i > firstOpen && !pending.length) {
          pending.push({ open: { at: firstOpen, double: false, straight: c === "'", index: -1 }, close: i, closed: true, opened: false });
        }
      }
    }
    // Quotes still open at the end of the paragraph end there.
    while (stack.length) {
      const o = stack.pop()!;
      pending.push({ open: o, close: para.end, closed: false, opened: true });
    }
    // A quote holds words: marks around nothing but marks and spaces are not quotes.
    const real = pending.filter((x) => /[\p{L}\p{N}]/u.test(text.slice(x.open.at, x.close)));
    // Order by opening offset; parents are the enclosing spans (an interval stack: linear).
    real.sort((a, b) => a.open.at - b.open.at || b.close - a.close);
    const open: { idx: number; open: number; close: number }[] = [];
    const made = new Map<number, number>();
    let nextCarry: { double: boolean; index: number } | null = null;
    for (const x of real) {
      while (open.length && !(open[open.length - 1].open < x.open.at && open[open.length - 1].close >= x.close)) open.pop();
      const parent: number | null = open.length ? open[open.length - 1].idx : null;
      const startsPara = x.open.at === firstOpen;
      let continues = startsPara && carried && carried.double === x.open.double && parent === null ? carried.index : null;
      if (x.open.flatContinues !== undefined) {
        const prev = made.get(x.open.flatContinues);
        if (prev !== undefined) continues = prev;
      }
      // A closing mark with no opening one, after paragraphs with no quotation marks at all (captions): it closes the quote left open.
      if (continues === null && !x.opened && lastOpen && lastOpen.double === x.open.double && p - lastOpen.paragraph <= 8) {
        let clean = true;
        for (let k = lastOpen.paragraph + 1; k < p; k++) if (/["'“”‘’«»]/.test(text.slice(paragraphs[k].start, paragraphs[k].end))) clean = false;
        if (clean) continues = lastOpen.index;
      }
      const idx = add(x.open.at, x.close, x.open.double, x.closed, x.opened, parent, continues);
      made.set(x.open.at, idx);
      if (parent !== null) quotes[idx].depth = quotes[parent].depth + 1;
      open.push({ idx, open: x.open.at, close: x.close });
      if (!x.closed && parent === null && x.close === para.end) nextCarry = { double: x.open.double, index: idx };
    }
    carried = nextCarry;
    if (nextCarry) lastOpen = { ...nextCarry, paragraph: p };
    else if (real.length) lastOpen = null;
  });
  // Drop empty quotes ('' or “ ”), renumbering the references between the rest.
  const remap = new Map<number, number>();
  const kept: Quote[] = [];
  quotes.forEach((q, i) => { if (q.end > q.start) { remap.set(i, kept.length); kept.push(q); } });
  for (const q of kept) {
    q.parent = q.parent === null ? null : remap.get(q.parent) ?? null;
    q.continues = q.continues === null ? null : remap.get(q.continues) ?? null;
  }
  return kept;
}
