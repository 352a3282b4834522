import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { boundMarkup, MAX_DEPTH, MAX_ELEMENTS, parseDocument } from '../../src/ingest/dom.js';
import { blocks, filterBlocks } from '../../src/ingest/html-body.js';
import { cleanByline, dateInUrl, pageMetadata } from '../../src/ingest/html-metadata.js';
import { declaredCharset, decodeHtml, extractPage } from '../../src/ingest/html.js';
import { formatOf, readInput, sniff } from '../../src/ingest/index.js';
import type { RawArticle } from '../../src/model.js';
import { ARTICLE_PARAGRAPHS, articlePage } from '../fixtures.js';
import { tempDir } from '../helpers.js';

test('HTML metadata: JSON-LD headline, date and authors; canonical URL; outlet from the URL; language', () => {
  const m = pageMetadata(parseDocument(articlePage()));
  assert.equal(m.title, 'Missile strikes railway station');
  assert.equal(m.date, '2022-04-08');
  assert.equal(m.byline, 'Jane Roe, John Doe');
  assert.equal(m.url, 'https://www.reuters.com/world/europe/station-strike-2022-04-08/');
  assert.equal(m.outlet, 'Reuters');
  assert.equal(m.language, 'en-gb');
});

test('HTML metadata without JSON-LD: Open Graph, <time>, the byline element, og:site_name, a relative canonical URL', () => {
  const html = `<html><head><meta property="og:title" content="OG title"><meta property="og:site_name" content="Small Town Gazette">
    <link rel="canonical" href="/news/story-1"></head><body><article><h1>Heading</h1><div class="byline">By  Ann Other</div>
    <time datetime="2021-12-31">New Year's Eve</time><p>Text.</p></article></body></html>`;
  const m = pageMetadata(parseDocument(html), 'https://gazette.example/news/story-1?utm=x');
  assert.equal(m.title, 'OG title');
  assert.equal(m.date, '2021-12-31');
  assert.equal(m.byline, 'Ann Other');
  assert.equal(m.url, 'https://gazette.example/news/story-1');
  assert.equal(m.outlet, 'Small Town Gazette');
  assert.equal(m.language, null);
  assert.equal(cleanByline('By: Jane Roe'), 'Jane Roe');
  assert.equal(cleanByline('x'.repeat(200)), null);
});

test('HTML metadata: a date in the address is the last resort', () => {
  assert.equal(dateInUrl('https://example.com/2019/11/19/some-story/'), '2019-11-19');
  assert.equal(dateInUrl('https://example.com/news/2022-02-24-invasion'), '2022-02-24');
  assert.equal(dateInUrl('https://example.com/2019/13/40/x'), null);
  assert.equal(dateInUrl('https://example.com/story-20191119'), null);
  const m = pageMetadata(parseDocument('<html><head><link rel="canonical" href="https://example.com/2021/03/04/x"></head><body><p>Text.</p></body></html>'));
  assert.equal(m.date, '2021-03-04');
});

test('HTML metadata: a broken JSON-LD block is skipped and the @graph form is read', () => {
  const html = `<html><head><script type="application/ld+json">{broken</script>
    <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":["ReportageNewsArticle"],"headline":"From the graph","datePublished":"2020-02-29"}]}</script></head><body></body></html>`;
  const m = pageMetadata(parseDocument(html));
  assert.equal(m.title, 'From the graph');
  assert.equal(m.date, '2020-02-29');
});

test('HTML body: the article paragraphs, without navigation, share bar, caption, byline, related links, sidebar or footer', () => {
  const page = extractPage(articlePage());
  assert.ok(!('refused' in page));
  assert.deepEqual(page.text.split('\n\n'), ARTICLE_PARAGRAPHS);
  assert.equal(page.flattenedAt, null);
});

test('HTML blocks: link lists, photo credits and short lines at the edges are dropped; the title is not repeated', () => {
  const doc = parseDocument(`<body><div><p>Home</p><p>Missile strikes</p><p>Photo: Jane Roe / Example Wire</p>
    <p>The first real sentence of the article, long enough to be text.</p><ul><li><a href="/1">Link one</a></li><li><a href="/2">Link two</a></li></ul>
    <p>A paragraph with <a href="/x">one link</a> in the middle of a longer sentence stays.</p><p>Advertisement</p><p>More News</p></div></body>`);
  const kept = filterBlocks(blocks(doc.body!), 'Missile strikes').map((b) => b.text);
  assert.deepEqual(kept, ['The first real sentence of the article, long enough to be text.', 'A paragraph with one link in the middle of a longer sentence stays.']);
});

