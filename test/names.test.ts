import assert from 'node:assert/strict';
import test from 'node:test';
import { foldName, sameWord, transliterate } from '../src/names.js';

test('transliteration variants, slips and Cyrillic spellings are one word; different names are not', () => {
  const same: [string, string][] = [['Kyiv', 'Kiev'], ['Kharkiv', 'Kharkov'], ['Zelensky', 'Zelenskiy'], ['Zelenskyy', 'Zelensky'], ['Alexei', 'Aleksei'], ['Vladmir', 'Vladimir'], ['Луганск', 'Lugansk'], ['Путин', 'Putin']];
  for (const [a, b] of same) assert.ok(sameWord(a, b), `${a} ~ ${b}`);
  const different: [string, string][] = [['Kharkiv', 'Kherson'], ['Ivanov', 'Ivanova'], ['Zelenska', 'Zelenskyy'], ['Donets', 'Donetsk'], ['Peskov', 'Pskov']];
  for (const [a, b] of different) assert.equal(sameWord(a, b), null, `${a} ≁ ${b}`);
});

test('folding: case, diacritics, apostrophes, Cyrillic', () => {
  assert.equal(foldName("Mar'yinka"), 'maryinka');
  assert.equal(foldName('Zürich'), 'zurich');
  assert.equal(transliterate('Харків'), 'Kharkiv');
  assert.equal(foldName('Ivano-Frankivsk'), 'ivano frankivsk');
});

test('the Ukrainian and Russian forms of a first name are one name; other first names are not', async () => {
  const { sameFirstName } = await import('../src/names.js');
  assert.ok(sameFirstName('Volodymyr', 'Vladimir'));
  assert.ok(sameFirstName('Oleksiy', 'Alexei'));
  assert.equal(sameFirstName('Volodymyr', 'Vasyl'), false);
});
