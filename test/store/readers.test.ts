// The server's reader threads (src/store/sqlite/readers.ts): through them every read of the API answers what
// the store itself answers, a write made after they started is seen by them, what they refuse or fail is an
// error, and a read-only connection refuses a store that is not migrated.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ingestPaths, ingestText } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { SqliteReaders, withReaders } from '../../src/store/sqlite/readers.js';
import { tempDir } from '../helpers.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

test('reads through reader threads answer what the store answers, and see later writes', async () => {
  const store = new SqliteStore(join(tempDir(), 'store.db'));
  await ingestPaths(store, [EXAMPLES]);
  const readers = await SqliteReaders.open(store.path, 2);
  const through = withReaders(store, readers);
  const page = { limit: 50, offset: 0 };
  const first = (await store.list(page)).items[0];
  const statement = (await store.listStatements(page)).items[0];
  const conflict = (await store.listConflicts(page)).items[0];
  const entity = (await store.entities(page)).items[0];
  const calls: [string, (s: typeof store) => Promise<unknown>][] = [
    ['stats', (s) => s.stats()],
    ['list', (s) => s.list(page)],
    ['get', (s) => s.get(first.id)],
    ['get (a prefix)', (s) => s.get(first.id.slice(0, 6))],
    ['get (none)', (s) => s.get('ffffffffffff')],
    ['recordLinks', (s) => s.recordLinks(first.id)],
    ['search', (s) => s.search({ q: 'soldier', ...page })],
    ['search by date', (s) => s.search({ q: 'Putin OR Kremlin', sort: 'date', ...page })],
    ['entities', (s) => s.entities({ kind: 'person', ...page })],
    ['entity', (s) => s.entity(entity.id)],
    ['attributions', (s) => s.attributions({ hedged: true, ...page })],
    ['quantities', (s) => s.quantities({ vague: true, ...page })],
    ['listStatements', (s) => s.listStatements({ reports: 3, ...page })],
    ['getStatement', (s) => s.getStatement(statement.id, { limit: 10, offset: 0 })],
    ['listConflicts', (s) => s.listConflicts(page)],
    ['getConflict', (s) => s.getConflict(conflict.id)],
    ['listReuse', (s) => s.listReuse({ passages: true, ...page })],
  ];
  // The statement list's count (the default bound is counted as all statements less those with no report).
  for (const minReports of [1, 2, 3]) {
    const all = await store.listStatements({ minReports, limit: 10_000, offset: 0 });
    assert.equal(all.total, all.items.length, `statements with at least ${minReports} reports`);
  }
  // All at once, so that both threads answer calls.
  const direct = await Promise.all(calls.map(([, f]) => f(store)));
  const threaded = await Promise.all(calls.map(([, f]) => f(through as typeof store)));
  calls.forEach(([name], i) => assert.deepEqual(threaded[i], direct[i], name));
  // A write through the store (the server's own connection) is read by the threads at once.
  const before = (await through.stats()).articles;
  await ingestText(store, JSON.stringify({ title: 'A later article', text: 'The mayor said the bridge was repaired overnight.', url: 'https://x.test/later' }), { path: 'later.jsonl', format: 'jsonl' });
  assert.equal((await through.stats()).articles, before + 1);
  assert.equal((await through.search({ q: 'bridge repaired', ...page })).articles.total, 1);
  // A call a reader does not answer fails as an error; the threads go on.
  await assert.rejects((readers.call as (m: string, a: unknown[]) => Promise<unknown>)('put', [[]]), /does not answer put/);
  assert.equal((await through.stats()).articles, before + 1);
  await through.close();
  await assert.rejects(readers.call('stats', []), /closed/);
});

test('a read-only connection refuses a store that is not migrated, and a missing file', async () => {
  const dir = tempDir();
  const old = join(dir, 'old.db');
  const db = new Database(old);
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (1, 'first', 'then')");
  db.close();
  assert.throws(() => new SqliteStore(old, { readonly: true }), (e: Error & { code?: string }) => e.code === 'E_STORE' && /migration 1, not \d+/.test(e.message));
  await assert.rejects(SqliteReaders.open(old, 1), /migration 1/);
  assert.throws(() => new SqliteStore(join(dir, 'missing.db'), { readonly: true }), /cannot open the store/);
});

test('crosscheck serve --readers 2 answers the API through its reader threads, and stops on SIGTERM', async () => {
  const store = new SqliteStore(join(tempDir(), 'store.db'));
  await ingestPaths(store, [EXAMPLES]);
  const expected = await store.search({ q: 'soldier', sort: 'date', limit: 5, offset: 0 });
  await store.close();
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'crosscheck.js');
  const server = spawn(process.execPath, [bin, 'serve', '--db', store.path, '--port', '0', '--readers', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (c) => { out += c; if (/\n/.test(out)) resolve(out); });
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    assert.match(line, /2 reader threads/);
    const base = /at (http:\/\/\S+?)\/? /.exec(line)![1];
    const r = await fetch(`${base}/api/search?q=soldier&sort=date&limit=5`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), JSON.parse(JSON.stringify(expected)));
  } finally {
    server.kill('SIGTERM');
    assert.equal(await new Promise((resolve) => server.once('exit', (code) => resolve(code))), 0);
  }
});
