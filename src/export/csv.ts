// The store as CSV for spreadsheets: one file per record type (articles.csv, attributions.csv,
// quantities.csv, sources.csv) in the folder --out names, RFC 4180 (quoted where needed, CRLF), UTF-8.
// Ids are stable: an article's is the hash of its text; an attribution's or a quantity's is the article id,
// a letter and its index in the article's analysis ("…-a0", "…-q3"); rows join on article_id.
import type { StoredArticle } from '../model.js';
import type { Store } from '../store/store.js';
import { put, type ExportOutput, type Exporter } from './exporter.js';

type Cell = string | number | boolean | null | undefined;

/** One CSV field: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(v: Cell): string {
  if (v == null) return '';
  const s = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: Cell[]) => cells.map(csvField).join(',') + '\r\n';

interface Table {
  name: string;
  columns: string[];
  rows(s: StoredArticle): Cell[][];
}

export const attributionId = (articleId: string, index: number) => `${articleId}-a${index}`;
export const quantityId = (articleId: string, index: number) => `${articleId}-q${index}`;

export const TABLES: Table[] = [
  {
    name: 'articles',
    columns: ['id', 'version', 'superseded_by', 'key', 'title', 'url', 'outlet', 'date', 'byline', 'language', 'source_path', 'source_line', 'source_row', 'source_byte', 'source_url', 'raw_hash', 'ingested_at', 'attributions', 'quantities', 'text'],
    rows: ({ article: a, analysis }) => [[
      a.id, a.version, a.supersededBy, a.key, a.title, a.url, a.outlet, a.date, a.meta?.byline, a.meta?.language,
      a.source.path, a.source.line, a.source.row, a.source.byte, a.source.url, a.rawHash, a.ingestedAt,
      analysis?.attributions.length ?? 0, analysis?.quantities.length ?? 0, a.text,
    ]],
  },
  {
    name: 'attributions',
    columns: ['id', 'article_id', 'index', 'start', 'end', 'kind', 'content', 'speaker', 'speaker_name', 'speaker_type', 'speaker_confidence', 'cue', 'via', 'hedges', 'confidence'],
    rows: ({ article, analysis }) =>
      (analysis?.attributions ?? []).map((t, i) => [
        attributionId(article.id, i), article.id, i, t.start, t.end, t.kind, t.content, t.speaker?.text, t.speaker?.name, t.speaker?.type, t.speaker?.confidence,
        t.cue, t.via.join(' > '), t.hedges.join('; '), t.confidence,
      ]),
  },
  {
    name: 'quantities',
    columns: ['id', 'article_id', 'index', 'start', 'end', 'text', 'value', 'low', 'high', 'approx', 'category', 'unit', 'vague', 'claimant', 'attribution_id'],
    rows: ({ article, analysis }) =>
      (analysis?.quantities ?? []).map((q, i) => [
        quantityId(article.id, i), article.id, i, q.start, q.end, q.text, q.value, q.low, q.high, q.approx, q.category, q.unit, q.vague ?? false, q.claimant,
        q.attribution != null ? attributionId(article.id, q.attribution) : null,
      ]),
  },
  {
    name: 'sources',
    columns: ['article_id', 'raw_hash', 'path', 'line', 'row', 'byte', 'url', 'fetched_at', 'read_at'],
    rows: ({ sources }) => sources.map((s) => [s.articleId, s.rawHash, s.source.path, s.source.line, s.source.row, s.source.byte, s.source.url, s.source.fetchedAt, s.readAt]),
  },
];

export const csv: Exporter = {
  format: 'csv',
  summary: 'one CSV file per record type (articles, attributions, quantities, sources) with stable ids, for spreadsheets',
  output: 'folder',
  scope: [],
  linked: false,
  async write(store: Store, out: ExportOutput) {
    const streams = TABLES.map((t) => out.open(`${t.name}.csv`));
    const counts: Record<string, number> = Object.fromEntries(TABLES.map((t) => [t.name, 0]));
    for (let k = 0; k < TABLES.length; k++) await put(streams[k], csvRow(TABLES[k].columns));
    for await (const s of store.articles()) {
      for (let k = 0; k < TABLES.length; k++) {
        for (const row of TABLES[k].rows(s)) {
          await put(streams[k], csvRow(row));
          counts[TABLES[k].name]++;
        }
      }
    }
    return counts;
  },
};
