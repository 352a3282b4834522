// The bad input corpus for pages, compressed files and web archives, read by their readers: HTML nested
// 100,000 deep (read, flattened past 128 levels, with a warning that names the file and line), a page of
// 150,000 elements (refused, with its line), a gzip bomb (1 GiB of markup from 2 MB: stopped at the limit,
// with the file and byte), a WARC holding a compressed bomb in one record and cut short in another (each
// reported with its record's byte offset; the whole records before and between are kept). The batch goes
// on, nothing oversized is stored, memory stays bounded, nothing stored before changes.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { MAX_ARTICLE_CHARS } from '../../src/ingest/article.js';
import { MAX_DEPTH, MAX_ELEMENTS } from '../../src/ingest/dom.js';
import type { Diagnostic } from '../../src/model.js';
import { ingestPaths } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { httpResponse, warcRecord } from '../fixtures.js';
import { tempDir } from '../helpers.js';
import { assertKept, snapshot } from '../snapshot.js';

const PAGE = (body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Deep page</title></head>\n<body>${body}</body></html>`;

function deepHtml(depth: number): string {
  return PAGE('<div>'.repeat(depth) + '<p>The commander said 12 soldiers were captured near the river.</p>' + '</div>'.repeat(depth));
}

/** Many identical gzip members: each 16 MiB of markup, together 1 GiB, in about 2 MB. */
function gzipBomb(members = 64): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, '<p>bomb</p>'), { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => member));
}

const page = (title: string, text: string) => PAGE(`<article><h1>${title}</h1><p>${text}</p></article>`);

/**
 * A WARC: a whole response, a response whose gzip Content-Encoding inflates to 1 GiB, another whole response,
 * and a last one whose Content-Length runs past the end of the file.
 */
function crawl(): { bytes: Buffer; bombAt: number; afterAt: number; cutAt: number } {
  const whole = warcRecord('response', 'https://www.example.com/news/whole', httpResponse(page('Whole record', 'The mayor said 40 people were evacuated from the city on Monday.')));
  const bomb = warcRecord('response', 'https://www.example.com/news/bomb', httpResponse(gzipBomb(), { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }));
  const after = warcRecord('response', 'https://www.example.com/news/after', httpResponse(page('After the bomb', 'The governor said 6 schools were damaged overnight.')));
  const last = warcRecord('response', 'https://www.example.com/news/cut', httpResponse(page('Cut record', 'The governor said ' + 'many words '.repeat(300))));
  return {
    bytes: Buffer.concat([whole, bomb, after, last.subarray(0, 700)]),
    bombAt: whole.length,
    afterAt: whole.length + bomb.length,
    cutAt: whole.length + bomb.length + after.length,
  };
}

test('HTML nested 100,000 deep, a page of too many elements, gzip bombs and a truncated WARC: read or refused with file and position, the batch goes on', { timeout: 600_000 }, async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 's.db'));
  try {
    writeFileSync(join(dir, 'before.txt'), 'Before\n\nThe minister said 3 people were killed.');
    await ingestPaths(store, [join(dir, 'before.txt')]);
    const snap = snapshot(store.db);
    const files = {
      deep: join(dir, 'deep.html'),
      many: join(dir, 'many.html'),
      bomb: join(dir, 'bomb.html.gz'),
      warc: join(dir, 'crawl.warc'),
      good: join(dir, 'after.txt'),
    };
    writeFileSync(files.deep, deepHtml(100_000));
    writeFileSync(files.many, PAGE('\n<p>The minister said 5 people were wounded.</p>\n' + '<span>x</span>'.repeat(150_000)));
    const bomb = gzipBomb();
    assert.ok(bomb.length < 3 * 1024 * 1024, `the bomb is ${bomb.length} bytes`);
    writeFileSync(files.bomb, bomb);
    const warc = crawl();
    writeFileSync(files.warc, warc.bytes);
    writeFileSync(files.good, 'After\n\nThe spokesman said 8 drones were shot down.');
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 20);
    const s = await ingestPaths(store, [files.deep, files.many, files.bomb, files.warc, files.good]);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

    const of = (f: string) => s.diagnostics.filter((d) => d.file === f).map((d: Diagnostic) => ({ code: d.code, line: d.line, byte: d.byte }));
    const articlesFrom = (f: string) => store.db.prepare('SELECT title, url, source_byte AS byte, length(text) AS n, text, warnings FROM articles WHERE source_path = ? ORDER BY rowid').all(f) as { title: string; url: string | null; byte: number | null; n: number; text: string; warnings: string }[];

    // The deep page is read: its paragraph stored, with a warning that it was flattened, naming file and line.
    assert.deepEqual(of(files.deep), []);
    const deep = articlesFrom(files.deep);
    assert.equal(deep.length, 1);
    assert.equal(deep[0].text, 'Deep page\n\nThe commander said 12 soldiers were captured near the river.');
    const warnings = JSON.parse(deep[0].warnings) as Diagnostic[];
    assert.deepEqual(warnings.map((w) => [w.code, w.file, w.line, w.fatal]), [['W_HTML_DEPTH', files.deep, 2, false]]);
    assert.match(warnings[0].message, new RegExp(`more than ${MAX_DEPTH} deep`));
    // Too many elements: refused, with the line where the limit was passed; nothing stored from it.
    assert.deepEqual(of(files.many), [{ code: 'E_TOO_LARGE', line: 4, byte: undefined }]);
    assert.match(s.diagnostics.find((d) => d.file === files.many)!.message, new RegExp(`more than ${MAX_ELEMENTS.toLocaleString('en')} elements`));
    assert.deepEqual(articlesFrom(files.many), []);
    // The bomb: stopped at the limit (256 MiB), reported at its first byte; nothing stored from it.
    assert.deepEqual(of(files.bomb), [{ code: 'E_TOO_LARGE', line: undefined, byte: 0 }]);
    assert.deepEqual(articlesFrom(files.bomb), []);
    // The WARC: the bomb record and the truncated record are reported at their offsets; the others are stored.
    assert.deepEqual(of(files.warc), [{ code: 'E_TOO_LARGE', line: undefined, byte: warc.bombAt }, { code: 'E_WARC', line: undefined, byte: warc.cutAt }]);
    assert.deepEqual(articlesFrom(files.warc).map((a) => [a.title, a.url, a.byte]), [['Whole record', 'https://www.example.com/news/whole', 0], ['After the bomb', 'https://www.example.com/news/after', warc.afterAt]]);
    // Nothing oversized stored, memory bounded by the limits (not by the 1 GiB the bombs hold).
    const longest = store.db.prepare('SELECT max(length(text)) FROM articles').pluck().get() as number;
    assert.ok(longest < MAX_ARTICLE_CHARS, `an article of ${longest} characters`);
    const grown = (rssPeak - rssBefore) / 2 ** 20;
    assert.ok(grown < 1024, `memory grew by ${grown.toFixed(0)} MiB reading two 1 GiB bombs`);
    // The batch went on, and what was stored before is as it was.
    assert.equal(articlesFrom(files.good).length, 1, 'the good file after the bad ones is stored');
    assert.equal(s.new, 4);
    assert.equal(s.failed, 4);
    assertKept(snap, snapshot(store.db));
  } finally {
    await store.close();
  }
});
