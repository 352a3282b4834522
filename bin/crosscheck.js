#!/usr/bin/env node
// The crosscheck command. The only place that calls process.exit.
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`crosscheck search … | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`crosscheck: unexpected error: ${err && err.stack ? err.stack : err}`); process.exitCode = 70; },
);
