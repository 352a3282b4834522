// CSV with a header row: columns are found by name, in any order (Date, URL, Title, Text, an unnamed index
// column…). The parser is RFC 4180 with recovery: a row whose quoting is broken is reported with its line
// and skipped, and reading goes on at the next line, so one bad row never costs the rows after it.
import { diagnostic } from '../errors.js';
import { outletFromUrl, outletFromText } from '../outlets.js';
import { parseDate } from './date.js';
import type { ReadContext, ReadItem } from './reader.js';

export type CsvRecord = { fields: string[]; line: number } | { error: string; line: number };

function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = end < 0 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => [d, header.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/** Records of a CSV text with the 1-based line each starts on; broken records come back as errors. */
export function* parseCsv(text: string, expectedFields?: () => number | undefined): Generator<CsvRecord> {
  const delim = detectDelimiter(text);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startIndex = i;
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let error: string | null = null;
    let done = false;
    while (!done) {
      if (i >= n) { fields.push(field); break; }
      if (text[i] === '"' && field === '') {
        // Quoted field.
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) { error = `a quoted field opened on line ${startLine} never closes`; break; }
        if (i < n && text[i] !== delim && text[i] !== '\n' && text[i] !== '\r') {
          error = `text after a closing quote on line ${line} (a quote inside a field must be doubled: "")`;
          break;
        }
      }
      const c = text[i];
      if (i >= n) { fields.push(field); break; }
      if (c === delim) { fields.push(field); field = ''; i++; continue; }
      if (c === '\n' || c === '\r') {
        fields.push(field);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
        continue;
      }
      field += c;
      i++;
    }
    const expected = expectedFields?.();
    if (!error && expected != null && line - startLine > 1 && fields.length !== expected) {
      error = `a row starting on line ${startLine} runs over ${line - startLine} lines and has ${fields.length} fields instead of ${expected}: a quote is probably not closed`;
    }
    if (error) {
      yield { error, line: startLine };
      // Resume on the line after the one where the broken row started.
      let k = startIndex;
      while (k < n && text[k] !== '\n' && text[k] !== '\r') k++;
      i = k < n ? (text[k] === '\r' && text[k + 1] === '\n' ? k + 2 : k + 1) : n;
      line = startLine + 1;
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    yield { fields, line: startLine };
  }
}

const COLUMNS: Record<'text' | 'title' | 'url' | 'date' | 'outlet', string[]> = {
  text: ['text', 'body', 'content', 'article', 'article text', 'full text', 'maintext', 'story'],
  title: ['title', 'headline', 'heading'],
  url: ['url', 'link', 'href', 'source url', 'canonical url', 'article url'],
  date: ['date', 'published', 'published at', 'publish date', 'pubdate', 'date published', 'publication date', 'datetime', 'timestamp'],
  outlet: ['outlet', 'source', 'publisher', 'site', 'media', 'newspaper', 'source name', 'domain'],
};

const normHeader = (h: string) => h.trim().toLowerCase().replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ');

export function* readCsv(text: string, ctx: ReadContext): Iterable<ReadItem> {
  let header: string[] | null = null;
  const col: Partial<Record<keyof typeof COLUMNS, number>> = {};
  for (const rec of parseCsv(text, () => header?.length)) {
    if ('error' in rec) {
      yield { error: diagnostic('E_CSV', `${rec.error}; the row was skipped (fix its quoting and ingest the file again)`, { file: ctx.path, line: rec.line }) };
      continue;
    }
    if (!header) {
      header = rec.fields.map(normHeader);
      for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
        const idx = header.findIndex((h) => COLUMNS[key].includes(h));
        if (idx >= 0) col[key] = idx;
      }
      if (col.text == null) {
        yield { error: diagnostic('E_CSV_HEADER', `no column for the article text among [${rec.fields.join(', ')}]; name one of: ${COLUMNS.text.join(', ')}`, { file: ctx.path, line: rec.line }) };
        return;
      }
      continue;
    }
    if (rec.fields.length !== header.length) {
      yield { error: diagnostic('E_CSV', `row has ${rec.fields.length} fields, the header has ${header.length}; the row was skipped`, { file: ctx.path, line: rec.line }) };
      continue;
    }
    const get = (k: keyof typeof COLUMNS) => (col[k] != null ? rec.fields[col[k]!].trim() : '');
    const body = get('text');
    if (!body) {
      yield { error: { ...diagnostic('W_EMPTY_ROW', 'the row has no article text', { file: ctx.path, line: rec.line }), fatal: false } };
      continue;
    }
    const title = get('title') || null;
    const url = get('url') || null;
    const outletCell = get('outlet');
    yield {
      article: {
        raw: title ? `${title}\n\n${body}` : body,
        title,
        url,
        date: parseDate(get('date')),
        outlet: (url && outletFromUrl(url)) || (outletCell ? outletFromText(outletCell) ?? outletCell : null),
        source: { path: ctx.path, line: rec.line },
        rawHash: ctx.rawHash,
      },
    };
  }
  if (!header) yield { error: diagnostic('E_EMPTY', 'the CSV file has no header row', { file: ctx.path }) };
}
