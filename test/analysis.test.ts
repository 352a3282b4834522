import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { AnalysisPool, analyzeArticle } from '../src/analysis.js';
import { prepareArticle } from '../src/ingest/article.js';
import { signature } from '../src/link/reuse.js';
import type { Article } from '../src/model.js';
import { ingestPaths } from '../src/pipeline.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { newsItems } from './fixtures.js';
import { tempDir } from './helpers.js';

/** Every row of every table of a SQLite store, in storing order, without the times at which things were read or made. */
function tables(store: SqliteStore): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const names = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' ORDER BY name").pluck().all() as string[];
  for (const name of names) {
    const cols = (store.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]).filter((c) => !/_at$/.test(c));
    if (!cols.length) continue;
    out[name] = store.db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${name}" ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).raw().all();
  }
  return out;
}

test('analysis threads give the records the main thread gives, in the order the articles were given', async () => {
  const articles = newsItems(40).map((a, i) => { const { text, ...rest } = a as { text: string }; return prepareArticle({ ...rest, raw: text, source: { path: 'f.jsonl', line: i + 1 } } as never) as Article; });
  const pool = new AnalysisPool(2, 3);
  try {
    const { records: got, signatures } = await pool.analyze(articles);
    assert.equal(got.length, articles.length);
    assert.deepEqual(got, articles.map((a) => analyzeArticle(a)));
    assert.ok(got.some((r) => r.attributions.length) && got.some((r) => r.quantities.length), 'the fixtures have records to compare');
    assert.deepEqual(signatures, articles.map((a) => {
      const { distinct, fingerprints } = signature(a.text);
      return { distinct, fingerprints };
    }));
  } finally {
    await pool.close();
  }
});

test('an ingest with analysis threads leaves the store a serial ingest leaves, table for table and row for row', async () => {
  const dir = tempDir();
  const items = newsItems(150);
  mkdirSync(join(dir, 'feed'));
  // Several files, a bad row and an empty one, and batches that end inside files.
  writeFileSync(join(dir, 'feed', 'a.jsonl'), items.slice(0, 70).map((a) => JSON.stringify(a)).join('\n') + '\n{oops\n\n');
  writeFileSync(join(dir, 'feed', 'b.jsonl'), items.slice(70).map((a) => JSON.stringify(a)).join('\n') + '\n');
  writeFileSync(join(dir, 'feed', 'c.jsonl'), items.slice(20, 40).map((a) => JSON.stringify(a)).join('\n') + '\n');
  const serial = new SqliteStore(join(tempDir(), 'serial.db'));
  const parallel = new SqliteStore(join(tempDir(), 'parallel.db'));
  try {
    const s = await ingestPaths(serial, [join(dir, 'feed')], { batchSize: 9 });
    const p = await ingestPaths(parallel, [join(dir, 'feed')], { batchSize: 9, analysisThreads: 2 });
    assert.deepEqual({ ...p, seconds: 0, phases: null, cpuPhases: null }, { ...s, seconds: 0, phases: null, cpuPhases: null });
    assert.ok(s.new > 150 && s.versions > 0 && s.unchanged > 20 && s.failed === 1, JSON.stringify(s));
    const want = tables(serial);
    const got = tables(parallel);
    assert.deepEqual(Object.keys(got), Object.keys(want));
    for (const t of Object.keys(want)) assert.deepEqual(got[t], want[t], `table ${t}`);
    for (const t of ['articles', 'attributions', 'quantities', 'mentions', 'entities', 'reuse', 'statements', 'statement_reports', 'quantity_groups', 'sources']) {
      assert.ok(want[t].length > 0, `the fixtures fill ${t}`);
    }
    assert.ok((want.statements as number[][]).length < (want.statement_reports as number[][]).length, 'some statements are reported more than once');
  } finally {
    await serial.close();
    await parallel.close();
  }
});
