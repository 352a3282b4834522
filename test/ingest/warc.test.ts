import assert from 'node:assert/strict';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { httpPayload, readWarc, warcRecords } from '../../src/ingest/warc.js';
import type { Diagnostic, RawArticle } from '../../src/model.js';
import { splitItems } from '../helpers.js';
import { articlePage, gzipMembers, httpResponse, warcRecord } from '../fixtures.js';

const ctx = { path: 'crawl.warc', rawHash: 'h' };
const split = (items: Iterable<{ article: RawArticle } | { error: Diagnostic }>) => splitItems(items);

const page1 = warcRecord('response', 'https://example.org/one', httpResponse(articlePage({ title: 'Page one', canonical: null })));
const image = warcRecord('response', 'https://example.org/a.jpg', httpResponse(Buffer.from([0xff, 0xd8, 0xff]), { 'Content-Type': 'image/jpeg' }));
const request = warcRecord('request', 'https://example.org/two', Buffer.from('GET /two HTTP/1.1\r\nHost: example.org\r\n\r\n'), 'application/http; msgtype=request');
const page2 = warcRecord('response', 'https://example.org/two', httpResponse(articlePage({ title: 'Page two', canonical: null })));

test('WARC: HTML responses become articles with record index, byte offset, target URI and date; other records are passed over', () => {
  const file = Buffer.concat([page1, image, request, page2]);
  const { articles, errors } = split(readWarc(file, ctx));
  assert.deepEqual(errors, []);
  assert.deepEqual(articles.map((a) => a.title), ['Page one', 'Page two']);
  assert.deepEqual(articles[0].source, { path: 'crawl.warc', row: 0, byte: 0, url: 'https://example.org/one', fetchedAt: '2022-04-08T12:00:00Z' });
  assert.equal(articles[1].source.row, 3);
  assert.equal(articles[1].source.byte, page1.length + image.length + request.length);
  assert.equal(articles[1].url, 'https://example.org/two', 'no canonical link: the target URI');
  assert.equal(file.subarray(articles[1].source.byte!, articles[1].source.byte! + 8).toString(), 'WARC/1.0');
});

test('WARC: a truncated record is an error with the file and its byte offset, and the records before it are kept', () => {
  const cut = Buffer.concat([page1, image, page2.subarray(0, page2.length - 200)]);
  const { articles, errors } = split(readWarc(cut, ctx));
  assert.deepEqual(articles.map((a) => a.title), ['Page one']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'E_WARC');
  assert.equal(errors[0].file, 'crawl.warc');
  assert.equal(errors[0].byte, page1.length + image.length);
  assert.match(errors[0].message, new RegExp(`record at byte ${page1.length + image.length} is truncated`));
});

test('WARC: a record cut inside its header, and bytes that are not a record, are errors with their offsets', () => {
  const inHeader = split(readWarc(Buffer.concat([page1, Buffer.from('WARC/1.0\r\nWARC-Type: resp')]), ctx));
  assert.equal(inHeader.articles.length, 1);
  assert.equal(inHeader.errors[0].byte, page1.length);
  const garbage = split(readWarc(Buffer.concat([page1, Buffer.from('not a record')]), ctx));
  assert.equal(garbage.errors[0].byte, page1.length);
  assert.match(garbage.errors[0].message, /no WARC record starts at byte/);
});

test('WARC.gz: one gzip member a record; offsets are the members\'; a truncated member keeps the records before it', () => {
  const members = [gzipSync(page1), gzipSync(image), gzipSync(page2)];
  const file = gzipMembers([page1, image, page2]);
  const ok = split(readWarc(file, { path: 'c.warc.gz', rawHash: 'h' }));
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.articles.map((a) => [a.title, a.source.row, a.source.byte]), [['Page one', 0, 0], ['Page two', 2, members[0].length + members[1].length]]);
  const cut = file.subarray(0, file.length - 30);
  const bad = split(readWarc(cut, { path: 'c.warc.gz', rawHash: 'h' }));
  assert.deepEqual(bad.articles.map((a) => a.title), ['Page one']);
  assert.equal(bad.errors.length, 1);
  assert.equal(bad.errors[0].code, 'E_WARC');
  assert.equal(bad.errors[0].byte, members[0].length + members[1].length);
  assert.equal(bad.errors[0].file, 'c.warc.gz');
});

