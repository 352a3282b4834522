import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { articleId } from '../../src/ingest/article.js';
import { jsonl } from '../../src/export/jsonl.js';
import { ingestPaths } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers.js';
import { filledStore, memoryOutput } from './store-fixture.js';

async function exportText(store: SqliteStore): Promise<string> {
  const out = memoryOutput();
  await jsonl.write(store, out);
  return out.files.get('store.jsonl')!.text;
}

test('jsonl export: one line an article, each a JSON object with the article, its analysis and its sources', async () => {
  const { store } = await filledStore();
  const lines = (await exportText(store)).trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  for (const r of lines) {
    assert.equal(r.type, 'crosscheck/article');
    assert.equal(r.format, 1);
    assert.equal(r.article.id, articleId(r.article.text));
    assert.equal(r.analysis.article, r.article.id);
    assert.ok(r.sources.length >= 1);
    for (const s of r.sources) assert.equal(s.articleId, r.article.id);
  }
  const soldier = lines.find((r) => r.article.title === 'A soldier speaks');
  assert.equal(soldier.sources.length, 2, 'read twice: two sightings');
  const crawl = lines.find((r) => r.article.title === 'From the crawl');
  assert.deepEqual(crawl.article.source, { path: crawl.article.source.path, row: 0, byte: 0, url: 'https://example.org/d', fetchedAt: '2022-04-08T12:00:00Z' });
  assert.deepEqual(crawl.sources[0].source, crawl.article.source);
  const page = lines.find((r) => r.article.title === 'Missile strikes railway station');
  assert.deepEqual(page.article.meta, { byline: 'Jane Roe, John Doe', language: 'en-gb' });
  await store.close();
});

test('jsonl round trip: export, ingest into an empty store, export again gives the same bytes and the same records', async () => {
  const { store, dir } = await filledStore();
  const first = await exportText(store);
  const file = join(dir, 'store.jsonl');
  writeFileSync(file, first);
  const copy = new SqliteStore(join(tempDir(), 'copy.db'));
  const s = await ingestPaths(copy, [file]);
  assert.equal(s.new + s.versions, 4);
  assert.equal(s.failed, 0);
  const second = await exportText(copy);
  assert.equal(second, first);
  assert.deepEqual(second.trimEnd().split('\n').map((l) => JSON.parse(l)), first.trimEnd().split('\n').map((l) => JSON.parse(l)));
  assert.deepEqual(await copy.stats(), await store.stats());
  // Reading the export again changes nothing: no article, no sighting.
  const again = await ingestPaths(copy, [file]);
  assert.equal(again.new, 0);
  assert.equal(again.unchanged, 4);
  assert.equal((await copy.stats()).sources, (await store.stats()).sources);
  await copy.close();
  await store.close();
});

test('jsonl import: an edited line is refused by line number; the other lines are restored', async () => {
  const { store, dir } = await filledStore();
  const lines = (await exportText(store)).trimEnd().split('\n');
  const edited = JSON.parse(lines[1]);
  edited.article.text = edited.article.text.replace(/\w+/, 'Changed');
  lines[1] = JSON.stringify(edited);
  const file = join(dir, 'edited.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const copy = new SqliteStore(join(tempDir(), 'copy.db'));
  const s = await ingestPaths(copy, [file]);
  assert.equal(s.new, 3);
  assert.equal(s.failed, 1);
  assert.equal(s.diagnostics[0].code, 'E_JSON');
  assert.equal(s.diagnostics[0].line, 2);
  assert.match(s.diagnostics[0].message, /not the hash of its text/);
  await copy.close();
  await store.close();
});
