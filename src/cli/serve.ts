import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../server/index.js';
import { openStore } from '../store/index.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

/** web/ beside dist/: this file is dist/src/cli/serve.js. */
export const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web');

export const serve: Command = {
  name: 'serve',
  summary: 'serve the web page and the HTTP API over the store',
  usage: `crosscheck serve [--db PATH] [--port N] [--host ADDRESS]

Serves the page and /api/… on 127.0.0.1 (loopback only) unless --host says otherwise. Stops on Ctrl-C.

Example:
  crosscheck serve --port 7311`,
  options: { ...DB_OPTION, port: { type: 'string', default: '7311' }, host: { type: 'string', default: '127.0.0.1' } },
  async run(values, _positionals, io) {
    const port = intOption(values.port, 'port', 7311, 0, 65535);
    const store = await openStore(values.db as string);
    const app = buildServer(store, { webRoot: WEB_ROOT });
    const address = await app.listen({ port, host: values.host as string });
    write(io.stdout, `crosscheck is serving ${values.db} at ${address}/`);
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
