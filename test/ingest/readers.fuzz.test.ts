// Fuzzing every reader: plain text through the whole pipeline, CSV and JSON Lines against an oracle writer
// and broken on purpose, JSON, HTML pages (mutated, markup soup, nested thousands deep), RSS and Atom feeds,
// WARC files (mutated, gzip members flipped and cut), bytes to text, dates, and search queries into FTS5. No exception,
// no runaway, errors that name the file and a line inside it. CROSSCHECK_FUZZ=long for 100,000 a target.
import assert from 'node:assert/strict';
import test from 'node:test';
import { describe, fuzz, runsFor, selected } from '../fuzz/harness.js';

const SHORT: Record<string, number> = { 'plaintext+pipeline': 500, clean: 2000, csv: 500, jsonl: 500, json: 500, html: 150, feed: 200, warc: 300, decode: 2000, date: 1500, 'search-query': 2000 };

test('fuzz: every reader keeps its invariants (plain text, CSV, JSON Lines, JSON, HTML, feeds, WARC, decoding, dates, search queries)', async (t) => {
  const targets = selected(Object.keys(SHORT));
  if (!targets.length) return t.skip('CROSSCHECK_FUZZ_TARGETS names none of these targets');
  const results = await fuzz(targets.map((target) => ({ target, runs: runsFor(SHORT[target]) })));
  for (const r of results) t.diagnostic(describe(r));
  assert.deepEqual(results.map((r) => r.target), targets);
});
