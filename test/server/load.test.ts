// The load bench in a short mode: a few clients for a few seconds on search and detail while an ingest
// runs. Asserts that no request failed; the timings are reported, never asserted (npm run bench:load for 50 clients, 60 s).
import assert from 'node:assert/strict';
import test from 'node:test';
import { describeLoad, runLoad } from '../../bench/load.js';

test('load (short): concurrent search and detail during an ingest, with no errors', { timeout: 300_000 }, async (t) => {
  const o = { duration: 4, connections: 10, preload: 150, ingest: 400 };
  const r = await runLoad({ ...o, log: (l) => t.diagnostic(l) });
  t.diagnostic(describeLoad(o, r));
  assert.ok(r.requests > 0);
  assert.equal(r.errors, 0, 'connection errors');
  assert.equal(r.timeouts, 0, 'timeouts');
  assert.equal(r.non2xx, 0, 'answers other than 2xx');
  assert.ok(r.byEndpoint.search > 0 && r.byEndpoint.detail > 0);
});
