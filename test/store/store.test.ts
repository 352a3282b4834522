import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { ingestPaths } from '../../src/pipeline.js';
import { prepareArticle } from '../../src/ingest/article.js';
import type { Article, RawArticle } from '../../src/model.js';
import { toFts5, toTsquery } from '../../src/store/fts-query.js';
import { tempDir } from '../helpers.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, POSTGRES, SQLITE, type TestStore } from './backends.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

function article(text: string, url = 'https://www.example.com/a'): Article {
  const raw: RawArticle = { raw: text, title: text.split('\n')[0], url, date: '2022-03-01', outlet: 'Example', source: { path: 'a.txt' }, rawHash: 'h' };
  const a = prepareArticle(raw);
  assert.ok('id' in a);
  return a as Article;
}
const item = (a: Article) => ({ article: a, analysis: analyze({ text: a.text, doc: 'a.txt', id: a.id }) });

for (const backend of BACKENDS) {
  const { name, skip } = backend;

  test(`${name}: put: new, unchanged, and a changed text is a new version that keeps the old one`, { skip }, async () => {
    const store = await backend.open();
    const v1 = article('Deserters flee\n\nThe soldier said deserters are shot.');
    const v2 = article('Deserters flee\n\nThe soldier said deserters are shot at night.');
    assert.deepEqual(await store.put([item(v1)]), ['new']);
    assert.deepEqual(await store.put([item(v1)]), ['unchanged']);
    assert.deepEqual(await store.put([item(v2)]), ['version']);
    const d = await store.get(v2.id.slice(0, 8));
    assert.equal(d?.article.version, 2);
    assert.deepEqual(d?.versions.map((v) => v.id), [v1.id, v2.id]);
    const old = await store.get(v1.id);
    assert.equal(old?.article.supersededBy, v2.id);
    const s = await store.stats();
    assert.deepEqual([s.articles, s.versions], [1, 2]);
    await store.close();
  });

  test(`${name}: search finds articles and statements, with snippets, and never fails on odd input`, { skip }, async () => {
    const store = await backend.open();
    await store.put([item(article('Squads for deserters\n\nThe captured soldier said there is a squad that kills deserters.', 'https://x.test/1')), item(article('Grain deal\n\nThe minister said the grain would ship.', 'https://x.test/2'))]);
    const r = await store.search({ q: 'deserters', limit: 10, offset: 0 });
    assert.equal(r.articles.total, 1);
    assert.match(r.articles.items[0].snippet, /\u0002deserters\u0003/);
    assert.equal(r.attributions.total, 1);
    assert.equal(r.attributions.items[0].attribution?.speaker, 'the captured soldier');
    for (const odd of ['"', 'AND', '(x', 'NEAR(', '*', 'deser*', '"grain would"']) {
      await store.search({ q: odd, limit: 5, offset: 0 });
    }
    assert.equal((await store.search({ q: 'deser*', limit: 5, offset: 0 })).articles.total, 1);
    assert.equal((await store.search({ q: '"grain would"', limit: 5, offset: 0 })).articles.total, 1);
    await store.close();
  });

  test(`${name}: list pages and filters by outlet and date`, { skip }, async () => {
    const store = await backend.open();
    await store.put([1, 2, 3].map((i) => item(article(`Article ${i}\n\nText number ${i} of the set.`, `https://x.test/${i}`))));
    const p = await store.list({ limit: 2, offset: 0 });
    assert.equal(p.total, 3);
    assert.equal(p.items.length, 2);
    assert.equal((await store.list({ limit: 10, offset: 0, outlet: 'Nobody' })).total, 0);
    assert.equal((await store.list({ limit: 10, offset: 0, from: '2022-03-02' })).total, 0);
    await store.close();
  });

  test(`${name}: entities across articles: one entity however spelt, merges explained and undoable; quantities with place and date`, { skip }, async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'First\n2022-05-23\n\nPresident Volodymyr Zelensky said 87 people were killed in Kiev last week.');
    writeFileSync(join(dir, 'b.txt'), 'Second\n2022-05-24\n\nVolodymyr Zelenskiy spoke in Kyiv. Zelenskiy said more.');
    const store = await backend.open();
    try {
      await ingestPaths(store, [dir]);
      const people = await store.entities({ kind: 'person', limit: 10, offset: 0 });
      assert.equal(people.total, 1);
      const z = people.items[0];
      assert.equal(z.mentions, 3);
      assert.deepEqual(z.variants.map((v) => v.text).sort(), ['President Volodymyr Zelensky', 'Volodymyr Zelenskiy', 'Zelenskiy']);
      const places = await store.entities({ kind: 'place', limit: 10, offset: 0 });
      const kyiv = places.items.find((p) => p.placeId === 'geonames:703448')!;
      assert.deepEqual(kyiv.variants.map((v) => v.text).sort(), ['Kiev', 'Kyiv']);
      const detail = (await store.entity(z.id))!;
      const merge = detail.keys.find((k) => k.rule === 'transliteration')!;
      assert.match(merge.reason, /transliterations/);
      const fresh = await store.undoMerge(merge.id);
      assert.ok(fresh);
      assert.equal((await store.entity(z.id))!.mentions + (await store.entity(fresh!))!.mentions, 3);
      const killed = await store.quantities({ category: 'killed', limit: 10, offset: 0 });
      assert.equal(killed.total, 1);
      const q = killed.items[0];
      assert.equal(q.value, 87);
      assert.equal(q.claimant, 'Volodymyr Zelensky');
      assert.equal(q.place?.id, 'geonames:703448');
      assert.deepEqual(q.date, { date: '2022-05-16', precision: 'week', text: 'last week' });
    } finally {
      await store.close();
    }
  });
}

