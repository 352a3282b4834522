// The PostgreSQL the tests run on: CROSSCHECK_TEST_PG (set by scripts/test.mjs, which starts a server for the
// whole npm test run, or by hand to any server's URL; "off" for none), else a server of this test file's own,
// started on first use and stopped when the process ends. Each store gets a schema of its own, dropped after its test.
import { after } from 'node:test';
import pg from 'pg';
import { startPostgres, type PgServer } from './postgres-server.js';

let base: Promise<string | null> | null = null;
let own: PgServer | null = null;
let why = '';

/** The server's URL, or null when the tests run without PostgreSQL (and why, in unavailable()). */
export function postgresUrl(): Promise<string | null> {
  base ??= (async () => {
    const env = process.env.CROSSCHECK_TEST_PG;
    if (env === 'off') { why = 'CROSSCHECK_TEST_PG=off'; return null; }
    if (env) return env;
    try {
      own = await startPostgres({ install: !!process.env.CI });
      process.once('beforeExit', () => { void own?.stop(); });
      return own.url;
    } catch (e) {
      why = (e as Error).message.split('\n')[0];
      if (process.env.CI) throw e;
      return null;
    }
  })();
  return base;
}

/** Why PostgreSQL tests are skipped, or false when they run. */
export async function unavailable(): Promise<string | false> {
  return (await postgresUrl()) ? false : `no PostgreSQL (${why})`;
}

let n = 0;

/** A URL to a fresh, empty schema of the test server, dropped when the current test ends. */
export async function freshDatabase(): Promise<string> {
  const url = await postgresUrl();
  if (!url) throw new Error(`no PostgreSQL for this test: ${why}`);
  const schema = `t${process.pid}_${++n}_${Math.random().toString(36).slice(2, 8)}`;
  after(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await c.end();
    }
  });
  return `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
}

