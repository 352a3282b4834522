// The PostgreSQL side of linking across articles (src/link/): the same indexes, writes and queries as the SQLite
// store's (../sqlite/link.ts), for many processes. Every linking transaction holds the store's link lock, so that
// one linker at a time, on any machine, reads and advances the linked mark; linking stops short of the first
// article whose job is not done, so that it goes in storing order whatever order the workers finish in. The
// caches of one process (term counts, statements' terms, stopped fingerprints) are dropped when another process
// has linked since.
import { AsyncLocalStorage } from 'node:async_hooks';
import { conflictFromRow, linkArticleFromRow, reportFromRow, reuseFromRow, storedReportFromRow } from '../rows.js';
import type { Conflict, Statement } from '../../model.js';
import { articleRef, sharedPassages } from '../../link/reuse.js';
import { speakerKey } from '../../link/statements.js';
import type {
  ConflictQuery, LinkArticle, LinkItem, LinkStore, LinkWrite, Page, QuantityCandidate, ReportPage, ReuseQuery, ReuseRow, StatementCandidate,
  StatementQuery, StoredReport, StoredReuse,
} from '../store.js';
import { LOCKS, type PgDb, type Row } from './db.js';
import { ID_SPAN } from './migrations.js';

/** Past every seq: nothing waits. */
const NO_BOUND = Number.MAX_SAFE_INTEGER;

/** Sorted 32-bit hashes to a little-endian buffer and back. */
function toBytes(xs: Uint32Array): Buffer {
  const b = Buffer.alloc(xs.length * 4);
  for (let i = 0; i < xs.length; i++) b.writeUInt32LE(xs[i], i * 4);
  return b;
}
function fromBytes(b: Buffer): Uint32Array {
  const out = new Uint32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}
/** 32-bit hashes as PostgreSQL integers (signed) and back. */
const signed = (xs: Iterable<number>) => Array.from(xs, (x) => x | 0);
const unsigned = (x: number) => x >>> 0;

type Kind = 'statement' | 'quantity';

export class PgLinkStore implements LinkStore {
  // Term counts as stored plus what this process added in the open transaction; written when it commits.
  private readonly counts = { statement: new Map<string, number>(), quantity: new Map<string, number>() };
  private readonly pendingCounts = { statement: new Map<string, number>(), quantity: new Map<string, number>() };
  // The terms of statements' first reports never change; their link keys change only in commitLink.
  private readonly statementCache = new Map<number, StatementCandidate>();
  private stops: Set<number> | null = null;
  /** The linked mark this process last wrote: when the store's differs, another process linked and the caches are stale. */
  private knownMark: number | null = null;

  constructor(private readonly db: PgDb) {}

  private clearCaches(): void {
    for (const k of ['statement', 'quantity'] as const) {
      this.counts[k].clear();
      this.pendingCounts[k].clear();
    }
    this.statementCache.clear();
    this.stops = null;
  }

  private async mark(): Promise<number> {
    return (await this.db.value<number>("SELECT value FROM link_state WHERE name = 'linked_through'", [], 'link_mark'))!;
  }

  /** Whether the caller runs inside a link transaction (of its own async context). */
  private get inLink(): boolean {
    return this.linking.getStore() === true;
  }
  private readonly linking = new AsyncLocalStorage<boolean>();

