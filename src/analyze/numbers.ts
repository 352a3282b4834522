// Numbers as they are written: digits with separators and decimals ("1,300", "4.8"), scales ("4.8 million",
// "$1.5bn", "20k"), words ("Eighty-seven", "a thousand", "two dozen", "half a million"), ranges
// ("10,000-20,000", "between 129,000 and 226,000", and typos such as "10,00-20,000"), and vague amounts
// ("hundreds", "tens of thousands", "several thousand") as ranges.
import type { Doc } from './nlp.js';

const UNITS: Record<string, number> = Object.assign(Object.create(null), {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
});
const TENS: Record<string, number> = Object.assign(Object.create(null), { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const SCALES: Record<string, number> = Object.assign(Object.create(null), {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, tn: 1e12, dozen: 12,
});
/** Vague amounts as the range they name. */
const VAGUE: Record<string, [number, number]> = Object.assign(Object.create(null), {
  dozens: [24, 99], scores: [40, 99], hundreds: [200, 999], thousands: [2000, 9999], millions: [2e6, 9.99e8], billions: [2e9, 9.99e11],
});
const FEW: Record<string, [number, number]> = Object.assign(Object.create(null), { several: [3, 9], few: [2, 5], 'a few': [2, 5], many: [3, 9], some: [2, 9] });

export interface NumberMatch {
  t0: number;
  /** Exclusive. */
  t1: number;
  value: number | null;
  low: number | null;
  high: number | null;
  vague: boolean;
  /** Written in words. */
  words: boolean;
}

/** The value of a digit string with separators: "1,300" → 1300, "4.8" → 4.8, "10,00" (a typo) → 10000. */
export function parseDigits(s: string, padShortGroups = false): number | null {
  const v = parseDigitsRaw(s, padShortGroups);
  return v != null && Number.isFinite(v) ? v : null; // "4.226,0" is no number
}

function parseDigitsRaw(s: string, padShortGroups: boolean): number | null {
  const t = s.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d[\d,.]*$/.test(t)) return null;
  if (/,/.test(t)) {
    const [intPart, dec] = t.split('.');
    const groups = intPart.split(',');
    if (groups.slice(1).some((g) => g.length !== 3)) {
      if (!padShortGroups) return null;
      return Number(groups.map((g, i) => (i === 0 ? g : g.padEnd(3, '0'))).join('') + (dec ? '.' + dec : ''));
    }
    return Number(groups.join('') + (dec ? '.' + dec : ''));
  }
  if ((t.match(/\./g) ?? []).length > 1) return null;
  return Number(t);
}

/** A number written in words over tokens [i, …): "eighty - seven", "two hundred", "a thousand". */
function wordNumber(doc: Doc, i: number, end: number): { value: number; t1: number } | null {
  let total = 0;
  let current = 0;
  let k = i;
  let any = false;
  if (doc.lower[k] === 'a' || doc.lower[k] === 'an') {
    const next = doc.lower[k + 1];
    if (next && (next === 'hundred' || next === 'thousand' || next === 'million' || next === 'billion' || next === 'dozen')) { current = 1; k++; any = true; }
    else return null;
  }
  if (doc.lower[k] === 'half' && doc.lower[k + 1] === 'a' && SCALES[doc.lower[k + 2]] >= 1e3) return { value: 0.5 * SCALES[doc.lower[k + 2]], t1: k + 3 };
  while (k < end) {
    const w = doc.lower[k];
    if (UNITS[w] !== undefined) { current += UNITS[w]; any = true; k++; continue; }
    if (TENS[w] !== undefined) {
      current += TENS[w];
      any = true;
      k++;
      // "eighty-seven" as "eighty" "-" "seven"
      if (doc.value[k] === '-' && k + 1 < end && UNITS[doc.lower[k + 1]] !== undefined && UNITS[doc.lower[k + 1]] < 10) { current += UNITS[doc.lower[k + 1]]; k += 2; }
      continue;
    }
    const hy = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
    if (hy) { current += TENS[hy[1]] + UNITS[hy[2]]; any = true; k++; continue; }
    if (any && (w === 'hundred')) { current = (current || 1) * 100; k++; continue; }
    if (any && (w === 'thousand' || w === 'million' || w === 'billion' || w === 'trillion')) { total += (current || 1) * SCALES[w]; current = 0; k++; continue; }
    if (any && w === 'dozen') { current = (current || 1) * 12; k++; continue; }
    if (any && w === 'and' && k + 1 < end && (UNITS[doc.lower[k + 1]] !== undefined || TENS[doc.lower[k + 1]] !== undefined) && (total > 0 || current >= 100)) { k++; continue; }
    break;
  }
  if (!any) return null;
  return { value: total + current, t1: k };
}

/** A single number starting at token i (digits with an optional scale, or words). */
function single(doc: Doc, i: number, end: number, pad: boolean): { value: number; t1: number; words: boolean } | null {
  if (i >= end || i >= doc.n) return null; // "between" as the last word: nothing after it
  const v = doc.value[i];
  // "4.8m", "1.5bn", "20k" glued
  const glued = /^(\d[\d,.]*)(k|m|mn|bn|b|tn)$/i.exec(v);
  if (glued) {
    const base = parseDigits(glued[1], pad);
    if (base != null) return { value: base * SCALES[glued[2].toLowerCase()], t1: i + 1, words: false };
  }
  const d = parseDigits(v, pad);
  if (d != null) {
    let value = d;
    let k = i + 1;
    const scale = SCALES[doc.lower[k]];
    if (k < end && scale && scale >= 100 && doc.lower[k] !== 'b') { value *= scale; k++; if (SCALES[doc.lower[k]] >= 1e6) { value *= SCALES[doc.lower[k]]; k++; } }
    return { value, t1: k, words: false };
  }
  const w = wordNumber(doc, i, end);
  if (w) return { ...w, words: true };
  return null;
}

/** The number expression starting at token i, with ranges and vague amounts; null when none starts there. */
export function numberAt(doc: Doc, i: number, end: number): NumberMatch | null {
  const w = doc.lower[i];
  // Vague amounts.
  if (w === 'tens' && doc.lower[i + 1] === 'of' && doc.lower[i + 2] === 'thousands') return { t0: i, t1: i + 3, value: null, low: 2e4, high: 99999, vague: true, words: true };
  if (w === 'hundreds' && doc.lower[i + 1] === 'of' && doc.lower[i + 2] === 'thousands') return { t0: i, t1: i + 3, value: null, low: 2e5, high: 999999, vague: true, words: true };
  if (VAGUE[w] && !(doc.lower[i - 1] === 'the')) return { t0: i, t1: i + 1, value: null, low: VAGUE[w][0], high: VAGUE[w][1], vague: true, words: true };
  const few = FEW[w] ?? (w === 'a' && doc.lower[i + 1] === 'few' ? FEW['a few'] : undefined);
  if (few) {
    const k = w === 'a' ? i + 2 : i + 1;
    const sc = SCALES[doc.lower[k]];
    if (sc && sc >= 100 && doc.lower[k] !== 'm' && doc.lower[k] !== 'b') return { t0: i, t1: k + 1, value: null, low: few[0] * sc, high: few[1] * sc, vague: true, words: true };
    return null;
  }
  // A range in one token: "10,000-20,000", "10,00-20,000", "5-10".
  const r = /^(\d[\d,.]*)[-–](\d[\d,.]*)$/.exec(doc.value[i]);
  if (r) {
    const hi = parseDigits(r[2]);
    let lo = parseDigits(r[1]) ?? parseDigits(r[1], true);
    if (hi != null && lo != null) {
      // A dropped digit in the low end of a range ("10,00-20,000" for "10,000-20,000").
      if (/,\d{1,2}$/.test(r[1])) lo = parseDigits(r[1], true);
      let k = i + 1;
      const scale = SCALES[doc.lower[k]];
      let mult = 1;
      if (scale && scale >= 100) { mult = scale; k++; }
      return { t0: i, t1: k, value: null, low: lo! * mult, high: hi * mult, vague: false, words: false };
    }
  }
  // "between A and B"
  if (w === 'between') {
    const a = single(doc, i + 1, end, false);
    if (a && doc.lower[a.t1] === 'and') {
      const b = single(doc, a.t1 + 1, end, false);
      if (b) return { t0: i, t1: b.t1, value: null, low: a.value, high: b.value, vague: false, words: a.words };
    }
    return null;
  }
  const a = single(doc, i, end, false);
  if (!a) return null;
  // "A to B", "A-B" across tokens.
  const sep = doc.lower[a.t1];
  if ((sep === 'to' || sep === '-' || sep === '–') && a.t1 + 1 < end) {
    const b = single(doc, a.t1 + 1, end, false);
    if (b && b.value > a.value && !a.words === !b.words) {
      // "4 to 5 million": the scale of the high end applies to the low end.
      let low = a.value;
      if (b.value / a.value > 100 && a.value < 1000) low = a.value * (b.value / Number(doc.value[a.t1 + 1].replace(/,/g, '')) || 1);
      return { t0: i, t1: b.t1, value: null, low, high: b.value, vague: false, words: a.words };
    }
  }
  return { t0: i, t1: a.t1, value: a.value, low: null, high: null, vague: false, words: a.words };
}
