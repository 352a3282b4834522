// Fuzzing the analyzer: generated and mutated texts, and long runs of one character class, with no
// exception, no runaway, and every offset inside the text. Short here; CROSSCHECK_FUZZ=long (npm run fuzz)
// for 100,000 inputs a target. A failure saves its input under test-results/.
import assert from 'node:assert/strict';
import test from 'node:test';
import { describe, fuzz, runsFor } from '../fuzz/harness.js';

test('fuzz: analyze keeps its invariants on generated and mutated texts', async (t) => {
  const r = await fuzz({ target: 'analyze', runs: runsFor(1500) });
  t.diagnostic(describe(r));
  assert.ok(r.runs >= 1);
});

test('fuzz: long runs of one character class finish and keep offsets inside the text (analyzer, cleaner, readers)', async (t) => {
  // 60,000-character inputs; the bound catches runaway (catastrophic) behaviour, it is not a speed test.
  const r = await fuzz({ target: 'adversarial', runs: 0, perInputMs: 30_000 }, 120_000);
  t.diagnostic(describe(r));
  assert.ok(r.runs > 40);
});
