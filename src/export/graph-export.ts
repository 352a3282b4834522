// What the two graph exports (gexf.ts, graphml.ts) share: the provenance graph (src/link/graph.ts) of the
// scope asked for, bounded; the attributes as they are written (a node's kind, label, URL and date; an
// edge's kind, count, statements and share); and strings made safe for XML.
//
// The bound: a graph file is read whole by the tools it is for (Gephi, Cytoscape, yEd, NetworkX), and the
// graph is built in memory before it is written, deduplicating nodes and merging edges across statements.
// A store of 100,000 articles makes a graph of a few hundred thousand nodes and over a million edges, more
// than such tools lay out, and graphology-gexf holds about 3.6 kB a node or edge while it writes (measured,
// docs/RESULTS.md; the GraphML writer streams), so the export stops at DEFAULT_MAX_ELEMENTS nodes and edges
// together (checked while the graph is built, before it is big: about 2 GB for GEXF at the bound) and says how to narrow it:
// --min-reports 2 (statements reported more than once, where provenance is), --limit N (the most reported),
// --statement ID, --min-shared (copies only), or --max-elements to raise the bound.
import { emptyGraph, provenanceGraph, type ProvenanceGraph } from '../link/graph.js';
import type { Store } from '../store/store.js';
import type { ExportScope } from './exporter.js';

export const DEFAULT_MAX_ELEMENTS = 500_000;

export type Attributes = Record<string, string | number | boolean>;

/**
 * The attributes the graph's nodes and edges have (src/link/graph.ts) with their types, for formats that
 * declare types: a count is an integer and a share a real number whatever values a given graph happens to hold.
 */
export const NODE_FIELDS: Record<string, 'string' | 'int' | 'double'> = { kind: 'string', label: 'string', url: 'string', date: 'string', article: 'string' };
export const EDGE_FIELDS: Record<string, 'string' | 'int' | 'double'> = { kind: 'string', count: 'int', statements: 'string', shared: 'double' };

/** The provenance graph of the scope, refused past the bound (GraphTooLarge). */
export function scopedGraph(store: Store, scope: ExportScope = {}): Promise<ProvenanceGraph> {
  return provenanceGraph(store, { ...scope, maxElements: scope.maxElements ?? DEFAULT_MAX_ELEMENTS });
}

/** The graph with XML-safe node and edge keys (they hold names from the texts): itself when they are, else a copy. */
export function xmlSafeGraph(g: ProvenanceGraph): ProvenanceGraph {
  if (g.everyNode((k) => xmlSafe(k) === k) && g.everyEdge((k) => xmlSafe(k) === k)) return g;
  const safe = emptyGraph();
  g.forEachNode((k, a) => safe.addNode(xmlSafe(k), a));
  g.forEachEdge((k, a, from, to) => safe.addDirectedEdgeWithKey(xmlSafe(k), xmlSafe(from), xmlSafe(to), a));
  return safe;
}

// Characters XML 1.0 does not allow: controls other than tab, line feed and return; lone surrogates; U+FFFE and U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string XML can carry: each character XML 1.0 does not allow written as \uXXXX (so that distinct ids stay distinct). */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A string escaped for XML text and attribute values, after xmlSafe. */
export function xmlEscape(s: string): string {
  return xmlSafe(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function clean(attrs: object): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === '') continue;
    if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else out[k] = xmlSafe(String(v));
  }
  return out;
}

/** A node's attributes as written: kind, label (an article's URL where known, else its id), URL and date. */
export function nodeAttributes(key: string, attrs: object): Attributes {
  const a = clean(attrs);
  if (a.kind === 'article') {
    a.article = key.slice('article:'.length);
    if (a.url) a.label = a.url;
  }
  return a;
}

/** An edge's attributes as written: kind, count (how many reports or pairs), statements, shared. */
export const edgeAttributes = (attrs: object): Attributes => clean(attrs);

/** The graph's description for the file's metadata: what the export holds. */
export function graphDescription(scope: ExportScope): string {
  const parts = [
    scope.statements ? `statements ${scope.statements.join(', ')}` : `statements with at least ${scope.minReports ?? 1} report${(scope.minReports ?? 1) === 1 ? '' : 's'}${scope.limit != null ? `, the ${scope.limit} most reported` : ''}`,
    `reuse pairs sharing at least ${Math.round((scope.minShared ?? 0.5) * 100)}% of the shorter article`,
  ];
  return `crosscheck provenance graph: ${parts.join('; ')}. Nodes: speaker, relay, outlet, article (attribute "kind"); edges: said to, relayed by, published by, copied from, cites (attribute "kind"; "count" the reports or pairs it stands for).`;
}
