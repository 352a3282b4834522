// The SQLite side of linking across articles (src/link/): the indexes the linker looks candidates up in,
// the writes of one linked article in one transaction, and the queries over reuse, statements and conflicts.
import type Database from 'better-sqlite3';
import { conflictFromRow, linkArticleFromRow, reportFromRow, reuseFromRow, storedReportFromRow, type Row } from '../rows.js';
import type { Conflict, Statement } from '../../model.js';
import { articleRef, sharedPassages } from '../../link/reuse.js';
import { speakerKey } from '../../link/statements.js';
import type {
  ConflictQuery, LinkArticle, LinkItem, LinkStore, LinkWrite, Page, QuantityCandidate, ReportPage, ReuseQuery, ReuseRow, StatementCandidate,
  StatementQuery, StoredReport, StoredReuse,
} from '../store.js';

const CHUNK = 500;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
const marks = (n: number) => Array(n).fill('?').join(',');
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Sorted 32-bit hashes to a little-endian blob and back. */
function toBlob(xs: Uint32Array): Buffer {
  const b = Buffer.alloc(xs.length * 4);
  for (let i = 0; i < xs.length; i++) b.writeUInt32LE(xs[i], i * 4);
  return b;
}
function fromBlob(b: Buffer): Uint32Array {
  if (LITTLE_ENDIAN && b.byteOffset % 4 === 0) return new Uint32Array(b.buffer, b.byteOffset, b.length / 4).slice();
  const out = new Uint32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}

export class SqliteLinkStore implements LinkStore {
  private readonly s;
  private readonly prepared = new Map<string, Database.Statement>();
  // Term counts as stored plus what this connection added since its last flush; written once a transaction.
  private readonly counts = { statement: new Map<string, number>(), quantity: new Map<string, number>() };
  private readonly pendingCounts = { statement: new Map<string, number>(), quantity: new Map<string, number>() };
  // The terms of statements' first reports never change: kept once read.
  private readonly statementCache = new Map<number, StatementCandidate>();
  // A quantity's group and facts never change once it is a member: kept once read.
  private readonly memberCache = new Map<number, QuantityCandidate>();