test('HTTP payloads: chunked transfer and gzip content encoding are undone; the charset comes from Content-Type', () => {
  const html = Buffer.from('<html><body><p>Привет</p></body></html>');
  const gz = gzipSync(html);
  const chunked = Buffer.concat([Buffer.from(`${(10).toString(16)}\r\n`), gz.subarray(0, 10), Buffer.from(`\r\n${(gz.length - 10).toString(16)}\r\n`), gz.subarray(10), Buffer.from('\r\n0\r\n\r\n')]);
  const p = httpPayload(httpResponse(chunked, { 'Content-Type': 'text/html; charset=UTF-8', 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }));
  assert.ok(p);
  assert.equal(p.status, 200);
  assert.equal(p.charset, 'UTF-8');
  assert.deepEqual(p.body, html);
  assert.equal(httpPayload(Buffer.from('not http')), null);
});

test('WARC: resource records holding a page are read; redirects are not articles; a file of no pages says so', () => {
  const resource = warcRecord('resource', 'https://example.org/r', Buffer.from(articlePage({ title: 'Resource page', canonical: null })), 'text/html; charset=utf-8');
  const redirect = warcRecord('response', 'https://example.org/old', httpResponse('', { Location: 'https://example.org/new', 'Content-Type': 'text/html' }, '301 Moved Permanently'));
  const { articles } = split(readWarc(Buffer.concat([redirect, resource]), ctx));
  assert.deepEqual(articles.map((a) => [a.title, a.source.row]), [['Resource page', 1]]);
  const none = split(readWarc(image, ctx));
  assert.deepEqual(none.errors.map((e) => [e.code, e.fatal]), [['W_EMPTY_ROW', false]]);
  assert.equal([...warcRecords(Buffer.concat([image, image]), 'x')].length, 2);
});

test('WARC.gz: a member that inflates past the limit is an error at its offset; the records before it are kept', () => {
  const big = warcRecord('resource', 'https://example.org/big', Buffer.alloc(4 * 1024 * 1024, '<p>bomb</p>'), 'text/html');
  const gz = gzipMembers([page1, big, page1]);
  const bigAt = gzipSync(page1).length;
  const { articles, errors } = split(readWarc(gz, { ...ctx, maxBytes: 1024 * 1024 }));
  assert.deepEqual(articles.map((a) => a.source.byte), [0]);
  assert.deepEqual(errors.map((e) => [e.code, e.byte]), [['E_TOO_LARGE', bigAt]]);
  assert.match(errors[0].message, /decompresses to more than 1,048,576 bytes/);
  // An HTTP body that inflates past the limit: that record is skipped, the next is read.
  const bodyBomb = warcRecord('response', 'https://example.org/bomb', httpResponse(gzipSync(Buffer.alloc(4 * 1024 * 1024, 'x')), { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }));
  const plain = split(readWarc(Buffer.concat([bodyBomb, page1]), { ...ctx, maxBytes: 1024 * 1024 }));
  assert.deepEqual(plain.articles.map((a) => a.url ?? a.source.url), ['https://example.org/one']);
  assert.deepEqual(plain.errors.map((e) => [e.code, e.byte]), [['E_TOO_LARGE', 0]]);
});

test('WARC: fewer bytes than "WARC/" left after a record (a file of one byte; found by the long fuzz) are an error with their offset, not a RangeError', () => {
  for (const tail of ['W', 'WAR', 'x']) {
    const got = split(readWarc(Buffer.concat([page1, Buffer.from(tail)]), ctx));
    assert.equal(got.articles.length, 1);
    assert.equal(got.errors[0].byte, page1.length);
    assert.match(got.errors[0].message, /no WARC record starts at byte/);
  }
  const one = split(readWarc(Buffer.from('W'), ctx));
  assert.equal(one.articles.length, 0);
  assert.equal(one.errors[0].byte, 0);
});
