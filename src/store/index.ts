// Opening a store from a --db value: a file path for SQLite (the default), a postgres:// URL for PostgreSQL.
import { PostgresStore } from './postgres/index.js';
import { SqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export const DEFAULT_DB = 'crosscheck.db';

/** Whether a --db value names a PostgreSQL database (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

export async function openStore(db: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(db)) return PostgresStore.open(db);
  return new SqliteStore(db);
}

export type { Store } from './store.js';
