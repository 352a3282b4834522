import assert from 'node:assert/strict';
import test from 'node:test';
import { looksLikeFeed, readFeed } from '../../src/ingest/feeds.js';
import type { Diagnostic, RawArticle } from '../../src/model.js';
import { splitItems } from '../helpers.js';
import { atomFeed, rssFeed } from '../fixtures.js';

const ctx = { path: 'feed.rss', rawHash: 'h' };
const split = (items: Iterable<{ article: RawArticle } | { error: Diagnostic }>) => splitItems(items);

test('RSS: full content when the item has it, else the summary; item index, link, date, byline and language kept', () => {
  const { articles, errors } = split(readFeed(Buffer.from(rssFeed()), ctx));
  assert.equal(articles.length, 2);
  const [full, summary] = articles;
  assert.equal(full.raw, 'Full story\n\nThe governor said 12 people were wounded in the shelling overnight.\n\n"It was the worst night," he said.');
  assert.equal(full.url, 'https://kyivindependent.com/full-story');
  assert.equal(full.date, '2022-04-08');
  assert.deepEqual(full.source, { path: 'feed.rss', row: 0, url: 'https://kyivindependent.com/full-story' });
  assert.equal(full.meta?.byline, 'Jane Roe');
  assert.equal(full.meta?.language, 'en');
  assert.equal(full.outlet, 'Kyiv Independent');
  assert.equal(summary.raw, 'Summary only\n\nThe mayor said the water supply had been restored to most districts.');
  assert.equal(summary.meta?.summaryOnly, 'true');
  assert.equal(summary.source.row, 1);
  assert.deepEqual(errors.map((e) => [e.code, e.fatal]), [['W_EMPTY_ROW', false]]);
  assert.match(errors[0].message, /item 3/);
});

test('Atom: entries with HTML content', () => {
  const { articles } = split(readFeed(Buffer.from(atomFeed()), { path: 'f.atom', rawHash: 'h' }));
  assert.equal(articles.length, 1);
  assert.equal(articles[0].raw, 'Atom entry\n\nThe ministry said 40 tanks had been destroyed.');
  assert.equal(articles[0].date, '2022-04-10');
  assert.equal(articles[0].meta?.byline, 'Ann Other');
  assert.equal(articles[0].outlet, 'Example Atom', 'an unknown host: the name the feed gives');
});

test('feeds: XML that is not a feed, and XML that does not parse, are errors naming the file', () => {
  assert.equal(looksLikeFeed('<?xml version="1.0"?><rss version="2.0">'), true);
  assert.equal(looksLikeFeed('<?xml version="1.0"?><urlset>'), false);
  const notFeed = split(readFeed(Buffer.from('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>'), ctx)).errors;
  assert.equal(notFeed[0].code, 'E_FEED');
  assert.equal(notFeed[0].file, 'feed.rss');
  const broken = split(readFeed(Buffer.from('<rss><channel><item><title>x</title'), ctx)).errors;
  assert.equal(broken[0].code, 'E_FEED');
});
