// What is the PostgreSQL store's own: its integrity checks find each kind of damage, versions are numbered in
// storing order whichever transaction commits first, puts racing on one database store each article once, and a
// URL that cannot work is refused with what to do. (What it shares with SQLite runs in store.test.ts and test/link/.)
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import { CrosscheckError } from '../../src/errors.js';
import { ingestPaths } from '../../src/pipeline.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { article } from '../link/fixtures.js';
import { io, tempDir } from '../helpers.js';
import { freshDatabase, unavailable } from '../postgres.js';

const skip = await unavailable();

async function ingested(): Promise<PostgresStore> {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.jsonl'), [
    { url: 'https://www.example.com/a', title: 'A', text: '"We are just meat," the soldier said. He said 87 men were killed.' },
    { url: 'https://www.example.com/b', title: 'B', text: 'The governor said 12 people were wounded, according to Reuters.' },
    { url: 'https://www.example.com/a', title: 'A', text: '"We are just meat," the soldier said. He said 88 men were killed.' },
  ].map((o) => JSON.stringify(o)).join('\n'));
  const store = await PostgresStore.open(await freshDatabase());
  await ingestPaths(store, [dir]);
  return store;
}

const sighting = (a: { id: string; rawHash: string; source: { path: string } }) => ({ rawHash: a.rawHash, source: a.source, articleId: a.id, readAt: '2026-12-01T00:00:00.000Z' });
const failed = async (store: PostgresStore) => (await store.check()).filter((r) => !r.ok).map((r) => r.name);

test('a PostgreSQL store written by ingest passes every check; each kind of damage is found by its check', { skip }, async () => {
  const store = await ingested();
  try {
    assert.deepEqual(await failed(store), []);
    const o = io();
    assert.equal(await main(['check', '--db', store.path], o), 0, o.stderr.text);
    assert.match(o.stdout.text, /all 22 checks pass/);
    const q = (sql: string) => store.db.query(sql);
    await q('DELETE FROM sources WHERE id = (SELECT min(id) FROM sources)');
    assert.deepEqual(await failed(store), ["each article's own source is among its sightings"]);
    await q("UPDATE articles SET superseded_by = NULL WHERE version = 1 AND url = 'https://www.example.com/a'");
    assert.ok((await failed(store)).includes('each version points at the next, the last at none'));
    const base = await failed(store);
    const added = async () => (await failed(store)).filter((n) => !base.includes(n));
    const st = (await store.db.value<number>('SELECT min(seq) FROM statements'))!;
    await q(`UPDATE statements SET reports = reports + 1 WHERE seq = ${st}`);
    assert.deepEqual(await added(), ["each statement's counts agree with its reports (unless waiting to be recomputed)"]);
    await q(`INSERT INTO link_dirty (kind, id) VALUES ('statement', ${st})`);
    assert.deepEqual(await added(), []);
    await q("UPDATE link_state SET value = value + 100 WHERE name = 'linked_through'");
    assert.deepEqual(await added(), ['linking has not run past the stored articles']);
    await q("UPDATE link_state SET value = value - 100 WHERE name = 'linked_through'");
    await q(`UPDATE articles SET meta = '"byline: nobody"' WHERE url = 'https://www.example.com/b'`);
    assert.deepEqual(await added(), ['article metadata is a JSON object']);
    await q('UPDATE articles SET meta = NULL');
    await q("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'articles_outlet_date'::regclass");
    assert.deepEqual(await added(), ['indexes are valid']);
    await q("UPDATE pg_index SET indisvalid = true WHERE indexrelid = 'articles_outlet_date'::regclass");
    await q('DROP INDEX attributions_fts');
    assert.deepEqual(await added(), ['full-text index attributions_fts matches attributions']);
    await q('CREATE INDEX attributions_fts ON attributions USING gin (fts)');
    // Rows written with the foreign keys off (as a careless restore might) are found.
    await store.db.transaction(async () => {
      await store.db.query('SET LOCAL session_replication_role = replica');
      await store.db.query(`INSERT INTO quantities (id, article_seq, idx, start, "end", text, approx, category) VALUES (999 * ${1 << 20}, 999, 0, 0, 1, 'x', 'exact', 'other')`);
    });
    assert.deepEqual(await added(), ['quantities belong to articles']);
  } finally {
    await store.close();
  }
  const o = io();
  assert.equal(await main(['check', '--db', store.path], o), 1);
  assert.match(o.stdout.text, /FAIL {2}quantities belong to articles: \{"quantity":\d+\}/);
});

