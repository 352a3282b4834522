// The bad input corpus for the formats whose readers are being written (HTML, gzip, WARC): HTML nested
// 100,000 deep, a gzip bomb (1 GiB of markup from 1 MiB), a WARC whose last record is cut short. Written to
// hold for whatever reader handles these files: today they are recognised and refused with a diagnostic
// (E_FORMAT); once there are readers, they must still give a diagnostic that names the file and a position
// for what they cannot read, never inflate a bomb into the store, and go on with the batch.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { MAX_ARTICLE_CHARS } from '../../src/ingest/article.js';
import type { Diagnostic } from '../../src/model.js';
import { ingestPaths } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers.js';
import { assertKept, snapshot } from '../snapshot.js';

const PAGE = (body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Deep page</title></head><body>${body}</body></html>`;

function deepHtml(depth: number): string {
  return PAGE('<div>'.repeat(depth) + '<p>The commander said 12 soldiers were captured near the river.</p>' + '</div>'.repeat(depth));
}

/** A gzip file of many identical members: each 16 MiB of markup, together 1 GiB, in about a megabyte. */
function gzipBomb(members = 64): Buffer {
  const chunk = Buffer.alloc(16 * 1024 * 1024, '<p>bomb</p>');
  const member = gzipSync(chunk, { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => member));
}

/** A WARC with a warcinfo record, one whole response, and a response whose Content-Length runs past the end of the file. */
function truncatedWarc(): { bytes: Buffer; cutAt: number } {
  const record = (type: string, uri: string, payload: string, declared?: number) => {
    const body = Buffer.from(payload);
    const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:${type}-${uri.length}>\r\nWARC-Date: 2022-04-16T10:00:00Z\r\n${uri ? `WARC-Target-URI: ${uri}\r\n` : ''}Content-Type: ${type === 'response' ? 'application/http; msgtype=response' : 'application/warc-fields'}\r\nContent-Length: ${declared ?? body.length}\r\n\r\n`;
    return Buffer.concat([Buffer.from(head), body, Buffer.from('\r\n\r\n')]);
  };
  const http = (html: string) => `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(html)}\r\n\r\n${html}`;
  const info = record('warcinfo', '', 'software: crosscheck-test\r\nformat: WARC File Format 1.0\r\n');
  const whole = record('response', 'https://www.example.com/news/whole', http(PAGE('<article><h1>Whole record</h1><p>The mayor said 40 people were evacuated from the city on Monday.</p></article>')));
  const last = record('response', 'https://www.example.com/news/cut', http(PAGE('<article><h1>Cut record</h1><p>The governor said ' + 'many words '.repeat(300) + '</p></article>')));
  const cutAt = info.length + whole.length;
  return { bytes: Buffer.concat([info, whole, last.subarray(0, 700)]), cutAt };
}

test('HTML nested 100,000 deep, a gzip bomb and a truncated WARC: diagnostics with file and position, the batch goes on, nothing stored changes', { timeout: 300_000 }, async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 's.db'));
  try {
    writeFileSync(join(dir, 'before.txt'), 'Before\n\nThe minister said 3 people were killed.');
    await ingestPaths(store, [join(dir, 'before.txt')]);
    const snap = snapshot(store.db);
    const files = {
      deep: join(dir, 'deep.html'),
      bomb: join(dir, 'bomb.html.gz'),
      warc: join(dir, 'crawl.warc'),
      good: join(dir, 'after.txt'),
    };
    writeFileSync(files.deep, deepHtml(100_000));
    const bomb = gzipBomb();
    assert.ok(bomb.length < 2 * 1024 * 1024, `the bomb is ${bomb.length} bytes`);
    writeFileSync(files.bomb, bomb);
    const warc = truncatedWarc();
    writeFileSync(files.warc, warc.bytes);
    writeFileSync(files.good, 'After\n\nThe spokesman said 8 drones were shot down.');
    const rssBefore = process.memoryUsage().rss;
    // Named one by one, as a user would: each is read by whatever reader claims it.
    const s = await ingestPaths(store, [files.deep, files.bomb, files.warc, files.good]);
    const of = (f: string) => s.diagnostics.filter((d) => d.file === f);
    const fatal = (f: string) => of(f).filter((d) => d.fatal !== false);
    const articlesFrom = (f: string) => store.db.prepare('SELECT id, length(text) AS n, text FROM articles WHERE source_path = ?').all(f) as { id: string; n: number; text: string }[];
    const hasPosition = (d: Diagnostic) => d.line != null || d.byte != null;
    for (const d of s.diagnostics) {
      assert.ok(d.file && Object.values(files).includes(d.file), `a diagnostic names its file: ${JSON.stringify(d)}`);
      if (d.fatal !== false) assert.ok(hasPosition(d), `${d.file}: [${d.code}] ${d.message} gives no line or byte`);
    }
    // The deep page: read (its paragraph stored) or refused with a diagnostic.
    const deep = articlesFrom(files.deep);
    assert.ok(deep.some((a) => a.text.includes('12 soldiers were captured')) || fatal(files.deep).length > 0, 'the deep page is read or refused with a diagnostic');
    // The bomb: never inflated into the store; refused, or cut at the size limits with a diagnostic.
    assert.ok(fatal(files.bomb).length > 0, 'the bomb gets a diagnostic');
    for (const a of articlesFrom(files.bomb)) assert.ok(a.n <= MAX_ARTICLE_CHARS, `an article of ${a.n} characters from the bomb`);
    const grown = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    assert.ok(grown < 1024, `memory grew by ${grown.toFixed(0)} MiB reading a 1 GiB bomb`);
    // The WARC: the truncated record is reported with a position in the file (past the records that are whole).
    const warcErrors = fatal(files.warc);
    assert.ok(warcErrors.length > 0, 'the truncated WARC gets a diagnostic');
    if (articlesFrom(files.warc).length) {
      assert.ok(warcErrors.some((d) => (d.byte != null && d.byte >= warc.cutAt) || (d.line != null && d.line > 1)), 'once WARC records are read, the truncated one is reported where it starts');
    }
    // The batch went on, and what was stored before is as it was.
    assert.equal(articlesFrom(files.good).length, 1, 'the good file after the bad ones is stored');
    assertKept(snap, snapshot(store.db));
  } finally {
    await store.close();
  }
});
