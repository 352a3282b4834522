// Statements: the attributions of one utterance across articles, grouped however they are reworded or
// translated ("the only option is surrender" / "The only thing we could really do, was surrender").
// A new attribution is compared with the stored statements that share its rarest terms (each through the
// terms of its first report); it joins the most similar one when their speakers can be the same person and the rarer words of the shorter
// one are mostly in the other; otherwise it starts a statement. Each statement then gets its speaker, its
// first appearance, and the roles of its reports (origins.ts).
import type { Attribution } from '../model.js';
import type { ReusePassages } from '../model.js';
import type { LinkItem, LinkWrite, StatementCandidate, Store, StoredReuse } from '../store/store.js';
import { classifyReports, ORIGINS_DEFAULTS, type OriginReport } from './origins.js';
import { sharedPassages } from './reuse.js';
import { NOT, terms } from './terms.js';

export interface StatementOptions {
  /** Attributions with fewer distinct terms than this form no statement ("he said so"). */
  minTerms: number;
  /** Weighted share of the shorter side's terms that the other must hold … */
  minSimilarity: number;
  /** … and weighted share of both sides' terms together (so a short statement cannot join any long one). */
  minOverlap: number;
  /** Rarest terms of a new attribution looked up, and statements taken per term (the latest). */
  queryTerms: number;
  perTerm: number;
  /** Rarest terms of a new statement indexed for later lookups. */
  indexTerms: number;
}

export const STATEMENT_DEFAULTS: StatementOptions = { minTerms: 3, minSimilarity: 0.6, minOverlap: 0.3, queryTerms: 3, perTerm: 10, indexTerms: 4 };

const TITLES = new Set(`mr mrs ms miss dr president prime minister general gen lieutenant lt colonel col major maj captain capt sergeant sgt
private commander chief deputy foreign defence defense secretary spokesman spokeswoman spokesperson chancellor senator sen rep governor
gov mayor sir lord lady former head director ambassador official officer soldier leader`.split(/\s+/));

function fold(token: string): string {
  return token
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ks/g, 'x')
    .replace(/kh/g, 'h')
    .replace(/(iy|yy|yi|ij|ii)$/, 'y')
    .replace(/(ey|ej)$/, 'ei');
}

/**
 * A speaker's name normalised for comparison: titles dropped, case, diacritics and common transliteration
 * differences folded (Zelensky, Zelenskiy, Zelenskyy). Null for descriptions and pronouns ("a captured
 * soldier", "he"), which can be anyone. Entity resolution will replace this with an entity id.
 */
export function speakerKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const bare = name.trim().replace(/^(the|a|an)\s+/i, '');
  if (!/^\p{Lu}/u.test(bare)) return null;
  const tokens = bare
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((t) => t && !TITLES.has(t.replace(/\.$/, '')))
    .map(fold);
  return tokens.length ? tokens.join(' ') : null;
}

