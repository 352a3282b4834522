// Comparing a graph read back from a GEXF or GraphML file (by graphology's parsers) with the provenance
// graph it was written from: the same nodes, the same edges, the same attributes.
import assert from 'node:assert/strict';
import type { AbstractGraph as Graph } from 'graphology-types';
import type { ProvenanceGraph } from '../../src/link/graph.js';
import type { Statement, StatementReport } from '../../src/model.js';

/** Assert that `read` is `g`: nodes by key with kind, url and date; edges by source, target and kind with count, statements and share. */
export function assertSameGraph(read: Graph, g: ProvenanceGraph, o: { label: (key: string, attrs: Record<string, unknown>) => string }) {
  assert.equal(read.type, 'directed');
  assert.deepEqual(read.nodes().sort(), g.nodes().sort());
  for (const key of g.nodes()) {
    const want = g.getNodeAttributes(key);
    const got = read.getNodeAttributes(key);
    assert.equal(got.kind, want.kind, key);
    assert.equal(got.label, o.label(key, want as unknown as Record<string, unknown>), key);
    assert.equal(got.url ?? '', want.url ?? '', key);
    assert.equal(got.date ?? '', want.date ?? '', key);
    if (want.kind === 'article') assert.equal(got.article, key.slice('article:'.length));
  }
  const edges = (x: Graph) => x.mapEdges((_k: string, a: Record<string, unknown>, s: string, t: string) => `${s} -${a.kind}-> ${t}`).sort();
  assert.deepEqual(edges(read), edges(g as unknown as Graph));
  g.forEachEdge((_k, want, s, t) => {
    const k = read.edges(s, t).find((e: string) => read.getEdgeAttribute(e, 'kind') === want.kind)!;
    const got = read.getEdgeAttributes(k);
    assert.equal(got.count, want.count);
    assert.equal(typeof got.count, 'number');
    assert.equal(got.statements ?? '', want.statements);
    assert.equal(got.shared, want.shared);
  });
}

const report = (o: Partial<StatementReport> & Pick<StatementReport, 'article' | 'outlet' | 'via'>): StatementReport => ({
  attribution: 0, content: 'x', start: 0, end: 1, speaker: null, date: '2022-04-16', url: null, chain: [], hedges: [], role: 'origin', echoOf: null, reason: null, origin: 'o', ...o,
});

/** A statement whose names carry what XML must escape or cannot hold: quotes, ampersands, brackets, a control character, a lone surrogate. */
export const AWKWARD: Statement = {
  id: 's&<1>', speaker: 'Oleg "Mad Dog" O\'Brien & <Co>', speakerKey: null, content: 'x', first: { article: 'a1', attribution: 0, date: null, outlet: 'R&D <News>' }, origins: 1, echoes: 0,
  reports: [report({ article: 'a1', outlet: 'R&D <News>', via: ['Bell\u0007 Media', 'Half \uD800 Surrogate'], url: 'https://example.test/a?b=1&c=2' })],
};
