// A PostgreSQL connection pool for one store: its schema, its transactions (the queries inside one, however
// deep in the call stack, go to the transaction's connection), its advisory locks, and errors that say what to do.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { CrosscheckError } from '../../errors.js';

export type Row = Record<string, unknown>;

/** The advisory locks crosscheck takes, each in the store's own lock space (a hash of its schema). */
export const LOCKS = {
  /** Applying migrations. */
  migrate: 1,
  /** Linking across articles: one linker at a time, everywhere. */
  link: 2,
  /** Giving out article sequence numbers and making them visible (exclusive), or reading how far they are settled (shared). */
  allocate: 3,
  /** The linker role among workers: held for as long as its worker lives (a session lock on a connection of its own). */
  linker: 4,
} as const;

/** The store's URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** A postgres:// URL to a pool config: `?schema=NAME` puts the store in that schema (created when missing). */
export function parseUrl(url: string): { config: pg.PoolConfig; schema: string | null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CrosscheckError('E_STORE', 'not a valid postgres:// URL; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE', { file: redact(url) });
  }
  const schema = u.searchParams.get('schema');
  if (schema != null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new CrosscheckError('E_STORE', `the schema "${schema}" must be lower-case letters, digits and _ (at most 63), starting with a letter`, { file: redact(url) });
  }
  u.searchParams.delete('schema');
  const config: pg.PoolConfig = { connectionString: u.toString() };
  return { config, schema };
}

const INT8 = 20;
// Counts and ids come back as numbers: ids stay below 2^53 (seq < 2^33 articles, see migrations.ts).
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 && format !== 'binary') return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export class PgDb {
  private readonly als = new AsyncLocalStorage<pg.PoolClient>();
  /** The first key of every advisory lock of this store: its schema, so that stores in one database do not block each other. */
  lockSpace = 0;

  private constructor(readonly pool: pg.Pool, readonly url: string, readonly schema: string | null) {}

  static async connect(url: string, options: { max?: number; applicationName?: string } = {}): Promise<PgDb> {
    const { config, schema } = parseUrl(url);
    const pool = new pg.Pool({
      ...config,
      max: options.max ?? 5,
      types,
      application_name: options.applicationName ?? 'crosscheck',
      keepAlive: true,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection that dies (a restarted server) is dropped from the pool, not thrown.
    pool.on('error', () => {});
    const db = new PgDb(pool, url, schema);
    try {
      if (schema) {
        // IF NOT EXISTS is not safe against another session creating it at the same moment: that one won, fine.
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((e: { code?: string }) => {
          if (e.code !== '23505' && e.code !== '42P06') throw e;
        });
      }
      db.lockSpace = (await db.value<number>('SELECT hashtext(current_database() || \'.\' || current_schema())')) ?? 0;
    } catch (e) {
      await pool.end().catch(() => {});
      throw db.error(e, 'cannot open the store');
    }
    return db;
  }

  /** A store error naming the server, with what to do for the usual causes. */
  error(e: unknown, doing: string): CrosscheckError {
    if (e instanceof CrosscheckError) return e;
    const err = e as Error & { code?: string };
    const hint =
      err.code === 'ECONNREFUSED' ? 'is PostgreSQL running there? check the host and port of --db'
      : err.code === 'ENOTFOUND' ? 'the host of --db is not known'
      : err.code === '28P01' || err.code === '28000' ? 'check the user and password of --db'
      : err.code === '3D000' ? 'create the database first (createdb NAME), or name one that exists'
      : err.code === '42501' ? 'the user of --db may not do this: give it rights on the database or schema'
      : err.code === '53300' ? 'the server has no connections left: raise max_connections or run fewer workers'
      : 'see the message; crosscheck check tells whether the store is sound';
    return new CrosscheckError('E_STORE', `${doing}: ${err.message}${err.code ? ` (${err.code})` : ''}; ${hint}`, { file: redact(this.url) });
  }

  get inTransaction(): boolean {
    return this.als.getStore() != null;
  }

  /** Rows of a query, on the current transaction's connection if there is one. A name prepares it once a connection. */
  async query<R = Row>(text: string, values: unknown[] = [], name?: string): Promise<R[]> {
    const client = this.als.getStore() ?? this.pool;
    const r = await client.query({ text, values, ...(name ? { name } : {}) });
    return r.rows as R[];
  }

  async one<R = Row>(text: string, values: unknown[] = [], name?: string): Promise<R | undefined> {
    return (await this.query<R>(text, values, name))[0];
  }

  /** The first column of the first row. */
  async value<T>(text: string, values: unknown[] = [], name?: string): Promise<T | undefined> {
    const r = await this.query<Row>(text, values, name);
    return r.length ? (Object.values(r[0])[0] as T) : undefined;
  }

  /** The first column of each row. */
  async column<T>(text: string, values: unknown[] = [], name?: string): Promise<T[]> {
    return (await this.query<Row>(text, values, name)).map((r) => Object.values(r)[0] as T);
  }

  /**
   * Run fn in one transaction (or in the current one, when already inside one). `locks` are taken first, as
   * transaction-level advisory locks, in the order given.
   */
  async transaction<T>(fn: () => Promise<T>, locks: number[] = []): Promise<T> {
    if (this.inTransaction) {
      for (const l of locks) await this.lock(l);
      return fn();
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const out = await this.als.run(client, async () => {
        for (const l of locks) await this.lock(l);
        return fn();
      });
      await client.query('COMMIT');
      return out;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** A transaction-level advisory lock of this store (inside a transaction). */
  async lock(id: number): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock($1, $2)', [this.lockSpace, id], 'xact_lock');
  }

  /** Hold a session-level shared advisory lock while fn runs, on the current connection (or one of the pool's). */
  async shared<T>(id: number, fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      await this.query('SELECT pg_advisory_lock_shared($1, $2)', [this.lockSpace, id], 'lock_shared');
      try {
        return await fn();
      } finally {
        await this.query('SELECT pg_advisory_unlock_shared($1, $2)', [this.lockSpace, id], 'unlock_shared');
      }
    };
    if (this.inTransaction) return run();
    const client = await this.pool.connect();
    let broken = false;
    try {
      return await this.als.run(client, run);
    } catch (e) {
      broken = true; // the connection may still hold the lock: close it rather than return it to the pool
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Try to take a session-level advisory lock and hold it on a connection of its own until released (or until
   * this process or its connection dies, when the server releases it). Null when another session holds it.
   */
  async holdLock(id: number): Promise<{ release(): Promise<void> } | null> {
    const client = await this.pool.connect();
    try {
      const got = (await client.query('SELECT pg_try_advisory_lock($1, $2) AS ok', [this.lockSpace, id])).rows[0].ok as boolean;
      if (!got) {
        client.release();
        return null;
      }
    } catch (e) {
      client.release(true);
      throw e;
    }
    let held = true;
    return {
      release: async () => {
        if (!held) return;
        held = false;
        // Closing the connection releases the lock whatever state it is in.
        client.release(true);
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
