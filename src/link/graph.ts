// The provenance graph: speakers, relays, outlets and articles as nodes; "said to", "relayed by",
// "published by", "copied from" and "cites" as edges. The data behind the UI's graph and the GEXF/GraphML
// exports: node and edge attributes are plain strings and numbers so that every writer can carry them.
import { DirectedGraph } from 'graphology';
import type { Reuse, Statement } from '../model.js';
import { CrosscheckError } from '../errors.js';
import type { ReuseRow, Store } from '../store/store.js';
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

/** An empty provenance graph, to fill with addStatement and addReuse. */
export function emptyGraph(): ProvenanceGraph {
  return new DirectedGraph<NodeAttributes, EdgeAttributes>({ multi: false, allowSelfLoops: false });
}

/**
 * Add one statement: each report's chain (speaker said to the farthest relay, relayed by each nearer one,
 * relayed by the article, published by its outlet), and "cites" from each echo that cites to the report it cites.
 */
export function addStatement(g: ProvenanceGraph, s: Statement): void {
  const reportArticle = new Map<string, string>();
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

/** A reuse pair, with the articles' dates and references when the store gives them (a ReuseRow). */
export type GraphReuse = Reuse & Partial<Pick<ReuseRow, 'aRef' | 'bRef' | 'aDate' | 'bDate'>>;

const isWebAddress = (ref: string | undefined) => !!ref && /^https?:\/\//i.test(ref);

/** Add one reuse pair: the later article "copied from" the earlier where the dates tell, else b from a. */
export function addReuse(g: ProvenanceGraph, p: GraphReuse): void {
  const article = (id: string, ref: string | undefined, date: string | null | undefined) =>
    node(g, 'article', id, { url: isWebAddress(ref) ? ref : '', date: date ?? '' });
  const a = article(p.a, p.aRef, p.aDate);
  const b = article(p.b, p.bRef, p.bDate);
  const [later, earlier] = p.earlier === 'b' ? [a, b] : [b, a];
  edge(g, 'copied from', later, earlier, null, { shared: p.shared });
}

/**
 * Build the graph from statements (addStatement) and reuse pairs (addReuse).
 */
export function buildGraph(statements: Statement[], reuse: GraphReuse[] = []): ProvenanceGraph {
  const g = emptyGraph();
  for (const s of statements) addStatement(g, s);
  for (const p of reuse) addReuse(g, p);
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
  /**
   * Stop with GraphTooLarge as soon as the graph holds more nodes and edges than this (default: no bound), so
   * that a graph too big for its reader is refused before it fills the memory.
   */
  maxElements?: number;
}

/** The graph asked for is larger than the bound: what it held when building stopped, and how to narrow it. */
export class GraphTooLarge extends CrosscheckError {
  constructor(readonly maxElements: number, readonly nodes: number, readonly edges: number) {
    super('E_GRAPH_TOO_LARGE', `the provenance graph has more than ${maxElements.toLocaleString('en')} nodes and edges (building stopped at ${nodes.toLocaleString('en')} nodes and ${edges.toLocaleString('en')} edges); narrow it to statements with more reports, fewer statements or the ones named, or to closer copies, or raise the bound`);
    this.name = 'GraphTooLarge';
  }
}

const PAGE = 1000;

/**
 * The provenance graph of the store, or of a subset of its statements. The whole store's graph has every reuse
 * pair (articles with no statement included); a subset (statements named, a limit, or more than one report)
 * has the reuse among its own articles. Statements and reuse pairs are read a page at a time.
 */
export async function provenanceGraph(store: Store, scope: GraphScope = {}): Promise<ProvenanceGraph> {
  const g = emptyGraph();
  const max = scope.maxElements ?? Number.POSITIVE_INFINITY;
  const check = () => {
    if (g.order + g.size > max) throw new GraphTooLarge(max, g.order, g.size);
  };
  const minReports = scope.minReports ?? 1;
  const articles = new Set<string>();
  const add = (s: Statement) => {
    addStatement(g, s);
    for (const r of s.reports) articles.add(r.article);
    check();
  };
  if (scope.statements) {
    for (const id of new Set(scope.statements)) {
      const s = await store.getStatement(id);
      if (s) add(s);
    }
  } else {
    const limit = scope.limit ?? Number.MAX_SAFE_INTEGER;
    for (let offset = 0; offset < limit; ) {
      const want = Math.min(PAGE, limit - offset);
      const p = await store.listStatements({ minReports, limit: want, offset });
      p.items.forEach(add);
      offset += p.items.length;
      if (p.items.length < want) break;
    }
  }
  const minShared = scope.minShared ?? 0.5;
  const narrowed = !!scope.statements || scope.limit != null || minReports > 1;
  const pairs = async function* (article?: string) {
    for (let offset = 0; ; offset += 10_000) {
      const p = await store.listReuse({ minShared, article, limit: 10_000, offset });
      yield* p.items;
      if (p.items.length < 10_000) break;
    }
  };
  if (narrowed) {
    const seen = new Set<string>();
    for (const id of articles) {
      for await (const r of pairs(id)) {
        const k = `${r.a} ${r.b}`;
        if (seen.has(k) || !articles.has(r.a) || !articles.has(r.b)) continue;
        seen.add(k);
        addReuse(g, r);
        check();
      }
    }
  } else {
    for await (const r of pairs()) {
      addReuse(g, r);
      check();
    }
  }
  return g;
}
