// Ingest through workers, for a PostgreSQL store: `crosscheck ingest` reads and cleans the inputs and enqueues
// them as jobs (enqueuePaths); any number of `crosscheck worker` processes, on any number of machines, take the
// jobs, analyse, store and link them (runWorker). The split and why it keeps the store the same, record for
// record, as one process ingesting alone: docs/SCALING.md.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareArticle } from './ingest/article.js';
import { expandPaths, readInput, type ReadOptions } from './ingest/index.js';
import { linkEntities } from './link/entities.js';
import { linkNew, refreshDirty } from './link/index.js';
import type { Diagnostic, SourceSighting } from './model.js';
import { analyzeArticle, guardItems } from './pipeline.js';
import { LOCKS } from './store/postgres/db.js';
import type { PostgresStore, QueuedPut } from './store/postgres/index.js';
import { HEARTBEAT_SECONDS, Queue, type Job, type QueueItem } from './store/postgres/queue.js';

export interface EnqueueOptions extends ReadOptions {
  /** Articles a job (default 100). */
  batchSize?: number;
  onDiagnostic?: (d: Diagnostic) => void;
  onProgress?: (p: { articles: number; failed: number; file: string; elapsed: number }) => void;
}

export interface EnqueueSummary {
  /** Articles enqueued, and those already stored or queued (their sightings are recorded all the same). */
  queued: number;
  known: number;
  failed: number;
  skippedRows: number;
  skippedFiles: number;
  files: number;
  jobs: number[];
  seconds: number;
  diagnostics: Diagnostic[];
}

/** Read, clean and enqueue inputs (the analysis, storing and linking are the workers'). Bad input is reported and skipped. */
export async function enqueuePaths(store: PostgresStore, paths: string[], options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const t0 = Date.now();
  const queue = new Queue(store);
  const s: EnqueueSummary = { queued: 0, known: 0, failed: 0, skippedRows: 0, skippedFiles: 0, files: 0, jobs: [], seconds: 0, diagnostics: [] };
  const report = (d: Diagnostic) => {
    s.diagnostics.push(d);
    options.onDiagnostic?.(d);
  };
  const batchSize = options.batchSize ?? 100;
  let items: QueueItem[] = [];
  let sightings: SourceSighting[] = [];
  let file = '';
  const flush = async () => {
    if (!items.length && !sightings.length) return;
    const r = await queue.enqueue(items, sightings);
    s.queued += r.queued;
    s.known += r.known;
    if (r.job != null) s.jobs.push(r.job);
    items = [];
    sightings = [];
    options.onProgress?.({ articles: s.queued + s.known, failed: s.failed, file, elapsed: (Date.now() - t0) / 1000 });
  };
  for await (const input of expandPaths(paths, () => s.skippedFiles++, (d) => { s.failed++; report(d); })) {
    s.files++;
    file = input.path;
    for await (const item of guardItems(readInput(input, options), input.path)) {
      if ('error' in item) {
        if (item.error.fatal === false) s.skippedRows++;
        else s.failed++;
        report(item.error);
        continue;
      }
      const prepared = prepareArticle(item.article);
      if (!('id' in prepared)) {
        s.failed++;
        report(prepared);
        continue;
      }
      const article = prepared;
      const restored = item.article.restored;
      const readAt = new Date().toISOString();
      // A restored article keeps the sources it had: the export it came from is a copy, not a source.
      if (!restored) {
        sightings.push({ rawHash: article.rawHash, source: article.source, articleId: article.id, readAt });
        article.ingestedAt = readAt;
      }
      items.push({ article, ...(restored ? { restored: { analysis: restored.analysis, sources: restored.sources } } : {}) });
      if (items.length >= batchSize) await flush();
    }
  }
  await flush();
  s.seconds = (Date.now() - t0) / 1000;
  return s;
}

/** One link step: entities, batch by batch, then every article linking may reach, in storing order. */
export async function linkStep(store: PostgresStore): Promise<number> {
  await store.linkTransaction(async () => {
    for (;;) if (!(await linkEntities(store)).mentions) break;
  });
  return (await linkNew(store, { refresh: false })).articles;
}

