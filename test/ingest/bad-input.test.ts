// The bad input corpus, generated here: binary files, invalid UTF-8, UTF-16 with and without a byte-order
// mark, an empty file, 50 MB with no line break, CSV with broken quoting and ragged rows, JSON Lines with
// bad lines, JSON that does not parse. Each gets an error naming its file and a position; the rest of the
// batch is ingested; nothing stored before changes. (HTML, gzip and WARC: bad-input-archives.test.ts.)
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/model.js';
import { ingestPaths } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { io, tempDir } from '../helpers.js';
import { assertKept, snapshot } from '../snapshot.js';

const body = (n: number) => `Headline number ${n}\n\nThe minister said ${n + 10} people were killed in the shelling of the town, according to officials.`;

function writeCorpus(dir: string): Record<string, { codes: string[]; line?: number; byte?: number; message?: RegExp }> {
  const f = (name: string) => join(dir, name);
  // Binary: a PNG header (the first NUL is byte 8, after line feeds at bytes 5 and 7) and an ELF header.
  writeFileSync(f('image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(f('program.jsonl'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64, 1)]));
  // Invalid UTF-8 on line 3: a Latin-1 é (0xe9) at byte 36.
  writeFileSync(f('latin1.txt'), Buffer.concat([Buffer.from('A title\n\nThe first line is fine.\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]));
  // A UTF-8 sequence cut short at the very end of the file.
  writeFileSync(f('cut-utf8.csv'), Buffer.concat([Buffer.from('Title,Text\nT,"Body"\nU,"Kyiv '), Buffer.from([0xd0])]));
  // UTF-16 with a byte-order mark, little- and big-endian: read as text.
  writeFileSync(f('utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ukrainian text in UTF-16LE\n\nThe mayor of Kharkiv said 12 people were wounded.', 'utf16le')]));
  writeFileSync(f('utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Ukrainian text in UTF-16BE\n\nThe governor said 7 people were killed.', 'utf16le').swap16()]));
  // UTF-16 with a mark, cut after an odd number of bytes; UTF-16 with no mark at all.
  const cut = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Cut\n\nin the middle', 'utf16le'), Buffer.from([0x41])]);
  writeFileSync(f('utf16-cut.txt'), cut);
  writeFileSync(f('utf16-nomark.txt'), Buffer.from('No byte-order mark here\n\nThe body.', 'utf16le'));
  writeFileSync(f('empty.txt'), '');
  writeFileSync(f('blank.txt'), '  \n\n\t\n');
  // 50 MB with no line break.
  writeFileSync(f('one-line.txt'), Buffer.alloc(50 * 1024 * 1024, 'war reporting without end '));
  // CSV: a good row, a quote that never closes (line 3), a ragged row (line 4), text after a closing quote (line 5), a good row.
  writeFileSync(f('broken.csv'), 'Title,Text,URL\nGood one,"The spokesman said 40 troops were captured.",https://www.reuters.com/a\nBad quote,"This quote never closes,https://x.example/b\nRagged,body,https://x.example/c,extra,fields\nAfter,"closed"oops,https://x.example/d\nGood two,"The general said 300 soldiers had been detained.",https://www.reuters.com/e\n');
  // JSON Lines: good, not JSON (2), no text (3), an array (4), cut short (5), good (6).
  writeFileSync(f('bad.jsonl'), [JSON.stringify({ title: 'J1', text: 'The official said 5 civilians were killed.' }), 'this is not json', '{"title":"no text"}', '[1,2,3]', '{"text": "cut sh', JSON.stringify({ title: 'J2', text: 'A soldier said 9 tanks were destroyed.' })].join('\n') + '\n');
  writeFileSync(f('broken.json'), '[\n  {"text": "one"},\n  {"text": \n');
  writeFileSync(f('good.txt'), body(2));
  return {
    'image.txt': { codes: ['E_BINARY'], byte: 8, line: 3 },
    'program.jsonl': { codes: ['E_BINARY'], byte: 7 },
    'latin1.txt': { codes: ['E_ENCODING'], byte: 36, line: 4 },
    'cut-utf8.csv': { codes: ['E_ENCODING'], byte: 28, line: 3 },
    'utf16-cut.txt': { codes: ['E_ENCODING'], byte: cut.length - 1, message: /odd last byte/ },
    'utf16-nomark.txt': { codes: ['E_BINARY'], byte: 1, message: /UTF-16/ },
    'empty.txt': { codes: ['E_EMPTY'] },
    'blank.txt': { codes: ['E_EMPTY'] },
    'one-line.txt': { codes: ['E_TOO_LARGE'], line: 1 },
    'broken.csv': { codes: ['E_CSV', 'E_CSV', 'E_CSV'] },
    'bad.jsonl': { codes: ['E_JSON', 'E_JSON', 'E_JSON', 'E_JSON'] },
    'broken.json': { codes: ['E_JSON'], line: 4 },
  };
}

test('bad input: each file gets its error with file and position, the batch goes on, nothing stored changes', async () => {
  const dir = tempDir();
  const before = join(dir, 'before');
  const batch = join(dir, 'batch');
  mkdirSync(before);
  mkdirSync(batch);
  for (let i = 0; i < 3; i++) writeFileSync(join(before, `a${i}.txt`), body(100 + i));
  const store = new SqliteStore(join(dir, 's.db'));
  try {
    const first = await ingestPaths(store, [before]);
    assert.equal(first.new, 3);
    const snap = snapshot(store.db);
    const expected = writeCorpus(batch);
    const s = await ingestPaths(store, [batch]);
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of s.diagnostics) {
      assert.ok(d.file, `a diagnostic without a file: ${d.message}`);
      const name = d.file!.split(/[\\/]/).pop()!;
      byFile.set(name, [...(byFile.get(name) ?? []), d]);
    }
    for (const [name, want] of Object.entries(expected)) {
      const got = byFile.get(name) ?? [];
      assert.deepEqual(got.map((d) => d.code), want.codes, `${name}: ${got.map((d) => d.message).join(' | ')}`);
      for (const d of got) {
        assert.ok(d.code === 'E_EMPTY' || d.line != null || d.byte != null, `${name}: ${d.code} gives no line or byte`);
        assert.ok(d.message.length > 20, `${name}: the message says what to do`);
      }
      if (want.line != null) assert.equal(got[0].line, want.line, `${name}: line`);
      if (want.byte != null) assert.equal(got[0].byte, want.byte, `${name}: byte`);
      if (want.message) assert.match(got[0].message, want.message, name);
    }
    assert.deepEqual(byFile.get('broken.csv')!.map((d) => d.line), [3, 4, 5]);
    assert.deepEqual(byFile.get('bad.jsonl')!.map((d) => d.line), [2, 3, 4, 5]);
    // The good articles in the batch, including the good rows of the broken files, are stored.
    assert.equal(s.new, 7, 'good.txt, two UTF-16 files, two CSV rows, two JSON lines');
    const titles = (store.db.prepare('SELECT title FROM articles ORDER BY title').pluck().all() as string[]);
    for (const t of ['Good one', 'Good two', 'J1', 'J2', 'Ukrainian text in UTF-16LE', 'Ukrainian text in UTF-16BE', 'Headline number 2']) assert.ok(titles.includes(t), t);
    assert.equal(s.failed, Object.values(expected).reduce((n, e) => n + e.codes.length, 0));
    assertKept(snap, snapshot(store.db));
  } finally {
    await store.close();
  }
});

test('bad input through the command line: "file:line: [CODE] message" on standard error, exit status 1, good files stored', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('Title\n\nCaf'), Buffer.from([0xe9])]));
  writeFileSync(join(dir, 'bad.jsonl'), '{"text":"The mayor said 3 people died."}\n{oops\n');
  writeFileSync(join(dir, 'ok.txt'), body(1));
  const o = io();
  const code = await main(['ingest', '--db', join(dir, 's.db'), dir], o);
  assert.equal(code, 1);
  assert.match(o.stderr.text, /latin1\.txt:3: \[E_ENCODING\] invalid UTF-8 at byte 10; convert the file to UTF-8/);
  assert.match(o.stderr.text, /bad\.jsonl:2: \[E_JSON\]/);
  assert.match(o.stderr.text, /2 new, 0 unchanged, 0 new versions, 2 failed/);
});
