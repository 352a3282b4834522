import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import type { Attribution } from '../../src/model.js';

const run = (text: string, outlet: string | null = null) => analyze({ text, doc: 't', outlet });
const find = (atts: Attribution[], content: string) => {
  const a = atts.filter((x) => x.content.includes(content)).sort((x, y) => x.content.length - y.content.length)[0];
  assert.ok(a, `no attribution with "${content}" among ${JSON.stringify(atts.map((x) => x.content))}`);
  return a!;
};

test('a quote with its speaker after it', () => {
  const r = run('"The same crap was in the Chechen war," he told his wife.');
  const a = find(r.attributions, 'The same crap');
  assert.equal(a.kind, 'direct');
  assert.equal(a.cue, 'told');
  assert.equal(a.speaker?.text, 'he');
  assert.equal(a.content, 'The same crap was in the Chechen war');
});

test('inverted order: said X', () => {
  const a = find(run('“We will not surrender,” said Volodymyr Zelensky.').attributions, 'surrender');
  assert.equal(a.speaker?.name, 'Volodymyr Zelensky');
  assert.equal(a.kind, 'direct');
});

test('a colon-introduced quote, and its continuation in the next paragraph', () => {
  const r = run('He said: ‘As we came in we realised the situation.\n\n‘There really is a squad that kills people who try to run home.’');
  assert.equal(r.attributions.length, 2);
  assert.equal(r.attributions[1].continues, 0);
  assert.equal(r.attributions[1].speaker?.text, 'He');
});

test('indirect speech with that, and its offsets point at the content', () => {
  const text = 'The soldier said that his unit was ordered into Ukraine from Crimea.';
  const a = find(run(text).attributions, 'his unit');
  assert.equal(a.kind, 'indirect');
  assert.equal(a.speaker?.text, 'The soldier');
  assert.equal(text.slice(a.start, a.end), a.content);
  assert.equal(a.content, 'his unit was ordered into Ukraine from Crimea');
});

test('content before the cue', () => {
  const a = find(run('Such incidents are reported every day, he said.').attributions, 'Such incidents');
  assert.equal(a.cue, 'said');
  assert.equal(a.content, 'Such incidents are reported every day');
});

test('according to X', () => {
  const a = find(run('More than 4.8 million Ukrainians have fled, according to data from the United Nations Refugee Agency.').attributions, '4.8 million');
  assert.equal(a.cue, 'according to');
  assert.equal(a.speaker?.text, 'the United Nations Refugee Agency');
});

test('a surname and a pronoun resolve to the full name', () => {
  const r = run('Dmitry Panov, a 30-year-old Muscovite, told the outlet he had volunteered.\n\n"We are just meat," Panov said.\n\n"They do not want to know us," he said.');
  const names = r.attributions.map((a) => a.speaker?.name);
  assert.deepEqual([...new Set(names)], ['Dmitry Panov']);
  const first = r.attributions[0];
  assert.equal(first.speaker?.attributes?.age, 30);
});

test('a relay named in the sentence, carried to the speaker\'s other statements', () => {
  const r = run('In audio released by Ukrainian intelligence, a man identified only as Aleksei tells his mother the military sent reinforcements.\n\n"Our tank hit hard," Aleksei said.');
  for (const a of r.attributions) {
    assert.equal(a.speaker?.name, 'Aleksei');
    assert.deepEqual(a.via, ['Ukrainian intelligence']);
  }
});

test('a nested statement has the outer speaker as its first relay', () => {
  const r = run('CNN correspondent Suzanne Malveaux said: “He tells CNN and I’m quoting here, ‘We were not hammered with rhetoric.’”');
  const inner = find(r.attributions, 'We were not hammered');
  assert.equal(inner.via[0], 'Suzanne Malveaux');
  assert.equal(inner.speaker?.text, 'He');
});

test('hedges: a hedging cue, a purported speaker', () => {
  const r = run('A captured soldier claimed that his phone was taken.\n\nAnother purported soldier said it was clear the leadership did not care.');
  assert.deepEqual(find(r.attributions, 'his phone').hedges, ['claimed']);
  assert.deepEqual(find(r.attributions, 'leadership').hedges, ['purported']);
});

test('a disclaimer in its own sentence hedges the statements of those it refers to', () => {
  const r = run('The soldiers said they had been lied to.\n\nIt is not certain whether they were forced or coerced to speak.\n\nThe minister said the talks would go on.');
  assert.ok(find(r.attributions, 'lied to').hedges.length > 0);
  assert.deepEqual(find(r.attributions, 'talks').hedges, []);
});

test('the article\'s own outlet is never a relay', () => {
  const r = run('Ukrainians who spoke to Insider said they heard missiles at night.', 'Business Insider');
  assert.deepEqual(find(r.attributions, 'missiles').via, []);
});

test('pathological input finishes quickly and keeps offsets inside the text', () => {
  const inputs = [
    'x'.repeat(100_000), '"'.repeat(10_000), '“'.repeat(5_000) + ' said he', ('He said "unbalanced ' + 'word '.repeat(50) + '\n\n').repeat(200), "'".repeat(10_000),
    'said '.repeat(20_000), 'X: "a" '.repeat(5_000), ('He said "a ' + 'word '.repeat(5)).repeat(3_000), '“a ‘b “c ‘d '.repeat(3_000), 'according to '.repeat(5_000),
  ];
  for (const text of inputs) {
    // CPU time of this process, not wall time: other work on a shared machine does not count against it.
    const c0 = process.cpuUsage();
    const r = run(text);
    const c = process.cpuUsage(c0);
    const ms = (c.user + c.system) / 1e3;
    for (const a of r.attributions) assert.ok(a.start >= 0 && a.end <= text.length && a.start <= a.end);
    for (const q of r.quantities) assert.ok(q.start >= 0 && q.end <= text.length);
    // Not a timing assertion about speed: a guard against runaway (catastrophic) behaviour.
    assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms of CPU on ${JSON.stringify(text.slice(0, 40))}…`);
  }
});
