import assert from 'node:assert/strict';
import test from 'node:test';
import { DirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { graphml, writeGraphml } from '../../src/export/graphml.js';
import { buildGraph, provenanceGraph } from '../../src/link/graph.js';
import { Capture } from '../helpers.js';
import { AWKWARD, assertSameGraph } from './graph-check.js';
import { memoryOutput } from './store-fixture.js';
import { statementStore } from './statement-fixture.js';

const label = (_key: string, a: Record<string, unknown>) => String(a.kind === 'article' && a.url ? a.url : a.label);

test('graphml: the provenance graph, read back by graphology-graphml, is the graph the store gives, with typed attributes', async () => {
  const { store, records } = await statementStore();
  const out = memoryOutput();
  const counts = await graphml.write(store, out);
  const xml = out.files.get('provenance.graphml')!.text;
  const want = await provenanceGraph(store);
  const read = parse(DirectedGraph, xml);
  assert.deepEqual(counts, { nodes: want.order, edges: want.size });
  assertSameGraph(read, want, { label });
  // Keys are declared with their types: count an int, shared a double, the rest strings.
  const keys = [...xml.matchAll(/<key id="(\w+)" for="(\w+)" attr\.name="([^"]+)" attr\.type="(\w+)"\/>/g)].map((m) => `${m[2]}.${m[3]}:${m[4]}`).sort();
  assert.deepEqual(keys, ['edge.count:int', 'edge.kind:string', 'edge.shared:double', 'edge.statements:string', 'graph.description:string', 'node.article:string', 'node.date:string', 'node.kind:string', 'node.label:string', 'node.url:string']);
  const copied = read.edge(`article:${records.yahoo.article.id}`, `article:${records.bi.article.id}`)!;
  assert.equal(read.getEdgeAttribute(copied, 'kind'), 'copied from');
  assert.ok((read.getEdgeAttribute(copied, 'shared') as number) > 0.5);
  assert.match(read.getAttribute('description') as string, /crosscheck provenance graph/);
  await store.close();
});

test('graphml: names with quotes, ampersands, brackets and characters XML cannot hold still give a file the parser reads', async () => {
  const g = buildGraph([AWKWARD]);
  const out = new Capture();
  await writeGraphml(g, out, 'test & <check>');
  const read = parse(DirectedGraph, out.text);
  assert.equal(read.order, g.order);
  assert.equal(read.size, g.size);
  assert.equal(read.getNodeAttribute('speaker:oleg "mad dog" o\'brien & <co>', 'label'), 'Oleg "Mad Dog" O\'Brien & <Co>');
  assert.ok(read.hasNode('relay:bell\\u0007 media'));
  assert.ok(read.hasNode('relay:half \\uD800 surrogate'));
  assert.equal(read.getNodeAttribute('article:a1', 'url'), 'https://example.test/a?b=1&c=2');
  assert.equal(read.getEdgeAttribute('speaker:oleg "mad dog" o\'brien & <co>', 'relay:half \\uD800 surrogate', 'statements'), 's&<1>');
  assert.equal(read.getAttribute('description'), 'test & <check>');
});

test('graphml: a large graph is written in chunks, and the file ends complete', async () => {
  const many = Array.from({ length: 400 }, (_, i) => ({ ...AWKWARD, id: `s${i}`, reports: AWKWARD.reports.map((r) => ({ ...r, article: `a${i}` })) }));
  const g = buildGraph(many);
  const writes: string[] = [];
  const out = new Capture();
  const write = out.write.bind(out);
  out.write = ((chunk: string, ...rest: never[]) => (writes.push(chunk), write(chunk, ...rest))) as typeof out.write;
  const counts = await writeGraphml(g, out, '');
  assert.ok(writes.length > 1 && writes.length < 20, `${writes.length} writes`);
  assert.deepEqual(counts, { nodes: g.order, edges: g.size });
  assert.equal(parse(DirectedGraph, out.text).size, g.size);
  assert.ok(out.text.endsWith('</graphml>\n'));
});
