// Analysis of articles in worker threads, so that an ingest analyses the next articles on another core while
// the main thread stores and links the ones before. Each article is analysed by the same function as in the
// main thread (analyzeArticle), alone, from the same fields: the records are the same whichever thread made
// them, and they come back in the order the articles were given, whatever order the threads finish in.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze } from './analyze/index.js';
import { diagnostic } from './errors.js';
import { docName } from './ingest/article.js';
import { signature, type ReuseSignature } from './link/reuse.js';
import type { AnalysisRecord, Article } from './model.js';

/** What analysis reads of an article: all a worker is sent. */
export type AnalysisInput = Pick<Article, 'id' | 'text' | 'url' | 'outlet' | 'date' | 'source'>;

/** Analyze an article, turning a crash of an extractor into a warning rather than a lost article. */
export function analyzeArticle(article: AnalysisInput): AnalysisRecord {
  try {
    return analyze({ text: article.text, doc: docName(article), id: article.id, outlet: article.outlet, date: article.date });
  } catch (e) {
    const w = diagnostic('E_ANALYZE', `analysis failed (${(e as Error).message}); the article is stored without its records`, { file: article.source.path, line: article.source.line });
    return { doc: docName(article), article: article.id, attributions: [], quantities: [], sentences: [], warnings: [w], analyzer: 'none' };
  }
}

interface Request { id: number; inputs: AnalysisInput[] }
interface Reply { id: number; records?: AnalysisRecord[]; signatures?: TextSignature[]; error?: string }

/** An article's reuse signature (its distinct shingles and fingerprints), which linking needs: made beside its analysis. */
export type TextSignature = Pick<ReuseSignature, 'distinct' | 'fingerprints'>;

/** What analysing articles gives: their records, and (from threads) their reuse signatures. */
export interface Analysed {
  records: AnalysisRecord[];
  signatures: TextSignature[] | null;
}

const ROLE = 'crosscheck-analysis';

/** The worker threads an ingest uses by default: one when the machine has a second core, else none. */
export function defaultAnalysisThreads(): number {
  return availableParallelism() > 1 ? 1 : 0;
}

/**
 * A pool of analysis threads. `analyze` takes articles and resolves to their records in the same order;
 * with no threads it analyses in the calling thread. Articles are sent in messages of up to `chunk`.
 */
export class AnalysisPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Analysed) => void; reject: (e: Error) => void; worker: number }>();
  private next = 1;
  private failure: Error | null = null;

  constructor(readonly threads: number, private readonly chunk = 10) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
      worker.unref();
      const slot = { worker, busy: 0 };
      worker.on('message', (m: Reply) => {
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        slot.busy--;
        if (m.records) w.resolve({ records: m.records, signatures: m.signatures ?? null });
        else w.reject(new Error(`analysis thread: ${m.error}`));
      });
      const fail = (e: Error) => {
        this.failure ??= e;
        for (const [id, w] of this.waiting) if (w.worker === i) { this.waiting.delete(id); w.reject(e); }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => { if (code !== 0) fail(new Error(`analysis thread stopped (exit code ${code})`)); });
      this.workers.push(slot);
    }
  }

  /** The records of these articles, in their order; with threads, their reuse signatures too. */
  analyze(articles: AnalysisInput[]): Promise<Analysed> {
    if (!this.workers.length) return Promise.resolve({ records: articles.map((a) => analyzeArticle(a)), signatures: null });
    if (this.failure) return Promise.reject(this.failure);
    const parts: Promise<Analysed>[] = [];
    for (let i = 0; i < articles.length; i += this.chunk) parts.push(this.send(articles.slice(i, i + this.chunk)));
    return Promise.all(parts).then((rs) => ({ records: rs.flatMap((r) => r.records), signatures: rs.flatMap((r) => r.signatures!) }));
  }

  private send(inputs: AnalysisInput[]): Promise<Analysed> {
    // The least busy thread takes the message.
    let k = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.workers[i].busy < this.workers[k].busy) k = i;
    const slot = this.workers[k];
    const id = this.next++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: k });
      // Only the fields analysis reads cross to the thread.
      slot.worker.postMessage({ id, inputs: inputs.map(({ id, text, url, outlet, date, source }) => ({ id, text, url, outlet, date, source })) } satisfies Request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }
}

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort;
  port.on('message', (m: Request) => {
    try {
      const records = m.inputs.map((a) => analyzeArticle(a));
      const signatures = m.inputs.map((a) => {
        const { distinct, fingerprints } = signature(a.text);
        return { distinct, fingerprints };
      });
      // The arrays' memory moves to the main thread rather than being copied (one array may be both).
      port.postMessage({ id: m.id, records, signatures } satisfies Reply, [...new Set(signatures.flatMap((g) => [g.distinct.buffer as ArrayBuffer, g.fingerprints.buffer as ArrayBuffer]))]);
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error).message } satisfies Reply);
    }
  });
}
