// The provenance graph the API serves: a bounded neighbourhood (the statements of one statement, article or
// entity, a capped number of reports of each, and the reuse among their articles), built by src/link/graph.ts
// and sent as nodes and edges. Article nodes say whether they hold an independent origin or only echoes.
import { buildGraph } from '../link/graph.js';
import type { Reuse, Statement } from '../model.js';
import type { Store } from '../store/store.js';

export interface GraphFocus {
  kind: 'statement' | 'article' | 'entity';
  id: string;
}

export interface GraphLimits {
  /** Statements of an article or entity, the most reported first. */
  statements: number;
  /** Reports of each statement, in order of appearance. */
  reports: number;
}

export interface GraphJson {
  focus: GraphFocus;
  statements: { id: string; speaker: string | null; content: string; origins: number; echoes: number; reportCount: number }[];
  nodes: ({ key: string } & Record<string, unknown>)[];
  edges: { key: string; source: string; target: string; kind: string; count: number; statements: string; shared?: number }[];
  truncated: boolean;
}

/** Reuse pairs looked up for each article of the neighbourhood, at most. */
const REUSE_PER_ARTICLE = 30;

async function statementsInFocus(store: Store, focus: GraphFocus, limits: GraphLimits): Promise<{ statements: Statement[]; more: boolean } | null> {
  const reports = limits.reports;
  if (focus.kind === 'statement') {
    const s = await store.getStatement(focus.id, { limit: reports, offset: 0 });
    return s ? { statements: [s], more: false } : null;
  }
  if (focus.kind === 'article') {
    if (!(await store.get(focus.id))) return null;
    const p = await store.listStatements({ article: focus.id, reports, limit: limits.statements, offset: 0 });
    return { statements: p.items, more: p.total > p.items.length };
  }
  const e = await store.entity(Number(focus.id));
  if (!e) return null;
  const names = [...new Set([e.name, ...e.variants.map((v) => v.text)])];
  const p = await store.listStatements({ speakers: names, reports, limit: limits.statements, offset: 0 });
  return { statements: p.items, more: p.total > p.items.length };
}

export async function neighbourhood(store: Store, focus: GraphFocus, limits: GraphLimits): Promise<GraphJson | null> {
  const found = await statementsInFocus(store, focus, limits);
  if (!found) return null;
  const { statements } = found;
  const articles = new Set(statements.flatMap((s) => s.reports.map((r) => r.article)));
  const reuse = new Map<string, Reuse>();
  for (const id of articles) {
    const p = await store.listReuse({ article: id, minShared: 0.5, limit: REUSE_PER_ARTICLE, offset: 0 });
    for (const r of p.items) if (articles.has(r.a) && articles.has(r.b)) reuse.set(`${r.a} ${r.b}`, r);
  }
  const g = buildGraph(statements, [...reuse.values()]);
  // An article is an origin when one of its reports (of the statements shown) has first-hand access.
  const origin = new Set<string>();
  for (const s of statements) for (const r of s.reports) if (r.role === 'origin') origin.add(`article:${r.article}`);
  const nodes = g.mapNodes((key, a) => ({ key, ...a, ...(a.kind === 'article' ? { role: origin.has(key) ? 'origin' : 'echo' } : {}) }));
  const edges = g.mapEdges((key, a, source, target) => ({ key, source, target, ...a }));
  const truncated = found.more || statements.some((s) => (s.reportCount ?? s.reports.length) > s.reports.length);
  return {
    focus,
    statements: statements.map((s) => ({ id: s.id, speaker: s.speaker, content: s.content, origins: s.origins, echoes: s.echoes, reportCount: s.reportCount ?? s.reports.length })),
    nodes,
    edges,
    truncated,
  };
}