test('sqlite: stats are kept until the store changes, by this connection or by another', async () => {
  const store = (await SQLITE.open()) as TestStore;
  const other = new SqliteStore(store.path);
  try {
    assert.equal((await store.stats()).articles, 0);
    await store.put([item(article('One\n\nThe mayor said one thing.', 'https://x.test/1'))]);
    assert.equal((await store.stats()).articles, 1, 'a write on this connection');
    const seen = await store.stats();
    seen.articles = 99;
    assert.equal((await store.stats()).articles, 1, 'a caller changing its answer changes nothing kept');
    await other.put([item(article('Two\n\nThe governor said another thing.', 'https://x.test/2'))]);
    assert.equal((await store.stats()).articles, 2, 'a write on another connection');
    assert.deepEqual(await store.stats(), await other.stats());
  } finally {
    await other.close();
    await store.close();
  }
});

test('the FTS query never passes syntax through', () => {
  assert.equal(toFts5('deserters squad'), '"deserters" AND "squad"');
  assert.equal(toFts5('"mass graves" OR zombies*'), '"mass graves" OR "zombies"*');
  assert.equal(toFts5('"'), null);
  assert.equal(toFts5('a"b'), '"a b"');
  assert.equal(toTsquery('deserters squad'), "'deserters' & 'squad'");
  assert.equal(toTsquery('"mass graves" OR zombies*'), "('mass' <-> 'graves') | 'zombies':*");
  assert.equal(toTsquery('"'), null);
  assert.equal(toTsquery("a\"b can't"), "('a' <-> 'b') & 'can''t'");
  assert.equal(toTsquery('x\\y & !z:*'), "('x' <-> 'y') & 'z':*");
});