test('versions are numbered in storing order, whichever job is stored first', { skip }, async () => {
  const store = await PostgresStore.open(await freshDatabase());
  try {
    const v1 = article('Toll\n\nThe governor said 12 people were killed.', { url: 'https://x.test/toll' });
    const v2 = article('Toll\n\nThe governor said 14 people were killed.', { url: 'https://x.test/toll' });
    const v3 = article('Toll\n\nThe governor said 19 people were killed.', { url: 'https://x.test/toll' });
    const put = (a: typeof v1, seq: number) => store.db.transaction(() => store.putQueued([{ article: a, analysis: analyzeArticle(a), seq, sightings: [sighting(a)] }], seq));
    // The third version's job commits first, then the first's, then the second's.
    assert.deepEqual(await put(v3, 30), ['new']);
    assert.deepEqual(await put(v1, 10), ['version']);
    assert.deepEqual(await put(v2, 20), ['version']);
    const d = (await store.get(v1.id))!;
    assert.deepEqual(d.versions.map((v) => [v.id, v.version]), [[v1.id, 1], [v2.id, 2], [v3.id, 3]]);
    assert.equal(d.article.supersededBy, v2.id);
    assert.equal((await store.get(v2.id))!.article.supersededBy, v3.id);
    assert.equal((await store.get(v3.id))!.article.supersededBy, null);
    assert.deepEqual(await failed(store), []);
  } finally {
    await store.close();
  }
});

test('puts racing on one database from several connections store each article once, versions 1..n', { skip }, async () => {
  const url = await freshDatabase();
  const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(url)));
  try {
    const texts = Array.from({ length: 12 }, (_, i) => article(`Report\n\nThe mayor said ${i} people had left.`, { url: `https://x.test/${i % 4}` }));
    const items = texts.map((a) => ({ article: a, analysis: analyzeArticle(a) }));
    // Each store puts all twelve, in its own order, at the same time.
    const orders = [items, [...items].reverse(), [...items.slice(6), ...items.slice(0, 6)]];
    const outcomes = await Promise.all(stores.map((s, i) => s.put(orders[i], orders[i].map((x) => sighting(x.article)))));
    const all = outcomes.flat();
    assert.equal(all.filter((o) => o !== 'unchanged').length, 12, 'each article stored by one put');
    const s = await stores[0].stats();
    assert.deepEqual([s.versions, s.articles], [12, 4]);
    assert.deepEqual(await failed(stores[0]), []);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});

test('a postgres:// URL that cannot work is refused with what to do', { skip }, async () => {
  await assert.rejects(PostgresStore.open('postgres://nobody@127.0.0.1:1/x'), (e: Error) => e instanceof CrosscheckError && /ECONNREFUSED.*is PostgreSQL running there\?/.test(e.message));
  const server = (await freshDatabase()).split('?')[0].replace(/\/[^/]*$/, '');
  await assert.rejects(PostgresStore.open(`${server}/no_such_database`), (e: Error) => /3D000.*create the database first/.test(e.message));
  await assert.rejects(PostgresStore.open(`${server}/postgres?schema=Bad-Name`), (e: Error) => /schema "Bad-Name" must be lower-case/.test(e.message));
  const o = io();
  assert.equal(await main(['worker', '--db', join(tempDir(), 'a.db')], o), 2);
  assert.match(o.stderr.text, /workers share a PostgreSQL store/);
});
