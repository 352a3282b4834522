// Fuzzing every reader: plain text through the whole pipeline, CSV and JSON Lines against an oracle writer
// and broken on purpose, JSON, bytes to text, dates, and search queries into SQLite's FTS5. No exception,
// no runaway, errors that name the file and a line inside it. CROSSCHECK_FUZZ=long for 100,000 a target.
import assert from 'node:assert/strict';
import test from 'node:test';
import { describe, fuzz, runsFor } from '../fuzz/harness.js';

const SHORT: Record<string, number> = { 'plaintext+pipeline': 600, clean: 2000, csv: 800, jsonl: 800, json: 600, decode: 2000, date: 2000, 'search-query': 2000 };

for (const [name, short] of Object.entries(SHORT)) {
  test(`fuzz: ${name}`, async (t) => {
    const r = await fuzz({ target: name, runs: runsFor(short) });
    t.diagnostic(describe(r));
    assert.ok(r.runs >= 1);
  });
}
