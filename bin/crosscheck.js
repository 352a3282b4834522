#!/usr/bin/env node
// The crosscheck command. The only place that calls process.exit.
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`crosscheck: unexpected error: ${err && err.stack ? err.stack : err}`); process.exitCode = 70; },
);
