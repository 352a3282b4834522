import assert from 'node:assert/strict';
import test from 'node:test';
import { DirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { gexf, gexfDocument } from '../../src/export/gexf.js';
import { buildGraph, GraphTooLarge, provenanceGraph } from '../../src/link/graph.js';
import { AWKWARD, assertSameGraph } from './graph-check.js';
import { memoryOutput } from './store-fixture.js';
import { statementStore } from './statement-fixture.js';

const label = (key: string, a: Record<string, unknown>) => String(a.kind === 'article' && a.url ? a.url : a.label);

test('gexf: the provenance graph, read back by graphology-gexf, is the graph the store gives', async () => {
  const { store, records } = await statementStore();
  const out = memoryOutput();
  const counts = await gexf.write(store, out);
  const xml = out.files.get('provenance.gexf')!.text;
  const want = await provenanceGraph(store);
  const read = parse(DirectedGraph, xml);
  assert.deepEqual(counts, { nodes: want.order, edges: want.size });
  assertSameGraph(read, want, { label });
  // The edge weight is the count of reports the edge stands for; the file says what it is.
  const sbuToBi = read.edges('relay:security service of ukraine', `article:${records.bi.article.id}`)[0];
  assert.equal(read.getEdgeAttribute(sbuToBi, 'weight'), 1);
  assert.equal(read.getAttribute('creator'), 'crosscheck');
  assert.match(read.getAttribute('description') as string, /statements with at least 1 report/);
  assert.ok(read.hasEdge(`article:${records.yahoo.article.id}`, `article:${records.bi.article.id}`), 'Yahoo copied from Business Insider');
  assert.equal(read.getEdgeAttribute(`article:${records.yahoo.article.id}`, `article:${records.bi.article.id}`, 'kind'), 'copied from');
  assert.equal(read.getEdgeAttribute(`article:${records.mail.article.id}`, `article:${records.mirror.article.id}`, 'kind'), 'cites');
  await store.close();
});

test('gexf: names with quotes, ampersands, brackets and characters XML cannot hold still give a file the parser reads', () => {
  const g = buildGraph([AWKWARD]);
  const read = parse(DirectedGraph, gexfDocument(g, 'test & <check>'));
  assert.equal(read.order, g.order);
  assert.equal(read.getNodeAttribute('speaker:oleg "mad dog" o\'brien & <co>', 'label'), 'Oleg "Mad Dog" O\'Brien & <Co>');
  assert.equal(read.getNodeAttribute('outlet:r&d <news>', 'label'), 'R&D <News>');
  assert.ok(read.hasNode('relay:bell\\u0007 media'), 'a control character is written as \\u0007');
  assert.ok(read.hasNode('relay:half \\uD800 surrogate'));
  assert.equal(read.getNodeAttribute('article:a1', 'label'), 'https://example.test/a?b=1&c=2');
  assert.equal(read.getAttribute('description'), 'test & <check>');
});

test('gexf: a graph past the bound is refused while it is built, with what to do', async () => {
  const { store } = await statementStore();
  await assert.rejects(gexf.write(store, memoryOutput(), { maxElements: 5 }), (e: unknown) => e instanceof GraphTooLarge && e.code === 'E_GRAPH_TOO_LARGE' && /more than 5 nodes and edges .*narrow it/.test(e.message));
  const narrow = memoryOutput();
  const counts = await gexf.write(store, narrow, { minReports: 2 });
  const read = parse(DirectedGraph, narrow.files.get('provenance.gexf')!.text);
  assert.equal(read.order, counts.nodes);
  assert.ok(!read.someNode((k) => k.startsWith('speaker:ned price')), 'the one-report statement is left out');
  await store.close();
});
