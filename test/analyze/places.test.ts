import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { readDoc } from '../../src/analyze/nlp.js';
import { findPlaces } from '../../src/analyze/places.js';
import { gazetteer, gazetteerPath } from '../../src/gazetteer.js';

const places = (text: string) => findPlaces(readDoc(text)).map((p) => [p.text, p.place?.id ?? null]);

test('transliterations and Cyrillic spellings are one place', () => {
  assert.deepEqual(places('From Kiev to Kyiv, Kharkov to Kharkiv, and Київ.'), [
    ['Kiev', 'geonames:703448'], ['Kyiv', 'geonames:703448'], ['Kharkov', 'geonames:706483'], ['Kharkiv', 'geonames:706483'], ['Київ', 'geonames:703448'],
  ]);
});

test('divisions: "Donetsk region", "the regions of Donetsk and Lugansk", "the Luhansk regional governor"', () => {
  assert.deepEqual(places('Lyman, Donetsk region, was shelled.'), [['Lyman', 'geonames:704204'], ['Donetsk region', 'geonames-admin1:UA.05']]);
  assert.deepEqual(places('It gives the regions of Donetsk and Lugansk special status.'), [['Donetsk', 'geonames-admin1:UA.05'], ['Lugansk', 'geonames-admin1:UA.14']]);
  assert.deepEqual(places('The Luhansk regional governor said so.'), [['Luhansk', 'geonames-admin1:UA.14']]);
  assert.deepEqual(places('The people of Donbass.'), [['Donbass', 'geonames-admin1:UA.05+UA.14']]);
});

test('an ambiguous name is resolved by the article\'s context, not by size', () => {
  // Two towns are called Trostianets; the one in Sumy oblast is meant when the article names the Sumy region.
  assert.deepEqual(places('The town of Trostyanets was occupied for a month. The Sumy region was freed.'), [['Trostyanets', 'geonames:691255'], ['Sumy region', 'geonames-admin1:UA.21']]);
  assert.deepEqual(places('The town of Trostyanets lies in the Vinnytsia region.'), [['Trostyanets', 'geonames:691264'], ['Vinnytsia region', 'geonames-admin1:UA.23']]);
});

test('a qualifier that no candidate matches leaves the place unresolved rather than guessed', () => {
  const p = findPlaces(readDoc('Novoselivka in the Kharkiv region was shelled.'));
  assert.equal(p.find((x) => x.text === 'Novoselivka'), undefined);
});

test('names that are not places: people, units, rivers, outlets, common words', () => {
  assert.deepEqual(places('Vladimir Putin met Roman Moiseyev. The Azov regiment held the Dnipro river line. The Kyiv Independent reported it. We agreed.'), []);
});

test('every id in the hand-checked table of place mentions is in the gazetteer', () => {
  const g = gazetteer();
  const rows = readFileSync(new URL('../../../test/fixtures/place-mentions.tsv', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1);
  assert.ok(rows.length >= 100, `${rows.length} rows`);
  for (const r of rows) {
    const expected = r.split('\t')[5];
    if (expected === 'none' || expected === 'absent') continue;
    assert.ok(g.byId(expected), `${expected} (${r.split('\t')[3]}) is not in ${gazetteerPath()}`);
  }
});
