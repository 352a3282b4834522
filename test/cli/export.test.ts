import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { io, tempDir } from '../helpers.js';

test('export through the command line: jsonl to a file and to standard output, csv into a folder, ingest of the export', async () => {
  const dir = tempDir();
  const db = join(dir, 's.db');
  writeFileSync(join(dir, 'a.txt'), 'Deserters\n\nA captured soldier claimed there is a squad that kills deserters, the SBU said.');
  assert.equal(await main(['ingest', '--db', db, join(dir, 'a.txt')], io()), 0);
  const out = join(dir, 'store.jsonl');
  let o = io();
  assert.equal(await main(['export', '--db', db, '--format', 'jsonl', '--out', out], o), 0, o.stderr.text);
  assert.match(o.stderr.text, /exported 1 articles, 1 sources/);
  const fileText = readFileSync(out, 'utf8');
  o = io();
  assert.equal(await main(['export', '--db', db, '--format', 'jsonl'], o), 0);
  assert.equal(o.stdout.text, fileText);
  assert.equal(JSON.parse(fileText).article.title, 'Deserters');
  const copy = join(dir, 'copy.db');
  assert.equal(await main(['ingest', '--db', copy, out], io()), 0);
  o = io();
  assert.equal(await main(['export', '--db', copy, '--format', 'jsonl'], o), 0);
  assert.equal(o.stdout.text, fileText);
  const tables = join(dir, 'tables');
  assert.equal(await main(['export', '--db', db, '--format', 'csv', '--out', tables], io()), 0);
  assert.deepEqual(readdirSync(tables).sort(), ['articles.csv', 'attributions.csv', 'quantities.csv', 'sources.csv']);
  const articles = parse(readFileSync(join(tables, 'articles.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  assert.equal(articles[0].id, JSON.parse(fileText).article.id);
});

test('export: an unknown format, and csv without --out, are usage errors', async () => {
  const o = io();
  assert.equal(await main(['export', '--format', 'xml'], o), 2);
  assert.match(o.stderr.text, /--format must be one of jsonl, csv/);
  const p = io();
  assert.equal(await main(['export', '--format', 'csv'], p), 2);
  assert.match(p.stderr.text, /give --out FOLDER/);
});