export interface WorkerOptions {
  /** A name for the worker (default host-pid-random). */
  id?: string;
  /** Seconds a claimed job stays this worker's without a heartbeat (default 60). */
  leaseSeconds?: number;
  /** Times a job may lose its worker or fail before it is marked failed (default 3). */
  maxAttempts?: number;
  /** Stop when no job is left to do (and everything is linked), instead of waiting for more. */
  drain?: boolean;
  /** Milliseconds between looks at an empty queue (default 1000). */
  pollMs?: number;
  /** At most this often while busy, recompute the statements and groups that linking touched (default 60 s; always when idle). */
  refreshSeconds?: number;
  /** Aborted: stop after the current job. */
  signal?: AbortSignal;
  onEvent?: (e: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: 'start'; worker: string }
  | { type: 'job'; worker: string; job: number; articles: number; new: number; versions: number; unchanged: number; seconds: number }
  | { type: 'lost'; worker: string; job: number }
  | { type: 'error'; worker: string; job: number; state: 'queued' | 'failed' | null; message: string }
  | { type: 'linked'; worker: string; articles: number }
  | { type: 'trouble'; worker: string; message: string; retryInSeconds: number }
  | { type: 'stop'; worker: string; jobs: number; articles: number; seconds: number; analyseSeconds: number; storeSeconds: number; linkSeconds: number };

export interface WorkerSummary {
  worker: string;
  jobs: number;
  articles: number;
  linked: number;
  lost: number;
  errors: number;
  seconds: number;
  /** Where the time went: analysing articles, storing jobs, linking (and recomputing) across articles. */
  analyseSeconds: number;
  storeSeconds: number;
  linkSeconds: number;
}

/** Take jobs from the store's queue until stopped (or, with drain, until none is left): analyse, store, link. */
export async function runWorker(store: PostgresStore, o: WorkerOptions = {}): Promise<WorkerSummary> {
  const t0 = Date.now();
  const queue = new Queue(store);
  const me = { id: o.id ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, host: hostname(), pid: process.pid };
  const lease = o.leaseSeconds ?? 60;
  const maxAttempts = o.maxAttempts ?? 3;
  const summary: WorkerSummary = { worker: me.id, jobs: 0, articles: 0, linked: 0, lost: 0, errors: 0, seconds: 0, analyseSeconds: 0, storeSeconds: 0, linkSeconds: 0 };
  const timed = async <T>(part: 'analyseSeconds' | 'storeSeconds' | 'linkSeconds', fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      summary[part] += (performance.now() - t) / 1000;
    }
  };
  const emit = (e: WorkerEvent) => o.onEvent?.(e);
  let current: Job | null = null;
  let state = 'idle';
  await queue.register(me);
  emit({ type: 'start', worker: me.id });
  // The heartbeat: this worker is alive, and its job is still its own.
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating.then(async () => {
      await queue.heartbeat(me, state, current?.id ?? null);
      if (current) await queue.renew(current, me.id, lease);
    }).catch(() => {});
  }, HEARTBEAT_SECONDS * 1000);
  let refreshed = Date.now();
  const refresh = async () => {
    await refreshDirty(store);
    refreshed = Date.now();
  };
  // One worker at a time is the linker (an advisory lock held on a connection of its own, so that it passes to
  // another worker when this one dies): it links after each job and when idle, and keeps its caches warm.
  let role: { release(): Promise<void> } | null = null;
  const linker = async () => (role ??= await store.db.holdLock(LOCKS.linker)) != null;
  const link = async (refreshToo: boolean) => {
    state = 'linking';
    const n = await timed('linkSeconds', () => linkStep(store));
    summary.linked += n;
    if (n) emit({ type: 'linked', worker: me.id, articles: n });
    if (refreshToo || Date.now() - refreshed > (o.refreshSeconds ?? 60) * 1000) await timed('linkSeconds', refresh);
    state = 'idle';
  };
  try {
    let idle = 0;
    let failures = 0;
    while (!o.signal?.aborted) {
      try {
        const isLinker = await linker();
        const job = await queue.claim(me.id, lease, maxAttempts);
        if (!job) {
          if (isLinker) await link(true);
          if (o.drain) {
            // The linker stops once no job is left (having linked everything); the others once it has linked everything.
            if (isLinker && (await queue.pending()) === 0) {
              await link(true);
              break;
            }
            if (!isLinker && (await queue.pending()) === 0 && (await queue.quiet())) break;
          }
          await sleep(Math.min(o.pollMs ?? 1000, 100 * 2 ** idle++), undefined, { signal: o.signal }).catch(() => {});
          continue;
        }
        idle = 0;
        current = job;
        state = 'analysing';
        const t = Date.now();
        try {
          const items: QueuedPut[] = [];
          await timed('analyseSeconds', async () => {
            for (const [i, it] of job.items.entries()) {
              const analysis = it.restored?.analysis ?? analyzeArticle(it.article);
              items.push({ article: it.article, analysis, seq: job.firstSeq + i, ...(it.restored ? { sightings: it.restored.sources } : {}) });
              // Let the heartbeat through between articles.
              await new Promise((r) => setImmediate(r));
            }
          });
          state = 'storing';
          const outcomes = await timed('storeSeconds', () => queue.complete(job, me.id, items));
          if (!outcomes) {
            summary.lost++;
            emit({ type: 'lost', worker: me.id, job: job.id });
          } else {
            summary.jobs++;
            summary.articles += items.length;
            const n = (k: string) => outcomes.filter((x) => x === k).length;
            emit({ type: 'job', worker: me.id, job: job.id, articles: items.length, new: n('new'), versions: n('version'), unchanged: n('unchanged'), seconds: (Date.now() - t) / 1000 });
          }
        } catch (e) {
          summary.errors++;
          const message = (e as Error).message;
          const back = await queue.release(job, me.id, message, maxAttempts).catch(() => null);
          emit({ type: 'error', worker: me.id, job: job.id, state: back, message });
        } finally {
          current = null;
          state = 'idle';
        }
        if (await linker()) await link(false);
        failures = 0;
      } catch (e) {
        // The database is gone for a moment (a restart, a network cut): wait and try again, a little longer each
        // time; the linker role may have gone with its connection, so it is taken again if it is still free.
        if (++failures > 10 || o.signal?.aborted) throw e;
        const wait = Math.min(30_000, 500 * 2 ** failures);
        emit({ type: 'trouble', worker: me.id, message: (e as Error).message, retryInSeconds: wait / 1000 });
        await (role as { release(): Promise<void> } | null)?.release().catch(() => {});
        role = null;
        state = 'idle';
        await sleep(wait, undefined, { signal: o.signal }).catch(() => {});
      }
    }
  } finally {
    clearInterval(timer);
    await beating;
    await (role as { release(): Promise<void> } | null)?.release();
    await queue.deregister(me.id).catch(() => {});
    summary.seconds = (Date.now() - t0) / 1000;
    emit({ type: 'stop', worker: me.id, jobs: summary.jobs, articles: summary.articles, seconds: summary.seconds, analyseSeconds: summary.analyseSeconds, storeSeconds: summary.storeSeconds, linkSeconds: summary.linkSeconds });
  }
  return summary;
}
