import assert from 'node:assert/strict';
import test from 'node:test';
import { distinct, intersectionSize, sharedSpans, shingle, winnow, WINDOW } from '../../src/link/shingles.js';

test('shingles are six-word windows, blind to case and apostrophe style, with word offsets', () => {
  const a = shingle("Putin's troops were blowing up their own, the soldier said.");
  const b = shingle('PUTIN’S TROOPS WERE BLOWING UP THEIR OWN the soldier SAID');
  assert.equal(a.hashes.length, 10 - 6 + 1);
  assert.deepEqual([...a.hashes], [...b.hashes]);
  assert.equal(a.wordStart[0], 0);
  assert.equal(a.wordEnd[0], "Putin's".length);
  assert.equal(shingle('only five words are here').hashes.length, 0);
  assert.notEqual(shingle('a b c d e f').hashes[0], shingle('a b c d e g').hashes[0]);
});

test('winnowing: texts sharing a run of WINDOW shingles share a fingerprint', () => {
  const shared = 'the missile hit a residential building in the southwest of the capital on saturday morning while rescue teams searched the rubble witnesses said'.split(' ');
  assert.ok(shared.length >= WINDOW + 5);
  for (let k = 0; k < 20; k++) {
    const left = Array.from({ length: 40 }, (_, i) => `left${k}w${i}`);
    const right = Array.from({ length: 55 }, (_, i) => `other${k}x${i}`);
    const a = shingle([...left, ...shared, ...left].join(' '));
    const b = shingle([...right, ...shared].join(' '));
    assert.ok(intersectionSize(winnow(a.hashes), winnow(b.hashes)) >= 1, `case ${k}`);
  }
});

test('shared spans cover the copied words and nothing else', () => {
  const copied = 'Russian forces tried to storm Sievierodonetsk but were unsuccessful and retreated, the office said.';
  const a = `An opening sentence of our own, written here. ${copied} And a closing line that nobody else has.`;
  const b = `${copied} Something else entirely follows in this one.`;
  const sa = shingle(a);
  const spans = sharedSpans(sa, distinct(shingle(b).hashes));
  assert.equal(spans.length, 1);
  assert.equal(a.slice(spans[0].start, spans[0].end), copied.slice(0, -1));
});
