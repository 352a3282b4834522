// The stores the store and link tests run on: SQLite always, PostgreSQL when a server is available (test/postgres.ts).
import { join } from 'node:path';
import type { Store } from '../../src/store/store.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers.js';
import { freshDatabase, unavailable } from '../postgres.js';

export type TestStore = Store & { readonly path: string };

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why its tests are skipped, or false. */
  skip: string | false;
  /** A fresh, empty store (removed after the test). */
  open(): Promise<TestStore>;
}

export const SQLITE: Backend = { name: 'sqlite', skip: false, open: async () => new SqliteStore(join(tempDir(), 'store.db')) };

export const POSTGRES: Backend = { name: 'postgres', skip: await unavailable(), open: async () => PostgresStore.open(await freshDatabase()) };

export const BACKENDS: Backend[] = [SQLITE, POSTGRES];
