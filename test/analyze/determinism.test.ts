import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { readDoc } from '../../src/analyze/nlp.js';

// wink-nlp caches unknown words and lets that cache decide later tokenisation (wink-nlp issue #143): after
// reading "ally of Putin's," it kept "Putin's" as one token in every later text. The analyzer must give the
// same records for the same text whatever it read before.
test('the same text gives the same tokens and records whatever was read before', () => {
  const probe = "President Vladimir Putin's ongoing war has displaced 4.8 million people, the UN said.";
  const tokensBefore = readDoc(probe).value.join('|');
  const recordBefore = JSON.stringify(analyze({ text: probe, doc: 'p' }));
  for (const other of [
    "Shortly afterwards, Ramzan Kadyrov, leader of the Chechnya region and a key ally of Putin's, called for Russia to act.",
    "The U.S. and pro-Kremlin bloggers' claims, Zelenskiy's office's reply, and Kyiv's.",
  ]) analyze({ text: other, doc: 'o' });
  assert.equal(readDoc(probe).value.join('|'), tokensBefore);
  assert.equal(JSON.stringify(analyze({ text: probe, doc: 'p' })), recordBefore);
});
