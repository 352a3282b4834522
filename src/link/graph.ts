// The provenance graph: speakers, relays, outlets and articles as nodes; "said to", "relayed by",
// "published by", "copied from" and "cites" as edges. The data behind the UI's graph and the GEXF/GraphML
// exports: node and edge attributes are plain strings and numbers so that every writer can carry them.
import { DirectedGraph } from 'graphology';
import type { Reuse, Statement } from '../model.js';
import type { Store } from '../store/store.js';
import { sourceName } from './origins.js';

export type NodeKind = 'speaker' | 'relay' | 'outlet' | 'article';
export type EdgeKind = 'said to' | 'relayed by' | 'published by' | 'copied from' | 'cites';

export interface NodeAttributes {
  kind: NodeKind;
  label: string;
  /** For articles: URL, outlet and date where known ('' when not). */
  url?: string;
  date?: string;
}

export interface EdgeAttributes {
  kind: EdgeKind;
  /** How many reports (or reuse pairs) the edge stands for. */
  count: number;
  /** The statements the edge carries, space-separated ids ('' for reuse edges). */
  statements: string;
  /** For "copied from": the share of the shorter article found in the other. */
  shared?: number;
}

export type ProvenanceGraph = DirectedGraph<NodeAttributes, EdgeAttributes>;

const key = (kind: NodeKind, name: string) => `${kind}:${kind === 'article' ? name : name.toLowerCase()}`;

function node(g: ProvenanceGraph, kind: NodeKind, label: string, extra: Partial<NodeAttributes> = {}): string {
  const k = key(kind, kind === 'relay' || kind === 'outlet' ? sourceName(label) : label);
  if (!g.hasNode(k)) g.addNode(k, { kind, label: kind === 'relay' || kind === 'outlet' ? sourceName(label) : label, ...extra });
  return k;
}

function edge(g: ProvenanceGraph, kind: EdgeKind, from: string, to: string, statement: string | null, extra: Partial<EdgeAttributes> = {}): void {
  if (from === to) return;
  const k = `${kind}:${from}->${to}`;
  if (!g.hasEdge(k)) {
    g.addDirectedEdgeWithKey(k, from, to, { kind, count: 1, statements: statement ?? '', ...extra });
    return;
  }
  const a = g.getEdgeAttributes(k);
  const statements = statement && !a.statements.split(' ').includes(statement) ? (a.statements ? `${a.statements} ${statement}` : statement) : a.statements;
  g.mergeEdgeAttributes(k, { count: a.count + 1, statements });
}

/**
 * Build the graph from statements (each report's chain: speaker said to the farthest relay, relayed by each
 * nearer one, relayed by the article, published by its outlet; echoes that cite add "cites") and reuse pairs
 * (the later article "copied from" the earlier where the dates tell, else b from a).
 */
export function buildGraph(statements: Statement[], reuse: Reuse[] = []): ProvenanceGraph {
  const g: ProvenanceGraph = new DirectedGraph<NodeAttributes, EdgeAttributes>({ multi: false, allowSelfLoops: false });
  const reportArticle = new Map<string, string>();
  for (const s of statements) {
    for (const r of s.reports) {
      const article = node(g, 'article', r.article, { url: r.url ?? '', date: r.date ?? '' });
      reportArticle.set(`${r.article}#${r.attribution}`, article);
      if (r.outlet) edge(g, 'published by', article, node(g, 'outlet', r.outlet), null);
      const hops = [...r.via].reverse().map((v) => node(g, 'relay', v));
      const speaker = r.speaker ?? s.speaker;
      let at = speaker ? node(g, 'speaker', speaker) : null;
      for (const hop of [...hops, article]) {
        if (at) edge(g, at === hops[0] || !at.startsWith('speaker:') ? 'relayed by' : 'said to', at, hop, s.id);
        at = hop;
      }
    }
    for (const r of s.reports) {
      if (r.reason !== 'cites' || !r.echoOf) continue;
      const from = reportArticle.get(`${r.article}#${r.attribution}`);
      const to = reportArticle.get(`${r.echoOf.article}#${r.echoOf.attribution}`);
      if (from && to) edge(g, 'cites', from, to, s.id);
    }
  }
  for (const p of reuse) {
    const [later, earlier] = p.earlier === 'b' ? [p.a, p.b] : [p.b, p.a];
    edge(g, 'copied from', node(g, 'article', later), node(g, 'article', earlier), null, { shared: p.shared });
  }
  return g;
}

export interface GraphScope {
  /** Only these statements (ids); default: every statement with at least minReports reports. */
  statements?: string[];
  minReports?: number;
  /** Reuse pairs with at least this share (default 0.5: copies, not a shared quote). */
  minShared?: number;
  /** At most this many statements (the most reported first). */
  limit?: number;
}

/** The provenance graph of the store, or of a subset of its statements and the reuse among their articles. */
export async function provenanceGraph(store: Store, scope: GraphScope = {}): Promise<ProvenanceGraph> {
  let statements: Statement[];
  if (scope.statements) statements = (await Promise.all(scope.statements.map((id) => store.getStatement(id)))).filter((s): s is Statement => !!s);
  else statements = (await store.listStatements({ minReports: scope.minReports ?? 1, limit: scope.limit ?? Number.MAX_SAFE_INTEGER, offset: 0 })).items;
  const articles = new Set(statements.flatMap((s) => s.reports.map((r) => r.article)));
  const reuse: Reuse[] = [];
  const minShared = scope.minShared ?? 0.5;
  if (scope.statements) {
    for (const id of articles) for (const r of (await store.listReuse({ article: id, minShared, limit: 10_000, offset: 0 })).items) if (articles.has(r.a) && articles.has(r.b)) reuse.push(r);
  } else {
    for (let offset = 0; ; offset += 10_000) {
      const p = await store.listReuse({ minShared, limit: 10_000, offset });
      reuse.push(...p.items);
      if (p.items.length < 10_000) break;
    }
  }
  return buildGraph(statements, [...new Map(reuse.map((r) => [`${r.a} ${r.b}`, r])).values()]);
}
