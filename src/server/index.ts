// The HTTP API and the web page: JSON under /api, the page's static files from web/. Binds to loopback
// unless told otherwise; every list is paginated; article text is sent as data and never as markup.
import Fastify, { type FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store/store.js';

export interface ServerOptions {
  /** The folder holding the page (index.html, app.js, style.css). */
  webRoot: string;
  logger?: boolean;
}

const STATIC: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
};
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

const page = (q: Record<string, string | undefined>, max = 100) => {
  const limit = Math.min(max, Math.max(1, Number.parseInt(q.limit ?? '20', 10) || 20));
  const offset = Math.max(0, Number.parseInt(q.offset ?? '0', 10) || 0);
  return { limit, offset };
};

export function buildServer(store: Store, options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    return payload;
  });
  for (const [route, file] of Object.entries(STATIC)) {
    app.get(route, async (_req, reply) => {
      const body = await readFile(join(options.webRoot, file));
      reply.type(TYPES[file.split('.').pop()!]);
      return body;
    });
  }
  app.get('/api/stats', async () => store.stats());
  app.get('/api/articles', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    return store.list({ ...page(q), outlet: q.outlet || undefined, from: q.from || undefined, to: q.to || undefined });
  });
  app.get('/api/articles/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const d = await store.get(id);
    if (!d) return reply.code(404).send({ error: 'E_NOT_FOUND', message: `no article with id "${id}"` });
    return d;
  });
  app.get('/api/search', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    if (!q.q || !q.q.trim()) return reply.code(400).send({ error: 'E_USAGE', message: 'give the words to search for as ?q=' });
    return store.search({ q: q.q, ...page(q) });
  });
  return app;
}