/** Whether two speaker keys can be one person: either is unknown, or they share a name of three letters or more. */
export function sameSpeaker(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const x = a.split(' ');
  return b.split(' ').some((t) => t.length >= 3 && x.includes(t));
}

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * Similarity of two term sets: the weight of the shared terms over the weight of the smaller side (`contained`)
 * and over the weight of both sides together (`overlap`), each term weighted by its rarity. Zero when one short
 * side is negated and the other is not, when both carry numbers and none agree, or when they share fewer than
 * three terms (or fewer than all of a side's terms).
 */
export function similarity(a: string[], b: string[], weight: (t: string) => number): { contained: number; overlap: number } {
  const zero = { contained: 0, overlap: 0 };
  if (a.includes(NOT) !== b.includes(NOT) && Math.min(a.length, b.length) <= 5) return zero;
  const na = a.filter((t) => /\d/.test(t));
  const nb = b.filter((t) => /\d/.test(t));
  if (na.length && nb.length && !na.some((t) => nb.includes(t))) return zero;
  const sb = new Set(b);
  let shared = 0;
  let count = 0;
  let wa = 0;
  let wb = 0;
  for (const t of a) {
    wa += weight(t);
    if (sb.has(t)) { shared += weight(t); count++; }
  }
  for (const t of b) wb += weight(t);
  if (count < Math.min(3, a.length, b.length)) return zero;
  return { contained: shared / Math.min(wa, wb), overlap: shared / (wa + wb - shared) };
}

/** Rarity weight of a term held by `n` of `total` stored reports. */
export const idf = (n: number, total: number) => Math.log((total + 1) / (n + 0.5)) + 1;

interface Prepared {
  attribution: Attribution;
  index: number;
  id: number;
  terms: string[];
  key: string | null;
}

/** Assign each attribution of a new article to a statement (a stored one, one of this article's, or a new one). */
export async function assignStatements(store: Store, item: LinkItem, o: StatementOptions = STATEMENT_DEFAULTS): Promise<LinkWrite['statements']> {
  const out: LinkWrite['statements'] = { created: [], reports: [] };
  const prepared: Prepared[] = [];
  (item.analysis?.attributions ?? []).forEach((a, index) => {
    const id = item.attributionIds[index];
    const t = unique(terms(a.content));
    if (id != null && t.length >= o.minTerms) prepared.push({ attribution: a, index, id, terms: t, key: speakerKey(a.speaker?.name) });
  });
  if (!prepared.length) return out;
  const counts = await store.termCounts('statement', [...prepared.flatMap((p) => p.terms), '']);
  const total = counts.get('') ?? 0;
  const rarity = (t: string) => counts.get(t) ?? 0;
  const candidates = new Map<number, StatementCandidate[]>();
  for (const p of prepared) {
    const rare = p.terms.filter((t) => rarity(t) > 0).sort((x, y) => rarity(x) - rarity(y) || (x < y ? -1 : 1)).slice(0, o.queryTerms);
    candidates.set(p.id, rare.length ? await store.statementCandidates(rare, o.perTerm) : []);
  }
  // The rarity of every term a candidate holds, for the weights.
  // (A statement found for several attributions is looked at once.)
  const missing = new Set<string>();
  const seen = new Set<StatementCandidate>();
  for (const list of candidates.values()) {
    for (const c of list) {
      if (seen.has(c)) continue;
      seen.add(c);
      for (const t of c.terms) if (!counts.has(t)) missing.add(t);
    }
  }
  if (missing.size) for (const [t, n] of await store.termCounts('statement', [...missing])) counts.set(t, n);
  const weight = (t: string) => idf(rarity(t), total);

  // Statements this article starts or names, so that its later attributions see them as they will be stored.
  const local = new Map<string, StatementCandidate>();
  for (const p of prepared) {
    let best: { statement: string; score: number } | null = null;
    for (const stored of [...candidates.get(p.id)!, ...local.values()]) {
      const c = local.get(stored.statement) ?? stored;
      if (!sameSpeaker(p.key, c.speakerKey)) continue;
      const { contained, overlap } = similarity(p.terms, c.terms, weight);
      if (contained >= o.minSimilarity && overlap >= o.minOverlap && (!best || contained > best.score)) best = { statement: c.statement, score: contained };
    }
    if (best && p.key) {
      const c = local.get(best.statement) ?? [...candidates.get(p.id)!].find((x) => x.statement === best!.statement)!;
      if (!c.speakerKey) local.set(c.statement, { ...c, speakerKey: p.key });
    }
    const statement = best?.statement ?? `${item.article.id}-${p.index}`;
    if (!best) {
      const indexTerms = [...p.terms].sort((x, y) => rarity(x) - rarity(y) || (x < y ? -1 : 1)).slice(0, o.indexTerms);
      const a = p.attribution;
      const report: OriginReport = { id: p.id, article: item.article.id, seq: item.seq, index: p.index, outlet: item.article.outlet, date: item.article.date, speaker: a.speaker?.name ?? null, via: a.via, start: a.start, end: a.end };
      const [role] = classifyReports([report], []);
      out.created.push({ id: statement, speaker: a.speaker?.name ?? null, speakerKey: p.key, content: a.content, terms: p.terms, indexTerms, first: { attributionId: p.id, date: item.article.date, origin: role.origin, chain: role.chain } });
      local.set(statement, { statement, speakerKey: p.key, terms: p.terms });
    }
    out.reports.push({ attributionId: p.id, statement, speakerKey: p.key, terms: p.terms });
  }
  return out;
}

function mostCommon(xs: string[]): string | null {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  let best: string | null = null;
  for (const [x, c] of n) if (best == null || c > n.get(best)!) best = x;
  return best;
}

/**
 * What recomputing many statements in a row shares: the reuse pairs among one set of articles (the statements
 * one article's attributions start are reported by the same articles) and the shared passages of one pair,
 * which depend only on the two stored texts. Kept for one refresh (bounded), never across writes of reuse.
 */
export class RefreshCache {
  readonly reuse = new Map<string, StoredReuse[]>();
  readonly passages = new Map<string, ReusePassages>();
  constructor(readonly limit = 20_000) {}
  remember<K, V>(m: Map<K, V>, k: K, v: V): V {
    if (m.size >= this.limit) m.clear();
    m.set(k, v);
    return v;
  }
}

/** Recompute a statement from its reports: speaker, first appearance, origins and echoes. */
export async function refreshStatement(store: Store, id: string, cache: RefreshCache = new RefreshCache()): Promise<void> {
  const reports = await store.statementReports(id);
  if (!reports.length) return;
  const seqs = unique(reports.map((r) => String(r.seq))).map(Number);
  const among = seqs.join(' ');
  const reuse = (cache.reuse.get(among) ?? cache.remember(cache.reuse, among, await store.reuseAmong(seqs))).map((p) => ({ ...p }));
  // Where the share alone does not make a copy, the passages tell whether more than the quote was copied.
  const partial = reuse.filter((p) => p.shared < ORIGINS_DEFAULTS.minShared);
  const todo = partial.filter((p) => !cache.passages.has(`${p.aSeq} ${p.bSeq}`));
  if (todo.length) {
    const texts = new Map((await store.linkArticles(unique(todo.flatMap((p) => [String(p.aSeq), String(p.bSeq)])).map(Number))).map((a) => [a.seq, a.text]));
    for (const p of todo) if (texts.has(p.aSeq) && texts.has(p.bSeq)) cache.remember(cache.passages, `${p.aSeq} ${p.bSeq}`, sharedPassages(texts.get(p.aSeq)!, texts.get(p.bSeq)!));
  }
  for (const p of partial) {
    const passages = cache.passages.get(`${p.aSeq} ${p.bSeq}`);
    if (passages) p.passages = passages;
  }
  const roles = classifyReports(reports.map((r) => ({ ...r, id: r.attributionId })), reuse);
  const named = reports.filter((r) => speakerKey(r.speaker));
  const speaker = mostCommon((named.length ? named : reports).map((r) => r.speaker).filter((s): s is string => !!s));
  const first = reports.find((r) => r.attributionId === roles[0].id)!;
  await store.saveStatement(id, {
    speaker,
    speakerKey: speakerKey(speaker),
    content: first.content,
    first: first.attributionId,
    firstDate: first.date,
    origins: new Set(roles.map((r) => r.origin)).size,
    echoes: roles.filter((r) => r.role === 'echo').length,
    reports: roles.map((r) => ({ attributionId: r.id, role: r.role, echoOf: r.echoOf, reason: r.reason, origin: r.origin, chain: r.chain })),
  });
}
