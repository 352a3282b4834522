// One reader thread of src/store/sqlite/readers.ts: a read-only connection to the store, answering one call
// at a time ({ id, method, args } → { id, result } or { id, error }).
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from './index.js';
import { READER_CALLS, type ReaderCall } from './readers.js';

const port = parentPort!;
const errorOf = (e: unknown) => ({ message: (e as Error).message ?? String(e), code: (e as { code?: string }).code, name: (e as Error).name });
let store: SqliteStore;
try {
  store = new SqliteStore((workerData as { path: string }).path, { readonly: true });
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ error: errorOf(e) });
  process.exit(1);
}
const allowed = new Set<string>(READER_CALLS);
port.on('message', async (m: { id: number; method: ReaderCall; args: unknown[] }) => {
  try {
    if (!allowed.has(m.method)) throw new Error(`a reader does not answer ${m.method}`);
    const f = (store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[m.method];
    port.postMessage({ id: m.id, result: await f.apply(store, m.args) });
  } catch (e) {
    port.postMessage({ id: m.id, error: errorOf(e) });
  }
});
