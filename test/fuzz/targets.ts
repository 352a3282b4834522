// What the fuzzers run: the analyzer and every reader, each with the inputs that reach it and the
// invariants its output must keep. A target throws when an invariant breaks; the harness bounds its time.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { analyze } from '../../src/analyze/index.js';
import { CrosscheckError } from '../../src/errors.js';
import { prepareArticle } from '../../src/ingest/article.js';
import { clean } from '../../src/ingest/clean.js';
import { parseCsv, readCsv } from '../../src/ingest/csv.js';
import { parseDate } from '../../src/ingest/date.js';
import { decode } from '../../src/ingest/decode.js';
import { readFeed } from '../../src/ingest/feeds.js';
import { readHtml } from '../../src/ingest/html.js';
import { sniff } from '../../src/ingest/index.js';
import { readJson, readJsonLines } from '../../src/ingest/jsonl.js';
import { readPlainText } from '../../src/ingest/plaintext.js';
import type { ReadItem } from '../../src/ingest/reader.js';
import { readWarc } from '../../src/ingest/warc.js';
import { toFts5 } from '../../src/store/fts-query.js';
import { analyzeArticle } from '../../src/pipeline.js';
import { articlePage, atomFeed, gzipMembers, httpResponse, rssFeed, warcRecord } from '../fixtures.js';
import { checkClean, checkDiagnostic, checkReadItems, checkRecord, checkSpan } from './invariants.js';
import { ADVERSARIAL, mutated, SEEDS, soup, vocabText } from './inputs.js';

export interface Target<T = unknown> {
  name: string;
  arbitrary: () => fc.Arbitrary<T>;
  run: (input: T) => void;
  /** A fixed list of inputs run in order instead of generated ones. */
  inputs?: () => T[];
  /** How an input is shown in a report (and saved for a rerun). */
  show?: (input: T) => string;
}

const FILE = 'fuzz-input';
const ctx = { path: FILE, rawHash: '0' };

function fail(what: string): never {
  throw new Error(what);
}

const text = () => fc.oneof({ weight: 4, arbitrary: mutated() }, { weight: 3, arbitrary: vocabText() }, { weight: 2, arbitrary: soup() });

/** The analyzer's own step failures are warnings in its record: for the fuzzer they are crashes. */
function analyzeChecked(t: string): void {
  const rec = analyze({ text: t, doc: FILE });
  const crashed = rec.warnings.find((w) => w.code === 'E_ANALYZE');
  if (crashed) fail(crashed.message);
  checkRecord(t, rec);
  sameAfterOthers(t, rec);
}

/**
 * Determinism: every eighth text is analysed again after the next one, and must give the same record (the
 * analyzer keeps no state between analyses that changes what it finds; see wink-nlp issue #143).
 */
let held: { text: string; json: string; n: number } | null = null;
let analysed = 0;
function sameAfterOthers(t: string, rec: unknown): void {
  analysed++;
  if (held && held.n < analysed) {
    const again = JSON.stringify(analyze({ text: held.text, doc: FILE }));
    const before = held;
    held = null;
    if (again !== before.json) fail(`the same text gave another record after the analyzer read another one in between.\nThe text: ${JSON.stringify(before.text)}\nRead in between: ${JSON.stringify(t)}`);
  }
  if (!held && analysed % 8 === 0) held = { text: t, json: JSON.stringify(rec), n: analysed };
}

/** Prepare each article a reader yields and analyse it, as the pipeline does. */
function throughPipeline(items: ReadItem[]): void {
  for (const it of items) {
    if (!('article' in it)) continue;
    const a = prepareArticle(it.article);
    if (!('id' in a)) { checkDiagnostic(a, FILE, 'prepareArticle'); continue; }
    checkClean(it.article.raw, a.text, a.offsets, a.removed);
    const rec = analyzeArticle(a);
    const crashed = rec.warnings.find((w) => w.code === 'E_ANALYZE');
    if (crashed) fail(crashed.message);
    checkRecord(a.text, rec);
  }
}

// ---- CSV: an oracle writer, and texts broken on purpose ----

