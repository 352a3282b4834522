// The read endpoints of the HTTP API, as one table: each route's path, parameters (JSON Schema, which Fastify
// validates and the OpenAPI document publishes), answer and handler. Every list is a page: `limit` is lowered to
// the route's maximum, and nothing answers with an unbounded list.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MentionKind, QuantityCategory } from '../model.js';
import type { SearchSort, Store } from '../store/store.js';
import { neighbourhood } from './graph.js';
import { pageOf, ref } from './schemas.js';
import { MAX_QUERY_CHARS } from './security.js';

type Schema = Record<string, unknown>;
type Query = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  schema: Schema;
  required?: boolean;
}

export interface ApiRoute {
  method: 'GET';
  url: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  parameters: Parameter[];
  response: Schema;
  /** Answers other than 200 the route may give (400 for bad parameters is always possible). */
  errors?: Record<number, string>;
  handler: (store: Store, req: { query: Query; params: Record<string, string> }, reply: FastifyReply) => Promise<unknown>;
}

export const CATEGORIES: QuantityCategory[] = ['killed', 'wounded', 'casualties', 'missing', 'captured', 'displaced', 'detained', 'personnel', 'equipment', 'attendance', 'money', 'other'];
export const KINDS: MentionKind[] = ['person', 'organisation', 'outlet', 'unit', 'place'];

const ID = { type: 'string', minLength: 4, maxLength: 64 };
const q = (name: string, description: string, schema: Schema, required = false): Parameter => ({ name, in: 'query', description, schema, required });
const path = (name: string, description: string, schema: Schema = ID): Parameter => ({ name, in: 'path', description, schema, required: true });
const paging = (max = 100, dflt = 20): Parameter[] => [
  q('limit', `Items a page, at most ${max} (a larger value is lowered to ${max}).`, { type: 'integer', minimum: 1, default: dflt }),
  q('offset', 'Items to skip.', { type: 'integer', minimum: 0, default: 0 }),
];
const words = (description: string, required = false) => q('q', `${description} Words are ANDed; "a phrase", OR and a trailing * work.`, { type: 'string', maxLength: MAX_QUERY_CHARS, ...(required ? { minLength: 1 } : {}) }, required);
const entityParam = (what: string) => q('entity', `Only ${what} this entity (its id, from /api/entities).`, { type: 'integer', minimum: 1 });

/** `limit` and `offset` from a validated query, the limit lowered to the route's maximum. */
function page(query: Query, max = 100): { limit: number; offset: number } {
  return { limit: Math.min(max, (query.limit as number) ?? 20), offset: (query.offset as number) ?? 0 };
}

const notFound = (reply: FastifyReply, what: string) => reply.code(404).send({ error: 'E_NOT_FOUND', message: `no ${what}` });

/** The names an entity's mentions resolve to, for finding what it said. */
async function entityNames(store: Store, id: number): Promise<string[] | null> {
  const e = await store.entity(id);
  if (!e) return null;
  return [...new Set([e.name, ...e.variants.map((v) => v.text)])];
}

