import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { COMMANDS, main } from '../../src/cli/main.js';
import { io, tempDir } from '../helpers.js';

test('every command has --help with an example', async () => {
  for (const c of COMMANDS) {
    const o = io();
    assert.equal(await main([c.name, '--help'], o), 0);
    assert.match(o.stdout.text, /Example/, c.name);
  }
});

test('analyze --format jsonl prints the analysis record, one line an article', async () => {
  const dir = tempDir();
  const f = join(dir, 'x.txt');
  writeFileSync(f, 'Title here\n\n"We are just meat," Panov said. He said 87 people were killed.');
  const o = io();
  assert.equal(await main(['analyze', '--format', 'jsonl', f], o), 0);
  const lines = o.stdout.text.trim().split('\n');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]);
  assert.equal(rec.doc, 'x.txt');
  const a = rec.attributions[0];
  for (const k of ['content', 'kind', 'speaker', 'cue', 'via', 'hedges', 'start', 'end']) assert.ok(k in a, k);
  assert.deepEqual(Object.keys(a.speaker).slice(0, 2), ['text', 'name']);
  const q = rec.quantities[0];
  for (const k of ['text', 'value', 'low', 'high', 'approx', 'category', 'claimant']) assert.ok(k in q, k);
});

test('analyze for a person marks the text', async () => {
  const dir = tempDir();
  const f = join(dir, 'x.txt');
  writeFileSync(f, 'Title here\n\n"We are just meat," Panov said.');
  const o = io();
  await main(['analyze', f], o);
  assert.match(o.stdout.text, /⟦1:We are just meat⟧/);
  assert.match(o.stdout.text, /⟨Panov⟩ ‹said›/);
});

test('ingest, search and show through the command line; bad options are usage errors', async () => {
  const dir = tempDir();
  const db = join(dir, 's.db');
  writeFileSync(join(dir, 'a.txt'), 'Deserters\n\nA captured soldier claimed there is a squad that kills deserters.');
  let o = io();
  assert.equal(await main(['ingest', '--db', db, dir], o), 0);
  assert.match(o.stderr.text, /1 new, 0 unchanged/);
  o = io();
  assert.equal(await main(['search', '--db', db, 'deserters'], o), 0);
  assert.match(o.stdout.text, /1 articles match/);
  const id = /([0-9a-f]{16})/.exec(o.stdout.text)![1];
  o = io();
  assert.equal(await main(['show', '--db', db, id.slice(0, 6)], o), 0);
  assert.match(o.stdout.text, /claimed/);
  o = io();
  assert.equal(await main(['search', '--db', db, '--limit', 'x', 'a'], o), 2);
  assert.match(o.stderr.text, /--limit must be a whole number/);
  assert.equal(await main(['nosuch'], io()), 2);
});

test('ingest --threads sets the analysis threads; the old name --workers still works, with a note; a bad count is a usage error', async () => {
  const dir = tempDir();
  const texts = ['Shelling\n\nThe mayor said 12 people were wounded in the shelling.', 'Strike\n\nOfficials said a missile hit the depot.'];
  texts.forEach((t, i) => writeFileSync(join(dir, `a${i}.txt`), t));
  let o = io();
  assert.equal(await main(['ingest', '--db', join(dir, 't.db'), '--threads', '1', dir], o), 0);
  assert.match(o.stderr.text, /2 new, 0 unchanged/);
  assert.doesNotMatch(o.stderr.text, /--workers/);
  o = io();
  assert.equal(await main(['ingest', '--db', join(dir, 'w.db'), '--workers', '0', dir], o), 0);
  assert.match(o.stderr.text, /--workers is now --threads/);
  assert.match(o.stderr.text, /2 new, 0 unchanged/);
  o = io();
  assert.equal(await main(['ingest', '--db', join(dir, 'x.db'), '--threads', 'many', dir], o), 2);
  assert.match(o.stderr.text, /--threads must be a whole number/);
  assert.equal(existsSync(join(dir, 'x.db')), false, 'a usage error makes no store');
});

test('entities and quantities list what ingest stored, in text and in jsonl', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), 'First\n2022-05-23\n\nPresident Volodymyr Zelensky said 87 people were killed in Kiev last week.');
  writeFileSync(join(dir, 'b.txt'), 'Second\n2022-05-24\n\nVolodymyr Zelenskiy spoke in Kyiv.');
  const db = join(dir, 'c.db');
  assert.equal(await main(['ingest', '--quiet', '--db', db, dir], io()), 0);
  const e = io();
  assert.equal(await main(['entities', '--db', db, '--kind', 'person', '--format', 'jsonl'], e), 0);
  const people = e.stdout.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(people.length, 1);
  assert.equal(people[0].mentions, 2);
  const shown = io();
  assert.equal(await main(['entities', '--db', db, '--show', String(people[0].id)], shown), 0);
  assert.match(shown.stdout.text, /merged \(transliteration\)/);
  const q = io();
  assert.equal(await main(['quantities', '--db', db, '--category', 'killed'], q), 0);
  assert.match(q.stdout.text, /87 killed/);
  assert.match(q.stdout.text, /claimed by Volodymyr Zelensky · in Kyiv \("Kiev"\) · 2022-05-16 \(week, "last week"\)/);
  const bad = io();
  assert.equal(await main(['quantities', '--db', db, '--category', 'dead'], bad), 2);
});
