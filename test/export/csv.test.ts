import assert from 'node:assert/strict';
import test from 'node:test';
import { parse } from 'csv-parse/sync';
import { csv, csvField, TABLES } from '../../src/export/csv.js';
import { filledStore, memoryOutput } from './store-fixture.js';

type Row = Record<string, string>;

test('csv export: one file per record type, read back by an independent CSV parser', async () => {
  const { store } = await filledStore();
  const out = memoryOutput();
  const counts = await csv.write(store, out);
  assert.deepEqual([...out.files.keys()], ['articles.csv', 'attributions.csv', 'quantities.csv', 'sources.csv']);
  const tables: Record<string, Row[]> = {};
  for (const t of TABLES) {
    const text = out.files.get(`${t.name}.csv`)!.text;
    const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Row[];
    assert.deepEqual(Object.keys(rows[0] ?? Object.fromEntries(t.columns.map((c) => [c, '']))), t.columns);
    assert.equal(rows.length, counts[t.name]);
    tables[t.name] = rows;
  }
  const stored = [];
  for await (const s of store.articles()) stored.push(s);
  assert.equal(tables.articles.length, stored.length);
  // Texts with commas, quotes and line breaks come back exactly.
  for (const s of stored) assert.equal(tables.articles.find((r) => r.id === s.article.id)!.text, s.article.text);
  assert.ok(stored.some((s) => /"87 people"/.test(s.article.text) && s.article.text.includes('\n')));
  // Ids are unique and rows join on article_id; a quantity's attribution_id names an attribution.
  const attributionIds = new Set(tables.attributions.map((r) => r.id));
  assert.equal(attributionIds.size, tables.attributions.length);
  const articleIds = new Set(tables.articles.map((r) => r.id));
  for (const r of [...tables.attributions, ...tables.quantities, ...tables.sources]) assert.ok(articleIds.has(r.article_id));
  for (const q of tables.quantities) if (q.attribution_id) assert.ok(attributionIds.has(q.attribution_id), q.attribution_id);
  const totalAttributions = stored.reduce((n, s) => n + (s.analysis?.attributions.length ?? 0), 0);
  assert.equal(tables.attributions.length, totalAttributions);
  assert.ok(totalAttributions > 0 && tables.quantities.length > 0);
  const first = stored.find((s) => s.analysis!.attributions.length)!;
  const a0 = tables.attributions.find((r) => r.id === `${first.article.id}-a0`)!;
  assert.equal(a0.content, first.analysis!.attributions[0].content);
  assert.equal(Number(a0.start), first.analysis!.attributions[0].start);
  // Provenance columns: the WARC record's offset and URL.
  const crawl = tables.sources.find((r) => r.url === 'https://example.org/d')!;
  assert.equal(crawl.byte, '0');
  assert.equal(crawl.row, '0');
  assert.equal(tables.sources.length, stored.reduce((n, s) => n + s.sources.length, 0));
  await store.close();
});

test('csv fields: quoted only when needed, quotes doubled, empty for null', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' edge'), '" edge"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(0), '0');
  assert.equal(csvField(false), 'false');
});
