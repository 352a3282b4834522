// The provenance graph as GEXF 1.2 for Gephi, written by graphology-gexf: nodes with their kind (speaker,
// relay, outlet, article), label, URL and date; edges with their kind (said to, relayed by, published by,
// copied from, cites), their count as the edge weight, the statements they carry and, for copies, the share.
// The graph is built whole in memory and written as one string (what graphology-gexf does), within the bound
// of graph-export.ts.
import { write as writeGexf } from 'graphology-gexf';
import type { ProvenanceGraph } from '../link/graph.js';
import type { Store } from '../store/store.js';
import { put, type ExportOutput, type ExportScope, type Exporter } from './exporter.js';
import { edgeAttributes, graphDescription, nodeAttributes, scopedGraph, xmlSafeGraph } from './graph-export.js';

/** The graph as a GEXF 1.2 document. */
export function gexfDocument(graph: ProvenanceGraph, description: string): string {
  const g = xmlSafeGraph(graph);
  g.replaceAttributes({ creator: 'crosscheck', description, lastModifiedDate: new Date().toISOString().slice(0, 10) });
  return writeGexf(g, {
    version: '1.2',
    formatNode: (key, attrs) => {
      const a = nodeAttributes(key, attrs);
      return { label: String(a.label ?? key), attributes: a };
    },
    formatEdge: (_key, attrs) => {
      const a = edgeAttributes(attrs);
      return { label: String(a.kind), weight: attrs.count, attributes: a };
    },
  });
}

export const gexf: Exporter = {
  format: 'gexf',
  summary: 'the provenance graph as GEXF for Gephi: speakers, relays, outlets, articles; said to, relayed by, published by, copied from, cites',
  output: 'file',
  scope: ['statements', 'minReports', 'limit', 'minShared', 'maxElements'],
  linked: true,
  async write(store: Store, out: ExportOutput, scope: ExportScope = {}) {
    const g = await scopedGraph(store, scope);
    await put(out.open('provenance.gexf'), gexfDocument(g, graphDescription(scope)));
    return { nodes: g.order, edges: g.size };
  },
};