/** What a store holds, as its readers see it (reading times left out: they are the clock's). */
async function everything(store: Store) {
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  const stored = [];
  for await (const x of store.articles()) {
    const { ingestedAt: _, ...article } = x.article;
    stored.push({ article, analysis: x.analysis, sources: x.sources.map(({ readAt: _r, ...s }) => s) });
  }
  const page = { limit: 10_000, offset: 0 };
  const entities = (await store.entities(page)).items;
  const details = [];
  for (const e of entities) details.push(((await store.entity(e.id))?.keys ?? []).map(({ createdAt: _, ...k }) => k));
  const search = async (q: string) => {
    const r = await store.search({ q, ...page });
    return { articles: r.articles.total, attributions: r.attributions.total, hits: sorted(r.articles.items.map((h) => h.article.id)), quotes: sorted(r.attributions.items.map((h) => [h.article.id, h.attribution?.index])) };
  };
  return {
    stats: await store.stats(),
    stored: sorted(stored),
    list: (await store.list({ allVersions: true, ...page })).items,
    search: [await search('said'), await search('Zelensk*'), await search('"the soldier" OR Kyiv'), await search('kyjiw deserters')],
    entities: sorted(entities),
    keys: sorted(details),
    quantities: sorted((await store.quantities({ vague: true, ...page })).items),
    statements: sorted((await store.listStatements(page)).items),
    reuse: sorted((await store.listReuse({ passages: true, ...page })).items),
    conflicts: sorted((await store.listConflicts(page)).items),
    // What the HTTP API reads besides.
    attributions: (await store.attributions(page)).items,
    said: [(await store.attributions({ speakers: ['Volodymyr Zelensky', 'the soldier'], ...page })).total, (await store.attributions({ hedged: true, q: 'said', ...page })).total],
    byEntity: await Promise.all(entities.slice(0, 5).map(async (e) => [(await store.list({ entity: e.id, ...page })).total, (await store.attributions({ entity: e.id, ...page })).total])),
    links: await Promise.all(stored.map(async (x) => store.recordLinks(x.article.id))),
    statementPages: sorted(await Promise.all((await store.listStatements({ reports: 1, ...page })).items.map(async (x) => [x, await store.getStatement(x.id, { limit: 1, offset: 1 })]))),
    bySpeaker: (await store.listStatements({ speakers: ['Zelenskiy'], ...page })).total,
    conflictsOf: await Promise.all(stored.map(async (x) => (await store.listConflicts({ article: x.article.id, ...page })).total)),
    conflict: await Promise.all((await store.listConflicts(page)).items.map((c) => store.getConflict(c.id))),
    overTime: (await store.quantities({ byDate: true, vague: true, ...page })).items,
    check: (await store.check()).filter((c) => !c.ok),
  };
}

test('SQLite and PostgreSQL hold the same records after the same ingests: articles, versions, sightings, entities, statements, reuse, conflicts', { skip: POSTGRES.skip }, async () => {
  const dir = tempDir();
  cpSync(EXAMPLES, join(dir, 'examples'), { recursive: true });
  const zelensky = 'President Volodymyr Zelensky said 87 people were killed in Kiev last week, according to Reuters.';
  writeFileSync(join(dir, 'more.jsonl'), [
    { url: 'https://www.example.com/a', title: 'A', date: '2022-05-23', outlet: 'Reuters', text: `"We are just meat," the soldier said. ${zelensky}` },
    { url: 'https://www.example.com/b', title: 'B', date: '2022-05-24', outlet: 'BBC', text: `Volodymyr Zelenskiy spoke in Kyiv. "We are just meat," the soldier said, according to Reuters. ${zelensky}` },
    { url: 'https://www.example.com/a', title: 'A', date: '2022-05-25', outlet: 'Reuters', text: `"We are just meat," the soldier said. ${zelensky.replace('87', '88')}` },
    { url: 'https://www.example.com/c', title: 'C', date: '2022-05-26', outlet: 'Daily Mail', text: `Café owners in Kyjiw said deserters were hiding. ${zelensky}` },
  ].map((o) => JSON.stringify(o)).join('\n'));
  writeFileSync(join(dir, 'again.txt'), 'Again\n\nVolodymyr Zelenskiy spoke in Kyiv. Zelenskiy said more.');
  const got = [];
  for (const backend of [SQLITE, POSTGRES]) {
    const store = await backend.open();
    try {
      // Two runs, the second partly repeating the first (sightings, unchanged articles, a new version), in small batches.
      await ingestPaths(store, [join(dir, 'examples'), join(dir, 'more.jsonl')], { batchSize: 2 });
      await ingestPaths(store, [join(dir, 'more.jsonl'), join(dir, 'again.txt')], { batchSize: 2 });
      got.push(await everything(store));
    } finally {
      await store.close();
    }
  }
  const [sqlite, postgres] = got;
  assert.ok(sqlite.stats.versions >= 9 && sqlite.statements.length > 10 && sqlite.entities.length > 20 && sqlite.reuse.length > 0, JSON.stringify(sqlite.stats));
  assert.deepEqual(sqlite.check, []);
  for (const k of Object.keys(sqlite) as (keyof typeof sqlite)[]) assert.deepEqual(postgres[k], sqlite[k], `${k} differ`);
});