const csvField = (f: string) => (/[",\n\r]/.test(f) || f.startsWith('\ufeff') || f === '' ? `"${f.replace(/"/g, '""')}"` : f);

const csvCase = fc.record({
  rows: fc.array(fc.tuple(fc.oneof(soup(30), fc.string()), fc.oneof(mutated(SEEDS, 4), soup(200), fc.string()), fc.webUrl()), { maxLength: 6 }),
  crlf: fc.boolean(),
});

const csvSeed = (rows: [string, string, string][], crlf = false) => ['Title,Text,URL', ...rows.map((r) => r.map(csvField).join(','))].join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
const CSV_SEEDS = [csvSeed(SEEDS.map((s, i) => [`Title ${i}`, s, `https://www.example.com/${i}`])), 'Date,URL,Title,Text\n2022-01-01,https://a.example/x,"A ""quoted"" title","Body, with a comma"\n,,,\n'];

// ---- JSON Lines: an oracle writer with bad lines among good ones ----

const jsonlEntry = fc.oneof(
  fc.record({ kind: fc.constant('good' as const), title: fc.option(fc.string()), text: fc.oneof(mutated(SEEDS, 3), fc.string({ minLength: 1 })), date: fc.option(fc.constantFrom('2022-03-21', 'April 16, 2022', 'nonsense', '20221345')) }),
  fc.record({ kind: fc.constant('bad' as const), line: fc.oneof(soup(60), fc.constantFrom('{', '{"text":', '[1,2', '"text"', '{"text": "a"', 'null', '{"title":"no text"}', '{"text":""}', '[]', '{"text":   }')) }),
);

// ---- pages, feeds and web archives: mutated from pages written for the tests, and markup soup ----

const PAGE_SEEDS = [articlePage(), articlePage({ title: 'Captured soldier', paragraphs: SEEDS.slice(0, 2), canonical: null }), articlePage({ charsetMeta: '<meta charset="windows-1251">' })];
const TAGS = ['<div>', '</div>', '<p>', '</p>', '<span class="x">', '</span>', '<a href="/x">', '</a>', '<br>', '<br/>', '<li>', '<ul>', '</ul>', '<table><tr><td>', '</td>', '<!--', '-->', '<script>', '</script>', '<style>', '<article>', '</article>', '<h1>', '</h1>', '<', '>', '</', '<!DOCTYPE html>', '<html>', '<body>', '&amp;', '&#x0;', '&nbsp;'];
const markup = (max = 300) => fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TAGS) }, { weight: 2, arbitrary: vocabText(6) }, { weight: 1, arbitrary: soup(10) }), { maxLength: max }).map((a) => a.join(''));
const nested = fc.tuple(fc.nat({ max: process.env.CROSSCHECK_FUZZ === 'long' ? 20_000 : 2_000 }), fc.constantFrom('div', 'span', 'b', 'section', 'p', 'li', 'font'), mutated(SEEDS, 2))
  .map(([n, tag, t]) => `<html><body>${`<${tag}>`.repeat(n)}<p>${t}</p>${`</${tag}>`.repeat(n)}</body></html>`);
const html = () => fc.oneof({ weight: 4, arbitrary: mutated(PAGE_SEEDS, 10) }, { weight: 2, arbitrary: markup() }, { weight: 1, arbitrary: nested });

/** What a byte reader yields over `bytes`: checked as for text readers, with offsets inside the bytes. */
function checkByteItems(items: ReadItem[], bytes: Uint8Array): void {
  checkReadItems(items, Buffer.from(bytes).toString('latin1'), FILE);
  for (const it of items) {
    const byte = 'error' in it ? it.error.byte : it.article.source.byte;
    if (byte != null) checkSpan(bytes.length, byte, byte, 'a byte offset');
    if ('article' in it) for (const w of it.article.warnings ?? []) checkDiagnostic(w, FILE, 'an article warning');
  }
}

const WARC_PAGES = [
  warcRecord('warcinfo', '', Buffer.from('software: crosscheck-test\r\n'), 'application/warc-fields'),
  warcRecord('response', 'https://example.org/one', httpResponse(PAGE_SEEDS[0])),
  warcRecord('response', 'https://example.org/two', httpResponse(PAGE_SEEDS[1], { 'Content-Type': 'text/html; charset=utf-8', 'Transfer-Encoding': 'chunked' })),
  warcRecord('resource', 'https://example.org/three', Buffer.from(PAGE_SEEDS[1]), 'text/html'),
];
const warcBytes = () => fc.oneof(
  mutated([Buffer.concat(WARC_PAGES).toString('latin1')], 8).map((t) => Buffer.from(t, 'latin1')),
  fc.tuple(fc.array(fc.constantFrom(...WARC_PAGES), { minLength: 1, maxLength: 4 }), fc.nat(), fc.nat({ max: 255 }), fc.boolean()).map(([rs, at, b, cut]) => {
    const x = Buffer.from(gzipMembers(rs));
    if (cut) return x.subarray(0, at % (x.length + 1));
    x[at % x.length] = b;
    return x;
  }),
);

