// JSON Lines: one article an object a line, with `text` (or `body`/`content`) and optionally `title`,
// `url`, `date` and `outlet`. A JSON file holding one such object or an array of them reads the same way.
import { diagnostic } from '../errors.js';
import { fromExportRecord, isExportRecord } from '../export/jsonl.js';
import type { RawArticle } from '../model.js';
import { outletFromText, outletFromUrl } from '../outlets.js';
import { parseDate } from './date.js';
import type { ReadContext, ReadItem } from './reader.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

function toArticle(obj: unknown, ctx: ReadContext, where: { line?: number; row?: number }): ReadItem {
  const line = where.line;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return { error: diagnostic('E_JSON', 'the line is JSON but not an object with a "text" field', { file: ctx.path, line }) };
  }
  const o = obj as Record<string, unknown>;
  if (isExportRecord(o)) {
    const restored = fromExportRecord(o);
    if (typeof restored === 'string') return { error: diagnostic('E_JSON', `${restored}; the line was skipped`, { file: ctx.path, line }) };
    const a = restored.article;
    return { article: { raw: a.text, title: a.title, url: a.url, date: a.date, outlet: a.outlet, source: a.source, rawHash: a.rawHash, restored } };
  }
  const body = str(o.text) ?? str(o.body) ?? str(o.content);
  if (!body) return { error: diagnostic('E_JSON', 'the object has no "text" (or "body"/"content") string', { file: ctx.path, line }) };
  const title = str(o.title) ?? str(o.headline);
  const url = str(o.url) ?? str(o.link);
  const outlet = str(o.outlet) ?? str(o.source) ?? str(o.publisher);
  const article: RawArticle = {
    raw: title ? `${title}\n\n${body}` : body,
    title,
    url,
    date: parseDate(str(o.date) ?? str(o.published) ?? str(o.datePublished)),
    outlet: (url && outletFromUrl(url)) || (outlet ? outletFromText(outlet) ?? outlet : null),
    source: { path: ctx.path, ...where },
    rawHash: ctx.rawHash,
  };
  return { article };
}

export function* readJsonLines(text: string, ctx: ReadContext): Iterable<ReadItem> {
  let line = 0;
  let any = false;
  for (const m of text.matchAll(/[^\n]*(?:\n|$)/g)) {
    if (m[0] === '') break;
    line++;
    const s = m[0].trim();
    if (!s) continue;
    any = true;
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch (e) {
      yield { error: diagnostic('E_JSON', `the line does not parse as JSON (${(e as Error).message}); it was skipped`, { file: ctx.path, line }) };
      continue;
    }
    yield toArticle(obj, ctx, { line });
  }
  if (!any) yield { error: diagnostic('E_EMPTY', 'the file holds no JSON lines', { file: ctx.path }) };
}

/** The 1-based line of a JSON.parse error, from the position its message gives ("at position 12"); 1 when it gives none. */
export function lineOfJsonError(text: string, e: Error): number {
  const m = /position (\d+)/.exec(e.message) ?? /line (\d+)/.exec(e.message) ?? (/end of (JSON )?input/i.test(e.message) ? ['position', String(text.length)] : null);
  if (!m) return 1;
  if (m[0].startsWith('line')) return Number(m[1]);
  const at = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A .json file: one article object or an array of them. */
export function* readJson(text: string, ctx: ReadContext): Iterable<ReadItem> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    // Perhaps it is JSON Lines with a .json name.
    if (text.trimStart().startsWith('{') && text.trim().includes('\n')) { yield* readJsonLines(text, ctx); return; }
    yield { error: diagnostic('E_JSON', `the file does not parse as JSON (${(e as Error).message})`, { file: ctx.path, line: lineOfJsonError(text, e as Error) }) };
    return;
  }
  const items = Array.isArray(obj) ? obj : [obj];
  for (let k = 0; k < items.length; k++) yield toArticle(items[k], ctx, { row: k });
}
