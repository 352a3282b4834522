// The store as JSON Lines: one line an article (every version), with its analysis and every sighting of the
// inputs it came from. It round-trips: `crosscheck ingest` recognises these lines by their "type" and
// stores each article exactly as it was (id, normalised text, offsets, analysis, sources), without
// cleaning or analysing it again, so exporting the new store gives the same bytes.
//
//   {"type":"crosscheck/article","format":1,"article":{…},"analysis":{…},"sources":[{…}]}
import { articleId } from '../ingest/article.js';
import type { StoredArticle } from '../model.js';
import type { Store } from '../store/store.js';
import { put, type ExportOutput, type Exporter } from './exporter.js';

export const RECORD_TYPE = 'crosscheck/article';
export const RECORD_FORMAT = 1;

export function toLine(s: StoredArticle): string {
  return JSON.stringify({ type: RECORD_TYPE, format: RECORD_FORMAT, article: s.article, analysis: s.analysis, sources: s.sources }) + '\n';
}

/** Whether a parsed JSON line is an export record (rather than an article to read and clean). */
export function isExportRecord(o: unknown): boolean {
  return !!o && typeof o === 'object' && (o as { type?: unknown }).type === RECORD_TYPE;
}

/** The stored article in an export record, or why it cannot be restored. */
export function fromExportRecord(o: Record<string, unknown>): StoredArticle | string {
  if (o.format !== RECORD_FORMAT) return `it is a crosscheck export of format ${String(o.format)}, and this version reads format ${RECORD_FORMAT}`;
  const a = o.article as StoredArticle['article'] | undefined;
  if (!a || typeof a !== 'object' || typeof a.id !== 'string' || typeof a.text !== 'string' || typeof a.key !== 'string' || !a.source || typeof a.source.path !== 'string') {
    return 'the export record has no complete "article" (id, key, text, source)';
  }
  if (articleId(a.text) !== a.id) return `the article's id ${a.id} is not the hash of its text: the line was changed after export; export it again`;
  if (!Array.isArray(a.offsets) || !Array.isArray(a.removed) || !Array.isArray(a.warnings)) return 'the exported article lacks its offsets, removed blocks or warnings';
  const sources = Array.isArray(o.sources) ? (o.sources as StoredArticle['sources']) : [];
  const analysis = o.analysis && typeof o.analysis === 'object' ? (o.analysis as StoredArticle['analysis']) : null;
  return { article: a, analysis, sources };
}

export const jsonl: Exporter = {
  format: 'jsonl',
  summary: 'the store, one article a line with its analysis and sources; ingest reads it back unchanged',
  output: 'file',
  scope: [],
  linked: false,
  async write(store: Store, out: ExportOutput) {
    const stream = out.open('store.jsonl');
    let articles = 0;
    let sources = 0;
    for await (const s of store.articles()) {
      await put(stream, toLine(s));
      articles++;
      sources += s.sources.length;
    }
    return { articles, sources };
  },
};
