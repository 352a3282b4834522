// `crosscheck check`: the store's integrity checks, one line each; exit status 1 when one fails.
import { existsSync } from 'node:fs';
import { isPostgresUrl, openStore } from '../store/index.js';
import { DB_OPTION, write, type Command } from './command.js';

export const check: Command = {
  name: 'check',
  summary: "check the store's integrity (after a crash, a full disk, a copy)",
  usage: `crosscheck check [--db PATH]

Runs the integrity checks of the store: SQLite's integrity_check and foreign keys (PostgreSQL: every index
valid, and the queue of ingest jobs), the full-text indexes against their tables, rows that point at no
article, the counts of statements and numbers against each analysis, the chain of versions of each article,
and the schema's migrations. Prints one line a check; exit status 1 if any fails (then see the line for
what to do).

Example:
  crosscheck check --db crosscheck.db
  crosscheck check --db postgres://crosscheck@db.example.org/news`,
  options: { ...DB_OPTION },
  async run(values, _positionals, io) {
    const db = values.db as string;
    if (!isPostgresUrl(db) && !existsSync(db)) { write(io.stderr, `crosscheck check: ${db}: [E_NOT_FOUND] no store at this path; give the --db of an existing store`); return 1; }
    const store = await openStore(db);
    try {
      const results = await store.check();
      for (const r of results) write(io.stdout, `${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.detail}`);
      const failed = results.filter((r) => !r.ok).length;
      write(failed ? io.stderr : io.stdout, failed ? `${failed} of ${results.length} checks failed in ${db}` : `${db}: all ${results.length} checks pass`);
      return failed ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
