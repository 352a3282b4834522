// The HTTP API over a store of written fixtures: the OpenAPI document describes every route and resolves,
// docs/API.md is what the document renders to, every list is bounded, bad parameters are 400s that name them,
// and the statement, attribution, graph and conflict endpoints answer with what the fixtures hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { ingestText } from '../../src/pipeline.js';
import { ROUTES } from '../../src/server/api.js';
import { apiMarkdown } from '../../src/server/api-doc.js';
import { buildServer } from '../../src/server/index.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers.js';

const ARTICLES = [
  { title: 'Intercepted call', date: '2022-04-15', url: 'https://kyivindependent.com/intercept-klimovo',
    text: "Ukraine's Security Service released an intercepted call on Friday. In the call, a Russian soldier said his unit had been ordered to shell the Russian border town of Klimovo to blame Ukraine for the attack.\n\nThe soldier told his wife that seven people were wounded in Klimovo." },
  { title: 'Soldier claims', date: '2022-04-17', url: 'https://www.dailymail.co.uk/news/klimovo-claim',
    text: 'A Russian soldier said his unit had been ordered to shell the Russian border town of Klimovo to blame Ukraine, according to the Kyiv Independent.\n\nRussian officials said 12 people were wounded in Klimovo.' },
];

let store: SqliteStore;
let app: ReturnType<typeof buildServer>;
const get = async (url: string) => { const r = await app.inject({ url }); return { status: r.statusCode, body: r.json() as any }; };

before(async () => {
  store = new SqliteStore(join(tempDir(), 'api.db'));
  await ingestText(store, ARTICLES.map((a) => JSON.stringify(a)).join('\n'), { path: 'fixture.jsonl', format: 'jsonl' });
  app = buildServer(store, { webRoot: WEB_ROOT, readsPerMinute: 0 });
});
after(async () => { await app.close(); await store.close(); });

test('the OpenAPI document covers every route, and every reference in it resolves', async () => {
  const { status, body: doc } = await get('/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(doc.openapi, '3.0.3');
  for (const r of ROUTES) assert.ok(doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.get, `${r.url} documented`);
  assert.ok(doc.paths['/api/ingest'].post);
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
  assert.ok(refs.length > 30);
  for (const r of refs) assert.ok(doc.components.schemas[r], `schema ${r} exists`);
  assert.equal(readFileSync(join(WEB_ROOT, '..', 'docs', 'API.md'), 'utf8'), apiMarkdown(openApiDocument(doc.info.version)), 'docs/API.md is up to date: run npm run build && node scripts/api-doc.mjs');
  const page = await app.inject({ url: '/api/docs' });
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/);
});

test('every list is a bounded page', async () => {
  const lists = ['/api/articles', '/api/search?q=Klimovo', '/api/attributions', '/api/statements', '/api/entities', '/api/quantities', '/api/conflicts', '/api/reuse'];
  for (const url of lists) {
    const { status, body } = await get(`${url}${url.includes('?') ? '&' : '?'}limit=100000`);
    assert.equal(status, 200, url);
    for (const p of url.startsWith('/api/search') ? [body.articles, body.attributions] : [body]) {
      assert.ok(p.limit <= 500 && p.items.length <= p.limit && typeof p.total === 'number', `${url}: limit ${p.limit}`);
    }
  }
  assert.equal((await get('/api/articles?limit=100000')).body.limit, 100);
  const s = (await get('/api/statements?minReports=2&q=Klimovo')).body.items[0];
  const one = (await get(`/api/statements/${encodeURIComponent(s.id)}?limit=1`)).body;
  assert.equal(one.reports.length, 1);
  assert.ok(one.reportCount >= 2);
  const next = (await get(`/api/statements/${encodeURIComponent(s.id)}?limit=1&offset=1`)).body;
  assert.notDeepEqual(next.reports[0], one.reports[0], 'the next page holds the next report');
});

test('bad parameters are 400s that name the parameter', async () => {
  for (const [url, name] of [['/api/articles?limit=abc', 'limit'], ['/api/quantities?category=nope', 'category'], ['/api/articles?from=yesterday', 'from'], ['/api/entities/abc', 'id'], ['/api/graph?statements=99&statement=x', 'statements']]) {
    const { status, body } = await get(url);
    assert.equal(status, 400, url);
    assert.equal(body.error, 'E_USAGE');
    assert.match(body.message, new RegExp(name), url);
  }
  assert.equal((await get('/api/graph')).status, 400);
  for (const url of ['/api/statements/nosuch', '/api/conflicts/nosuch', '/api/entities/999999', '/api/graph?statement=nosuch', '/api/attributions?entity=999999']) assert.equal((await get(url)).status, 404, url);
});

test('statements, attributions, graph and conflicts answer with the relay, the echo and the disagreement', async () => {
  const st = (await get('/api/statements?q=Klimovo&minReports=2&reports=10')).body.items.find((s: any) => /ordered to shell/.test(s.content));
  assert.ok(st, 'the relayed statement');
  const dm = st.reports.find((r: any) => r.outlet === 'Daily Mail');
  assert.equal(dm.role, 'echo');
  assert.equal(dm.reason, 'cites');
  assert.deepEqual(dm.chain.slice(-2), ['Kyiv Independent', 'Daily Mail']);
  const said = (await get('/api/attributions?speaker=Russian%20officials')).body;
  assert.ok(said.items.length >= 1 && said.items.every((x: any) => x.speaker.toLowerCase() === 'russian officials'));
  const g = (await get(`/api/graph?statement=${encodeURIComponent(st.id)}`)).body;
  const roles = g.nodes.filter((n: any) => n.kind === 'article').map((n: any) => n.role).sort();
  assert.deepEqual([...new Set(roles)], ['echo', 'origin']);
  assert.ok(g.edges.some((e: any) => e.kind === 'cites'));
  const articleGraph = (await get(`/api/graph?article=${dm.article}&statements=1&reports=1`)).body;
  assert.equal(articleGraph.statements.length, 1, 'bounded by statements=1');
  const c = (await get('/api/conflicts?category=wounded')).body.items[0];
  assert.equal(c.kind, 'disagreement');
  assert.deepEqual(c.values.map((v: any) => v.value).sort((a: number, b: number) => a - b), [7, 12]);
  assert.equal((await get(`/api/conflicts/${encodeURIComponent(c.id)}`)).body.id, c.id);
  const detail = (await get(`/api/articles/${dm.article}`)).body;
  assert.ok(detail.links.attributions.some((x: any) => x.statement === st.id && x.role === 'echo'));
  assert.ok(detail.links.quantities.some((x: any) => x.group === c.id && x.conflict));
  const overTime = (await get('/api/quantities?category=wounded&order=date')).body.items.map((q: any) => q.value);
  assert.deepEqual(overTime, [7, 12]);
});
