import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { unitKey } from '../../src/analyze/mentions.js';

const mentions = (text: string) => (analyze({ text, doc: 't' }).mentions ?? []).map((m) => [m.kind, m.text, m.name]);

test('people: titles, surname-only and title forms resolve to the full name; a slip to the usual spelling', () => {
  const ms = analyze({ text: 'Troops urged President Vladmir Putin to stop. Vladimir Putin said nothing. Vladimir Putin left. Mr Putin waved.', doc: 't' }).mentions!;
  const people = ms.filter((m) => m.kind === 'person');
  assert.deepEqual(people.map((m) => [m.text, m.name, m.resolution]), [
    ['President Vladmir Putin', 'Vladimir Putin', 'self'],
    ['Vladimir Putin', 'Vladimir Putin', 'self'],
    ['Vladimir Putin', 'Vladimir Putin', 'self'],
    ['Mr Putin', 'Vladimir Putin', 'surname'],
  ]);
  assert.equal(people[0].title, 'President');
});

test('outlets from the curated table, organisations, units', () => {
  assert.deepEqual(mentions('The Security Service of Ukraine told CNN that the 34th separate motorized rifle brigade and the Wagner group were there, according to The Mirror.'), [
    ['organisation', 'Security Service of Ukraine', 'Security Service of Ukraine'],
    ['place', 'Ukraine', 'Ukraine'],
    ['outlet', 'CNN', 'CNN'],
    ['unit', '34th separate motorized rifle brigade', '34th separate motorized rifle brigade'],
    ['unit', 'Wagner group', 'Wagner group'],
    ['outlet', 'The Mirror', 'The Mirror'],
  ]);
});

test('unit designations written differently have one key', () => {
  assert.equal(unitKey('34th separate motorized rifle brigade'), unitKey('34th Separate Motorised Rifle Brigade'));
  assert.equal(unitKey('126th separate coastal defense brigade'), unitKey('126th separate coastal defence brigade'));
  assert.notEqual(unitKey('127th Separate Reconnaissance Brigade'), unitKey('126th separate coastal defence brigade'));
});

test('a possessive place is split off a title and a name: "Ukraine’s President Volodymyr Zelenskyy"', () => {
  assert.deepEqual(mentions('Ukraine’s President Volodymyr Zelenskyy spoke.'), [['place', 'Ukraine', 'Ukraine'], ['person', 'President Volodymyr Zelenskyy', 'Volodymyr Zelenskyy']]);
});

test('a country before a title is a place, not part of the name: "Ukraine President Volodymyr Zelensky"', () => {
  assert.deepEqual(mentions('Ukraine President Volodymyr Zelensky said so.'), [['place', 'Ukraine', 'Ukraine'], ['person', 'President Volodymyr Zelensky', 'Volodymyr Zelensky']]);
});
