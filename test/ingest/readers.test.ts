import assert from 'node:assert/strict';
import test from 'node:test';
import { parseCsv, readCsv } from '../../src/ingest/csv.js';
import { parseDate } from '../../src/ingest/date.js';
import { decode } from '../../src/ingest/decode.js';
import { readJsonLines } from '../../src/ingest/jsonl.js';
import { readPlainText } from '../../src/ingest/plaintext.js';
import { sniff } from '../../src/ingest/index.js';
import { CrosscheckError } from '../../src/errors.js';

const ctx = { path: 'f', rawHash: 'h' };
const articles = <T>(items: Iterable<T>) => [...items].filter((x) => 'article' in (x as object)) as { article: import('../../src/model.js').RawArticle }[];
const errors = <T>(items: Iterable<T>) => [...items].filter((x) => 'error' in (x as object)) as { error: import('../../src/model.js').Diagnostic }[];

test('plain text: title, date and URL lines', () => {
  const [a] = articles(readPlainText('A headline\n20220416\nhttps://www.businessinsider.in/x/y.cms\nThe body.', ctx));
  assert.equal(a.article.title, 'A headline');
  assert.equal(a.article.date, '2022-04-16');
  assert.equal(a.article.url, 'https://www.businessinsider.in/x/y.cms');
  assert.equal(a.article.outlet, 'Business Insider');
  assert.equal(a.article.metadataRanges?.length, 2);
});

test('plain text: a title and a body only', () => {
  const [a] = articles(readPlainText('A headline\n\nThe body, with no date.', ctx));
  assert.equal(a.article.title, 'A headline');
  assert.equal(a.article.date, null);
  assert.equal(a.article.metadataRanges?.length, 0);
});

test('dates in the shapes inputs use', () => {
  assert.equal(parseDate('20220416'), '2022-04-16');
  assert.equal(parseDate('2022-03-21T10:00:00Z'), '2022-03-21');
  assert.equal(parseDate('April 16, 2022'), '2022-04-16');
  assert.equal(parseDate('16 April 2022'), '2022-04-16');
  assert.equal(parseDate('16/04/2022'), '2022-04-16');
  assert.equal(parseDate('20221345'), null);
  assert.equal(parseDate('The soldier said on Monday'), null);
  assert.equal(parseDate('April 2022'), null);
});

test('CSV: columns found by name in any order, an unnamed index column ignored', () => {
  const csv = ',URL,Text,Title,Date\n0,https://www.bbc.co.uk/news/a,"Body with a ""quote"", and a comma.",A title,2022-03-01\n';
  const [a] = articles(readCsv(csv, ctx));
  assert.equal(a.article.title, 'A title');
  assert.equal(a.article.raw, 'A title\n\nBody with a "quote", and a comma.');
  assert.equal(a.article.outlet, 'BBC');
  assert.equal(a.article.date, '2022-03-01');
  assert.equal(a.article.source.line, 2);
});

test('CSV: a row with a quote that never closes is reported by line and the rows after it are kept', () => {
  const csv = 'Title,Text\nOne,"first body"\nTwo,"broken body\nThree,"third body"\nFour,"fourth body"\n';
  const items = [...readCsv(csv, ctx)];
  assert.deepEqual(articles(items).map((a) => a.article.title), ['One', 'Three', 'Four']);
  const [e] = errors(items);
  assert.equal(e.error.code, 'E_CSV');
  assert.equal(e.error.line, 3);
});

test('CSV: ragged rows are reported and skipped', () => {
  const items = [...readCsv('Title,Text\nA,body a\nB,body b,extra\nC,body c\n', ctx)];
  assert.deepEqual(articles(items).map((a) => a.article.title), ['A', 'C']);
  assert.equal(errors(items)[0].error.line, 3);
});

test('CSV: a header with no text column is an error that names the columns', () => {
  const [e] = errors(readCsv('a,b\n1,2\n', ctx));
  assert.equal(e.error.code, 'E_CSV_HEADER');
  assert.match(e.error.message, /\[a, b\]/);
});

test('CSV parser: quoted newlines keep the starting line number', () => {
  const recs = [...parseCsv('h1,h2\n"a\nb",c\nd,e\n')];
  assert.deepEqual(recs, [{ fields: ['h1', 'h2'], line: 1 }, { fields: ['a\nb', 'c'], line: 2 }, { fields: ['d', 'e'], line: 4 }]);
});

test('JSON Lines: bad lines are reported with their line number, good ones read', () => {
  const items = [...readJsonLines('{"title":"A","text":"a body","url":"https://www.reuters.com/x"}\nnot json\n\n{"title":"B"}\n{"text":"c body","date":"2022-05-23"}\n', ctx)];
  const ok = articles(items);
  assert.equal(ok.length, 2);
  assert.equal(ok[0].article.outlet, 'Reuters');
  assert.equal(ok[1].article.date, '2022-05-23');
  assert.deepEqual(errors(items).map((e) => e.error.line), [2, 4]);
});

test('decode: UTF-16 with a byte-order mark, binary data, invalid UTF-8', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Héllo', 'utf16le')]);
  assert.equal(decode(utf16, 'f').text, 'Héllo');
  assert.throws(() => decode(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'zip'), (e: CrosscheckError) => e.code === 'E_BINARY' && e.byte === 4);
  const bad = Buffer.concat([Buffer.from('line one\nline two \xe9', 'latin1')]);
  assert.throws(() => decode(bad, 'bad.txt'), (e: CrosscheckError) => e.code === 'E_ENCODING' && e.line === 2 && e.byte === 18);
});

test('format sniffing for standard input', () => {
  assert.equal(sniff('{"text": "x"}\n'), 'jsonl');
  assert.equal(sniff('[{"text": "x"}]'), 'json');
  assert.equal(sniff('Date,URL,Title,Text\n1,2,3,4'), 'csv');
  assert.equal(sniff('A headline\n\nA body, with commas, in it.'), 'text');
});
