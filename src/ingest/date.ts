// Publication dates from whatever the input gives ("20220416", "2022-04-16T10:00:00Z", "April 16, 2022",
// "16/04/2022") into ISO form (YYYY-MM-DD). A value that is not a whole date gives null, never a guess.
import * as chrono from 'chrono-node';

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** ISO date of a string that is only a date (and perhaps a time), or null. */
export function parseDate(input: string | null | undefined): string | null {
  if (input == null) return null;
  const s = String(input).trim();
  if (!s || s.length > 60) return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/i.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  // 16/04/2022 or 04/16/2022: day first unless that is impossible.
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]) ?? valid(+m[3], +m[1], +m[2]);
  if (/^\d+$/.test(s)) return null;
  const results = chrono.parse(s, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  if (results.length !== 1) return null;
  const r = results[0];
  // The date must be most of the string, and must name a year, month and day.
  if (r.text.length < s.replace(/^(published|updated|posted|date)\s*:?\s*/i, '').length * 0.7) return null;
  if (!r.start.isCertain('year') || !r.start.isCertain('month') || !r.start.isCertain('day')) return null;
  return valid(r.start.get('year')!, r.start.get('month')!, r.start.get('day')!);
}
