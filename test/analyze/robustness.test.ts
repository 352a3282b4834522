// Regression tests for crashes and runaways the fuzzers found in the analyzer (see docs/RELIABILITY.md).
// Each asserts the structure the guard keeps; where only time can show a runaway, a generous bound says so
// (it is not a speed test). Some runaways are bounded by the analyzer's own guards (quote nesting, long
// runs for wink, bounded scans): their tests are here too, with the analyzer's bounds.
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyze } from '../../src/analyze/index.js';
import { readDoc } from '../../src/analyze/nlp.js';
import { findQuotes } from '../../src/analyze/quotes.js';

const run = (text: string) => analyze({ text, doc: 't' });

test('"between" as the last word of a text is not a crash of the quantities step', () => {
  for (const text of ['between', 'Casualties were between', 'It was between 5 and']) {
    const r = run(text);
    assert.deepEqual(r.warnings, [], text);
  }
});

test('words that name members of Object.prototype are words, not numbers or verbs', () => {
  const r = run('He said Eighty-seven constructor were killed. The toString of valueOf said that __proto__ hasOwnProperty.');
  assert.deepEqual(r.warnings, []);
  for (const q of r.quantities) for (const v of [q.value, q.low, q.high]) assert.ok(v === null || Number.isFinite(v), `${q.text}: ${v}`);
  assert.equal(r.quantities.find((q) => q.text.startsWith('Eighty'))?.value, 87);
});

test('a run of thousands of opening quotation marks nests at most 4 deep', () => {
  const text = '“'.repeat(20_000) + ' he said';
  const quotes = findQuotes(text, [{ start: 0, end: text.length }]);
  assert.ok(quotes.length <= 4, `${quotes.length} quotes`);
  assert.ok(Math.max(0, ...quotes.map((q) => q.depth)) < 4);
});

test('a run of closing quotation marks with nothing open makes one quote, not one each', () => {
  const text = 'Some words' + '”'.repeat(20_000);
  assert.equal(findQuotes(text, [{ start: 0, end: text.length }]).length, 1);
});

test('a paragraph of thousands of quotations finds every one of them', () => {
  const text = '"ab" '.repeat(5_000);
  const quotes = findQuotes(text, [{ start: 0, end: text.length }]);
  assert.equal(quotes.length, 5_000);
  assert.deepEqual([quotes[0].start, quotes[0].end, quotes[4_999].start], [1, 3, 4_999 * 5 + 1]);
});

test('a run without white space is tokenised in pieces of at most 200, with offsets into the real text', () => {
  const text = 'Start ' + '-'.repeat(20_000) + ' end.';
  const doc = readDoc(text);
  for (let i = 0; i < doc.n; i++) {
    assert.ok(doc.start[i] >= 0 && doc.end[i] <= text.length && doc.start[i] < doc.end[i]);
    assert.ok(doc.end[i] - doc.start[i] <= 200, 'no token longer than a cut run');
    assert.equal(doc.value[i], text.slice(doc.start[i], doc.end[i]));
  }
  assert.equal(doc.value[doc.n - 2], 'end');
});

test('a sentence of thousands of cues keeps offsets inside the text and does not run away', () => {
  const text = 'he said '.repeat(3_000);
  const t0 = process.hrtime.bigint();
  const r = run(text);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const a of r.attributions) assert.ok(a.start >= 0 && a.end <= text.length && a.start <= a.end);
  // Not a timing assertion about speed: a guard against runaway (quadratic) behaviour.
  assert.ok(ms < 30_000, `took ${ms} ms`);
});

test('thousands of organisations described alike are compared without re-folding every description (no runaway)', () => {
  // Each indefinite organisation phrase is compared with every entity's descriptions; folding each of them
  // again for every comparison made 3,000 such sentences take 13 s, 6,000 a minute.
  const text = Array.from({ length: 6_000 }, (_, i) => `A ministry of region ${i} said it.`).join(' ');
  const t0 = process.hrtime.bigint();
  const r = run(text);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.deepEqual(r.warnings, []);
  // Not a timing assertion about speed: a guard against runaway (quadratic) behaviour.
  assert.ok(ms < 30_000, `took ${ms} ms`);
});

test('"According to X," at the very end of a text has no content, not an attribution with no start', () => {
  for (const text of ['According to the Security Service of Ukraine,', 'He left.\n\nAccording to officials,', ',according to{', 'x. , according to Reuters']) {
    const r = run(text);
    for (const a of r.attributions) assert.ok(Number.isInteger(a.start) && Number.isInteger(a.end) && a.start <= a.end, JSON.stringify(a));
  }
});

