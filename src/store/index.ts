// Opening a store from a --db value: a file path for SQLite (the default), a postgres:// URL for PostgreSQL.
import { CrosscheckError } from '../errors.js';
import { SqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export const DEFAULT_DB = 'crosscheck.db';

export async function openStore(db: string = DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new CrosscheckError('E_STORE', 'this build has no PostgreSQL store yet; use a SQLite file path for --db', { file: db });
  }
  return new SqliteStore(db);
}

export type { Store } from './store.js';
