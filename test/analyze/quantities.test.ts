import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { parseDigits } from '../../src/analyze/numbers.js';

const q = (text: string) => analyze({ text, doc: 't' }).quantities;

test('digits, separators, scales and approximations', () => {
  const [a] = q('So far, more than 4.8 million Ukrainians have escaped.');
  assert.equal(a.value, 4_800_000);
  assert.equal(a.approx, 'more_than');
  assert.equal(a.category, 'displaced');
  assert.equal(a.text, 'more than 4.8 million Ukrainians have escaped');
});

test('numbers in words', () => {
  const [a] = q('In Desna there were many bodies. Eighty-seven corpses.');
  assert.equal(a.value, 87);
  assert.equal(a.category, 'killed');
  const [b] = q('Officials said more than a thousand people were hiding in the theatre.');
  assert.equal(b.value, 1000);
  assert.equal(b.approx, 'more_than');
});

test('ranges, including the source\'s own typo', () => {
  const [a] = q('Yes, they will detain 10,00-20,000 people, but there are more of you.');
  assert.equal(a.value, null);
  assert.equal(a.low, 10_000);
  assert.equal(a.high, 20_000);
  assert.equal(a.category, 'detained');
  const [b] = q('Estimates put the dead at between 129,000 and 226,000 soldiers.');
  assert.deepEqual([b.low, b.high], [129_000, 226_000]);
});

test('vague amounts are ranges marked vague', () => {
  const [a] = q('Tens of thousands of Russians gathered at the stadium.');
  assert.equal(a.vague, true);
  assert.equal(a.low, 20_000);
  assert.equal(a.category, 'attendance');
});

test('not quantities: ages, ordinals, dates, years, durations, distances, account numbers, addresses', () => {
  const text = 'The 22-year-old man of the 34th brigade said on May 17 in 1999 that a 75-minute call came 15 kilometres away. Account number: 48867365. Sort code: 60-00-01. Send it to 51 Astor Place. Roman Moiseyev, 25, died.';
  assert.deepEqual(q(text).map((x) => x.text), []);
});

test('categories from the verb and the counted noun', () => {
  const cats = (t: string) => q(t).map((x) => x.category);
  assert.deepEqual(cats('Zelensky claimed 1,300 Ukrainian troops have been killed so far and 500 Russians surrendered yesterday.'), ['killed', 'captured']);
  assert.deepEqual(cats('Moscow police said 200,000 people had attended the event.'), ['attendance']);
  assert.deepEqual(cats('Russian forces lost 184 military vehicles.'), ['equipment']);
  assert.deepEqual(cats('The US will send $1.5bn in aid.'), ['money']);
});

test('the claimant is the speaker of the statement the number sits in', () => {
  const r = analyze({ text: 'President Volodymyr Zelensky said 87 people had been killed.', doc: 't' });
  assert.equal(r.quantities[0].claimant, 'Volodymyr Zelensky');
});

test('digit strings', () => {
  assert.equal(parseDigits('1,300'), 1300);
  assert.equal(parseDigits('4.8'), 4.8);
  assert.equal(parseDigits('10,00'), null);
  assert.equal(parseDigits('10,00', true), 10000);
});