test('an attribution never continues or nests in itself', () => {
  const text = 'Captured soldier says his unit was sent to die\n\n"We are just meat," ays his unit was sent to die\n\n"the soldier, who gave his name as Dmitry, told reporters at a press conference in Kyiv organised by Interfax-Ukraine. He said 87 men from his battalion had been killed in the first week.';
  run(text).attributions.forEach((a, i) => {
    assert.notEqual(a.continues, i);
    assert.notEqual(a.nestedIn, i);
  });
});

test('a digit string with mixed separators ("4.226,0") is no number, not NaN', () => {
  for (const q of run('Officials said more than 4.226,0 people have fled.').quantities) for (const v of [q.value, q.low, q.high]) assert.ok(v === null || Number.isFinite(v));
});

test('an empty or all-space text gives no records and no error', () => {
  for (const text of ['', '   ', '\n\n', '\t \n']) {
    const r = analyze({ text, doc: 'empty.txt' });
    assert.deepEqual([r.attributions.length, r.quantities.length, r.sentences.length], [0, 0, 0]);
  }
});

test('a run-on sentence of thousands of cues, with and without hedge words, does not run away (bounded hedge scans)', () => {
  // 'said '.repeat(20000) made 20,000 statements each spanning the rest of the text, and each content was
  // scanned for hedges in full (3 s); with a hedge word in it, 20,000 full scans (minutes), and with a hedge
  // word in every statement each statement carried all of them (a record quadratic in the text).
  const cases = ['said '.repeat(20_000), 'said '.repeat(20_000) + 'allegedly', 'allegedly said '.repeat(10_000), 'debunked allegedly said '.repeat(5_000), 'It could not be verified. He said so. '.repeat(3_000)];
  for (const text of cases) {
    const c0 = process.cpuUsage();
    const r = run(text);
    const c = process.cpuUsage(c0);
    const ms = (c.user + c.system) / 1000;
    for (const a of r.attributions) {
      assert.ok(a.start >= 0 && a.end <= text.length && a.start <= a.end);
      assert.ok(a.hedgeSpans.length <= 32, `${a.hedgeSpans.length} hedges on one statement`);
    }
    // Not a timing assertion about speed: a guard against runaway (quadratic) behaviour (each takes about a second).
    assert.ok(ms < 20_000, `${text.slice(0, 30)}…: ${ms} ms of CPU`);
  }
});

test('a statement inside a run-on sentence still gets its strong hedge (the bounded scan reads it)', () => {
  const r = run('The ministry said the unverified video was staged. ' + 'He said '.repeat(50) + 'it was fake.');
  const a = r.attributions.find((x) => x.content.includes('unverified video'));
  assert.ok(a, JSON.stringify(r.attributions.map((x) => x.content)));
  assert.ok(a.hedges.some((h) => /unverified/i.test(h)), JSON.stringify(a.hedges));
});

test('pathological texts (no spaces, thousands of quotation marks, unbalanced quotes) each finish without running away', () => {
  run('Warm-up: he said it.'); // loads the gazetteer and the cue model outside the measured runs
  const cases: [string, string][] = [
    ['100,000 characters without a space', 'x'.repeat(100_000)],
    ['10,000 straight quotation marks', '"'.repeat(10_000)],
    ['10,000 opening curly quotes before a cue', '“'.repeat(10_000) + ' he said'],
    ['10,000 closing curly quotes', '”'.repeat(10_000)],
    ['a quote opened and never closed', 'He said "' + 'word '.repeat(5_000)],
    ['10,000 quotes each opened only', '"a '.repeat(10_000)],
    ['thousands of cues each opening a quote', ('He said “' + 'no ').repeat(3_000)],
    ['single quotes, all opening then all closing', '‘'.repeat(5_000) + '’'.repeat(5_000)],
  ];
  for (const [what, text] of cases) {
    const c0 = process.cpuUsage();
    const r = run(text);
    const c = process.cpuUsage(c0);
    const ms = (c.user + c.system) / 1000;
    for (const a of r.attributions) assert.ok(a.start >= 0 && a.end <= text.length && a.start <= a.end, what);
    // Not a timing assertion about speed: each takes well under a second of CPU on a quiet machine; the
    // bound only catches a runaway (quadratic) regression, on a machine shared with other work.
    assert.ok(ms < 10_000, `${what}: ${ms} ms of CPU`);
  }
});