export const ROUTES: ApiRoute[] = [
  {
    method: 'GET', url: '/api/stats', operationId: 'stats', tag: 'store', summary: 'What the store holds',
    parameters: [], response: ref('Stats'),
    handler: (store) => store.stats(),
  },
  {
    method: 'GET', url: '/api/articles', operationId: 'listArticles', tag: 'articles', summary: 'Articles, newest first',
    description: 'Current versions only. Filter by outlet, date range and an entity the article mentions.',
    parameters: [
      q('outlet', 'Only articles of this outlet, as stored.', { type: 'string', maxLength: 200 }),
      q('from', 'Only articles dated on or after this day (YYYY-MM-DD).', { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }),
      q('to', 'Only articles dated on or before this day (YYYY-MM-DD).', { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }),
      entityParam('articles that mention'), ...paging(),
    ],
    response: pageOf(ref('ArticleSummary')),
    handler: (store, { query }) => store.list({
      ...page(query), outlet: (query.outlet as string) || undefined, from: (query.from as string) || undefined,
      to: query.to ? `${query.to as string}\uffff` : undefined, entity: query.entity as number | undefined,
    }),
  },
  {
    method: 'GET', url: '/api/articles/:id', operationId: 'getArticle', tag: 'articles', summary: 'One article with every record and its offsets',
    description: 'The text, the analysis record (attributions with speakers, cues, relays and hedges; quantities; mentions; dates; sentences), every offset into the text, the versions, and what links each record to the rest of the store (its statement, its quantity group, its entity). An id prefix of 4 or more characters will do when it is unique.',
    parameters: [path('id', 'The article id or a unique prefix of it.')], response: ref('ArticleDetail'), errors: { 404: 'No such article.' },
    handler: async (store, { params }, reply) => {
      const d = await store.get(params.id);
      if (!d) return notFound(reply, `article with id "${params.id}"`);
      return { ...d, links: await store.recordLinks(d.article.id) };
    },
  },
  {
    method: 'GET', url: '/api/search', operationId: 'search', tag: 'articles', summary: 'Full-text search over articles and attributed statements',
    description: 'Two pages: articles with a snippet, and attributions with the statement highlighted. Matched terms are marked with U+0002 before and U+0003 after. sort=relevance (the default) ranks every match by BM25 (a title word counts four times a text word), best first; sort=date puts the newest articles first (by the article\'s date, as the article list), and an article\'s attributions in their order in it. Either way every match can be shown, and a query costs in proportion to its matches. `total` counts matches up to 10,000; `totalExact` is false when there are more.',
    parameters: [
      words('The words to search for.', true),
      q('sort', 'relevance: best matches first (BM25); date: newest articles first.', { type: 'string', enum: ['relevance', 'date'], default: 'relevance' }),
      ...paging(),
    ],
    response: ref('SearchResult'),
    handler: (store, { query }) => store.search({ q: query.q as string, sort: query.sort as SearchSort, ...page(query) }),
  },
  {
    method: 'GET', url: '/api/attributions', operationId: 'listAttributions', tag: 'statements', summary: 'Attributions across articles: everything a person said',
    description: 'Each with its article and the statement it reports. Filter by speaker name (as the records resolve it), by entity (every name its mentions resolve to), by words and by hedging.',
    parameters: [
      q('speaker', 'Only attributions whose resolved speaker is this name (case does not matter).', { type: 'string', maxLength: 200 }),
      entityParam('attributions whose speaker is'),
      words('Only attributions whose content or speaker holds these words.'),
      q('hedged', 'Only hedged (true) or unhedged (false) attributions.', { type: 'boolean' }),
      ...paging(),
    ],
    response: pageOf(ref('AttributionRow')), errors: { 404: 'No such entity.' },
    handler: async (store, { query }, reply) => {
      let speakers = query.speaker ? [query.speaker as string] : undefined;
      if (query.entity != null && !(await store.entity(query.entity as number))) return notFound(reply, `entity ${query.entity}`);
      return store.attributions({ speakers, entity: query.entity as number | undefined, q: (query.q as string) || undefined, hedged: query.hedged as boolean | undefined, ...page(query) });
    },
  },
  {
    method: 'GET', url: '/api/statements', operationId: 'listStatements', tag: 'statements', summary: 'Statements: one utterance across articles, the most reported first',
    description: 'Each statement with its first report (`first`), its counts of origins and echoes, and with reports=N its first N reports in order of appearance (at most 50) and `reportCount`; GET /api/statements/{id} pages through all of them.',
    parameters: [
      words('Only statements whose speaker or content holds these words.'),
      q('minReports', 'Only statements with at least this many reports.', { type: 'integer', minimum: 1, default: 1 }),
      q('article', 'Only statements with a report in this article (an id or a unique prefix).', ID),
      q('speaker', 'Only statements of this speaker (names are folded: Zelensky, Zelenskyy and President Zelenskiy are one).', { type: 'string', maxLength: 200 }),
      entityParam('statements whose speaker is'),
      q('reports', 'Reports to include with each statement, at most 50 (0: none, only the counts and the first report).', { type: 'integer', minimum: 0, default: 0 }),
      ...paging(),
    ],
    response: pageOf(ref('Statement')), errors: { 404: 'No such entity.' },
    handler: async (store, { query }, reply) => {
      let speakers = query.speaker ? [query.speaker as string] : undefined;
      if (query.entity != null) {
        const names = await entityNames(store, query.entity as number);
        if (!names) return notFound(reply, `entity ${query.entity}`);
        speakers = [...(speakers ?? []), ...names];
      }
      return store.listStatements({
        q: (query.q as string) || undefined, minReports: query.minReports as number, article: query.article as string | undefined, speakers,
        reports: Math.min(50, (query.reports as number) ?? 0), ...page(query),
      });
    },
  },
  {
    method: 'GET', url: '/api/statements/:id', operationId: 'getStatement', tag: 'statements', summary: 'One statement with a page of its reports',
    description: 'Reports in order of appearance (date, then storing order), each with its relay chain (speaker, relays farthest first, outlet), hedges, and role: an origin, or an echo with what it echoes and why (copies, cites, same-source).',
    parameters: [path('id', 'The statement id.', { type: 'string', minLength: 1, maxLength: 100 }), ...paging(200, 50)],
    response: ref('Statement'), errors: { 404: 'No such statement.' },
    handler: async (store, { params, query }, reply) => {
      const s = await store.getStatement(params.id, page(query, 200));
      return s ?? notFound(reply, `statement "${params.id}"`);
    },
  },
  {
    method: 'GET', url: '/api/entities', operationId: 'listEntities', tag: 'entities', summary: 'People, organisations, outlets, units and places, most mentioned first',
    description: 'One entity however it is spelt: its variants with their counts. Places carry their coordinates (the map asks for up to 500).',
    parameters: [
      q('kind', 'Only entities of this kind.', { type: 'string', enum: KINDS }),
      words('Only entities whose name or a variant contains these characters.'),
      ...paging(500),
    ],
    response: pageOf(ref('EntitySummary')),
    handler: (store, { query }) => store.entities({ kind: query.kind as MentionKind | undefined, q: (query.q as string) || undefined, ...page(query, 500) }),
  },
  {
    method: 'GET', url: '/api/entities/:id', operationId: 'getEntity', tag: 'entities', summary: 'One entity with its variants and the keys it owns (merges with their rule and reason)',
    parameters: [path('id', 'The entity id.', { type: 'integer', minimum: 1 })], response: ref('EntityDetail'), errors: { 404: 'No such entity.' },
    handler: async (store, { params }, reply) => (await store.entity(Number(params.id))) ?? notFound(reply, `entity ${params.id}`),
  },
  {
    method: 'GET', url: '/api/quantities', operationId: 'listQuantities', tag: 'numbers', summary: 'Numbers with claimant, place, date and article',
    description: 'Newest articles first, or with order=date by the date of the counted event (else of the article), oldest first: a figure over time.',
    parameters: [
      q('category', 'Only numbers of this category.', { type: 'string', enum: CATEGORIES }),
      q('place', 'Only numbers about an event at this gazetteer place (geonames:703448).', { type: 'string', maxLength: 100 }),
      q('claimant', 'Only numbers this claimant gives (case does not matter).', { type: 'string', maxLength: 200 }),
      q('vague', 'Include vague amounts ("tens of thousands").', { type: 'boolean', default: false }),
      q('order', 'article: newest articles first; date: by the event\'s date, oldest first.', { type: 'string', enum: ['article', 'date'], default: 'article' }),
      ...paging(500),
    ],
    response: pageOf(ref('QuantityRow')),
    handler: (store, { query }) => store.quantities({
      category: query.category as QuantityCategory | undefined, place: (query.place as string) || undefined, claimant: (query.claimant as string) || undefined,
      vague: query.vague as boolean, byDate: query.order === 'date', ...page(query, 500),
    }),
  },
  {
    method: 'GET', url: '/api/conflicts', operationId: 'listConflicts', tag: 'numbers', summary: 'Numbers about one thing that disagree: revisions and disagreements',
    parameters: [
      q('category', 'Only conflicts of this category.', { type: 'string', enum: CATEGORIES }),
      q('article', 'Only conflicts with a value in this article (an id or a unique prefix).', ID),
      ...paging(),
    ],
    response: pageOf(ref('Conflict')),
    handler: (store, { query }) => store.listConflicts({ category: query.category as string | undefined, article: query.article as string | undefined, ...page(query) }),
  },
  {
    method: 'GET', url: '/api/conflicts/:id', operationId: 'getConflict', tag: 'numbers', summary: 'One conflict with its values, who gave them, where and when',
    parameters: [path('id', 'The conflict id.', { type: 'string', minLength: 1, maxLength: 100 })], response: ref('Conflict'), errors: { 404: 'No such conflict.' },
    handler: async (store, { params }, reply) => (await store.getConflict(params.id)) ?? notFound(reply, `conflict "${params.id}"`),
  },
  {
    method: 'GET', url: '/api/reuse', operationId: 'listReuse', tag: 'reuse', summary: 'Article pairs that share text, the most shared first',
    description: 'With passages=true (and at most 20 a page) each pair carries the shared passages of both texts as offsets.',
    parameters: [
      q('article', 'Only pairs with this article (an id or a unique prefix).', ID),
      q('minShared', 'Only pairs whose shorter article shares at least this fraction (0..1).', { type: 'number', minimum: 0, maximum: 1 }),
      q('passages', 'Include the shared passages (offsets into both texts).', { type: 'boolean', default: false }),
      ...paging(),
    ],
    response: pageOf(ref('ReuseRow')),
    handler: (store, { query }) => {
      const passages = query.passages as boolean;
      return store.listReuse({ article: query.article as string | undefined, minShared: query.minShared as number | undefined, passages, ...page(query, passages ? 20 : 100) });
    },
  },
  {
    method: 'GET', url: '/api/graph', operationId: 'getGraph', tag: 'graph', summary: 'The provenance graph around a statement, an article or an entity',
    description: 'Speakers, relays, outlets and articles as nodes; "said to", "relayed by", "published by", "copied from" and "cites" as edges. Bounded: the statements in focus (one, or up to `statements` of an article or an entity, most reported first), up to `reports` reports of each, and the reuse among their articles. Article nodes carry role origin or echo.',
    parameters: [
      q('statement', 'The statement in focus.', { type: 'string', minLength: 1, maxLength: 100 }),
      q('article', 'The statements reported in this article (an id or a unique prefix).', ID),
      entityParam('statements of'),
      q('statements', 'At most this many statements (1..25).', { type: 'integer', minimum: 1, maximum: 25, default: 10 }),
      q('reports', 'At most this many reports of each statement (1..200).', { type: 'integer', minimum: 1, maximum: 200, default: 60 }),
    ],
    response: ref('Graph'), errors: { 404: 'No such statement, article or entity.' },
    handler: async (store, { query }, reply) => {
      const focus = query.statement != null ? { kind: 'statement' as const, id: query.statement as string }
        : query.article != null ? { kind: 'article' as const, id: query.article as string }
          : query.entity != null ? { kind: 'entity' as const, id: String(query.entity) } : null;
      if (!focus) return reply.code(400).send({ error: 'E_USAGE', message: 'give the graph a focus: ?statement=ID, ?article=ID or ?entity=ID' });
      const g = await neighbourhood(store, focus, { statements: query.statements as number, reports: query.reports as number });
      return g ?? notFound(reply, `${focus.kind} "${focus.id}"`);
    },
  },
];

/** The handler Fastify runs for a route of the table. */
export function handlerOf(route: ApiRoute, store: Store) {
  return (req: FastifyRequest, reply: FastifyReply) => route.handler(store, { query: (req.query ?? {}) as Query, params: (req.params ?? {}) as Record<string, string> }, reply);
}

/** The route's parameters as Fastify's validation schemas (querystring and params). */
export function validationOf(route: ApiRoute): { querystring?: Schema; params?: Schema } {
  const group = (where: 'query' | 'path') => {
    const ps = route.parameters.filter((p) => p.in === where);
    if (!ps.length) return undefined;
    return {
      type: 'object',
      properties: Object.fromEntries(ps.map((p) => [p.name, p.schema])),
      required: ps.filter((p) => p.required).map((p) => p.name),
      additionalProperties: where === 'query',
    };
  };
  const out: { querystring?: Schema; params?: Schema } = {};
  const qs = group('query');
  const ps = group('path');
  if (qs) out.querystring = qs;
  if (ps) out.params = ps;
  return out;
}
