// The HTTP API and the web page: JSON under /api, the page's static files from web/. Binds to loopback
// unless told otherwise; every list is paginated; article text is sent as data and never as markup.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestText } from '../pipeline.js';
import type { Store } from '../store/store.js';
import { handlerOf, ROUTES, validationOf } from './api.js';
import { openApiDocument } from './openapi.js';
import { addRateLimits, addSecurityHeaders, requireToken, type SecurityOptions } from './security.js';
import { STATIC_FILES, staticFiles } from './static.js';

export interface ServerOptions extends SecurityOptions {
  /** The folder holding the page's sources (index.html, style.css, api.html, api-docs.js). */
  webRoot: string;
  /** The folder holding the built page (app.js, countries.json); default: dist/web beside webRoot. */
  buildRoot?: string;
  logger?: boolean;
  /** Largest request body accepted by POST /api/ingest, in bytes. */
  maxIngestBytes?: number;
}

export const DEFAULT_MAX_INGEST_BYTES = 5 * 1024 * 1024;
const INGEST_TYPES = ['application/json', 'application/x-ndjson', 'application/jsonl', 'application/json-lines', 'application/jsonlines'];

function packageVersion(webRoot: string): string {
  try {
    return (JSON.parse(readFileSync(join(webRoot, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function buildServer(store: Store, options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false, bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 200 },
    // Query values arrive as strings: numbers and booleans are coerced, unknown parameters are kept out of the handlers.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: true, useDefaults: true, allErrors: false } },
  });
  addSecurityHeaders(app);
  // Bad parameters are the client's mistake: a 400 that names the parameter and points at the document.
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err.validation) {
      const where = err.validationContext === 'params' ? 'path' : 'query';
      return reply.code(400).send({ error: 'E_USAGE', message: `${where} parameter ${err.message.replace(/^(querystring|params)\/?/, '')}; see /api/openapi.json` });
    }
    const code = err.statusCode ?? 500;
    if (code >= 500) app.log.error(err);
    return reply.code(code).send({ error: code === 429 ? 'E_RATE_LIMIT' : code >= 500 ? 'E_SERVER' : 'E_USAGE', message: err.message });
  });
  // Plugins load in order when the server starts: the limits first, so that they apply to every route after them.
  addRateLimits(app, options);
  void app.register(async (app) => routes(app, store, options));
  return app;
}

async function routes(app: FastifyInstance, store: Store, options: ServerOptions): Promise<void> {
  const files = staticFiles(options.webRoot, options.buildRoot ?? join(options.webRoot, '..', 'dist', 'web'));
  for (const url of Object.keys(STATIC_FILES)) {
    app.get(url, async (_req, reply) => {
      const f = files(url)!;
      reply.type(f.type);
      return f.body;
    });
  }
  const doc = openApiDocument(packageVersion(options.webRoot));
  app.get('/api/openapi.json', async () => doc);
  for (const r of ROUTES) app.route({ method: r.method, url: r.url, schema: validationOf(r), handler: handlerOf(r, store) });
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