  async linkTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inLink) return fn();
    return this.db.transaction(() => this.linking.run(true, async () => {
      try {
        const mark = await this.mark();
        if (mark !== this.knownMark) this.clearCaches();
        this.knownMark = mark;
        const out = await fn();
        await this.flushCounts();
        if (this.pendingMark != null) await this.db.query("UPDATE link_state SET value = greatest(value, $1) WHERE name = 'linked_through'", [this.pendingMark], 'set_mark');
        this.pendingMark = null;
        this.knownMark = await this.mark();
        return out;
      } catch (e) {
        this.clearCaches();
        this.knownMark = null;
        this.pendingMark = null;
        throw e;
      }
    }), [LOCKS.link]);
  }

  /** The first seq linking may not reach: the first article of the earliest job not done (under the allocation lock, shared). */
  async bound(): Promise<number> {
    return this.db.shared(LOCKS.allocate, async () =>
      (await this.db.value<number | null>("SELECT min(first_seq) FROM jobs WHERE state IN ('queued', 'running')", [], 'link_bound')) ?? NO_BOUND);
  }

  private async stopSet(): Promise<Set<number>> {
    return (this.stops ??= new Set((await this.db.column<number>('SELECT hash FROM reuse_stop')).map(unsigned)));
  }

  private async flushCounts(): Promise<void> {
    for (const kind of ['statement', 'quantity'] as const) {
      const pending = this.pendingCounts[kind];
      if (pending.size) {
        await this.db.query(`INSERT INTO term_counts (kind, term, n) SELECT $1, t, n FROM unnest($2::text[], $3::int[]) AS v(t, n)
          ON CONFLICT (kind, term) DO UPDATE SET n = term_counts.n + excluded.n`, [kind, [...pending.keys()], [...pending.values()]], 'flush_counts');
      }
      pending.clear();
      if (this.counts[kind].size > 500_000) this.counts[kind].clear();
    }
  }

  async linkBacklog(limit: number): Promise<LinkItem[]> {
    const mark = await this.mark();
    const bound = await this.bound();
    const rows = await this.db.query(`SELECT seq, id, key, version, title, url, outlet, date, text, source_path, source_line, source_row, raw_hash, analysis
      FROM articles WHERE seq > $1 AND seq < $2 ORDER BY seq LIMIT $3`, [mark, bound, limit], 'link_backlog');
    const ids = (seq: number, n: number) => Array.from({ length: n }, (_, i) => seq * ID_SPAN + i);
    return rows.map((r) => {
      const analysis = (r.analysis as LinkItem['analysis']) ?? null;
      const seq = r.seq as number;
      return {
        seq,
        article: linkArticleFromRow(r),
        analysis,
        // Every record of an analysis is stored with the article, under the id seq·2^20 + index.
        attributionIds: ids(seq, analysis?.attributions.length ?? 0),
        quantityIds: ids(seq, analysis?.quantities.length ?? 0),
      };
    });
  }

  async reuseCandidates(fingerprints: Uint32Array, maxPostings: number) {
    const rows = await this.db.query<{ hash: number; article_seq: number }>(`SELECT f.hash, f.article_seq FROM reuse_fingerprints f WHERE f.hash = ANY($1::int[])
      AND NOT EXISTS (SELECT 1 FROM reuse_stop s WHERE s.hash = f.hash)`, [signed(fingerprints)], 'reuse_postings');
    const perHash = new Map<number, number>();
    for (const r of rows) perHash.set(r.hash, (perHash.get(r.hash) ?? 0) + 1);
    const stopped: number[] = [];
    for (const [h, n] of perHash) if (n > maxPostings) stopped.push(unsigned(h));
    const hits = new Map<number, number>();
    for (const r of rows) if (perHash.get(r.hash)! <= maxPostings) hits.set(r.article_seq, (hits.get(r.article_seq) ?? 0) + 1);
    const candidates: { seq: number; hits: number; fingerprints: number }[] = [];
    if (hits.size) {
      for (const r of await this.db.query('SELECT article_seq, fingerprints FROM reuse_signatures WHERE article_seq = ANY($1::bigint[]) ORDER BY article_seq', [[...hits.keys()]], 'reuse_counts')) {
        candidates.push({ seq: r.article_seq as number, hits: hits.get(r.article_seq as number)!, fingerprints: r.fingerprints as number });
      }
    }
    return { candidates, stopped };
  }

  async linkArticles(seqs: number[]): Promise<LinkArticle[]> {
    if (!seqs.length) return [];
    return (await this.db.query('SELECT seq, id, key, url, outlet, date, source_path, text FROM articles WHERE seq = ANY($1::bigint[]) ORDER BY seq', [seqs], 'link_articles')).map((r) => ({
      seq: r.seq as number, id: r.id as string, key: r.key as string, url: (r.url as string) ?? null, outlet: (r.outlet as string) ?? null,
      date: (r.date as string) ?? null, sourcePath: r.source_path as string, text: r.text as string,
    }));
  }

  async reuseSignatures(seqs: number[]) {
    if (!seqs.length) return [];
    return (await this.db.query(`SELECT a.seq, a.id, a.key, a.date, s.shingle_set FROM reuse_signatures s JOIN articles a ON a.seq = s.article_seq
      WHERE s.article_seq = ANY($1::bigint[]) ORDER BY a.seq`, [seqs], 'reuse_signatures')).map((r) => ({
      seq: r.seq as number, id: r.id as string, key: r.key as string, date: (r.date as string) ?? null, shingles: fromBytes(r.shingle_set as Buffer),
    }));
  }

  async termCounts(kind: Kind, terms: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const cache = this.counts[kind];
    const unique = [...new Set(terms)];
    const missing = unique.filter((t) => !cache.has(t));
    if (missing.length) {
      const stored = new Map((await this.db.query('SELECT term, n FROM term_counts WHERE kind = $1 AND term = ANY($2::text[])', [kind, missing], 'term_counts')).map((r) => [r.term as string, r.n as number]));
      for (const t of missing) cache.set(t, (stored.get(t) ?? 0) + (this.pendingCounts[kind].get(t) ?? 0));
    }
    for (const t of unique) {
      const n = cache.get(t)!;
      if (n) out.set(t, n);
    }
    return out;
  }

  private addCounts(kind: Kind, deltas: Map<string, number>): void {
    for (const [t, n] of deltas) {
      this.pendingCounts[kind].set(t, (this.pendingCounts[kind].get(t) ?? 0) + n);
      const c = this.counts[kind].get(t);
      if (c !== undefined) this.counts[kind].set(t, c + n);
    }
  }

  async statementCandidates(terms: string[], perTerm: number): Promise<StatementCandidate[]> {
    if (!terms.length) return [];
    // Term by term, the latest statements first, as the SQLite store finds them.
    const seqs = [...new Set(await this.db.column<number>(`SELECT p.statement_seq FROM unnest($1::text[]) WITH ORDINALITY t(term, ord)
      CROSS JOIN LATERAL (SELECT statement_seq FROM statement_terms s WHERE s.term = t.term ORDER BY statement_seq DESC LIMIT $2) p
      ORDER BY t.ord, p.statement_seq DESC`, [terms, perTerm], 'statement_postings'))];
    const missing = seqs.filter((s) => !this.statementCache.has(s));
    if (missing.length) {
      if (this.statementCache.size > 200_000) this.statementCache.clear();
      for (const r of await this.db.query('SELECT seq, id, link_key, terms FROM statements WHERE seq = ANY($1::bigint[])', [missing], 'statement_terms')) {
        this.statementCache.set(r.seq as number, { statement: r.id as string, speakerKey: (r.link_key as string) ?? null, terms: (r.terms as string).split(' ') });
      }
    }
    return seqs.map((s) => this.statementCache.get(s)!).filter(Boolean);
  }

  async quantityCandidates(category: string, terms: string[], from: string, to: string, perTerm: number): Promise<QuantityCandidate[]> {
    if (!terms.length) return [];
    const ids = [...new Set(await this.db.column<number>(`SELECT p.quantity_id FROM unnest($2::text[]) WITH ORDINALITY t(term, ord)
      CROSS JOIN LATERAL (SELECT quantity_id FROM quantity_terms q WHERE q.category = $1 AND q.term = t.term AND q.date BETWEEN $3 AND $4
        ORDER BY q.date DESC, q.quantity_id DESC LIMIT $5) p`, [category, terms, from, to, perTerm], 'quantity_postings'))];
    if (!ids.length) return [];
    return (await this.db.query(`SELECT m.quantity_id, g.id, m.facts FROM quantity_group_members m JOIN quantity_groups g ON g.seq = m.group_seq
      WHERE m.quantity_id = ANY($1::bigint[]) ORDER BY m.quantity_id`, [ids], 'quantity_candidates')).map((r) => ({ quantityId: r.quantity_id as number, group: r.id as string, facts: r.facts }));
  }

  async commitLink(w: LinkWrite): Promise<void> {
    if (!this.inLink) return this.linkTransaction(() => this.commitLink(w));
    const db = this.db;
    // Few round trips an article: each group of writes is one statement (data-modifying WITH clauses).
    const stop = await this.stopSet();
    for (const h of w.reuse.stopped) stop.add(h);
    const fps = [...w.reuse.fingerprints].filter((h) => !stop.has(h));
    const p = w.reuse.pairs;
    await db.query(`WITH sig AS (
        INSERT INTO reuse_signatures (article_seq, shingles, fingerprints, shingle_set) VALUES ($1, $2, $3, $4)
        ON CONFLICT (article_seq) DO UPDATE SET shingles = excluded.shingles, fingerprints = excluded.fingerprints, shingle_set = excluded.shingle_set),
      stops AS (
        INSERT INTO reuse_stop (hash, postings) SELECT h, (SELECT count(*) FROM reuse_fingerprints f WHERE f.hash = h) FROM unnest($5::int[]) h ON CONFLICT DO NOTHING),
      fps AS (
        INSERT INTO reuse_fingerprints (hash, article_seq) SELECT h, $1 FROM unnest($6::int[]) h ON CONFLICT DO NOTHING),
      pairs AS (
        INSERT INTO reuse (a_seq, b_seq, a_in_b, b_in_a, shared, shared_shingles, earlier)
        SELECT * FROM unnest($7::bigint[], $8::bigint[], $9::float8[], $10::float8[], $11::float8[], $12::int[], $13::text[])
        ON CONFLICT (a_seq, b_seq) DO UPDATE SET a_in_b = excluded.a_in_b, b_in_a = excluded.b_in_a, shared = excluded.shared,
          shared_shingles = excluded.shared_shingles, earlier = excluded.earlier)
      SELECT 1`,
    [w.seq, w.reuse.shingles.length, w.reuse.fingerprints.length, toBytes(w.reuse.shingles), signed(w.reuse.stopped), signed(fps),
      p.map((x) => x.aSeq), p.map((x) => x.bSeq), p.map((x) => x.aInB), p.map((x) => x.bInA), p.map((x) => x.shared), p.map((x) => x.sharedShingles), p.map((x) => x.earlier)],
    'commit_reuse');
    const counts = { statement: new Map<string, number>(), quantity: new Map<string, number>() };
    const count = (kind: Kind, terms: Iterable<string>) => {
      const m = counts[kind];
      for (const t of new Set(terms)) m.set(t, (m.get(t) ?? 0) + 1);
      m.set('', (m.get('') ?? 0) + 1);
    };

    // New statements, their index terms, and their first reports (origins, nothing to recompute).
    const firsts = new Set<number>();
    const c = w.statements.created;
    if (c.length) {
      const terms = c.flatMap((x) => x.indexTerms.map((t) => [x.id, t]));
      for (const id of await db.column<number>(`WITH made AS (
          INSERT INTO statements (id, speaker, speaker_key, link_key, content, terms, first_attribution, first_date, reports, origins, echoes)
          SELECT id, speaker, k, k, content, terms, first, first_date, 1, 1, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
            AS v(id, speaker, k, content, terms, first, first_date)
          ON CONFLICT (id) DO NOTHING RETURNING id, seq),
        indexed AS (
          INSERT INTO statement_terms (term, statement_seq) SELECT t.term, made.seq FROM unnest($8::text[], $9::text[]) AS t(id, term) JOIN made ON made.id = t.id
          ON CONFLICT DO NOTHING),
        firsts AS (
          INSERT INTO statement_reports (attribution_id, statement_seq, article_seq, speaker_key, role, origin, chain)
          SELECT v.first, made.seq, $12, v.k, 'origin', v.o, v.c::json FROM unnest($1::text[], $6::bigint[], $3::text[], $10::text[], $11::text[]) AS v(id, first, k, o, c)
            JOIN made ON made.id = v.id
          ON CONFLICT DO NOTHING RETURNING attribution_id)
        SELECT attribution_id FROM firsts`,
      [c.map((x) => x.id), c.map((x) => x.speaker), c.map((x) => x.speakerKey), c.map((x) => x.content), c.map((x) => x.terms.join(' ')),
        c.map((x) => x.first.attributionId), c.map((x) => x.first.date), terms.map((t) => t[0]), terms.map((t) => t[1]),
        c.map((x) => x.first.origin), c.map((x) => JSON.stringify(x.first.chain)), w.seq], 'commit_statements')) firsts.add(id);
    }
    // Further reports: each joins its statement, which waits for recomputation.
    const later = w.statements.reports.filter((r) => !firsts.has(r.attributionId));
    for (const r of w.statements.reports) if (firsts.has(r.attributionId)) count('statement', r.terms);
    if (later.length) {
      const joined = new Map((await db.query(`WITH joined AS (
          INSERT INTO statement_reports (attribution_id, statement_seq, article_seq, speaker_key)
          SELECT v.a, s.seq, $4, v.k FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS v(a, st, k, ord) JOIN statements s ON s.id = v.st ORDER BY v.ord
          ON CONFLICT DO NOTHING RETURNING attribution_id, statement_seq),
        dirty AS (
          INSERT INTO link_dirty (kind, id) SELECT DISTINCT 'statement', statement_seq FROM joined ON CONFLICT DO NOTHING)
        SELECT attribution_id, statement_seq FROM joined`,
      [later.map((r) => r.attributionId), later.map((r) => r.statement), later.map((r) => r.speakerKey), w.seq], 'commit_reports')).map((x) => [x.attribution_id as number, x.statement_seq as number]));
      const named = new Map<number, string>();
      for (const r of later) {
        const seq = joined.get(r.attributionId);
        if (seq == null) continue;
        count('statement', r.terms);
        // A statement first reported with an unnamed speaker takes the first name a report gives.
        if (r.speakerKey && !named.has(seq)) named.set(seq, r.speakerKey);
      }
      if (named.size) {
        for (const seq of await db.column<number>(`UPDATE statements s SET link_key = v.k, speaker_key = coalesce(s.speaker_key, v.k)
          FROM unnest($1::bigint[], $2::text[]) AS v(seq, k) WHERE s.seq = v.seq AND s.link_key IS NULL RETURNING s.seq`, [[...named.keys()], [...named.values()]], 'name_statements')) {
          this.statementCache.delete(seq);
        }
      }
    }

    // Quantities: new groups, members, their index terms; the groups they join wait for recomputation.
    const m = w.quantities.members;
    if (m.length || w.quantities.created.length) {
      const terms = m.flatMap((x) => x.indexTerms.map((t) => [x.quantityId, x.category, t, x.date ?? ''] as const));
      const added = new Set(await db.column<number>(`WITH made AS (
          INSERT INTO quantity_groups (id, category, about) SELECT id, c, '[]' FROM unnest($1::text[], $2::text[]) AS v(id, c) ON CONFLICT (id) DO NOTHING RETURNING id, seq),
        grp AS (SELECT id, seq FROM made UNION ALL SELECT g.id, g.seq FROM quantity_groups g WHERE g.id = ANY($4::text[])),
        members AS (
          INSERT INTO quantity_group_members (quantity_id, group_seq, article_seq, date, facts)
          SELECT v.q, grp.seq, $7, v.d, v.f::json FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS v(q, grp, d, f, ord)
            JOIN grp ON grp.id = v.grp ORDER BY v.ord
          ON CONFLICT DO NOTHING RETURNING quantity_id, group_seq),
        indexed AS (
          INSERT INTO quantity_terms (category, term, date, quantity_id)
          SELECT t.c, t.term, t.d, t.q FROM unnest($8::bigint[], $9::text[], $10::text[], $11::text[]) AS t(q, c, term, d) JOIN members ON members.quantity_id = t.q
          ON CONFLICT DO NOTHING),
        dirty AS (
          INSERT INTO link_dirty (kind, id) SELECT DISTINCT 'group', group_seq FROM members ON CONFLICT DO NOTHING)
        SELECT quantity_id FROM members`,
      [w.quantities.created.map((g) => g.id), w.quantities.created.map((g) => g.category),
        m.map((x) => x.quantityId), m.map((x) => x.group), m.map((x) => x.date), m.map((x) => JSON.stringify(x.facts)), w.seq,
        terms.map((t) => t[0]), terms.map((t) => t[1]), terms.map((t) => t[2]), terms.map((t) => t[3])], 'commit_quantities'));
      for (const x of m) if (added.has(x.quantityId)) count('quantity', x.terms);
    }
    for (const kind of ['statement', 'quantity'] as const) this.addCounts(kind, counts[kind]);
    // The linked mark is written with the term counts when the link transaction ends.
    this.pendingMark = Math.max(this.pendingMark ?? 0, w.seq);
  }
  private pendingMark: number | null = null;

  async dirtyLinks(): Promise<{ statements: string[]; groups: string[] }> {
    const out = { statements: [] as string[], groups: [] as string[] };
    for (const r of await this.db.query(`SELECT d.kind, coalesce(s.id, g.id) AS id FROM link_dirty d
      LEFT JOIN statements s ON d.kind = 'statement' AND s.seq = d.id LEFT JOIN quantity_groups g ON d.kind = 'group' AND g.seq = d.id ORDER BY d.kind, d.id`)) {
      if (r.id == null) continue;
      (r.kind === 'statement' ? out.statements : out.groups).push(r.id as string);
    }
    return out;
  }

  private async statementSeq(id: string): Promise<number | undefined> {
    return this.db.value<number>('SELECT seq FROM statements WHERE id = $1', [id], 'statement_seq');
  }

  async statementReports(statement: string): Promise<StoredReport[]> {
    const seq = await this.statementSeq(statement);
    if (seq == null) return [];
    return (await this.db.query(`SELECT r.attribution_id, a.seq, a.id AS article, t.idx, a.url, a.outlet, a.date, t.content, t.start, t."end", t.speaker_name, t.via, t.hedges
      FROM statement_reports r JOIN attributions t ON t.id = r.attribution_id JOIN articles a ON a.seq = r.article_seq
      WHERE r.statement_seq = $1 ORDER BY a.seq, t.idx`, [seq], 'statement_reports')).map((r) => storedReportFromRow(r, 'attribution_id', (v) => v));
  }

  async reuseAmong(seqs: number[]): Promise<StoredReuse[]> {
    if (seqs.length < 2) return [];
    return (await this.db.query(`SELECT r.*, a.id AS a_id, b.id AS b_id FROM reuse r JOIN articles a ON a.seq = r.a_seq JOIN articles b ON b.seq = r.b_seq
      WHERE r.a_seq = ANY($1::bigint[]) AND r.b_seq = ANY($1::bigint[]) ORDER BY r.a_seq, r.b_seq`, [seqs], 'reuse_among')).map((r) => reuseFromRow(r, 'a_seq', 'b_seq'));
  }

  async saveStatement(statement: string, d: Parameters<LinkStore['saveStatement']>[1]): Promise<void> {
    if (!this.inLink) return this.linkTransaction(() => this.saveStatement(statement, d));
    const seq = await this.statementSeq(statement);
    if (seq == null) return;
    const db = this.db;
    // The display speaker key is recomputed here; link_key, what linking matches on, is not (see migrations.ts).
    await db.query(`UPDATE statements SET speaker = $1, speaker_key = $2, content = $3, first_attribution = $4, first_date = $5, reports = $6, origins = $7, echoes = $8 WHERE seq = $9`,
      [d.speaker, d.speakerKey, d.content, d.first, d.firstDate, d.reports.length, d.origins, d.echoes, seq], 'update_statement');
    const r = d.reports;
    if (r.length) {
      await db.query(`UPDATE statement_reports s SET role = v.role, echo_of = v.echo, reason = v.reason, origin = v.origin, chain = v.chain::json
        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS v(a, role, echo, reason, origin, chain) WHERE s.attribution_id = v.a`,
      [r.map((x) => x.attributionId), r.map((x) => x.role), r.map((x) => x.echoOf), r.map((x) => x.reason), r.map((x) => x.origin), r.map((x) => JSON.stringify(x.chain))], 'update_reports');
    }
    await db.query("DELETE FROM link_dirty WHERE kind = 'statement' AND id = $1", [seq], 'undirty_statement');
  }

  async groupMembers(group: string): Promise<{ quantityId: number; facts: unknown }[]> {
    return (await this.db.query(`SELECT m.quantity_id, m.facts FROM quantity_group_members m JOIN quantity_groups g ON g.seq = m.group_seq WHERE g.id = $1 ORDER BY m.quantity_id`,
      [group], 'group_members')).map((r) => ({ quantityId: r.quantity_id as number, facts: r.facts }));
  }

  async saveGroup(group: string, d: Parameters<LinkStore['saveGroup']>[1]): Promise<void> {
    if (!this.inLink) return this.linkTransaction(() => this.saveGroup(group, d));
    const seq = await this.db.value<number>('SELECT seq FROM quantity_groups WHERE id = $1', [group], 'group_seq');
    if (seq == null) return;
    await this.db.query(`UPDATE quantity_groups SET about = $1::json, place = $2, date_from = $3, date_to = $4,
      members = (SELECT count(*) FROM quantity_group_members WHERE group_seq = $5), conflict = $6, kind = $7, explanation = $8 WHERE seq = $5`,
    [JSON.stringify(d.about), d.place, d.from, d.to, seq, d.conflict, d.kind, d.explanation], 'update_group');
    await this.db.query("DELETE FROM link_dirty WHERE kind = 'group' AND id = $1", [seq], 'undirty_group');
  }

  private async articleSeq(idOrPrefix: string): Promise<number | null> {
    const key = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]{4,64}$/.test(key)) return null;
    const rows = await this.db.column<number>("SELECT seq FROM articles WHERE id >= $1 AND id < $1 || 'g' ORDER BY id LIMIT 2", [key]);
    return rows.length === 1 ? rows[0] : null;
  }

  async listReuse(q: ReuseQuery): Promise<Page<ReuseRow>> {
    const where = ['a.superseded_by IS NULL', 'b.superseded_by IS NULL'];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (q.minShared != null) where.push(`r.shared >= ${p(q.minShared)}`);
    if (q.article) {
      const seq = p((await this.articleSeq(q.article)) ?? -1);
      where.push(`(r.a_seq = ${seq} OR r.b_seq = ${seq})`);
    }
    const from = `FROM reuse r JOIN articles a ON a.seq = r.a_seq JOIN articles b ON b.seq = r.b_seq WHERE ${where.join(' AND ')}`;
    const total = (await this.db.value<number>(`SELECT count(*) ${from}`, params))!;
    const rows = await this.db.query(`SELECT r.*, a.id AS a_id, b.id AS b_id, a.url AS a_url, b.url AS b_url, a.source_path AS a_path, b.source_path AS b_path,
        a.source_line AS a_line, b.source_line AS b_line, a.outlet AS a_outlet, b.outlet AS b_outlet, a.date AS a_date, b.date AS b_date
      ${from} ORDER BY r.shared DESC, r.a_seq, r.b_seq LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`, params);
    const texts = q.passages && rows.length
      ? new Map((await this.db.query('SELECT seq, text FROM articles WHERE seq = ANY($1::bigint[])', [rows.flatMap((r) => [r.a_seq, r.b_seq])])).map((r) => [r.seq as number, r.text as string]))
      : null;
    const items = rows.map((r): ReuseRow => {
      const { aSeq, bSeq, ...reuse } = reuseFromRow(r, 'a_seq', 'b_seq');
      if (texts) reuse.passages = sharedPassages(texts.get(aSeq)!, texts.get(bSeq)!);
      return {
        ...reuse,
        aRef: articleRef({ url: (r.a_url as string) ?? null, source: { path: r.a_path as string, line: (r.a_line as number) ?? undefined } }),
        bRef: articleRef({ url: (r.b_url as string) ?? null, source: { path: r.b_path as string, line: (r.b_line as number) ?? undefined } }),
        aOutlet: (r.a_outlet as string) ?? null,
        bOutlet: (r.b_outlet as string) ?? null,
        aDate: (r.a_date as string) ?? null,
        bDate: (r.b_date as string) ?? null,
      };
    });
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /** A statement with its reports in order of appearance: all of them, or the page asked for (then `reportCount` says how many there are). */
  private async statement(r: Row, page?: ReportPage): Promise<Statement> {
    const reports = (page?.limit === 0 ? [] : await this.db.query(`SELECT r.*, t.idx, t.content, t.start, t."end", t.speaker_name, t.via, t.hedges, a.id AS article_id, a.url, a.outlet, a.date,
        e.idx AS echo_idx, ea.id AS echo_article
      FROM statement_reports r JOIN attributions t ON t.id = r.attribution_id JOIN articles a ON a.seq = r.article_seq
      LEFT JOIN attributions e ON e.id = r.echo_of LEFT JOIN articles ea ON ea.seq = e.article_seq
      WHERE r.statement_seq = $1 ORDER BY a.date IS NULL, a.date, a.seq, t.idx LIMIT $2 OFFSET $3`, [r.seq, page?.limit ?? null, page?.offset ?? 0], 'statement_detail')).map((x) => reportFromRow(x, (v) => v));
    const first = await this.db.one('SELECT t.idx, a.id, a.outlet, a.date FROM attributions t JOIN articles a ON a.seq = t.article_seq WHERE t.id = $1', [r.first_attribution], 'statement_first');
    const f = first ?? (reports[0] ? { idx: reports[0].attribution, id: reports[0].article, outlet: reports[0].outlet, date: reports[0].date } : { idx: -1, id: '', outlet: null, date: null });
    return {
      id: r.id as string,
      speaker: (r.speaker as string) ?? null,
      speakerKey: (r.speaker_key as string) ?? null,
      content: r.content as string,
      first: { article: f.id as string, attribution: f.idx as number, date: (f.date as string) ?? null, outlet: (f.outlet as string) ?? null },
      reports,
      ...(page ? { reportCount: r.reports as number } : {}),
      origins: r.origins as number,
      echoes: r.echoes as number,
    };
  }

  async listStatements(q: StatementQuery): Promise<Page<Statement>> {
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    const where = [`reports >= ${p(q.minReports ?? 1)}`];
    if (q.q) {
      for (const w of q.q.toLowerCase().split(/\s+/).filter(Boolean)) {
        const like = p(`%${w}%`);
        where.push(`(lower(coalesce(speaker, '')) LIKE ${like} OR lower(content) LIKE ${like})`);
      }
    }
    if (q.article != null) where.push(`seq IN (SELECT statement_seq FROM statement_reports WHERE article_seq = ${p((await this.articleSeq(q.article)) ?? -1)})`);
    if (q.speakers) {
      const keys = [...new Set(q.speakers.map((n) => speakerKey(n)).filter((k): k is string => !!k))].slice(0, 200);
      where.push(keys.length ? `speaker_key = ANY(${p(keys)}::text[])` : 'false');
    }
    const w = `WHERE ${where.join(' AND ')}`;
    const total = (await this.db.value<number>(`SELECT count(*) FROM statements ${w}`, params))!;
    const rows = await this.db.query(`SELECT * FROM statements ${w} ORDER BY reports DESC, seq LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`, params);
    const page = q.reports != null ? { limit: q.reports, offset: 0 } : undefined;
    const items: Statement[] = [];
    for (const r of rows) items.push(await this.statement(r, page));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async getStatement(id: string, reports?: ReportPage): Promise<Statement | null> {
    const r = await this.db.one('SELECT * FROM statements WHERE id = $1', [id]);
    return r ? this.statement(r, reports) : null;
  }

  async listConflicts(q: ConflictQuery): Promise<Page<Conflict>> {
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    const where = ['conflict'];
    if (q.category) where.push(`category = ${p(q.category)}`);
    if (q.article != null) {
      where.push(`seq IN (SELECT m.group_seq FROM quantities x JOIN quantity_group_members m ON m.quantity_id = x.id WHERE x.article_seq = ${p((await this.articleSeq(q.article)) ?? -1)})`);
    }
    const w = `WHERE ${where.join(' AND ')}`;
    const total = (await this.db.value<number>(`SELECT count(*) FROM quantity_groups ${w}`, params))!;
    const rows = await this.db.query(`SELECT * FROM quantity_groups ${w} ORDER BY date_from IS NULL, date_from, seq LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`, params);
    const items: Conflict[] = [];
    for (const r of rows) items.push(await this.conflict(r));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async getConflict(id: string): Promise<Conflict | null> {
    const r = await this.db.one('SELECT * FROM quantity_groups WHERE id = $1 AND conflict', [id]);
    return r ? this.conflict(r) : null;
  }

  private async conflict(r: Row): Promise<Conflict> {
    const values = await this.db.query(`SELECT q.idx, q.text, q.value, q.low, q.high, q.approx, q.claimant, a.id AS article, a.outlet, m.date, m.facts
      FROM quantity_group_members m JOIN quantities q ON q.id = m.quantity_id JOIN articles a ON a.seq = m.article_seq
      WHERE m.group_seq = $1 ORDER BY m.date IS NULL, m.date, m.quantity_id`, [r.seq], 'conflict_values');
    return conflictFromRow(r, values, (v) => v);
  }
}
