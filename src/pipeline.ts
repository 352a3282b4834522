// The whole path from inputs to the store: read, clean, name, analyze, store — in batches, one
// transaction each. Bad input is reported and skipped; articles already stored are not analysed again.
import { createHash } from 'node:crypto';
import { AnalysisPool, type Analysed } from './analysis.js';
import { diagnostic } from './errors.js';
import { prepareArticle } from './ingest/article.js';
import { expandPaths, readInput, type ReadOptions } from './ingest/index.js';
import { readJson, readJsonLines } from './ingest/jsonl.js';
import type { ReadItem } from './ingest/reader.js';
import { linkEntities } from './link/entities.js';
import { linkNew, primeSignature, refreshDirty } from './link/index.js';
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
  /**
   * Threads that analyse articles beside the one that stores and links them (default 0: all in this thread).
   * The records are the same either way.
   */
  analysisThreads?: number;
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
  /**
   * Seconds by phase (reading and cleaning, analysis, storing, entity resolution, linking, the final
   * recomputation): wall time, and the CPU time of the process meanwhile (all its threads).
   */
  phases: IngestPhases;
  cpuPhases: IngestPhases;
  diagnostics: Diagnostic[];
}

export interface IngestPhases {
  read: number;
  analyze: number;
  store: number;
  entities: number;
  link: number;
  refresh: number;
}

export { analyzeArticle } from './analysis.js';

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
  const summary: IngestSummary = { new: 0, unchanged: 0, versions: 0, failed: 0, skippedRows: 0, skippedFiles: 0, files: 0, seconds: 0, phases: noPhases(), cpuPhases: noPhases(), diagnostics: [] };
  let tick = performance.now();
  let cpuTick = cpuSeconds();
  /** Charge the time since the last mark to a phase. */
  const mark = (phase: keyof IngestPhases) => {
    const now = performance.now();
    const cpu = cpuSeconds();
    summary.phases[phase] += (now - tick) / 1000;
    summary.cpuPhases[phase] += cpu - cpuTick;
    tick = now;
    cpuTick = cpu;
  };
  const report = (d: Diagnostic) => {
    summary.diagnostics.push(d);
    options.onDiagnostic?.(d);
  };
  const batchSize = options.batchSize ?? 200;
  const inBatch = <T>(fn: () => Promise<T>): Promise<T> => (store.batchTransaction ? store.batchTransaction(fn) : fn());
  // With analysis threads, the batches read ahead of the one being stored are analysed meanwhile: each batch
  // is sent to the threads when it is full and stored when `lookahead` more have been read after it. The
  // threads start with the first full batch: an ingest of fewer articles analyses them here.
  const threads = options.analysisThreads ?? 0;
  const inline = new AnalysisPool(0);
  let pool: AnalysisPool | null = null;
  const lookahead = () => (pool ? 2 : 0);
  let batch = newBatch();
  const queued: Batch[] = [];
  // Ids of the articles read and not yet stored (in this batch or a queued one).
  const pendingIds = new Set<string>();
  let queuedArticles = 0;
  const count = (o: PutOutcome) => {
    if (o === 'new') summary.new++;
    else if (o === 'version') summary.versions++;
    else summary.unchanged++;
  };
  const close = (full: boolean) => {
    mark('read');
    if (full && threads > 0) pool ??= new AnalysisPool(threads);
    batch.analyses = (pool ?? inline).analyze(batch.toAnalyze);
    mark('analyze');
    queued.push(batch);
    queuedArticles += batch.items.length;
    batch = newBatch();
  };
  const flush = async (b: Batch) => {
    mark('read');
    // Analyses made in this thread are made here; those of the threads are waited for here.
    const analysed = await b.analyses!;
    mark('analyze');
    if (analysed.signatures) b.toAnalyze.forEach((a, i) => primeSignature(a.id, analysed.signatures![i]));
    let k = 0;
    const items: PutItem[] = b.items.map(({ article, analysis, sightings }) => ({ article, analysis: analysis ?? analysed.records[k++], ...(sightings ? { sightings } : {}) }));
    const outcomes = await inBatch(async () => {
      // One transaction for the batch and the sightings of everything read since the last one (and those a
      // restored article carries, recorded with it only if it is new to the store).
      let outcomes: PutOutcome[] = [];
      if (items.length) outcomes = await store.put(items, b.sightings);
      else if (b.sightings.length) await store.recordSources(b.sightings);
      mark('store');
      // Entity resolution across articles, for the mentions of this batch (incremental: their keys only), in one
      // link transaction (one linker at a time); a store may hand mentions out a stored batch at a time: until none is left.
      await store.linkTransaction(async () => { while ((await linkEntities(store)).mentions); });
      mark('entities');
      if (options.link !== false) await linkNew(store, { refresh: false });
      mark('link');
      return outcomes;
    });
    mark('link');
    outcomes.forEach(count);
    queuedArticles -= items.length;
    for (const { article } of items) pendingIds.delete(article.id);
  };
  let file = '';
  const progress = () => options.onProgress?.({ articles: summary.new + summary.unchanged + summary.versions + queuedArticles + batch.items.length, failed: summary.failed, file, elapsed: (Date.now() - t0) / 1000 });
  try {
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
        if (!restored) batch.sightings.push({ rawHash: article.rawHash, source: article.source, articleId: article.id, readAt });
        if (pendingIds.has(article.id) || (await store.has(article.id))) {
          summary.unchanged++;
          continue;
        }
        pendingIds.add(article.id);
        if (!restored) article.ingestedAt = readAt;
        if (restored) batch.items.push({ article, analysis: restored.analysis, sightings: restored.sources });
        else {
          batch.items.push({ article, analysis: null });
          batch.toAnalyze.push(article);
        }
        if (batch.items.length >= batchSize) {
          close(true);
          while (queued.length > lookahead()) await flush(queued.shift()!);
        }
        progress();
      }
    }
    close(false);
    while (queued.length) await flush(queued.shift()!);
  } finally {
    await (pool as AnalysisPool | null)?.close();
  }
  if (options.link !== false) await refreshDirty(store);
  mark('refresh');
  summary.seconds = (Date.now() - t0) / 1000;
  progress();
  return summary;
}

/** A batch of articles read: stored in one transaction with the sightings read since the batch before. */
interface Batch {
  /** In reading order; `analysis` is null for those analysed in `analyses` (in the order of `toAnalyze`). */
  items: { article: Article; analysis: AnalysisRecord | null; sightings?: SourceSighting[] }[];
  toAnalyze: Article[];
  analyses: Promise<Analysed> | null;
  sightings: SourceSighting[];
}

const noPhases = (): IngestPhases => ({ read: 0, analyze: 0, store: 0, entities: 0, link: 0, refresh: 0 });

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function newBatch(): Batch {
  return { items: [], toAnalyze: [], analyses: null, sightings: [] };
}