test('HTML decoding: the declared charset, a byte-order mark, and bad bytes replaced rather than refused', () => {
  const cyrillic = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body><p>'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('</p></body></html>')]);
  assert.equal(declaredCharset(cyrillic), 'windows-1251');
  assert.match(decodeHtml(cyrillic), /Привет/);
  assert.match(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>é</p>')]), 'windows-1251'), /<p>é<\/p>/);
  assert.match(decodeHtml(Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0x3c])), /\ufffd/);
});

test('HTML files: .html and .html.gz are found by extension, read as pages, and give the title then the text', async () => {
  const dir = tempDir();
  const plain = join(dir, 'a.html');
  const gz = join(dir, 'b.html.gz');
  writeFileSync(plain, articlePage());
  writeFileSync(gz, gzipSync(articlePage({ title: 'Second page', canonical: null })));
  assert.equal(formatOf(gz), 'html');
  assert.equal(formatOf('crawl.WARC.GZ'), 'warc');
  assert.equal(sniff('<!DOCTYPE html><html>'), 'html');
  const read = async (path: string) => {
    const out: RawArticle[] = [];
    for await (const item of readInput({ path, explicit: true })) if ('article' in item) out.push(item.article);
    return out;
  };
  const [a] = await read(plain);
  assert.equal(a.title, 'Missile strikes railway station');
  assert.ok(a.raw.startsWith('Missile strikes railway station\n\nUkrainian officials said'));
  assert.deepEqual(a.meta, { byline: 'Jane Roe, John Doe', language: 'en-gb' });
  assert.equal(a.source.path, plain);
  const [b] = await read(gz);
  assert.equal(b.title, 'Second page');
  assert.equal(b.url, null);
  assert.match(b.rawHash, /^[0-9a-f]{64}$/);
});

test('HTML: a page with no article text is an error naming the file', async () => {
  const dir = tempDir();
  const f = join(dir, 'empty.html');
  writeFileSync(f, '<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>');
  const items = [];
  for await (const item of readInput({ path: f, explicit: true })) items.push(item);
  assert.equal(items.length, 1);
  assert.ok('error' in items[0] && items[0].error.code === 'E_EMPTY' && items[0].error.file === f);
});

test('HTML nesting: pages as they are unless deeper than the bound; past it, tags go and text stays', () => {
  const real = articlePage();
  assert.deepEqual(boundMarkup(real), { html: real, flattenedAt: null, tooManyAt: null });
  // Elements that close themselves, void elements and raw text are not nesting.
  const loose = '<ul>' + '<li><p>item'.repeat(1_000) + '</ul><br>'.repeat(300) + '<script>' + '<div>'.repeat(500) + '</script>';
  assert.deepEqual(boundMarkup(loose), { html: loose, flattenedAt: null, tooManyAt: null });
  const open = '<div>'.repeat(MAX_DEPTH);
  const deep = `${open}<section><b>one</b>two<i>three</i> four</section>`;
  const b = boundMarkup(deep);
  assert.equal(b.flattenedAt, open.length);
  assert.equal(b.html, `${open}one two three four`);
  assert.equal(parseDocument(deep).body!.textContent, 'one two three four');
});

test('HTML elements: a page past the bound is refused at the tag that passes it', () => {
  const html = '<p>a</p>\n' + '<i></i>'.repeat(MAX_ELEMENTS);
  const b = boundMarkup(html);
  assert.equal(b.tooManyAt, html.length - '<i></i>'.length);
  const page = extractPage(html);
  assert.ok('refused' in page && page.at === b.tooManyAt, JSON.stringify(page).slice(0, 200));
});

test('HTML empty containers: thousands of "<p>" and "</p>" around the text are removed before Readability, in bounded CPU time; a real page keeps its few', () => {
  const text = 'Officials said five people were killed in the strike on the town, according to the regional governor.';
  const page = (n: number) => `<html><head><title>Strike</title></head><body>${'<p>'.repeat(n)}<p>${text}</p>${'</p>'.repeat(n)}</body></html>`;
  extractPage(page(100)); // warm-up: the modules' first use
  const c0 = process.cpuUsage();
  const got = extractPage(page(20_000));
  const c = process.cpuUsage(c0);
  assert.ok('text' in got && got.text.includes(text), JSON.stringify(got).slice(0, 300));
  // A bound against runaways, not a speed test: 1.8-2.4 s of CPU before empty containers were removed,
  // 0.3-0.6 s after, on the development machine at load 10.
  assert.ok((c.user + c.system) / 1000 < 1500, `${(c.user + c.system) / 1000} ms of CPU`);
  // Below the bound, empty containers stay for Readability to score: the page reads as before.
  const few = extractPage(`<html><body><div></div><p>${text}</p><span></span></body></html>`);
  assert.ok('text' in few && few.text.includes(text));
});
