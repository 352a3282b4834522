// Fuzzing the analyzer: generated and mutated texts, and long runs of one character class, with no
// exception, no runaway, and every offset inside the text. Short here; CROSSCHECK_FUZZ=long (npm run fuzz)
// for 100,000 inputs and 60,000-character runs. A failure saves its input under test-results/.
import assert from 'node:assert/strict';
import test from 'node:test';
import { describe, fuzz, runsFor, selected } from '../fuzz/harness.js';

test('fuzz: analyze keeps its invariants on generated and mutated texts, and on long runs of one character class', async (t) => {
  // The per-input bound catches runaway (catastrophic) behaviour; it is not a speed test.
  const jobs = [{ target: 'analyze', runs: runsFor(1500) }, { target: 'adversarial', runs: 0, perInputMs: 30_000 }];
  const targets = selected(jobs.map((j) => j.target));
  if (!targets.length) return t.skip('CROSSCHECK_FUZZ_TARGETS names none of these targets');
  const results = await fuzz(jobs.filter((j) => targets.includes(j.target)), 120_000);
  for (const r of results) t.diagnostic(describe(r));
  assert.deepEqual(results.map((r) => r.target), targets);
  const adversarial = results.find((r) => r.target === 'adversarial');
  if (adversarial) assert.ok(adversarial.runs > 40, 'every adversarial input ran');
});
