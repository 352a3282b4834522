import assert from 'node:assert/strict';
import test from 'node:test';
import { buildGraph, GraphTooLarge, provenanceGraph } from '../../src/link/graph.js';
import type { Statement, StatementReport } from '../../src/model.js';
import { article, attribution, linkedStore, record } from './fixtures.js';
import { BACKENDS } from '../store/backends.js';

const report = (o: Partial<StatementReport> & Pick<StatementReport, 'article' | 'outlet' | 'via'>): StatementReport => ({
  attribution: 0, content: 'x', start: 0, end: 1, speaker: 'Aleksei', date: '2022-04-16', url: null, chain: [], hedges: [], role: 'origin', echoOf: null, reason: null, origin: 'o', ...o,
});

test('the provenance graph: speaker said to the relay, relayed by each hop, published by the outlet; cites and copied from', () => {
  const s: Statement = {
    id: 's1', speaker: 'Aleksei', speakerKey: 'aleksei', content: 'x', first: { article: 'a1', attribution: 0, date: null, outlet: 'Business Insider' }, origins: 1, echoes: 1,
    reports: [
      report({ article: 'a1', outlet: 'Business Insider', via: ['Security Service of Ukraine'] }),
      report({ article: 'a2', outlet: 'Daily Mail', via: ['The Mirror', 'Ukrainian intelligence'], role: 'echo', reason: 'cites', echoOf: { article: 'a1', attribution: 0 } }),
    ],
  };
  const g = buildGraph([s], [{ a: 'a1', b: 'a3', aInB: 1, bInA: 0.9, shared: 1, sharedShingles: 40, earlier: 'a', passages: { a: [], b: [] } }]);
  const edges = g.mapEdges((_e, attr, from, to) => `${from} -${attr.kind}-> ${to}`).sort();
  assert.deepEqual(edges, [
    'article:a1 -published by-> outlet:business insider',
    'article:a2 -cites-> article:a1',
    'article:a2 -published by-> outlet:daily mail',
    'article:a3 -copied from-> article:a1',
    'relay:security service of ukraine -relayed by-> article:a1',
    'relay:the mirror -relayed by-> article:a2',
    'relay:ukrainian intelligence -relayed by-> relay:the mirror',
    'speaker:aleksei -said to-> relay:security service of ukraine',
    'speaker:aleksei -said to-> relay:ukrainian intelligence',
  ]);
  assert.equal(g.getNodeAttribute('outlet:daily mail', 'kind'), 'outlet');
  assert.equal(g.getEdgeAttribute('speaker:aleksei', 'relay:security service of ukraine', 'statements'), 's1');
});

for (const backend of BACKENDS) test(`${backend.name}: provenanceGraph reads the store: every statement, or the ones asked for`, { skip: backend.skip }, async () => {
  const t1 = 'Headline\n\n"We are just meat thrown at the front," Panov told Mediazona in an interview.';
  const t2 = 'Another\n\n"We are just meat thrown at the front," Panov said, according to Mediazona.';
  const a = article(t1, { outlet: 'Mediazona', date: '2022-10-01' });
  const b = article(t2, { outlet: 'The Guardian', date: '2022-10-02' });
  const store = await linkedStore([
    record(a, [attribution(t1, 'We are just meat thrown at the front', { speaker: 'Dmitry Panov' })]),
    record(b, [attribution(t2, 'We are just meat thrown at the front', { speaker: 'Panov', via: ['Mediazona'] })]),
  ], 1, backend);
  const g = await provenanceGraph(store);
  assert.equal(g.getEdgeAttribute(`article:${b.id}`, `article:${a.id}`, 'kind'), 'cites');
  assert.ok(g.hasEdge(`speaker:dmitry panov`, `article:${a.id}`));
  const id = (await store.listStatements({ limit: 1, offset: 0 })).items[0].id;
  assert.equal((await provenanceGraph(store, { statements: [id] })).order, g.order);
  assert.equal((await provenanceGraph(store, { statements: ['nope'] })).order, 0);
  await store.close();
});

test('provenanceGraph: a narrowed scope keeps the reuse among its own articles; the bound stops the build', async () => {
  const t1 = 'Headline\n\n"We are just meat thrown at the front," Panov told Mediazona in an interview. The unit had lost half its men by March, and the rest were sent back to the front without rest or pay, he said.';
  const t2 = `${t1}\n\nThis story was first published by Mediazona.`;
  const t3 = 'Grain\n\n"Ships carrying grain will leave Odesa within days under the agreement," the minister said.';
  const a = article(t1, { outlet: 'Mediazona', date: '2022-10-01' });
  const b = article(t2, { outlet: 'Meduza', date: '2022-10-02' });
  const c = article(t3, { outlet: 'Reuters', date: '2022-10-03' });
  const store = await linkedStore([
    record(a, [attribution(t1, 'We are just meat thrown at the front', { speaker: 'Dmitry Panov' })]),
    record(b, [attribution(t2, 'We are just meat thrown at the front', { speaker: 'Panov' })]),
    record(c, [attribution(t3, 'Ships carrying grain will leave Odesa within days under the agreement', { speaker: 'the minister' })]),
  ]);
  const whole = await provenanceGraph(store);
  assert.equal(whole.getEdgeAttribute(`article:${b.id}`, `article:${a.id}`, 'kind'), 'copied from');
  // The most reported statement alone: its two articles and the copy between them, not the grain article.
  const top = await provenanceGraph(store, { limit: 1 });
  assert.ok(top.hasEdge(`article:${b.id}`, `article:${a.id}`));
  assert.ok(!top.hasNode(`article:${c.id}`));
  assert.deepEqual((await provenanceGraph(store, { minReports: 2 })).nodes().sort(), top.nodes().sort());
  // Without the copy: a share the pair does not reach.
  assert.ok(!(await provenanceGraph(store, { limit: 1, minShared: 1.01 })).hasEdge(`article:${b.id}`, `article:${a.id}`));
  await assert.rejects(provenanceGraph(store, { maxElements: whole.order + whole.size - 1 }), (e: unknown) => e instanceof GraphTooLarge && e.maxElements === whole.order + whole.size - 1);
  assert.equal((await provenanceGraph(store, { maxElements: whole.order + whole.size })).size, whole.size);
  await store.close();
});