export const TARGETS: Target<any>[] = [
  {
    // Long runs of one character class through every stage: the analyzer, the cleaner, each reader.
    name: 'adversarial',
    arbitrary: () => fc.constant(ADVERSARIAL[0]),
    inputs: () => [...ADVERSARIAL],
    show: (x: { name: string; text: string }) => `${x.name}: ${x.text}`,
    run: (x: { name: string; text: string }) => {
      analyzeChecked(x.text);
      const c = clean(x.text);
      checkClean(x.text, c.text, c.offsets, c.removed);
      for (const reader of [readPlainText, readCsv, readJsonLines, readJson]) checkReadItems([...reader(x.text, ctx)], x.text, FILE);
      checkReadItems([...readCsv('Title,Text\n' + x.text, ctx)], 'Title,Text\n' + x.text, FILE);
      parseDate(x.text.slice(0, 60));
      const m = toFts5(x.text.slice(0, 2000));
      if (m) searchDb().prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get(m);
    },
  },
  {
    name: 'analyze',
    arbitrary: text,
    run: analyzeChecked,
  },
  {
    name: 'plaintext+pipeline',
    arbitrary: text,
    run: (t: string) => {
      const items = [...readPlainText(t, ctx)];
      checkReadItems(items, t, FILE);
      throughPipeline(items);
    },
  },
  {
    name: 'clean',
    arbitrary: text,
    run: (t: string) => { const c = clean(t); checkClean(t, c.text, c.offsets, c.removed); },
  },
  {
    name: 'csv',
    arbitrary: () => fc.oneof(csvCase.map((c) => ({ oracle: c.rows as [string, string, string][], crlf: c.crlf })), mutated(CSV_SEEDS, 10).map((t) => ({ text: t })), soup().map((t) => ({ text: 'Title,Text\n' + t }))),
    show: (x: { oracle?: [string, string, string][]; crlf?: boolean; text?: string }) => x.text ?? csvSeed(x.oracle!, x.crlf),
    run: (x: { oracle?: [string, string, string][]; crlf?: boolean; text?: string }) => {
      const t = x.text ?? csvSeed(x.oracle!, x.crlf);
      const items = [...readCsv(t, ctx)];
      checkReadItems(items, t, FILE);
      if (x.oracle) {
        // Written correctly, every row reads back exactly, on the line it starts on.
        const recs = [...parseCsv(t)].slice(1);
        if (recs.length !== x.oracle.length) fail(`${x.oracle.length} rows written, ${recs.length} read back`);
        let line = 2;
        recs.forEach((r, i) => {
          if ('error' in r) fail(`row ${i}: ${r.error}`);
          if (JSON.stringify(r.fields) !== JSON.stringify(x.oracle![i].map((f) => f))) fail(`row ${i} reads back as ${JSON.stringify(r.fields)}`);
          if (r.line !== line) fail(`row ${i} is said to start on line ${r.line}, not ${line}`);
          line += 1 + x.oracle![i].join('').split('\n').length - 1;
        });
      }
      throughPipeline(items);
    },
  },
  {
    name: 'jsonl',
    arbitrary: () => fc.oneof(fc.array(jsonlEntry, { maxLength: 8 }).map((entries) => ({ entries })), mutated(SEEDS.map((s) => JSON.stringify({ title: 'T', text: s, url: 'https://x.example/a' }) + '\n' + JSON.stringify({ text: s.slice(0, 80) })), 10).map((t) => ({ text: t }))),
    show: (x: { entries?: unknown[]; text?: string }) => x.text ?? JSON.stringify(x.entries),
    run: (x: { entries?: { kind: 'good' | 'bad'; title?: string | null; text?: string; date?: string | null; line?: string }[]; text?: string }) => {
      const lines = x.entries?.map((e) => (e.kind === 'good' ? JSON.stringify({ title: e.title, text: e.text, date: e.date }) : e.line!.replace(/[\n\r\u2028\u2029]/g, ' ')));
      const t = x.text ?? lines!.join('\n');
      const items = [...readJsonLines(t, ctx)];
      checkReadItems(items, t, FILE);
      if (x.entries) {
        // Every good line with text reads as an article on its line; every bad line is an error on its line.
        x.entries.forEach((e, i) => {
          const line = i + 1;
          const got = items.filter((it) => ('article' in it ? it.article.source.line : it.error.line) === line);
          const blank = !lines![i].trim();
          if (e.kind === 'good' && e.text!.trim()) {
            if (got.length !== 1 || !('article' in got[0])) fail(`line ${line}: a good line did not read as one article`);
          } else if (!blank && e.kind === 'bad' && got.some((g) => 'article' in g) && !/^\s*\{/.test(e.line!)) {
            fail(`line ${line}: a bad line read as an article`);
          }
        });
      }
      throughPipeline(items);
    },
  },
  {
    name: 'json',
    arbitrary: () => fc.oneof(mutated(['[' + SEEDS.map((s) => JSON.stringify({ text: s, title: 'x' })).join(',') + ']', JSON.stringify({ text: SEEDS[0] })], 10), fc.json(), fc.nat({ max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)), fc.nat({ max: 20_000 }).map((n) => '{"text":'.repeat(n))),
    run: (t: string) => { const items = [...readJson(t, ctx)]; checkReadItems(items, t, FILE); throughPipeline(items); },
  },
  {
    name: 'decode',
    arbitrary: () => fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      text().map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
      text().map((t) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]))),
      fc.tuple(text(), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([t, at, b]) => { const x = Buffer.from(t, 'utf8'); if (x.length) x[at % x.length] = b; return new Uint8Array(x); }),
    ),
    show: (b: Uint8Array) => Buffer.from(b).toString('hex'),
    run: (b: Uint8Array) => {
      let text: string;
      try {
        text = decode(b, FILE).text;
      } catch (e) {
        if (!(e instanceof CrosscheckError)) throw e;
        checkDiagnostic(e.toDiagnostic(), FILE, 'decode');
        if (e.byte == null || e.byte >= b.length) fail(`decode: the error's byte ${e.byte} is not inside the ${b.length} bytes`);
        return;
      }
      // A decoded text reads through the format the sniffer picks (pages, feeds and WARC files from their bytes).
      const f = sniff(text);
      const items = f === 'html' || f === 'feed' || f === 'warc'
        ? [...{ html: readHtml, feed: readFeed, warc: readWarc }[f](b, ctx)]
        : [...{ text: readPlainText, csv: readCsv, jsonl: readJsonLines, json: readJson }[f](text, ctx)];
      checkReadItems(items, text, FILE);
    },
  },
  {
    name: 'html',
    arbitrary: html,
    run: (t: string) => { const b = Buffer.from(t, 'utf8'); const items = [...readHtml(b, ctx)]; checkByteItems(items, b); throughPipeline(items); },
  },
  {
    name: 'feed',
    arbitrary: () => fc.oneof(mutated([rssFeed(), atomFeed()], 10), markup().map((m) => `<rss><channel><item><title>t</title><description>${m}</description></item></channel></rss>`)),
    run: (t: string) => { const b = Buffer.from(t, 'utf8'); const items = [...readFeed(b, ctx)]; checkByteItems(items, b); throughPipeline(items); },
  },
  {
    name: 'warc',
    arbitrary: warcBytes,
    show: (b: Uint8Array) => Buffer.from(b).toString('base64'),
    run: (b: Uint8Array) => { const items = [...readWarc(b, { ...ctx, maxBytes: 8 * 1024 * 1024 })]; checkByteItems(items, b); throughPipeline(items); },
  },
  {
    name: 'date',
    arbitrary: () => fc.oneof(fc.string({ maxLength: 70 }), soup(40), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('April 16, 2022', '16/04/2022', '20220416', '2022-02-30', '99/99/9999', 'Monday', 'published: 1 May 2022 10:00')),
    run: (s: string) => {
      const d = parseDate(s);
      if (d !== null && !/^\d{4}-\d{2}-\d{2}$/.test(d)) fail(`parseDate gave "${d}"`);
    },
  },
  {
    name: 'search-query',
    arbitrary: () => fc.oneof(fc.string(), soup(60), vocabText(8), fc.constantFrom('"', 'OR', 'NEAR(a b)', 'a AND', '*', '"a" OR "', 'col:term', '^a', '-a', 'a + b', '(a')),
    run: (q: string) => {
      const m = toFts5(q);
      if (m === null) return;
      searchDb().prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get(m);
    },
  },
];

let db: Database.Database | null = null;
function searchDb(): Database.Database {
  if (!db) {
    db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2'); INSERT INTO t VALUES ('Captured soldier', 'We are just meat, the soldier said');");
  }
  return db;
}

export function target(name: string): Target<any> {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target "${name}" (there are: ${TARGETS.map((x) => x.name).join(', ')})`);
  return t;
}
