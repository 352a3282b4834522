import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { main } from '../../src/cli/main.js';
import { ARTICLE_PARAGRAPHS, articlePage } from '../fixtures.js';
import { io, tempDir } from '../helpers.js';

test('extract --format jsonl: one object a page, "file" as given, folders walked for .html and .html.gz', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'pages'));
  writeFileSync(join(dir, 'pages', 'a.html'), articlePage());
  writeFileSync(join(dir, 'pages', 'b.html.gz'), gzipSync(articlePage({ title: 'Second', canonical: null })));
  writeFileSync(join(dir, 'pages', 'notes.txt'), 'not a page');
  const o = io();
  assert.equal(await main(['extract', '--format', 'jsonl', join(dir, 'pages')], o), 0, o.stderr.text);
  const recs = o.stdout.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(recs.length, 2);
  assert.deepEqual(Object.keys(recs[0]), ['file', 'title', 'byline', 'date', 'url', 'outlet', 'language', 'text']);
  assert.deepEqual(recs[0], {
    file: join(dir, 'pages', 'a.html'),
    title: 'Missile strikes railway station',
    byline: 'Jane Roe, John Doe',
    date: '2022-04-08',
    url: 'https://www.reuters.com/world/europe/station-strike-2022-04-08/',
    outlet: 'Reuters',
    language: 'en-gb',
    text: ARTICLE_PARAGRAPHS.join('\n\n'),
  });
  assert.equal(recs[1].title, 'Second');
  assert.equal(recs[1].url, null);
});

test('extract: a page with no text is reported and the exit status says so; a bad --format is a usage error', async () => {
  const dir = tempDir();
  const f = join(dir, 'nav.html');
  writeFileSync(f, '<html><body><nav><a href="/">Home</a></nav></body></html>');
  const o = io();
  assert.equal(await main(['extract', f], o), 1);
  assert.match(o.stderr.text, /nav\.html: \[E_EMPTY\]/);
  assert.equal(await main(['extract', '--format', 'xml', f], io()), 2);
});
