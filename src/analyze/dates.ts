// Dates and time expressions, normalised against the article's publication date, with their precision:
// "May 17" (day), "24 February 2022" (day), "on Monday" (the last Monday on or before the article's date),
// "yesterday", "last week" (week: its Monday), "earlier this month" (month), "in March" (month), "in 2014"
// (year), "two weeks ago" (day, as the article counts). Relative expressions need the publication date:
// without one only dates that carry their year are kept.
//
// Written over the flat tokens rather than with chrono-node: chrono parses the same expressions but took
// about 2.6 ms for 350 characters here, several times the whole analyzer's budget for an article.
import type { DatePrecision, TimeExpression } from '../model.js';
import type { Doc } from './nlp.js';

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const TRIGGERS = new Set([...Object.keys(MONTHS), ...Object.keys(WEEKDAYS), ...Object.keys(NUMBER_WORDS), 'yesterday', 'today', 'tonight', 'last', 'this', 'past']);
const YEAR_LEAD = new Set(['in', 'since', 'of', 'by', 'until', 'from', 'during', 'before', 'after', 'early', 'late', 'mid', 'throughout']);

const DAY = 86400000;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The publication date as a UTC midnight, or null when the article has none (or it does not parse). */
export function referenceDate(date: string | null | undefined): Date | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const d = utc(Number(m[1]), Number(m[2]), Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

function dayNumber(v: string): number | null {
  const m = /^(\d{1,2})(st|nd|rd|th)?$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 31 ? n : null;
}

const isYear = (v: string) => /^(19|20)\d\d$/.test(v);

/** A month and day without a year: the most recent such day on or before the article's date (plus a week's slack). */
function nearestPast(ref: Date, month: number, day: number): Date {
  let d = utc(ref.getUTCFullYear(), month, day);
  if (d.getTime() > ref.getTime() + 7 * DAY) d = utc(ref.getUTCFullYear() - 1, month, day);
  return d;
}

/** Dates and time expressions of a document; `published` is the article's ISO date, if known. */
export function findDates(doc: Doc, published: string | null | undefined): TimeExpression[] {
  const ref = referenceDate(published);
  const out: TimeExpression[] = [];
  const push = (t0: number, t1: number, date: string, precision: DatePrecision, relative: boolean) => {
    out.push({ text: doc.text.slice(doc.start[t0], doc.end[t1 - 1]), start: doc.start[t0], end: doc.end[t1 - 1], date, precision, relative });
  };
  const L = doc.lower;
  for (let i = 0; i < doc.n; i++) {
    const w = L[i];
    // Most tokens start nothing: only month and day names, digits and a few words do.
    const c0 = w.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && !TRIGGERS.has(w)) continue;
    const month = MONTHS[w];
    // Month names: "May 17", "May 17, 2022", "March 2014", "in March"; not "may" the verb.
    if (month && (w !== 'may' || doc.value[i] === 'May') && (w.length > 3 || doc.value[i + 1] === '.' || dayNumber(doc.value[i + 1] ?? '') || isYear(doc.value[i + 1] ?? ''))) {
      const day = dayNumber(doc.value[i + 1] ?? '');
      if (day) {
        let k = i + 2;
        if (doc.value[k] === ',' && isYear(doc.value[k + 1] ?? '')) k++;
        if (isYear(doc.value[k] ?? '')) { push(i, k + 1, iso(utc(Number(doc.value[k]), month, day)), 'day', false); i = k; continue; }
        if (ref) { push(i, i + 2, iso(nearestPast(ref, month, day)), 'day', true); i += 1; continue; }
        continue;
      }
      // "24 February 2022", "17 May".
      const before = dayNumber(doc.value[i - 1] ?? '');
      if (before && !(out.length && out[out.length - 1].end >= doc.start[i - 1])) {
        const start = L[i - 2] === 'the' ? i - 2 : i - 1;
        if (isYear(doc.value[i + 1] ?? '')) { push(start, i + 2, iso(utc(Number(doc.value[i + 1]), month, before)), 'day', false); i += 1; continue; }
        if (ref) { push(start, i + 1, iso(nearestPast(ref, month, before)), 'day', true); continue; }
        continue;
      }
      if (L[i - 1] === 'of' && dayNumber(doc.value[i - 2] ?? '')) continue; // "the 24th of February": below
      let k = i + 1;
      if (doc.value[k] === ',') k++;
      if (isYear(doc.value[k] ?? '')) { push(i, k + 1, `${doc.value[k]}-${pad(month)}`, 'month', false); i = k; continue; }
      if (ref && /^(in|since|by|until|from|during|early|late|mid|of|last|this|through|throughout|before|after)$/.test(L[i - 1] ?? '')) {
        // The most recent such month: "in March" in a May article is this March, in a February article last year's.
        const refMonth = ref.getUTCMonth() + 1;
        const y = ref.getUTCFullYear() - (month > refMonth || (L[i - 1] === 'last' && month === refMonth) ? 1 : 0);
        push(L[i - 1] === 'last' || L[i - 1] === 'this' ? i - 1 : i, i + 1, `${y}-${pad(month)}`, 'month', true);
      }
      continue;
    }
    // "the 24th of February".
    if (dayNumber(doc.value[i]) && /(st|nd|rd|th)$/i.test(doc.value[i]) && L[i + 1] === 'of' && MONTHS[L[i + 2]]) {
      const m = MONTHS[L[i + 2]];
      const d = dayNumber(doc.value[i])!;
      if (isYear(doc.value[i + 3] ?? '')) { push(i, i + 4, iso(utc(Number(doc.value[i + 3]), m, d)), 'day', false); i += 3; continue; }
      if (ref) { push(i, i + 3, iso(nearestPast(ref, m, d)), 'day', true); i += 2; }
      continue;
    }
    // ISO dates and 24.02.2022.
    const isoM = /^(\d{4})-(\d{2})-(\d{2})$/.exec(doc.value[i]) ?? null;
    if (isoM) { push(i, i + 1, `${isoM[1]}-${isoM[2]}-${isoM[3]}`, 'day', false); continue; }
    const dotted = /^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)$/.exec(doc.value[i]);
    if (dotted && Number(dotted[2]) <= 12) { push(i, i + 1, iso(utc(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]))), 'day', false); continue; }
    // Years after a preposition: "in 2014", "since 1999".
    if (isYear(doc.value[i]) && YEAR_LEAD.has(L[i - 1] ?? '') && !/^(people|troops|soldiers|tanks|civilians)$/.test(L[i + 1] ?? '')) {
      push(i, i + 1, doc.value[i], 'year', false);
      continue;
    }
    if (!ref) continue;
    // Relative to the publication date.
    if (w === 'yesterday') { push(i, i + 1, iso(new Date(ref.getTime() - DAY)), 'day', true); continue; }
    if (w === 'today' || w === 'tonight') { push(i, i + 1, iso(ref), 'day', true); continue; }
    if ((w === 'last' || w === 'this') && L[i + 1] === 'night') { push(i, i + 2, iso(w === 'last' ? new Date(ref.getTime() - DAY) : ref), 'day', true); i++; continue; }
    if (WEEKDAYS[w] !== undefined && doc.value[i][0] === doc.value[i][0].toUpperCase()) {
      // "on Monday", "last Monday", "Monday": the latest such day on or before the article's date.
      let back = (ref.getUTCDay() - WEEKDAYS[w] + 7) % 7;
      if (L[i - 1] === 'last' && back === 0) back = 7;
      const start = L[i - 1] === 'last' || L[i - 1] === 'on' || L[i - 1] === 'since' ? i - 1 : i;
      const startTok = L[start] === 'on' ? i : start;
      push(startTok, i + 1, iso(new Date(ref.getTime() - back * DAY)), 'day', true);
      continue;
    }
    if ((w === 'last' || w === 'this' || w === 'past') && /^(week|month|year)$/.test(L[i + 1] ?? '')) {
      const unit = L[i + 1];
      const start = L[i - 1] === 'earlier' || L[i - 1] === 'later' ? i - 1 : i;
      const last = w === 'last' || w === 'past';
      if (unit === 'week') {
        const monday = new Date(ref.getTime() - ((ref.getUTCDay() + 6) % 7) * DAY - (last ? 7 * DAY : 0));
        push(start, i + 2, iso(monday), 'week', true);
      } else if (unit === 'month') {
        const d = utc(ref.getUTCFullYear(), ref.getUTCMonth() + 1 - (last ? 1 : 0), 1);
        push(start, i + 2, `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, 'month', true);
      } else push(start, i + 2, String(ref.getUTCFullYear() - (last ? 1 : 0)), 'year', true);
      i++;
      continue;
    }
    // "two weeks ago", "3 days ago".
    if (L[i + 2] === 'ago' && /^(days?|weeks?|months?|years?)$/.test(L[i + 1] ?? '')) {
      const n = NUMBER_WORDS[w] ?? (/^\d{1,3}$/.test(w) ? Number(w) : NaN);
      if (!Number.isFinite(n)) continue;
      const unit = L[i + 1].replace(/s$/, '');
      const d = unit === 'day' ? new Date(ref.getTime() - n * DAY) : unit === 'week' ? new Date(ref.getTime() - 7 * n * DAY) : unit === 'month' ? utc(ref.getUTCFullYear(), ref.getUTCMonth() + 1 - n, ref.getUTCDate()) : utc(ref.getUTCFullYear() - n, ref.getUTCMonth() + 1, ref.getUTCDate());
      push(i, i + 3, unit === 'year' ? String(d.getUTCFullYear()) : unit === 'month' ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` : iso(d), unit === 'year' ? 'year' : unit === 'month' ? 'month' : unit === 'week' ? 'week' : 'day', true);
      i += 2;
    }
  }
  return out;
}
