// The provenance graph as GraphML (http://graphml.graphdrawing.org/), for Cytoscape, yEd, NetworkX, igraph
// and Gephi. graphology-graphml reads GraphML but has no writer, so this one is written here, to the
// GraphML 1.0 schema: one <key> per attribute, with the type graph-export.ts declares for it (an attribute
// it does not know is typed from its values: int, long, double, boolean, else string), declared before the graph; a directed <graph>; each node and edge with one <data> per attribute it has. Every string
// is escaped, and characters XML 1.0 does not allow are written as \uXXXX (graph-export.ts). The graph is
// built in memory within the bound of graph-export.ts; the file is written element by element, never as one string.
import type { ProvenanceGraph } from '../link/graph.js';
import type { Store } from '../store/store.js';
import { put, type ExportOutput, type ExportScope, type Exporter } from './exporter.js';
import { EDGE_FIELDS, edgeAttributes, graphDescription, NODE_FIELDS, nodeAttributes, scopedGraph, xmlEscape, xmlSafeGraph, type Attributes } from './graph-export.js';

type KeyType = 'boolean' | 'int' | 'long' | 'double' | 'string';

const INT32 = 2 ** 31;

function typeOf(v: string | number | boolean): KeyType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? (v >= -INT32 && v < INT32 ? 'int' : 'long') : 'double';
  return 'string';
}

/** The type that holds both: numbers widen (int, long, double); anything else mixed is a string. */
function widen(a: KeyType | undefined, b: KeyType): KeyType {
  if (!a || a === b) return b;
  const numbers: KeyType[] = ['int', 'long', 'double'];
  if (numbers.includes(a) && numbers.includes(b)) return numbers[Math.max(numbers.indexOf(a), numbers.indexOf(b))];
  return 'string';
}

interface Key {
  id: string;
  name: string;
  type: KeyType;
}

/**
 * The keys of one element class: the attributes the graph declares, with their types, then any other attribute
 * the elements carry, typed from its values.
 */
function model(prefix: string, declared: Record<string, KeyType>, elements: Iterable<Attributes>): Key[] {
  const seen = new Set<string>();
  const inferred = new Map<string, KeyType>();
  for (const a of elements) {
    for (const [k, v] of Object.entries(a)) {
      seen.add(k);
      if (!(k in declared)) inferred.set(k, widen(inferred.get(k), typeOf(v)));
    }
  }
  const types: [string, KeyType][] = [...Object.entries(declared).filter(([k]) => seen.has(k)), ...inferred];
  return types.map(([name, type], i) => ({ id: `${prefix}${i}`, name, type }));
}

const value = (v: string | number | boolean) => (typeof v === 'string' ? xmlEscape(v) : String(v));

function data(keys: Key[], a: Attributes): string {
  let out = '';
  for (const k of keys) if (k.name in a) out += `<data key="${k.id}">${value(a[k.name])}</data>`;
  return out;
}

/** Write the graph as GraphML to a stream, element by element. Returns the counts written. */
export async function writeGraphml(graph: ProvenanceGraph, stream: NodeJS.WritableStream, description: string): Promise<{ nodes: number; edges: number }> {
  const g = xmlSafeGraph(graph);
  const nodeAttrs = function* () {
    for (const { node, attributes } of g.nodeEntries()) yield nodeAttributes(node, attributes);
  };
  const edgeAttrs = function* () {
    for (const { attributes } of g.edgeEntries()) yield edgeAttributes(attributes);
  };
  const nodeKeys = model('n', NODE_FIELDS, nodeAttrs());
  const edgeKeys = model('e', EDGE_FIELDS, edgeAttrs());
  // Elements are gathered into chunks of about 64 kB before they are written.
  let chunk = '';
  const emit = async (s: string) => {
    chunk += s;
    if (chunk.length >= 65_536) {
      await put(stream, chunk);
      chunk = '';
    }
  };
  await emit('<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    + ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    + '  <key id="g0" for="graph" attr.name="description" attr.type="string"/>\n');
  for (const [cls, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const k of keys) await emit(`  <key id="${k.id}" for="${cls}" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>\n`);
  }
  await emit(`  <graph id="provenance" edgedefault="directed">\n    <data key="g0">${xmlEscape(description)}</data>\n`);
  let nodes = 0;
  for (const { node, attributes } of g.nodeEntries()) {
    await emit(`    <node id="${xmlEscape(node)}">${data(nodeKeys, nodeAttributes(node, attributes))}</node>\n`);
    nodes++;
  }
  let edges = 0;
  for (const { edge, attributes, source, target } of g.edgeEntries()) {
    await emit(`    <edge id="${xmlEscape(edge)}" source="${xmlEscape(source)}" target="${xmlEscape(target)}">${data(edgeKeys, edgeAttributes(attributes))}</edge>\n`);
    edges++;
  }
  await put(stream, chunk + '  </graph>\n</graphml>\n');
  return { nodes, edges };
}

export const graphml: Exporter = {
  format: 'graphml',
  summary: 'the provenance graph as GraphML for Cytoscape, yEd, NetworkX and Gephi, node and edge kinds as attributes',
  output: 'file',
  scope: ['statements', 'minReports', 'limit', 'minShared', 'maxElements'],
  linked: true,
  async write(store: Store, out: ExportOutput, scope: ExportScope = {}) {
    const g = await scopedGraph(store, scope);
    return writeGraphml(g, out.open('provenance.graphml'), graphDescription(scope));
  },
};