  /** A statement with IN lists, prepared once for each shape. */
  private q(sql: string): Database.Statement {
    let st = this.prepared.get(sql);
    if (!st) this.prepared.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** onRollback: what the store drops of its own caches when a link transaction rolls back. */
  constructor(private readonly db: Database.Database, private readonly onRollback: () => void = () => {}) {
    this.s = {
      mark: db.prepare("SELECT value FROM link_state WHERE name = 'linked_through'").pluck(),
      setMark: db.prepare("UPDATE link_state SET value = max(value, ?) WHERE name = 'linked_through'"),
      backlog: db.prepare('SELECT rowid AS seq, * FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?'),
      attributionIds: db.prepare('SELECT rowid FROM attributions WHERE article_rowid = ? ORDER BY idx').pluck(),
      quantityIds: db.prepare('SELECT rowid FROM quantities WHERE article_rowid = ? ORDER BY idx').pluck(),
      insertFingerprint: db.prepare('INSERT OR IGNORE INTO reuse_fingerprints (hash, article_rowid) VALUES (?, ?)'),
      stopped: db.prepare('SELECT hash FROM reuse_stop').pluck(),
      stop: db.prepare('INSERT OR IGNORE INTO reuse_stop (hash, postings) VALUES (?, (SELECT count(*) FROM reuse_fingerprints WHERE hash = ?))'),
      insertSignature: db.prepare('INSERT OR REPLACE INTO reuse_signatures (article_rowid, shingles, fingerprints, shingle_set) VALUES (?, ?, ?, ?)'),
      insertReuse: db.prepare(`INSERT OR REPLACE INTO reuse (a_rowid, b_rowid, a_in_b, b_in_a, shared, shared_shingles, earlier)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertStatement: db.prepare(`INSERT OR IGNORE INTO statements (id, speaker, speaker_key, content, terms, first_attribution_rowid, first_date, reports, origins, echoes)
        VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, 0)`),
      insertFirstReport: db.prepare(`INSERT OR IGNORE INTO statement_reports (attribution_rowid, statement_rowid, article_rowid, speaker_key, role, origin, chain)
        VALUES (?, ?, ?, ?, 'origin', ?, ?)`),
      insertReport: db.prepare(`INSERT OR IGNORE INTO statement_reports (attribution_rowid, statement_rowid, article_rowid, speaker_key)
        VALUES (?, (SELECT rowid FROM statements WHERE id = ?), ?, ?)`),
      insertStatementTerm: db.prepare('INSERT OR IGNORE INTO statement_terms (term, statement_rowid) VALUES (?, ?)'),
      countTerm: db.prepare('INSERT INTO term_counts (kind, term, n) VALUES (?, ?, ?) ON CONFLICT (kind, term) DO UPDATE SET n = n + excluded.n'),
      termCount: db.prepare('SELECT n FROM term_counts WHERE kind = ? AND term = ?').pluck(),
      dirty: db.prepare('INSERT OR IGNORE INTO link_dirty (kind, rowid) VALUES (?, ?)'),
      statementRowid: db.prepare('SELECT rowid FROM statements WHERE id = ?').pluck(),
      nameStatement: db.prepare('UPDATE statements SET speaker_key = ? WHERE rowid = ? AND speaker_key IS NULL'),
      insertGroup: db.prepare("INSERT OR IGNORE INTO quantity_groups (id, category, about) VALUES (?, ?, '[]')"),
      insertMember: db.prepare(`INSERT OR IGNORE INTO quantity_group_members (quantity_rowid, group_rowid, article_rowid, date, facts)
        VALUES (?, (SELECT rowid FROM quantity_groups WHERE id = ?), ?, ?, ?)`),
      insertQuantityTerm: db.prepare('INSERT OR IGNORE INTO quantity_terms (category, term, date, quantity_rowid) VALUES (?, ?, ?, ?)'),
      groupRowid: db.prepare('SELECT rowid FROM quantity_groups WHERE id = ?').pluck(),
      quantityPostings: db.prepare('SELECT quantity_rowid FROM quantity_terms WHERE category = ? AND term = ? AND date BETWEEN ? AND ? ORDER BY date DESC LIMIT ?').pluck(),
      statementPostings: db.prepare('SELECT statement_rowid FROM statement_terms WHERE term = ? ORDER BY statement_rowid DESC LIMIT ?').pluck(),
      statementTerms: db.prepare('SELECT id, speaker_key, terms FROM statements WHERE rowid = ?'),
      dirtyAll: db.prepare(`SELECT d.kind, coalesce(s.id, g.id) AS id FROM link_dirty d
        LEFT JOIN statements s ON d.kind = 'statement' AND s.rowid = d.rowid LEFT JOIN quantity_groups g ON d.kind = 'group' AND g.rowid = d.rowid`),
      undirty: db.prepare('DELETE FROM link_dirty WHERE kind = ? AND rowid = ?'),
      reports: db.prepare(`SELECT r.attribution_rowid, a.rowid AS seq, a.id AS article, t.idx, a.url, a.outlet, a.date, t.content, t.start, t.end,
          t.speaker_name, t.via, t.hedges
        FROM statement_reports r JOIN attributions t ON t.rowid = r.attribution_rowid JOIN articles a ON a.rowid = r.article_rowid
        WHERE r.statement_rowid = ? ORDER BY a.rowid, t.idx`),
      updateStatement: db.prepare(`UPDATE statements SET speaker = ?, speaker_key = ?, content = ?, first_attribution_rowid = ?, first_date = ?,
        reports = ?, origins = ?, echoes = ? WHERE rowid = ?`),
      updateReport: db.prepare('UPDATE statement_reports SET role = ?, echo_of = ?, reason = ?, origin = ?, chain = ? WHERE attribution_rowid = ?'),
      members: db.prepare('SELECT quantity_rowid, facts FROM quantity_group_members WHERE group_rowid = ? ORDER BY quantity_rowid'),
      updateGroup: db.prepare(`UPDATE quantity_groups SET about = ?, place = ?, date_from = ?, date_to = ?, members = (SELECT count(*) FROM quantity_group_members WHERE group_rowid = ?),
        conflict = ?, kind = ?, explanation = ? WHERE rowid = ?`),
      articleByPrefix: db.prepare("SELECT rowid FROM articles WHERE id >= ? AND id < ? || 'g' LIMIT 2").pluck(),
    };
  }

  async linkTransaction<T>(fn: () => Promise<T>): Promise<T> {
    // better-sqlite3 is synchronous: nothing else runs on this connection between the awaits of fn.
    if (this.db.inTransaction) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    // What this connection keeps in memory (term counts, statements' terms, quantities' facts, the stopped
    // fingerprints) holds while it is the only writer: dropped when another connection has written since.
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion) {
      if (this.dataVersion !== -1) this.dropCaches();
      this.dataVersion = version;
    }
    try {
      const out = await fn();
      this.flushCounts();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.dropCaches();
      throw e;
    }
  }

  private dataVersion = -1;

  private dropCaches(): void {
    this.counts.statement.clear();
    this.counts.quantity.clear();
    this.pendingCounts.statement.clear();
    this.pendingCounts.quantity.clear();
    this.stops = null;
    this.statementCache.clear();
    this.memberCache.clear();
    this.onRollback();
  }

  private stops: Set<number> | null = null;
  /** The stopped fingerprints (boilerplate): few, kept in memory once read. */
  private stopSet(): Set<number> {
    return (this.stops ??= new Set(this.s.stopped.all() as number[]));
  }

  private flushCounts(): void {
    for (const kind of ['statement', 'quantity'] as const) {
      for (const [t, n] of this.pendingCounts[kind]) this.s.countTerm.run(kind, t, n);
      this.pendingCounts[kind].clear();
      if (this.counts[kind].size > 500_000) this.counts[kind].clear();
    }
  }

  async linkBacklog(limit: number): Promise<LinkItem[]> {
    const mark = this.s.mark.get() as number;
    return (this.s.backlog.all(mark, limit) as Row[]).map((r) => ({
      seq: r.seq as number,
      article: linkArticleFromRow(r),
      analysis: r.analysis ? JSON.parse(r.analysis as string) : null,
      attributionIds: this.s.attributionIds.all(r.seq) as number[],
      quantityIds: this.s.quantityIds.all(r.seq) as number[],
    }));
  }

  async reuseCandidates(fingerprints: Uint32Array, maxPostings: number) {
    const hits = new Map<number, number>();
    const stopped: number[] = [];
    for (const part of chunks([...fingerprints])) {
      const rows = this.q(`SELECT f.hash, f.article_rowid FROM reuse_fingerprints f WHERE f.hash IN (${marks(part.length)})
        AND NOT EXISTS (SELECT 1 FROM reuse_stop s WHERE s.hash = f.hash)`).raw().all(...part) as [number, number][];
      const perHash = new Map<number, number>();
      for (const [h] of rows) perHash.set(h, (perHash.get(h) ?? 0) + 1);
      for (const [h, n] of perHash) if (n > maxPostings) stopped.push(h);
      for (const [h, seq] of rows) if (perHash.get(h)! <= maxPostings) hits.set(seq, (hits.get(seq) ?? 0) + 1);
    }
    const candidates: { seq: number; hits: number; fingerprints: number }[] = [];
    for (const part of chunks([...hits.keys()])) {
      const rows = this.q(`SELECT article_rowid, fingerprints FROM reuse_signatures WHERE article_rowid IN (${marks(part.length)})`).raw().all(...part) as [number, number][];
      for (const [seq, n] of rows) candidates.push({ seq, hits: hits.get(seq)!, fingerprints: n });
    }
    return { candidates, stopped };
  }

  async linkArticles(seqs: number[]): Promise<LinkArticle[]> {
    const out: LinkArticle[] = [];
    for (const part of chunks(seqs)) {
      const rows = this.q(`SELECT rowid AS seq, id, key, url, outlet, date, source_path, source_line, source_row, text FROM articles WHERE rowid IN (${marks(part.length)})`).all(...part) as Row[];
      for (const r of rows) out.push({ seq: r.seq as number, id: r.id as string, key: r.key as string, url: (r.url as string) ?? null, outlet: (r.outlet as string) ?? null, date: (r.date as string) ?? null, sourcePath: r.source_path as string, text: r.text as string });
    }
    return out;
  }

  async reuseSignatures(seqs: number[]) {
    const out: { seq: number; id: string; key: string; date: string | null; shingles: Uint32Array }[] = [];
    for (const part of chunks(seqs)) {
      const rows = this.q(`SELECT a.rowid, a.id, a.key, a.date, s.shingle_set FROM reuse_signatures s JOIN articles a ON a.rowid = s.article_rowid
        WHERE s.article_rowid IN (${marks(part.length)})`).raw().all(...part) as [number, string, string, string | null, Buffer][];
      for (const [seq, id, key, date, blob] of rows) out.push({ seq, id, key, date, shingles: fromBlob(blob) });
    }
    return out;
  }

  async termCounts(kind: 'statement' | 'quantity', terms: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const cache = this.counts[kind];
    for (const t of new Set(terms)) {
      let n = cache.get(t);
      if (n === undefined) {
        n = ((this.s.termCount.get(kind, t) as number | undefined) ?? 0) + (this.pendingCounts[kind].get(t) ?? 0);
        cache.set(t, n);
      }
      if (n) out.set(t, n);
    }
    return out;
  }

  private addCounts(kind: 'statement' | 'quantity', deltas: Map<string, number>): void {
    for (const [t, n] of deltas) {
      this.pendingCounts[kind].set(t, (this.pendingCounts[kind].get(t) ?? 0) + n);
      const c = this.counts[kind].get(t);
      if (c !== undefined) this.counts[kind].set(t, c + n);
    }
  }

  async statementCandidates(terms: string[], perTerm: number): Promise<StatementCandidate[]> {
    const ids = new Set<number>();
    for (const t of terms) for (const id of this.s.statementPostings.all(t, perTerm) as number[]) ids.add(id);
    return [...ids].map((id) => {
      let c = this.statementCache.get(id);
      if (!c) {
        const r = this.s.statementTerms.get(id) as Row;
        c = { statement: r.id as string, speakerKey: (r.speaker_key as string) ?? null, terms: (r.terms as string).split(' ') };
        if (this.statementCache.size > 200_000) this.statementCache.clear();
        this.statementCache.set(id, c);
      }
      return c;
    });
  }

  async quantityCandidates(category: string, terms: string[], from: string, to: string, perTerm: number): Promise<QuantityCandidate[]> {
    const ids = new Set<number>();
    for (const t of terms) for (const id of this.s.quantityPostings.all(category, t, from, to, perTerm) as number[]) ids.add(id);
    const out: QuantityCandidate[] = [];
    const cache = this.memberCache;
    for (const part of chunks([...ids])) {
      const missing = part.filter((id) => !cache.has(id));
      if (missing.length) {
        if (cache.size + missing.length > 150_000) cache.clear();
        const rows = this.q(`SELECT m.quantity_rowid, g.id, m.facts FROM quantity_group_members m JOIN quantity_groups g ON g.rowid = m.group_rowid
          WHERE m.quantity_rowid IN (${marks(missing.length)})`).raw().all(...missing) as [number, string, string][];
        for (const [id, group, facts] of rows) cache.set(id, { quantityId: id, group, facts: JSON.parse(facts) });
      }
      // In the order the query gives them (by quantity id), as when each part was read in one query.
      for (const id of [...part].sort((a, b) => a - b)) {
        const c = cache.get(id);
        if (c) out.push(c);
      }
    }
    return out;
  }

  /** Run fn in a transaction of its own, or inside the one open (a link transaction rolls back whole on an error): no savepoint per article. */
  private atomically(fn: () => void): void {
    if (this.db.inTransaction) fn();
    else this.db.transaction(fn)();
  }

  async commitLink(w: LinkWrite): Promise<void> {
    const s = this.s;
    const outer = this.db.inTransaction;
    this.atomically(() => {
      s.insertSignature.run(w.seq, w.reuse.shingles.length, w.reuse.fingerprints.length, toBlob(w.reuse.shingles));
      for (const h of w.reuse.stopped) {
        s.stop.run(h, h);
        this.stopSet().add(h);
      }
      const stop = this.stopSet();
      for (const h of w.reuse.fingerprints) if (!stop.has(h)) s.insertFingerprint.run(h, w.seq);
      for (const p of w.reuse.pairs) {
        s.insertReuse.run(p.aSeq, p.bSeq, p.aInB, p.bInA, p.shared, p.sharedShingles, p.earlier);
      }
      const counts = { statement: new Map<string, number>(), quantity: new Map<string, number>() };
      const count = (kind: 'statement' | 'quantity', terms: Iterable<string>) => {
        const m = counts[kind];
        for (const t of new Set(terms)) m.set(t, (m.get(t) ?? 0) + 1);
        m.set('', (m.get('') ?? 0) + 1);
      };
      const firsts = new Set<number>();
      for (const c of w.statements.created) {
        const info = s.insertStatement.run(c.id, c.speaker, c.speakerKey, c.content, c.terms.join(' '), c.first.attributionId, c.first.date);
        if (info.changes === 0) continue;
        const rowid = Number(info.lastInsertRowid);
        for (const t of c.indexTerms) s.insertStatementTerm.run(t, rowid);
        // The first report of a new statement is its origin: stored as such, nothing to recompute.
        if (s.insertFirstReport.run(c.first.attributionId, rowid, w.seq, c.speakerKey, c.first.origin, JSON.stringify(c.first.chain)).changes) firsts.add(c.first.attributionId);
      }
      for (const r of w.statements.reports) {
        if (firsts.has(r.attributionId)) { count('statement', r.terms); continue; }
        if (s.insertReport.run(r.attributionId, r.statement, w.seq, r.speakerKey).changes === 0) continue;
        count('statement', r.terms);
        const rowid = s.statementRowid.get(r.statement) as number;
        s.dirty.run('statement', rowid);
        // A statement first reported with an unnamed speaker takes the first name a report gives.
        if (r.speakerKey && s.nameStatement.run(r.speakerKey, rowid).changes) this.statementCache.delete(rowid);
      }
      for (const g of w.quantities.created) s.insertGroup.run(g.id, g.category);
      for (const m of w.quantities.members) {
        if (s.insertMember.run(m.quantityId, m.group, w.seq, m.date, JSON.stringify(m.facts)).changes === 0) continue;
        for (const t of m.indexTerms) s.insertQuantityTerm.run(m.category, t, m.date ?? '', m.quantityId);
        count('quantity', m.terms);
        s.dirty.run('group', s.groupRowid.get(m.group));
      }
      for (const kind of ['statement', 'quantity'] as const) this.addCounts(kind, counts[kind]);
      if (!outer) this.flushCounts();
      s.setMark.run(w.seq);
    });
  }

  async dirtyLinks(): Promise<{ statements: string[]; groups: string[] }> {
    const out = { statements: [] as string[], groups: [] as string[] };
    for (const r of this.s.dirtyAll.all() as Row[]) {
      if (r.id == null) continue;
      (r.kind === 'statement' ? out.statements : out.groups).push(r.id as string);
    }
    return out;
  }

  async statementReports(statement: string): Promise<StoredReport[]> {
    const rowid = this.s.statementRowid.get(statement);
    if (rowid == null) return [];
    return (this.s.reports.all(rowid) as Row[]).map((r) => storedReportFromRow(r, 'attribution_rowid', (v) => JSON.parse(v as string)));
  }

  async reuseAmong(seqs: number[]): Promise<StoredReuse[]> {
    if (seqs.length < 2) return [];
    const among = new Set(seqs);
    const out: StoredReuse[] = [];
    for (const part of chunks(seqs)) {
      const rows = this.q(`SELECT r.*, a.id AS a_id, b.id AS b_id FROM reuse r JOIN articles a ON a.rowid = r.a_rowid JOIN articles b ON b.rowid = r.b_rowid
        WHERE r.a_rowid IN (${marks(part.length)})`).all(...part) as Row[];
      for (const r of rows) if (among.has(r.b_rowid as number)) out.push(reuseFromRow(r, 'a_rowid', 'b_rowid'));
    }
    return out;
  }

  async saveStatement(statement: string, d: Parameters<LinkStore['saveStatement']>[1]): Promise<void> {
    const s = this.s;
    const rowid = s.statementRowid.get(statement) as number | undefined;
    if (rowid == null) return;
    this.atomically(() => {
      s.updateStatement.run(d.speaker, d.speakerKey, d.content, d.first, d.firstDate, d.reports.length, d.origins, d.echoes, rowid);
      for (const r of d.reports) s.updateReport.run(r.role, r.echoOf, r.reason, r.origin, JSON.stringify(r.chain), r.attributionId);
      s.undirty.run('statement', rowid);
    });
  }

  async groupMembers(group: string): Promise<{ quantityId: number; facts: unknown }[]> {
    const rowid = this.s.groupRowid.get(group);
    if (rowid == null) return [];
    return (this.s.members.all(rowid) as Row[]).map((r) => ({ quantityId: r.quantity_rowid as number, facts: JSON.parse(r.facts as string) }));
  }

  async saveGroup(group: string, d: Parameters<LinkStore['saveGroup']>[1]): Promise<void> {
    const rowid = this.s.groupRowid.get(group) as number | undefined;
    if (rowid == null) return;
    this.atomically(() => {
      this.s.updateGroup.run(JSON.stringify(d.about), d.place, d.from, d.to, rowid, d.conflict ? 1 : 0, d.kind, d.explanation, rowid);
      this.s.undirty.run('group', rowid);
    });
  }

  private articleRowid(idOrPrefix: string): number | null {
    const key = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]{4,64}$/.test(key)) return null;
    const rows = this.s.articleByPrefix.all(key, key) as number[];
    return rows.length === 1 ? rows[0] : null;
  }

  async listReuse(q: ReuseQuery): Promise<Page<ReuseRow>> {
    const where = ['a.superseded_by IS NULL', 'b.superseded_by IS NULL'];
    const params: unknown[] = [];
    if (q.minShared != null) { where.push('r.shared >= ?'); params.push(q.minShared); }
    if (q.article) {
      const rowid = this.articleRowid(q.article);
      where.push('(r.a_rowid = ? OR r.b_rowid = ?)');
      params.push(rowid ?? -1, rowid ?? -1);
    }
    const from = `FROM reuse r JOIN articles a ON a.rowid = r.a_rowid JOIN articles b ON b.rowid = r.b_rowid WHERE ${where.join(' AND ')}`;
    const total = this.db.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number;
    const rows = this.db.prepare(`SELECT r.*, a.id AS a_id, b.id AS b_id, a.url AS a_url, b.url AS b_url, a.source_path AS a_path, b.source_path AS b_path,
        a.source_line AS a_line, b.source_line AS b_line, a.outlet AS a_outlet, b.outlet AS b_outlet, a.date AS a_date, b.date AS b_date
      ${from} ORDER BY r.shared DESC, r.a_rowid, r.b_rowid LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
    const text = this.db.prepare('SELECT text FROM articles WHERE rowid = ?').pluck();
    const items = rows.map((r): ReuseRow => {
      const { aSeq, bSeq, ...reuse } = reuseFromRow(r, 'a_rowid', 'b_rowid');
      if (q.passages) reuse.passages = sharedPassages(text.get(aSeq) as string, text.get(bSeq) as string);
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
  private statement(r: Row, page?: ReportPage): Statement {
    const reports = page?.limit === 0 ? [] : (this.q(`SELECT r.*, t.idx, t.content, t.start, t.end, t.speaker_name, t.via, t.hedges, a.id AS article_id, a.url, a.outlet, a.date,
        e.idx AS echo_idx, ea.id AS echo_article
      FROM statement_reports r JOIN attributions t ON t.rowid = r.attribution_rowid JOIN articles a ON a.rowid = r.article_rowid
      LEFT JOIN attributions e ON e.rowid = r.echo_of LEFT JOIN articles ea ON ea.rowid = e.article_rowid
      WHERE r.statement_rowid = ? ORDER BY a.date IS NULL, a.date, a.rowid, t.idx LIMIT ? OFFSET ?`).all(r.rowid, page?.limit ?? -1, page?.offset ?? 0) as Row[]).map((x) => reportFromRow(x, (v) => JSON.parse(v as string)));
    const first = this.q('SELECT t.idx, a.id, a.outlet, a.date FROM attributions t JOIN articles a ON a.rowid = t.article_rowid WHERE t.rowid = ?').get(r.first_attribution_rowid) as Row | undefined;
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
    const where = ['reports >= ?'];
    const params: unknown[] = [q.minReports ?? 1];
    if (q.q) {
      for (const w of q.q.toLowerCase().split(/\s+/).filter(Boolean)) {
        where.push("(lower(coalesce(speaker, '')) LIKE ? OR lower(content) LIKE ?)");
        params.push(`%${w}%`, `%${w}%`);
      }
    }
    if (q.article != null) {
      where.push('rowid IN (SELECT statement_rowid FROM statement_reports WHERE article_rowid = ?)');
      params.push(this.articleRowid(q.article) ?? -1);
    }
    if (q.speakers) {
      const keys = [...new Set(q.speakers.map((n) => speakerKey(n)).filter((k): k is string => !!k))].slice(0, 200);
      where.push(keys.length ? `speaker_key IN (${marks(keys.length)})` : '0');
      params.push(...keys);
    }
    const w = `WHERE ${where.join(' AND ')}`;
    // With no filter but reports >= 1 (the default), the count is all statements less the few with none (SQLite
    // counts a whole table from its pages; counting reports >= 1 would read every entry of the index). A higher
    // bound leaves fewer statements, counted directly.
    const total = where.length === 1 && (params[0] as number) <= 1
      ? (this.db.prepare('SELECT count(*) FROM statements').pluck().get() as number) - (this.db.prepare('SELECT count(*) FROM statements WHERE reports < ?').pluck().get(params[0]) as number)
      : this.db.prepare(`SELECT count(*) FROM statements ${w}`).pluck().get(...params) as number;
    const rows = this.db.prepare(`SELECT rowid, * FROM statements ${w} ORDER BY reports DESC, rowid LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
    const page = q.reports != null ? { limit: q.reports, offset: 0 } : undefined;
    return { items: rows.map((r) => this.statement(r, page)), total, limit: q.limit, offset: q.offset };
  }

  async getStatement(id: string, reports?: ReportPage): Promise<Statement | null> {
    const r = this.db.prepare('SELECT rowid, * FROM statements WHERE id = ?').get(id) as Row | undefined;
    return r ? this.statement(r, reports) : null;
  }

  async listConflicts(q: ConflictQuery): Promise<Page<Conflict>> {
    const where = ['conflict = 1'];
    const params: unknown[] = [];
    if (q.category) { where.push('category = ?'); params.push(q.category); }
    if (q.article != null) {
      where.push(`rowid IN (SELECT m.group_rowid FROM quantities x JOIN quantity_group_members m ON m.quantity_rowid = x.rowid WHERE x.article_rowid = ?)`);
      params.push(this.articleRowid(q.article) ?? -1);
    }
    const w = `WHERE ${where.join(' AND ')}`;
    const total = this.db.prepare(`SELECT count(*) FROM quantity_groups ${w}`).pluck().get(...params) as number;
    const rows = this.db.prepare(`SELECT rowid, * FROM quantity_groups ${w} ORDER BY date_from IS NULL, date_from, rowid LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as Row[];
    return { items: rows.map((r) => this.conflict(r)), total, limit: q.limit, offset: q.offset };
  }

  async getConflict(id: string): Promise<Conflict | null> {
    const r = this.db.prepare('SELECT rowid, * FROM quantity_groups WHERE id = ? AND conflict = 1').get(id) as Row | undefined;
    return r ? this.conflict(r) : null;
  }

  private conflict(r: Row): Conflict {
    const values = this.q(`SELECT q.idx, q.text, q.value, q.low, q.high, q.approx, q.claimant, a.id AS article, a.outlet, m.date, m.facts
      FROM quantity_group_members m JOIN quantities q ON q.rowid = m.quantity_rowid JOIN articles a ON a.rowid = m.article_rowid
      WHERE m.group_rowid = ? ORDER BY m.date IS NULL, m.date, m.quantity_rowid`);
    return conflictFromRow(r, values.all(r.rowid) as Row[], (v) => JSON.parse(v as string));
  }
}
