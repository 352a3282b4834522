// The HTTP API and the web page: JSON under /api, the page's static files from web/. Binds to loopback
// unless told otherwise; every list is paginated; article text is sent as data and never as markup.
import Fastify, { type FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestText } from '../pipeline.js';
import type { Store } from '../store/store.js';
import { addRateLimits, addSecurityHeaders, MAX_QUERY_CHARS, requireToken, type SecurityOptions } from './security.js';

export interface ServerOptions extends SecurityOptions {
  /** The folder holding the page (index.html, app.js, style.css). */
  webRoot: string;
  logger?: boolean;
  /** Largest request body accepted by POST /api/ingest, in bytes. */
  maxIngestBytes?: number;
}

export const DEFAULT_MAX_INGEST_BYTES = 5 * 1024 * 1024;
const INGEST_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl', 'application/json-lines', 'application/jsonlines'];

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
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, maxParamLength: 200 });
  addSecurityHeaders(app);
  // Plugins load in order when the server starts: the limits first, so that they apply to every route after them.
  addRateLimits(app, options);
  void app.register(async (app) => routes(app, store, options));
  return app;
}

async function routes(app: FastifyInstance, store: Store, options: ServerOptions): Promise<void> {
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
    if (q.q.length > MAX_QUERY_CHARS) return reply.code(400).send({ error: 'E_USAGE', message: `the search is ${q.q.length} characters long; give at most ${MAX_QUERY_CHARS}` });
    return store.search({ q: q.q, ...page(q) });
  });
  // Writes: articles as JSON Lines (one object a line) or JSON (an object or an array), with a token.
  const maxIngest = options.maxIngestBytes ?? DEFAULT_MAX_INGEST_BYTES;
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(INGEST_TYPES, { parseAs: 'string', bodyLimit: maxIngest }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, null));
    scope.post('/api/ingest', { preHandler: requireToken(options.token), bodyLimit: maxIngest }, async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!INGEST_TYPES.includes(type) || typeof req.body !== 'string') {
        return reply.code(415).send({ error: 'E_USAGE', message: `send articles as application/x-ndjson (JSON Lines) or application/json, not "${type || 'no content type'}"` });
      }
      const text = req.body;
      const format = type === 'application/json' && /^\s*\[/.test(text) ? 'json' : type === 'application/json' && !/\}\s*\n\s*\{/.test(text) ? 'json' : 'jsonl';
      const s = await ingestText(store, text, { path: `POST /api/ingest ${new Date().toISOString()}`, format });
      return reply.code(s.failed && !(s.new + s.versions + s.unchanged) ? 422 : 200).send({
        new: s.new, unchanged: s.unchanged, versions: s.versions, failed: s.failed, skippedRows: s.skippedRows, diagnostics: s.diagnostics,
      });
    });
  });
}
