// How a store's rows become the records it answers with: the same columns in the SQLite and the PostgreSQL
// store, so the same code. What differs is given: how a JSON column reads (text to parse in SQLite, a value
// already parsed from jsonb in PostgreSQL) and what the storing-order column is called.
import type { Article, ArticleSummary, Conflict, ConflictValue, EchoReason, QuantityCategory, ReportRole, SourceRef, StatementReport } from '../model.js';
import type { LinkItem, StoredReport, StoredReuse } from './store.js';

export type Row = Record<string, unknown>;
/** How a JSON column's value reads. */
export type ReadJson = (value: unknown) => unknown;

/** An article's line in a list: its columns and the counts SUMMARY_COLUMNS adds. */
export function summaryFromRow(r: Row): ArticleSummary {
  return {
    id: r.id as string,
    title: (r.title as string) ?? null,
    url: (r.url as string) ?? null,
    outlet: (r.outlet as string) ?? null,
    date: (r.date as string) ?? null,
    version: r.version as number,
    attributions: (r.n_attributions as number) ?? 0,
    quantities: (r.n_quantities as number) ?? 0,
  };
}

/** A SourceRef from its columns, with only the fields that are set (so that it serialises the way it was given). */
export function sourceRef(path: unknown, line: unknown, row: unknown, byte: unknown, url: unknown, fetchedAt: unknown): SourceRef {
  const s: SourceRef = { path: path as string };
  if (line != null) s.line = line as number;
  if (row != null) s.row = row as number;
  if (byte != null) s.byte = byte as number;
  if (url != null) s.url = url as string;
  if (fetchedAt != null) s.fetchedAt = fetchedAt as string;
  return s;
}

/** The columns every article record starts with. */
function articleHead(r: Row) {
  return {
    id: r.id as string,
    key: r.key as string,
    version: r.version as number,
    title: (r.title as string) ?? null,
    url: (r.url as string) ?? null,
    outlet: (r.outlet as string) ?? null,
    date: (r.date as string) ?? null,
    text: r.text as string,
  };
}

/** A stored article, whole. */
export function articleFromRow(r: Row, json: ReadJson): Article {
  return {
    ...articleHead(r),
    source: sourceRef(r.source_path, r.source_line, r.source_row, r.source_byte, r.source_url, r.source_fetched_at),
    rawHash: r.raw_hash as string,
    offsets: json(r.offsets) as Article['offsets'],
    removed: json(r.removed) as Article['removed'],
    warnings: json(r.warnings) as Article['warnings'],
    ...(r.meta ? { meta: json(r.meta) as Record<string, string> } : {}),
    ingestedAt: r.ingested_at as string,
    supersededBy: (r.superseded_by as string) ?? null,
  };
}

/** An article as linking reads it: the text and what identifies it, without the offset maps it does not use. */
export function linkArticleFromRow(r: Row): LinkItem['article'] {
  return {
    ...articleHead(r),
    source: { path: r.source_path as string, line: (r.source_line as number) ?? undefined, row: (r.source_row as number) ?? undefined },
    rawHash: r.raw_hash as string,
    offsets: [],
    removed: [],
    warnings: [],
  };
}

/** A reuse pair; `aSeq` and `bSeq` name the columns that hold the two articles' storing order. */
export function reuseFromRow(r: Row, aSeq: string, bSeq: string): StoredReuse {
  return {
    aSeq: r[aSeq] as number,
    bSeq: r[bSeq] as number,
    a: r.a_id as string,
    b: r.b_id as string,
    aInB: r.a_in_b as number,
    bInA: r.b_in_a as number,
    shared: r.shared as number,
    sharedShingles: r.shared_shingles as number,
    earlier: (r.earlier as 'a' | 'b') ?? null,
  };
}

/** A quantity conflict: its group's row and the rows of its values (quantities with their article and facts). */
export function conflictFromRow(r: Row, values: Row[], json: ReadJson): Conflict {
  return {
    id: r.id as string,
    category: r.category as QuantityCategory,
    about: json(r.about) as string[],
    place: (r.place as string) ?? null,
    from: (r.date_from as string) ?? null,
    to: (r.date_to as string) ?? null,
    kind: r.kind as Conflict['kind'],
    explanation: (r.explanation as string) ?? '',
    values: values.map((v): ConflictValue => {
      const facts = json(v.facts) as { bound?: 'capacity' | null; claimant?: string | null };
      return {
        article: v.article as string,
        quantity: v.idx as number,
        text: v.text as string,
        value: (v.value as number) ?? null,
        low: (v.low as number) ?? null,
        high: (v.high as number) ?? null,
        approx: v.approx as ConflictValue['approx'],
        claimant: (v.claimant as string) ?? facts.claimant ?? null,
        outlet: (v.outlet as string) ?? null,
        date: (v.date as string) ?? null,
        bound: facts.bound ?? null,
      };
    }),
  };
}

/** One report of a statement: its report row with the attribution's and the article's columns, and the echoed report's. */
export function reportFromRow(x: Row, json: ReadJson): StatementReport {
  return {
    article: x.article_id as string,
    attribution: x.idx as number,
    content: x.content as string,
    start: x.start as number,
    end: x.end as number,
    speaker: (x.speaker_name as string) ?? null,
    outlet: (x.outlet as string) ?? null,
    date: (x.date as string) ?? null,
    url: (x.url as string) ?? null,
    via: json(x.via) as string[],
    chain: x.chain ? (json(x.chain) as string[]) : [],
    hedges: json(x.hedges) as string[],
    role: ((x.role as string) ?? 'origin') as ReportRole,
    echoOf: x.echo_article != null ? { article: x.echo_article as string, attribution: x.echo_idx as number } : null,
    reason: ((x.reason as string) ?? null) as EchoReason | null,
    origin: (x.origin as string) ?? '',
  };
}

/** A statement's report as linking recomputes it; `attribution` names the column holding the attribution's id. */
export function storedReportFromRow(r: Row, attribution: string, json: ReadJson): StoredReport {
  return {
    attributionId: r[attribution] as number,
    seq: r.seq as number,
    article: r.article as string,
    index: r.idx as number,
    url: (r.url as string) ?? null,
    outlet: (r.outlet as string) ?? null,
    date: (r.date as string) ?? null,
    content: r.content as string,
    start: r.start as number,
    end: r.end as number,
    speaker: (r.speaker_name as string) ?? null,
    via: json(r.via) as string[],
    hedges: json(r.hedges) as string[],
  };
}
