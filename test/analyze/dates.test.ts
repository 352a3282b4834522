import assert from 'node:assert/strict';
import test from 'node:test';
import { findDates } from '../../src/analyze/dates.js';
import { readDoc } from '../../src/analyze/nlp.js';

const dates = (text: string, published: string | null = '2022-05-23') =>
  findDates(readDoc(text), published).map((d) => [d.text, d.date, d.precision, d.relative]);

test('dates against a publication date of Monday 23 May 2022', () => {
  assert.deepEqual(dates('Kyiv said on Monday that eight people died in the May 17 strike.'), [
    ['Monday', '2022-05-23', 'day', true],
    ['May 17', '2022-05-17', 'day', true],
  ]);
  assert.deepEqual(dates('He was killed last week, and two weeks ago, and yesterday.'), [
    ['last week', '2022-05-16', 'week', true],
    ['two weeks ago', '2022-05-09', 'week', true],
    ['yesterday', '2022-05-22', 'day', true],
  ]);
  assert.deepEqual(dates('Troops left on Friday; earlier this month the town fell; in March it was shelled.'), [
    ['Friday', '2022-05-20', 'day', true],
    ['earlier this month', '2022-05', 'month', true],
    ['March', '2022-03', 'month', true],
  ]);
});

test('written-out dates keep their year; a month and day without one is the latest before publication', () => {
  assert.deepEqual(dates('The war began on 24 February 2022, after the annexation in 2014 and talks in December.', '2022-01-10'), [
    ['24 February 2022', '2022-02-24', 'day', false],
    ['2014', '2014', 'year', false],
    ['December', '2021-12', 'month', true],
  ]);
  assert.deepEqual(dates('It happened on December 30.', '2022-01-10'), [['December 30', '2021-12-30', 'day', true]]);
});

test('without a publication date only dates that carry their year are kept', () => {
  assert.deepEqual(dates('On Monday, May 17, and on May 17, 2022.', null), [['May 17, 2022', '2022-05-17', 'day', false]]);
});

test('"may" the verb is not a month', () => {
  assert.deepEqual(dates('Russia may attack again.'), []);
});
