// The whole path from inputs to the store: read, clean, name, analyze, store — in batches, one
// transaction each. Bad input is reported and skipped; articles already stored are not analysed again.
import { createHash } from 'node:crypto';
import { analyze } from './analyze/index.js';
import { diagnostic } from './errors.js';
import { docName, prepareArticle } from './ingest/article.js';
import { expandPaths, readInput, type ReadOptions } from './ingest/index.js';
import { readJson, readJsonLines } from './ingest/jsonl.js';
import type { ReadItem } from './ingest/reader.js';
import { linkEntities } from './link/entities.js';
import { linkNew, refreshDirty } from './link/index.js';
import type { AnalysisRecord, Article, Diagnostic, PutOutcome } from './model.js';
import type { PutItem, SourceSighting, Store } from './store/store.js';

export interface IngestProgress {
  articles: number;
  failed: number;
  file: string;
  elapsed: number;
}

export interface IngestOptions extends ReadOptions {
  batchSize?: number;
  onProgress?: (p: IngestProgress) => void;
  onDiagnostic?: (d: Diagnostic) => void;
  /** Link each stored batch across articles (reuse, statements, conflicts); default true. */
  link?: boolean;
}

export interface IngestSummary {
  new: number;
  unchanged: number;
  versions: number;
  failed: number;
  /** Rows with nothing to read (warnings, not failures). */
  skippedRows: number;
  skippedFiles: number;
  files: number;
  seconds: number;
  diagnostics: Diagnostic[];
}

/** Analyze an article, turning a crash of an extractor into a warning rather than a lost article. */
export function analyzeArticle(article: Article): AnalysisRecord {
  try {
    return analyze({ text: article.text, doc: docName(article), id: article.id, outlet: article.outlet, date: article.date });
  } catch (e) {
    const w = diagnostic('E_ANALYZE', `analysis failed (${(e as Error).message}); the article is stored without its records`, { file: article.source.path, line: article.source.line });
    return { doc: docName(article), article: article.id, attributions: [], quantities: [], sentences: [], warnings: [w], analyzer: 'none' };
  }
}

export async function ingestPaths(store: Store, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  return ingestInputs(store, (summary, report) => (async function* () {
    for await (const input of expandPaths(paths, () => summary.skippedFiles++, (d) => { summary.failed++; report(d); })) {
      yield { path: input.path, items: readInput(input, options) };
    }
  })(), options);
}

/**
 * Ingest a text that holds articles in one format (JSON Lines or JSON, as an HTTP request body gives them),
 * named `path` in diagnostics and sightings. The same path from text to store as for files.
 */
export async function ingestText(store: Store, text: string, source: { path: string; format: 'jsonl' | 'json' }, options: Omit<IngestOptions, keyof ReadOptions> = {}): Promise<IngestSummary> {
  const rawHash = createHash('sha256').update(text, 'utf8').digest('hex');
  const reader = source.format === 'json' ? readJson : readJsonLines;
  return ingestInputs(store, () => (async function* () {
    yield { path: source.path, items: reader(text, { path: source.path, rawHash }) };
  })(), options);
}

type Inputs = (summary: IngestSummary, report: (d: Diagnostic) => void) => AsyncIterable<{ path: string; items: AsyncIterable<ReadItem> | Iterable<ReadItem> }>;

/**
 * A reader's items, with an unexpected error of the reader (a bug, not bad input: readers report bad input
 * as diagnostics) turned into a diagnostic on its file, so that one input never stops the batch.
 */
export async function* guardItems(items: AsyncIterable<ReadItem> | Iterable<ReadItem>, path: string): AsyncGenerator<ReadItem> {
  try {
    yield* items;
  } catch (e) {
    yield { error: diagnostic('E_READ', `reading stopped on an unexpected error (${(e as Error).message}); the articles before it were kept. This is a fault in crosscheck: please report it with the file`, { file: path }) };
  }
}

async function ingestInputs(store: Store, inputs: Inputs, options: IngestOptions): Promise<IngestSummary> {
  const t0 = Date.now();
  const summary: IngestSummary = { new: 0, unchanged: 0, versions: 0, failed: 0, skippedRows: 0, skippedFiles: 0, files: 0, seconds: 0, diagnostics: [] };
  const report = (d: Diagnostic) => {
    summary.diagnostics.push(d);
    options.onDiagnostic?.(d);
  };
  const batchSize = options.batchSize ?? 200;
  let batch: PutItem[] = [];
  let sightings: SourceSighting[] = [];
  const pendingIds = new Set<string>();
  const count = (o: PutOutcome) => {
    if (o === 'new') summary.new++;
    else if (o === 'version') summary.versions++;
    else summary.unchanged++;
  };
  const flush = async () => {
    // One transaction for the batch and the sightings of everything read since the last one (and those a
    // restored article carries, recorded with it only if it is new to the store).
    if (batch.length) {
      const outcomes = await store.put(batch, sightings);
      outcomes.forEach(count);
    } else if (sightings.length) await store.recordSources(sightings);
    // Entity resolution across articles, for the mentions of this batch (incremental: their keys only), in one
    // link transaction (one linker at a time); a store may hand mentions out a stored batch at a time: until none is left.
    await store.linkTransaction(async () => { while ((await linkEntities(store)).mentions); });
    if (options.link !== false) await linkNew(store, { refresh: false });
    batch = [];
    sightings = [];
    pendingIds.clear();
  };
  let file = '';
  const progress = () => options.onProgress?.({ articles: summary.new + summary.unchanged + summary.versions + batch.length, failed: summary.failed, file, elapsed: (Date.now() - t0) / 1000 });
  for await (const input of inputs(summary, report)) {
    summary.files++;
    file = input.path;
    for await (const item of guardItems(input.items, input.path)) {
      if ('error' in item) {
        if (item.error.fatal === false) summary.skippedRows++;
        else summary.failed++;
        report(item.error);
        continue;
      }
      const prepared = prepareArticle(item.article);
      if (!('id' in prepared)) {
        summary.failed++;
        report(prepared);
        continue;
      }
      const article = prepared;
      const restored = item.article.restored;
      const readAt = new Date().toISOString();
      // A restored article keeps the sources it had: the export it came from is a copy, not a source.
      if (!restored) sightings.push({ rawHash: article.rawHash, source: article.source, articleId: article.id, readAt });
      if (pendingIds.has(article.id) || (await store.has(article.id))) {
        summary.unchanged++;
        continue;
      }
      pendingIds.add(article.id);
      if (!restored) article.ingestedAt = readAt;
      batch.push({ article, analysis: restored?.analysis ?? analyzeArticle(article), ...(restored ? { sightings: restored.sources } : {}) });
      if (batch.length >= batchSize) await flush();
      progress();
    }
  }
  await flush();
  if (options.link !== false) await refreshDirty(store);
  summary.seconds = (Date.now() - t0) / 1000;
  progress();
  return summary;
}
