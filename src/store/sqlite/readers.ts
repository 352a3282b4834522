// Reads of a SQLite store on worker threads, each with its own read-only connection (WAL lets them read while
// the server's own connection writes), so that the HTTP server's requests do not queue behind one thread's
// queries. `withReaders(store, readers)` is the Store `crosscheck serve --readers N` uses: the API's reads go to the least
// busy reader, everything else (writes, linking) to the store itself. Nothing is cached: every call is a query.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CrosscheckError } from '../../errors.js';
import type { SearchQuery, SearchResult, Store } from '../store.js';

/** The Store methods the HTTP API reads with (src/server/api.ts, src/server/graph.ts). */
export const READ_METHODS = ['get', 'list', 'stats', 'entities', 'entity', 'quantities', 'attributions', 'recordLinks', 'listReuse', 'listStatements', 'getStatement', 'listConflicts', 'getConflict'] as const;
/** What a reader answers: the read methods and the two halves of a search (run on two readers at once). */
export const READER_CALLS = [...READ_METHODS, 'searchArticles', 'searchAttributions'] as const;
export type ReaderCall = (typeof READER_CALLS)[number];

/**
 * Reader threads by default: two where there is a second core, else none (reads on the server's thread). On a
 * quiet 2-core machine two readers halve search latency on a 100,000-article store under 10 connections (p95
 * 236 → 102 ms by relevance, 159 → 66 ms by date) and, with an ingest running, raise bench:load's throughput
 * from 284 to 366 requests a second (p99 398 → 314 ms); one reader was no faster than none (docs/RESULTS.md,
 * HTTP API latency, 2026-12-02). `crosscheck serve --readers 0` reads on the server's thread.
 */
export function defaultReaders(): number {
  return availableParallelism() >= 2 ? 2 : 0;
}


interface Pending { resolve: (v: unknown) => void; reject: (e: Error) => void }
interface Thread { worker: Worker; busy: number; pending: Map<number, Pending> }

export class SqliteReaders {
  private next = 1;
  private closed = false;

  private constructor(private readonly threads: Thread[]) {}

  /** Starts n reader threads on the store at path (already migrated: open it with SqliteStore first). */
  static async open(path: string, n = 2): Promise<SqliteReaders> {
    const url = new URL('./reader-worker.js', import.meta.url);
    const threads = await Promise.all(Array.from({ length: n }, () => new Promise<Thread>((resolve, reject) => {
      const worker = new Worker(url, { workerData: { path } });
      const t: Thread = { worker, busy: 0, pending: new Map() };
      worker.once('message', (m: { ready?: true; error?: { message: string; code?: string } }) => {
        if (m.ready) resolve(t);
        else reject(new CrosscheckError(m.error?.code ?? 'E_STORE', m.error?.message ?? 'a reader thread did not start', { file: path }));
      });
      worker.once('error', reject);
    })));
    const readers = new SqliteReaders(threads);
    for (const t of threads) {
      t.worker.on('message', (m: { id: number; result?: unknown; error?: { message: string; code?: string; name?: string } }) => {
        const p = t.pending.get(m.id);
        if (!p) return;
        t.pending.delete(m.id);
        t.busy--;
        if (m.error) p.reject(m.error.code ? new CrosscheckError(m.error.code, m.error.message) : Object.assign(new Error(m.error.message), { name: m.error.name ?? 'Error' }));
        else p.resolve(m.result);
      });
      // A reader that dies fails what it was answering; the others go on.
      t.worker.on('error', (e) => { for (const p of t.pending.values()) p.reject(e); t.pending.clear(); t.busy = Number.POSITIVE_INFINITY; });
    }
    return readers;
  }

  get size(): number {
    return this.threads.length;
  }

  /** Runs one read on the reader with the fewest calls in flight. */
  call<T>(method: ReaderCall, args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new CrosscheckError('E_STORE', 'the store\'s readers are closed'));
    let t = this.threads[0];
    for (const x of this.threads) if (x.busy < t.busy) t = x;
    if (!Number.isFinite(t.busy)) return Promise.reject(new CrosscheckError('E_STORE', 'every reader thread of the store has failed'));
    const id = this.next++;
    t.busy++;
    return new Promise<T>((resolve, reject) => {
      t.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      t.worker.postMessage({ id, method, args });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** A Store whose API reads go to the reader threads (a search's two halves to two of them at once) and the rest to `store`. */
export function withReaders(store: Store, readers: SqliteReaders): Store {
  const reads: Partial<Record<keyof Store, unknown>> = {};
  for (const m of READ_METHODS) reads[m] = (...args: unknown[]) => readers.call(m, args);
  reads.search = async (q: SearchQuery): Promise<SearchResult> => {
    const [articles, attributions] = await Promise.all([readers.call<SearchResult['articles']>('searchArticles', [q]), readers.call<SearchResult['attributions']>('searchAttributions', [q])]);
    return { articles, attributions };
  };
  reads.close = async () => { await readers.close(); await store.close(); };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in reads) return reads[prop as keyof Store];
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
