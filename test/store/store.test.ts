import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { ingestPaths } from '../../src/pipeline.js';
import { prepareArticle } from '../../src/ingest/article.js';
import type { Article, RawArticle } from '../../src/model.js';
import { toFts5, toTsquery } from '../../src/store/fts-query.js';
import { tempDir } from '../helpers.js';
import { BACKENDS } from './backends.js';

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
