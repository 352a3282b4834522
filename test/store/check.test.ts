// The integrity checks: a store written by ingest passes all of them; each kind of damage is found by
// the check named for it, and `crosscheck check` exits 1.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import { jsonl } from '../../src/export/jsonl.js';
import { ingestPaths } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { filledStore, memoryOutput } from '../export/store-fixture.js';
import { io, tempDir } from '../helpers.js';

async function storeWithArticles(): Promise<{ store: SqliteStore; db: string; dir: string }> {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.jsonl'), [
    { url: 'https://www.example.com/a', title: 'A', text: '"We are just meat," the soldier said. He said 87 men were killed.' },
    { url: 'https://www.example.com/b', title: 'B', text: 'The governor said 12 people were wounded, according to Reuters.' },
    { url: 'https://www.example.com/a', title: 'A', text: '"We are just meat," the soldier said. He said 88 men were killed.' },
  ].map((o) => JSON.stringify(o)).join('\n'));
  const db = join(dir, 's.db');
  const store = new SqliteStore(db);
  await ingestPaths(store, [dir]);
  return { store, db, dir };
}

const failed = async (store: SqliteStore) => (await store.check()).filter((r) => !r.ok).map((r) => r.name);

test('a store written by ingest passes every check, and crosscheck check says so', async () => {
  const { store, db } = await storeWithArticles();
  assert.deepEqual(await failed(store), []);
  await store.close();
  const o = io();
  assert.equal(await main(['check', '--db', db], o), 0);
  assert.match(o.stdout.text, /all 20 checks pass/);
});

test('each kind of damage is found by its check', async () => {
  const { store, db } = await storeWithArticles();
  const d = store.db;
  const a = d.prepare("SELECT rowid, title, text FROM articles WHERE url = 'https://www.example.com/b'").get() as { rowid: number; title: string; text: string };
  d.prepare("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)").run(a.rowid, a.title, a.text);
  assert.deepEqual(await failed(store), ['full-text index articles_fts matches articles']);
  d.exec("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')");
  d.exec('DELETE FROM sources WHERE rowid = (SELECT min(rowid) FROM sources)');
  assert.deepEqual(await failed(store), ["each article's own source is among its sightings"]);
  d.exec("UPDATE articles SET superseded_by = NULL WHERE version = 1 AND url = 'https://www.example.com/a'");
  assert.ok((await failed(store)).includes('each version points at the next, the last at none'));
  const base = await failed(store);
  const added = async () => (await failed(store)).filter((n) => !base.includes(n));
  // A statement whose counts disagree with its reports is found, unless it is marked for recomputing.
  const st = d.prepare('SELECT rowid FROM statements LIMIT 1').pluck().get() as number;
  d.prepare('UPDATE statements SET reports = reports + 1 WHERE rowid = ?').run(st);
  assert.deepEqual(await added(), ["each statement's counts agree with its reports (unless waiting to be recomputed)"]);
  d.prepare("INSERT INTO link_dirty (kind, rowid) VALUES ('statement', ?)").run(st);
  assert.deepEqual(await added(), []);
  d.exec("UPDATE link_state SET value = value + 100 WHERE name = 'linked_through'");
  assert.deepEqual(await added(), ['linking has not run past the stored articles']);
  d.exec("UPDATE link_state SET value = value - 100 WHERE name = 'linked_through'");
  d.pragma('foreign_keys = OFF');
  d.exec("INSERT INTO quantities (article_rowid, idx, start, end, text, approx, category) VALUES (999, 0, 0, 1, 'x', 'exact', 'other')");
  const names = await failed(store);
  assert.ok(names.includes('quantities belong to articles') && names.includes('foreign keys'), names.join(', '));
  await store.close();
  const o = io();
  assert.equal(await main(['check', '--db', db], o), 1);
  assert.match(o.stdout.text, /FAIL {2}quantities belong to articles: \{"quantity":\d+\}/);
  assert.match(o.stderr.text, /checks failed/);
});

test('pages, WARC records and a store restored from its export pass every check; damage to their provenance columns is found', async () => {
  const { store, dir } = await filledStore();
  assert.deepEqual(await failed(store), []);
  const out = memoryOutput();
  await jsonl.write(store, out);
  const file = join(dir, 'store.jsonl');
  writeFileSync(file, out.files.get('store.jsonl')!.text);
  const copy = new SqliteStore(join(tempDir(), 'copy.db'));
  await ingestPaths(copy, [file]);
  assert.deepEqual(await failed(copy), []);
  const d = copy.db;
  d.exec("UPDATE articles SET meta = 'byline: nobody' WHERE meta IS NOT NULL");
  assert.deepEqual(await failed(copy), ['article metadata is a JSON object']);
  d.exec('UPDATE articles SET meta = NULL');
  d.exec('UPDATE sources SET byte = -1 WHERE byte IS NOT NULL');
  assert.deepEqual(await failed(copy), ["each article's own source is among its sightings", 'byte offsets are whole numbers from 0']);
  d.exec('UPDATE sources SET byte = 0 WHERE byte IS NOT NULL');
  assert.deepEqual(await failed(copy), []);
  d.exec("UPDATE articles SET source_url = 'https://example.org/elsewhere' WHERE source_url IS NOT NULL");
  assert.deepEqual(await failed(copy), ["each article's own source is among its sightings"]);
  d.exec("UPDATE articles SET source_url = 'https://example.org/d' WHERE source_url IS NOT NULL");
  assert.ok((d.prepare('SELECT count(*) FROM mentions').pluck().get() as number) > 0);
  d.exec('DELETE FROM mentions WHERE rowid = (SELECT min(rowid) FROM mentions)');
  assert.deepEqual(await failed(copy), ['mention rows agree with each analysis']);
  await copy.close();
  await store.close();
});

test('check refuses a path where there is no store, rather than creating one', async () => {
  const o = io();
  assert.equal(await main(['check', '--db', join(tempDir(), 'none.db')], o), 1);
  assert.match(o.stderr.text, /E_NOT_FOUND/);
});
