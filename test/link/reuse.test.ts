import assert from 'node:assert/strict';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import { compare, earlierOf } from '../../src/link/reuse.js';
import { io } from '../helpers.js';
import { BACKENDS } from '../store/backends.js';
import { article, linkedStore, record } from './fixtures.js';

const WIRE = [
  'Kyiv said on Monday that 87 people had been killed last week when Russian forces struck a barracks at a training base in the north.',
  'Previously, Kyiv had said eight people died in the May 17 strike on the barracks in the town of Desna.',
  'Moscow had said at the time that it hit a training base with long-range missiles.',
  'Russian forces tried to storm Sievierodonetsk but were unsuccessful and retreated, the president’s office said.',
].join('\n\n');
const OWN = [
  'Putin sees glimpses of revolt as a soldier quits the war after a shocking battering in Ukraine.',
  'A Russian officer has spoken out against the war and told an American news outlet that many soldiers did not understand the goal of the invasion.',
  'He said his unit was ordered into Ukraine from Crimea and that his comrades were kept in the dark until the last moment.',
  'Officials in London said the morale of Russian units near Kharkiv had collapsed after weeks of heavy losses.',
  'The British defence ministry said it could not confirm the account but that it matched other reports it had seen.',
].join('\n\n');

test('a verbatim repost shares everything; the earlier is the one dated first', () => {
  const a = article(WIRE, { date: '2022-05-23', outlet: 'Reuters' });
  const b = article(`${WIRE}\n\nSource: express.co.uk`, { date: '2022-05-24', outlet: 'Daily Express' });
  const r = compare(a, b)!;
  assert.equal(r.shared, 1);
  assert.equal(r.aInB, 1);
  assert.ok(r.bInA < 1 && r.bInA > 0.9);
  assert.equal(r.earlier, 'a');
  assert.equal(earlierOf('2022-05-24', '2022-05-23'), 'b');
  assert.equal(earlierOf('2022-05-23', '2022-05-23'), null);
  assert.equal(earlierOf(null, '2022-05-23'), null);
});

test('a piece that re-runs four paragraphs of wire copy: shares, passages and direction', () => {
  const wire = article(WIRE, { date: '2022-05-23' });
  const mail = article(`${OWN}\n\n${WIRE}\n\nMore of our own reporting follows here, about something else altogether.`, { date: '2022-05-23' });
  const r = compare(wire, mail)!;
  assert.equal(r.aInB, 1);
  assert.ok(r.bInA > 0.3 && r.bInA < 0.5, String(r.bInA));
  assert.equal(r.shared, 1);
  assert.equal(r.earlier, null);
  // The passages are the wire copy in both texts.
  assert.deepEqual(r.passages.a.map((p) => WIRE.slice(p.start, p.end).slice(0, 20)), ['Kyiv said on Monday ']);
  const inMail = r.passages.b.map((p) => mail.text.slice(p.start, p.end));
  assert.equal(inMail.length, 1);
  assert.ok(inMail[0].startsWith('Kyiv said on Monday') && inMail[0].endsWith('office said'));
});

test('articles that share no passage are not reuse; versions of one article are not reuse of each other', () => {
  assert.equal(compare(article(WIRE), article(OWN)), null);
  const v1 = article(WIRE, { url: 'https://x.test/1' });
  const v2 = article(`${WIRE} Updated.`, { url: 'https://x.test/1' });
  assert.equal(compare(v1, v2), null);
});

for (const backend of BACKENDS) test(`${backend.name}: linking finds the pairs as articles arrive, and crosscheck reuse prints them as JSON lines`, { skip: backend.skip }, async () => {
  const wire = article(WIRE, { url: 'https://wire.test/desna', date: '2022-05-23', outlet: 'Reuters' });
  const mail = article(`${OWN}\n\n${WIRE}`, { url: 'https://mail.test/revolt', date: '2022-05-24', outlet: 'Daily Mail' });
  const own = article(OWN, { url: null, path: 'notes/own.txt', date: '2022-05-22' });
  const other = article('Grain ships left Odesa on Monday under a deal brokered by Turkey and the United Nations, officials said.', { date: '2022-05-24' });
  // Three batches: the second and third articles find the first ones through the store's index.
  const store = await linkedStore([record(wire), record(own), record(mail), record(other)], 4, backend);
  const pairs = (await store.listReuse({ limit: 10, offset: 0 })).items;
  assert.deepEqual(pairs.map((p) => [p.a, p.b].sort()).sort(), [[wire.id, mail.id].sort(), [own.id, mail.id].sort()].sort());
  const path = store.path;
  await store.close();
  const o = io();
  assert.equal(await main(['reuse', '--db', path, '--format', 'jsonl'], o), 0);
  const lines = o.stdout.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  for (const l of lines) assert.deepEqual(Object.keys(l), ['a', 'b', 'shared', 'earlier']);
  const byB = new Map(lines.map((l) => [l.a, l]));
  assert.deepEqual(byB.get('https://wire.test/desna'), { a: 'https://wire.test/desna', b: 'https://mail.test/revolt', shared: 1, earlier: 'a' });
  assert.deepEqual(byB.get('notes/own.txt'), { a: 'notes/own.txt', b: 'https://mail.test/revolt', shared: 1, earlier: 'a' });
  const t = io();
  assert.equal(await main(['reuse', '--db', path, '--min', '2'], t), 2);
  assert.match(t.stderr.text, /--min must be a number from 0 to 1/);
});
