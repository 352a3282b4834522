// npm test: node's test runner over dist/test/, with a PostgreSQL server of the run's own for the store tests
// (test/postgres-server.ts: Debian's postgresql, installed when missing, a cluster in a temporary folder on
// loopback, stopped and removed at the end). CROSSCHECK_TEST_PG=URL uses a running server instead; =off runs
// the store tests on SQLite only. In CI (CI set) a PostgreSQL that cannot be started fails the run.
import { spawn } from 'node:child_process';
import { startPostgres } from '../dist/test/postgres-server.js';

const args = process.argv.slice(2);
let server = null;
if (!process.env.CROSSCHECK_TEST_PG) {
  try {
    server = await startPostgres({ install: true, log: (line) => console.error(`scripts/test.mjs: ${line}`) });
    process.env.CROSSCHECK_TEST_PG = server.url;
  } catch (e) {
    if (process.env.CI) {
      console.error(`scripts/test.mjs: PostgreSQL could not be started, and CI needs it for the store tests: ${e.message}`);
      process.exit(1);
    }
    console.error(`scripts/test.mjs: PostgreSQL could not be started, so the store tests run on SQLite only: ${e.message.split('\n')[0]}`);
    process.env.CROSSCHECK_TEST_PG = 'off';
  }
}
const child = spawn(process.execPath, ['--test', ...(args.length ? args : ['dist/test/'])], { stdio: 'inherit' });
const stop = () => child.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await server?.stop();
process.exit(code);
