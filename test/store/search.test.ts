// Search orders (sort=relevance, sort=date) on both stores: relevance puts the best match first wherever it was
// stored, date gives the article list's order (newest first, undated last, then an article's attributions in
// order), both read every match, totals say whether they are exact; on SQLite the two plans of a date search
// (sort the few matches, or walk the articles newest first) agree.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { prepareArticle } from '../../src/ingest/article.js';
import type { Article, RawArticle } from '../../src/model.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { SearchQuery, Store } from '../../src/store/store.js';
import { tempDir } from '../helpers.js';
import { BACKENDS } from './backends.js';

function article(i: number, title: string, text: string, date: string | null): Article {
  const raw: RawArticle = { raw: `${title}\n\n${text}`, title, url: `https://x.test/${i}`, date, outlet: `Outlet ${i % 3}`, source: { path: `${i}.txt` }, rawHash: `h${i}` };
  const a = prepareArticle(raw);
  assert.ok('id' in a);
  return a as Article;
}

/** Twelve articles about a grain deal, stored in an order unrelated to their dates; the best match is stored first. */
async function fill(store: Store): Promise<Article[]> {
  const dates = ['2022-05-03', '2022-07-22', null, '2022-06-01', '2022-07-22', '2022-03-15', '2022-08-01', '2022-04-09', null, '2022-07-30', '2022-02-27', '2022-06-18'];
  const xs = dates.map((d, i) => i === 0
    ? article(i, 'Grain grain grain: the grain corridor', 'The minister said the grain corridor would reopen for grain ships.', d)
    : article(i, `Report number ${i} from the ports`, `A spokesman said on the record that ships were waiting, and that the grain deal of number ${i} was discussed among many other matters of the day at length.`, d));
  for (const a of xs) await store.put([{ article: a, analysis: analyze({ text: a.text, doc: `${a.id}.txt`, id: a.id }) }]);
  return xs;
}

const q = (x: Partial<SearchQuery>): SearchQuery => ({ q: 'grain', limit: 100, offset: 0, ...x });
/** The article list's order: date descending, undated last, later stored first among equals. */
const byDate = (xs: Article[]) => xs.map((a, i) => ({ a, i })).sort((x, y) => (x.a.date === y.a.date ? y.i - x.i : x.a.date == null ? 1 : y.a.date == null ? -1 : x.a.date < y.a.date ? 1 : -1)).map((x) => x.a.id);

for (const backend of BACKENDS) {
  test(`${backend.name}: search by relevance ranks every match, the best first, and by date gives the newest articles first`, { skip: backend.skip }, async () => {
    const store = await backend.open();
    const xs = await fill(store);
    const rel = await store.search(q({}));
    assert.equal(rel.articles.sort, 'relevance');
    assert.equal(rel.articles.total, 12);
    assert.equal(rel.articles.totalExact, true);
    assert.equal(rel.articles.items[0].article.id, xs[0].id, 'the article about grain, stored first, ranks first');
    const scores = rel.articles.items.map((h) => h.score as number);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'scores descend');
    const date = await store.search(q({ sort: 'date' }));
    assert.equal(date.articles.sort, 'date');
    assert.deepEqual(date.articles.items.map((h) => h.article.id), byDate(xs), 'the article list\'s order');
    assert.ok(date.articles.items.every((h) => h.score === null), 'no score when sorted by date');
    assert.deepEqual(new Set(date.articles.items.map((h) => h.article.id)), new Set(rel.articles.items.map((h) => h.article.id)), 'the same matches either way');
    // Attributions by date: their articles newest first, an article's in order.
    const dated = (await store.search(q({ sort: 'date' }))).attributions.items;
    assert.ok(dated.length >= 2);
    const rank = new Map(byDate(xs).map((id, i) => [id, i]));
    for (let i = 1; i < dated.length; i++) {
      const [p, c] = [dated[i - 1], dated[i]];
      const order = rank.get(p.article.id)! - rank.get(c.article.id)!;
      assert.ok(order < 0 || (order === 0 && p.attribution!.index < c.attribution!.index), `attribution ${i} in order`);
    }
    // Pages of either order cover the matches once.
    for (const sort of ['relevance', 'date'] as const) {
      const pages = [];
      for (let offset = 0; offset < 12; offset += 5) pages.push(...(await store.search(q({ sort, limit: 5, offset }))).articles.items.map((h) => h.article.id));
      assert.deepEqual(pages, (await store.search(q({ sort }))).articles.items.map((h) => h.article.id), `${sort} pages`);
      assert.equal((await store.search(q({ sort, limit: 5, offset: 5 }))).articles.total, 12, `${sort}: a later page still counts every match`);
    }
    await store.close();
  });
}

test('sqlite: a date search sorting its few matches and one walking the articles newest first answer the same', async () => {
  const dir = tempDir();
  const sorting = new SqliteStore(join(dir, 'store.db'));
  await fill(sorting);
  const walking = new SqliteStore(join(dir, 'store.db'), { walkFrom: 1 });
  for (const words of ['grain', 'ships', '"grain deal"', 'spokesman OR minister', 'number*', 'nothing-matches-this']) {
    for (const page of [{ limit: 100, offset: 0 }, { limit: 3, offset: 0 }, { limit: 3, offset: 4 }]) {
      const a = await sorting.search({ q: words, sort: 'date', ...page });
      const b = await walking.search({ q: words, sort: 'date', ...page });
      assert.deepEqual(b, a, `${words} ${JSON.stringify(page)}`);
    }
  }
  // The walk reads the date index: its plan says so (and the sort of few matches reads no index of dates).
  const plan = walking.db.prepare(`EXPLAIN QUERY PLAN SELECT a.rowid FROM articles a INDEXED BY articles_current_date WHERE a.superseded_by IS NULL
    AND a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'grain') ORDER BY a.date DESC NULLS LAST, a.rowid DESC LIMIT 3`).all() as { detail: string }[];
  assert.ok(!plan.some((p) => /TEMP B-TREE/.test(p.detail)), `no sort in the walk: ${plan.map((p) => p.detail).join(' | ')}`);
  await walking.close();
  await sorting.close();
});
