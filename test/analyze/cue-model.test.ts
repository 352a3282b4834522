import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { cueHeadProbabilities, cueModel, cueModelPath, encodeCueModel, findCues, parseCueModel } from '../../src/analyze/cue-model.js';
import { analyze } from '../../src/analyze/index.js';
import { reportingLemma } from '../../src/analyze/lexicon.js';
import { readDoc } from '../../src/analyze/nlp.js';

test('the shipped cue model reads, and encodes back to the same bytes', () => {
  const bytes = readFileSync(cueModelPath());
  const model = parseCueModel(bytes);
  assert.ok(model.threshold > 0 && model.threshold < 1);
  assert.ok(model.candidates.size > 50, `${model.candidates.size} candidate words`);
  assert.deepEqual(Buffer.from(encodeCueModel(model)), bytes);
});

test('a damaged model file is refused with what to do', () => {
  const bytes = readFileSync(cueModelPath());
  assert.throws(() => parseCueModel(bytes.subarray(0, bytes.length - 10)), /E_CUE_MODEL.*train-cue-model/);
  const bad = Buffer.from(bytes);
  bad.writeUInt32LE(0, 0);
  assert.throws(() => parseCueModel(bad), /E_CUE_MODEL.*CUEM/);
});

test('the model scores reporting verbs above other verbs, and finds cues the rules do not know', () => {
  const doc = readDoc('Senator Warren questioned whether the plan would ever work. She walked to the car.');
  const p = cueHeadProbabilities(doc, cueModel());
  const at = (w: string) => p[doc.lower.indexOf(w)];
  assert.ok(at('questioned') >= cueModel().threshold, `questioned: ${at('questioned')}`);
  assert.ok(at('walked') < cueModel().threshold, `walked: ${at('walked')}`);
  const cues = findCues(doc).map((c) => doc.text.slice(c.start, c.end));
  assert.deepEqual(cues, ['questioned']);
});

test('a verb only the model knows as a cue gives an attribution with its subject as speaker', () => {
  for (const [text, verb, speaker, content] of [
    ['Senator Warren questioned whether the plan would ever work.', 'questioned', 'Senator Warren', 'whether the plan would ever work'],
    ['The governor cited new figures showing 40 people were killed.', 'cited', 'The governor', 'new figures showing 40 people were killed'],
  ]) {
    assert.equal(reportingLemma(verb), undefined, `${verb} is in the rules' lexicon: the test would not show the model's part`);
    const a = analyze({ text, doc: 't' }).attributions.find((x) => x.cue === verb);
    assert.ok(a, `no attribution with the cue "${verb}" in ${text}`);
    assert.equal(a.speaker?.text, speaker);
    assert.equal(a.content, content);
  }
});

test('a verb that passes on another\'s words is a relay, not a learned cue; a headline verb is not one either', () => {
  const r = analyze({ text: 'The Security Service of Ukraine released an audio clip of the call on Friday.', doc: 't' });
  assert.deepEqual(r.attributions, []);
  // The same sentence as above, as a headline (no final punctuation): not read as a statement.
  const h = analyze({ text: 'Senator Warren questioned whether the plan would ever work\n\nThe war goes on.', doc: 't' });
  assert.equal(h.attributions.filter((a) => a.cue === 'questioned').length, 0);
});
