import assert from 'node:assert/strict';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import { assessGroup, interval, quantityFacts } from '../../src/link/conflicts.js';
import { io } from '../helpers.js';
import { BACKENDS } from '../store/backends.js';
import { article, linkedStore, quantity, record } from './fixtures.js';

// A toll revised by the same source, a claim against official figures, and a crowd bigger than its stadium.
const EARLY = `Strike on training base

Kyiv said eight people died in the May 17 strike on the barracks in the town of Desna.`;
const LATE = `Kyiv reveals worst losses

Kyiv said on Monday that 87 people had been killed in the strike on the barracks in Desna, its worst loss from a single attack.

"In Desna, under the rubble, there were 87 corpses," Zelenskiy said.`;
const CLAIM = `Captured soldiers speak out

Igor Rudenko claimed that 15,000 Russian soldiers have already died in the war in Ukraine, which began nearly one month ago.`;
const OFFICIAL = `Moscow gives its losses

Russia's defence ministry said 498 Russian soldiers have died in the war in Ukraine so far.`;
const RALLY = `Putin rally

Moscow police said 200,000 people had attended the rally at Luzhniki stadium - though the stadium's capacity is only 81,000.`;
const PARTS = `Missile strike

Officials said 13 people were killed in the missile strike on the Odesa shopping centre, among them four children.`;

function fixtures() {
  const early = article(EARLY, { outlet: 'Reuters', date: '2022-05-18' });
  const late = article(LATE, { outlet: 'Daily Express', date: '2022-05-23' });
  const claim = article(CLAIM, { outlet: 'Daily Mail', date: '2022-03-19' });
  const official = article(OFFICIAL, { outlet: 'RT', date: '2022-03-25' });
  const rally = article(RALLY, { outlet: 'Daily Mail', date: '2022-03-20' });
  const parts = article(PARTS, { outlet: 'BBC', date: '2022-07-01' });
  return [
    record(early, [], [quantity(EARLY, 'eight people died', 'eight', { value: 8, category: 'killed', claimant: 'Kyiv', unit: 'people' })]),
    record(late, [], [
      quantity(LATE, '87 people had been killed', '87', { value: 87, category: 'killed', claimant: 'Kyiv', unit: 'people' }),
      quantity(LATE, '87 corpses', '87', { value: 87, category: 'killed', claimant: 'Zelenskiy', unit: 'corpses' }),
    ]),
    record(claim, [], [quantity(CLAIM, '15,000 Russian soldiers have already died', '15,000', { value: 15000, category: 'killed', claimant: 'Igor Rudenko', unit: 'soldiers' })]),
    record(official, [], [quantity(OFFICIAL, '498 Russian soldiers have died', '498', { value: 498, category: 'killed', claimant: "Russia's defence ministry", unit: 'soldiers' })]),
    record(rally, [], [
      quantity(RALLY, '200,000 people had attended', '200,000', { value: 200000, category: 'attendance', claimant: 'Moscow police', unit: 'people' }),
      quantity(RALLY, 'only 81,000', '81,000', { value: 81000, category: 'other' }),
    ]),
    record(parts, [], [
      quantity(PARTS, '13 people were killed', '13', { value: 13, category: 'killed', claimant: 'Officials', unit: 'people' }),
      quantity(PARTS, 'four children', 'four', { value: 4, category: 'killed', claimant: 'Officials', unit: 'children' }),
    ]),
  ];
}

for (const backend of BACKENDS) test(`${backend.name}: each kind of quantity conflict is found and explained`, { skip: backend.skip }, async () => {
  const store = await linkedStore(fixtures(), 2, backend);
  const conflicts = (await store.listConflicts({ limit: 10, offset: 0 })).items;
  assert.equal(conflicts.length, 3, JSON.stringify(conflicts.map((c) => c.explanation)));
  const byValues = new Map(conflicts.map((c) => [c.values.map((v) => v.value).sort((a, b) => a! - b!).join(' '), c]));

  const toll = byValues.get('8 87')!;
  assert.equal(toll.kind, 'revision');
  assert.equal(toll.category, 'killed');
  assert.deepEqual([toll.from, toll.to], ['2022-05-18', '2022-05-23']);
  assert.match(toll.explanation, /^Kyiv first gave 8 \(Kyiv, Reuters, 2022-05-18\), later 87 \(Kyiv, Daily Express, 2022-05-23\): a revision over time\.$/);
  assert.ok(toll.about.includes('desna'));
  assert.deepEqual(toll.values.map((v) => [v.claimant, v.outlet, v.date]), [['Kyiv', 'Reuters', '2022-05-18'], ['Kyiv', 'Daily Express', '2022-05-23']]);

  const dead = byValues.get('498 15000')!;
  assert.equal(dead.kind, 'disagreement');
  assert.match(dead.explanation, /^15,000 \(Igor Rudenko, Daily Mail, 2022-03-19\) against 498 \(Russia's defence ministry, RT, 2022-03-25\): sources disagree\.$/);

  const crowd = byValues.get('81000 200000')!;
  assert.equal(crowd.kind, 'disagreement');
  assert.equal(crowd.category, 'attendance');
  assert.deepEqual(crowd.values.map((v) => v.bound ?? null), [null, 'capacity']);
  assert.match(crowd.explanation, /^200,000 \(Moscow police, Daily Mail, 2022-03-20\) is more than the capacity of 81,000 that Daily Mail gives/);

  // Thirteen killed, four of them children: parts of one count, not a conflict.
  assert.ok(!conflicts.some((c) => c.values.some((v) => v.value === 13)));
  const path = store.path;
  await store.close();
  const o = io();
  assert.equal(await main(['conflicts', '--db', path, '--category', 'attendance'], o), 0);
  assert.match(o.stdout.text, /1 conflicts about attendance/);
  assert.match(o.stdout.text, /Moscow police · Daily Mail · 2022-03-20/);
  const j = io();
  assert.equal(await main(['conflicts', '--db', path, '--format', 'jsonl'], j), 0);
  assert.equal(j.stdout.text.trim().split('\n').length, 3);
});

test('values that agree are no conflict; intervals follow the approximation', () => {
  const a = article('Toll\n\nOfficials said about 1,000 people were killed in Mariupol.', { date: '2022-04-01', outlet: 'BBC' });
  const b = article('Toll\n\nThe mayor said 1,030 people were killed in Mariupol.', { date: '2022-04-02', outlet: 'CNN' });
  const fa = quantityFacts(a, quantity(a.text, 'about 1,000 people were killed', '1,000', { value: 1000, approx: 'about', category: 'killed', claimant: 'Officials' }), 0)!;
  const fb = quantityFacts(b, quantity(b.text, '1,030 people were killed', '1,030', { value: 1030, category: 'killed', claimant: 'the mayor' }), 0)!;
  assert.equal(assessGroup([fa, fb]).conflict, false);
  assert.deepEqual(interval({ value: 10, low: null, high: null, approx: 'more_than' }), [10, Infinity]);
  assert.deepEqual(interval({ value: null, low: 10000, high: 20000, approx: 'exact' }), [10000, 20000]);
  const fc = quantityFacts(b, quantity(b.text, '1,030 people were killed', '1,030', { value: 5000, category: 'killed', claimant: 'the mayor' }), 0)!;
  assert.equal(assessGroup([fa, fc]).kind, 'disagreement');
});
