import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrosscheckError } from '../errors.js';
import { buildServer, DEFAULT_MAX_INGEST_BYTES } from '../server/index.js';
import { DEFAULT_READS_PER_MINUTE, DEFAULT_WRITES_PER_MINUTE, isLoopback, MIN_TOKEN_LENGTH } from '../server/security.js';
import { openStore } from '../store/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { defaultReaders, SqliteReaders, withReaders } from '../store/sqlite/readers.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

/** web/ beside dist/: this file is dist/src/cli/serve.js. */
export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');

export const serve: Command = {
  name: 'serve',
  summary: 'serve the web page and the HTTP API over the store',
  usage: `crosscheck serve [--db PATH] [--port N] [--host ADDRESS] [--token TOKEN] [--rate-limit N] [--max-body BYTES] [--readers N]

Serves the page and /api/… on 127.0.0.1 (loopback only) unless --host says otherwise. Stops on Ctrl-C.
Reading needs nothing; writing (POST /api/ingest, articles as JSON Lines or JSON) is off unless a token is
set with --token or, better (not visible in the process list), the environment variable CROSSCHECK_TOKEN;
clients send it as "Authorization: Bearer TOKEN". Each client may make --rate-limit reads a minute
(default ${DEFAULT_READS_PER_MINUTE}; 0 for no limit) and ${DEFAULT_WRITES_PER_MINUTE} writes; a write's body is at most --max-body bytes (default ${DEFAULT_MAX_INGEST_BYTES}).
With --readers N (N ≥ 1), a SQLite store is read by N threads, each with its own read-only connection, so that
a slow search does not hold up the other requests (default here ${defaultReaders()}: two on a machine with a second
core, else none; --readers 0 reads on the server's own thread).

Example:
  crosscheck serve --port 7311
  CROSSCHECK_TOKEN=$(openssl rand -hex 24) crosscheck serve`,
  options: {
    ...DB_OPTION, port: { type: 'string', default: '7311' }, host: { type: 'string', default: '127.0.0.1' }, token: { type: 'string' },
    'rate-limit': { type: 'string' }, 'max-body': { type: 'string' }, readers: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const port = intOption(values.port, 'port', 7311, 0, 65535);
    const host = values.host as string;
    const token = (values.token as string | undefined) || process.env.CROSSCHECK_TOKEN || null;
    if (token != null && token.length < MIN_TOKEN_LENGTH) throw new CrosscheckError('E_USAGE', `the token must be at least ${MIN_TOKEN_LENGTH} characters (for example: openssl rand -hex 24)`);
    const readsPerMinute = intOption(values['rate-limit'], 'rate-limit', DEFAULT_READS_PER_MINUTE, 0, 10_000_000);
    const maxIngestBytes = intOption(values['max-body'], 'max-body', DEFAULT_MAX_INGEST_BYTES, 1024, 1024 * 1024 * 1024);
    const readers = intOption(values.readers, 'readers', defaultReaders(), 0, 64);
    const opened = await openStore(values.db as string);
    const store = opened instanceof SqliteStore && readers > 0 ? withReaders(opened, await SqliteReaders.open(opened.path, readers)) : opened;
    const app = buildServer(store, { webRoot: WEB_ROOT, token, readsPerMinute, maxIngestBytes });
    const address = await app.listen({ port, host });
    write(io.stdout, `crosscheck is serving ${values.db} at ${address}/ (writes: ${token ? 'POST /api/ingest with the token' : 'off, no token set'})${store === opened ? '' : `, reads on ${readers} reader threads`}`);
    if (!isLoopback(host)) write(io.stderr, `crosscheck serve: listening on ${host}, not only on this machine: anyone who can reach it can read the store; put it behind TLS (a reverse proxy) before sending a token over a network`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await app.close();
    await store.close();
    return 0;
  },
};
