// The OpenAPI 3.0 document of the HTTP API, built from the route table (src/server/api.ts) and the record
// schemas (src/server/schemas.ts): what the routes validate is what the document says. Served at
// /api/openapi.json, browsed at /api/docs, and rendered to docs/API.md by scripts/api-doc.mjs.
import { ROUTES, type ApiRoute } from './api.js';
import { ref, SCHEMAS } from './schemas.js';
import { DEFAULT_READS_PER_MINUTE, DEFAULT_WRITES_PER_MINUTE } from './security.js';

type Schema = Record<string, unknown>;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

function operation(r: ApiRoute): Schema {
  const responses: Record<string, unknown> = {
    200: { description: r.summary, content: { 'application/json': { schema: r.response } } },
    400: errorResponse('A parameter is missing or malformed (the message names it).'),
    429: errorResponse(`More than the client's reads a minute (${DEFAULT_READS_PER_MINUTE} by default).`),
  };
  for (const [code, description] of Object.entries(r.errors ?? {})) responses[code] = errorResponse(description);
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    parameters: r.parameters.map((p) => ({ name: p.name, in: p.in, description: p.description, required: !!p.required, schema: p.schema })),
    responses,
  };
}

const INGEST: Schema = {
  operationId: 'ingest',
  tags: ['ingest'],
  summary: 'Ingest articles (JSON Lines or JSON); needs the server\'s token',
  description: 'Off (403) unless the server was started with a token (--token or CROSSCHECK_TOKEN); 401 without "Authorization: Bearer TOKEN". ' +
    'The body is JSON Lines (one article object a line) or JSON (an object or an array), each with title, text, url, date, outlet. ' +
    `Bad lines are reported as diagnostics with their line and never stop the batch. At most ${DEFAULT_WRITES_PER_MINUTE} writes a minute by default.`,
  security: [{ bearer: [] }],
  requestBody: {
    required: true,
    content: {
      'application/x-ndjson': { schema: { type: 'string', description: 'One JSON article a line.' } },
      'application/json': { schema: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] } },
    },
  },
  responses: {
    200: { description: 'What was stored, and the diagnostics of what was not.', content: { 'application/json': { schema: ref('IngestResult') } } },
    401: errorResponse('No token, or the wrong one.'),
    403: errorResponse('Writes are disabled on this server (no token set).'),
    413: errorResponse('The body is larger than the server\'s --max-body.'),
    415: errorResponse('The body is not JSON Lines or JSON.'),
    422: errorResponse('Nothing in the body could be read as an article.'),
    429: errorResponse('More than the client\'s writes a minute.'),
  },
};

/** The OpenAPI document: paths from the route table, components from the record schemas. */
export function openApiDocument(version: string): Schema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const p = r.url.replace(/:(\w+)/g, '{$1}');
    (paths[p] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  paths['/api/ingest'] = { post: INGEST };
  paths['/api/openapi.json'] = { get: { operationId: 'openapi', tags: ['store'], summary: 'This document', responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } } } } };
  return {
    openapi: '3.0.3',
    info: {
      title: 'crosscheck',
      version,
      description: 'Who said it, through whom it reached each outlet, how hedged the reporting was, how many independent origins it has, and where reports disagree. ' +
        'Every record points back to its article\'s text by `start`/`end` offsets (UTF-16 code units, half-open, into `article.text`). ' +
        'Every list is a page (`limit`, `offset`; `total` says how many match). Errors are JSON with a stable `error` code and a `message` saying what to do.',
      license: { name: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'articles', description: 'Articles, their records, full-text search.' },
      { name: 'statements', description: 'Attributions and statements: one utterance across articles, its reports, relay chains, origins and echoes.' },
      { name: 'entities', description: 'People, organisations, outlets, units and places, with their spellings.' },
      { name: 'numbers', description: 'Quantities and conflicts.' },
      { name: 'reuse', description: 'Articles that share text.' },
      { name: 'graph', description: 'The provenance graph.' },
      { name: 'ingest', description: 'Writing articles (with a token).' },
      { name: 'store', description: 'The store and this document.' },
    ],
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The server\'s token (--token or CROSSCHECK_TOKEN).' } },
    },
  };
}
