// The PostgreSQL store: the Store interface on a PostgreSQL database (node-postgres), migrated on open, for
// many workers on many machines (src/workers.ts). It behaves as the SQLite store does, record for record;
// what differs is written down in docs/SCALING.md: storing order is given out when articles are enqueued,
// record ids are computed from it, and linking is one linker at a time under an advisory lock.
import { hostname } from 'node:os';
import type { EntityCandidate, LinkDecision, MentionToLink } from '../../link/entities.js';
import type { AnalysisRecord, Article, ArticleDetail, ArticleSummary, DatePrecision, MentionKind, PutOutcome, QuantityCategory, ReportRole, SearchHit, SourceSighting, StoredArticle } from '../../model.js';
import { toTsquery } from '../fts-query.js';
import { articleFromRow, sourceRef, summaryFromRow } from '../rows.js';
import type { ArticleQuery, AttributionQuery, AttributionRow, CheckResult, EntityDetail, EntityKey, EntityQuery, EntitySummary, LinkStore, Page, PutItem, QuantityQuery, QuantityRow, RecordLinks, SearchQuery, SearchResult, Store, StoreStats } from '../store.js';
import { checkPostgres } from './check.js';
import { LOCKS, PgDb, type Row } from './db.js';
import { PgLinkStore } from './link.js';
import { ID_SPAN, MIGRATIONS } from './migrations.js';

const SUMMARY_COLUMNS = `a.id, a.title, a.url, a.outlet, a.date, a.version,
  (SELECT count(*) FROM attributions t WHERE t.article_seq = a.seq) AS n_attributions,
  (SELECT count(*) FROM quantities q WHERE q.article_seq = a.seq) AS n_quantities`;

/** ts_headline options: matched words between \u0002 and \u0003, as the SQLite store marks them. */
const SNIPPET = 'StartSel=\u0002, StopSel=\u0003, MaxWords=20, MinWords=10, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "';
const HIGHLIGHT = 'StartSel=\u0002, StopSel=\u0003, HighlightAll=true';
/** A search counts its matches up to this many, as the SQLite store does. */
export const MAX_COUNT = 10_000;
/** ts_rank weights {D, C, B, A}: a title word (A) counts four times a body word (D), as in the SQLite store's bm25. */
const RANK_WEIGHTS = '{0.25, 0.5, 0.75, 1.0}';

/** The id of an article's attribution, quantity or mention: seq · 2^20 + its index. */
export const recordId = (seq: number, index: number) => seq * ID_SPAN + index;

const json = (x: unknown) => (x === undefined ? null : JSON.stringify(x));

/** A snippet with … where it does not reach the start or the end of the text, as SQLite's snippet() gives. */
function ellipsed(snip: string, text: string): string {
  const plain = snip.replace(/[\u0002\u0003]/g, '');
  const head = plain.slice(0, 40);
  const tail = plain.slice(-40);
  return `${text.startsWith(head) ? '' : '…'}${snip}${text.endsWith(tail) ? '' : '…'}`;
}

export async function migrate(db: PgDb): Promise<number> {
  return db.transaction(async () => {
    await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const applied = new Set(await db.column<number>('SELECT version FROM schema_migrations'));
    let n = 0;
    for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await db.query(m.sql);
      await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      n++;
    }
    return n;
  }, [LOCKS.migrate]);
}

/** An item to store with the seq and batch it was given when its job was enqueued. */
export interface QueuedPut extends PutItem {
  seq: number;
}

export class PostgresStore implements Store {
  private readonly linked: PgLinkStore;

  private constructor(readonly db: PgDb) {
    this.linked = new PgLinkStore(db);
  }

  /** The --db value it was opened with (commands and tests open it again by this). */
  get path(): string {
    return this.db.url;
  }

  static async open(url: string, options: { max?: number; applicationName?: string } = {}): Promise<PostgresStore> {
    const db = await PgDb.connect(url, { applicationName: `crosscheck ${hostname()}:${process.pid}`, ...options });
    try {
      await migrate(db);
    } catch (e) {
      await db.close().catch(() => {});
      throw db.error(e, 'cannot migrate the store');
    }
    return new PostgresStore(db);
  }

  // Linking across articles (src/link/): see ./link.ts.
  linkTransaction: LinkStore['linkTransaction'] = (fn) => this.linked.linkTransaction(fn);
  linkBacklog: LinkStore['linkBacklog'] = (...a) => this.linked.linkBacklog(...a);
  reuseCandidates: LinkStore['reuseCandidates'] = (...a) => this.linked.reuseCandidates(...a);
  linkArticles: LinkStore['linkArticles'] = (...a) => this.linked.linkArticles(...a);
  reuseSignatures: LinkStore['reuseSignatures'] = (...a) => this.linked.reuseSignatures(...a);
  termCounts: LinkStore['termCounts'] = (...a) => this.linked.termCounts(...a);
  statementCandidates: LinkStore['statementCandidates'] = (...a) => this.linked.statementCandidates(...a);
  quantityCandidates: LinkStore['quantityCandidates'] = (...a) => this.linked.quantityCandidates(...a);
  commitLink: LinkStore['commitLink'] = (...a) => this.linked.commitLink(...a);
  dirtyLinks: LinkStore['dirtyLinks'] = (...a) => this.linked.dirtyLinks(...a);
  statementReports: LinkStore['statementReports'] = (...a) => this.linked.statementReports(...a);
  reuseAmong: LinkStore['reuseAmong'] = (...a) => this.linked.reuseAmong(...a);
  saveStatement: LinkStore['saveStatement'] = (...a) => this.linked.saveStatement(...a);
  groupMembers: LinkStore['groupMembers'] = (...a) => this.linked.groupMembers(...a);
  saveGroup: LinkStore['saveGroup'] = (...a) => this.linked.saveGroup(...a);
  listReuse: LinkStore['listReuse'] = (...a) => this.linked.listReuse(...a);
  listStatements: LinkStore['listStatements'] = (...a) => this.linked.listStatements(...a);
  getStatement: LinkStore['getStatement'] = (...a) => this.linked.getStatement(...a);
  listConflicts: LinkStore['listConflicts'] = (...a) => this.linked.listConflicts(...a);
  getConflict: LinkStore['getConflict'] = (...a) => this.linked.getConflict(...a);
  /** The first article seq that linking may not reach yet (a job before it is not done). */
  linkBound = () => this.linked.bound();

  async has(id: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM articles WHERE id = $1', [id], 'has')) != null;
  }

  async put(items: PutItem[], sightings: SourceSighting[] = []): Promise<PutOutcome[]> {
    try {
      return await this.db.transaction(async () => {
        // Exclusive: the seqs given out here become visible with this commit, before linking may pass them.
        await this.db.lock(LOCKS.allocate);
        const batch = (await this.db.value<number>("SELECT nextval('batch_seq')"))!;
        return this.write(items, sightings, batch, null);
      });
    } catch (e) {
      throw this.db.error(e, 'cannot write to the store');
    }
  }

  /**
   * Store the items of a queued job (inside the job's transaction, see queue.ts): each with the seq it was given
   * when it was enqueued, so that the storing order is the input's whichever worker stores it.
   */
  async putQueued(items: QueuedPut[], batch: number): Promise<PutOutcome[]> {
    return this.db.transaction(() => this.write(items, [], batch, items.map((i) => i.seq)));
  }

  /**
   * Write articles, their records and sightings (inside a transaction). Versions of one key are numbered in
   * storing order (seq), whichever transaction came first; each key is locked while its versions are written.
   */
  private async write(items: PutItem[], sightings: SourceSighting[], batch: number, seqs: number[] | null): Promise<PutOutcome[]> {
    const db = this.db;
    const outcomes: PutOutcome[] = items.map(() => 'unchanged');
    const stored = new Set(await db.column<string>('SELECT id FROM articles WHERE id = ANY($1::text[])', [items.map((i) => i.article.id)]));
    const fresh: number[] = [];
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (stored.has(it.article.id) || seen.has(it.article.id)) return;
      seen.add(it.article.id);
      fresh.push(i);
    });
    if (fresh.length) {
      const keys = [...new Set(fresh.map((i) => items[i].article.key))];
      // Per-key locks (bigint advisory keys, apart from the store's int pairs), taken in one order everywhere.
      await db.query(
        `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT ($1::bigint << 32) | (hashtext(x)::bigint & 4294967295) AS k FROM unnest($2::text[]) x ORDER BY 1) s`,
        [db.lockSpace, keys],
      );
      const versions = new Map<string, { seq: number; id: string }[]>();
      for (const r of await db.query<{ key: string; seq: number; id: string }>('SELECT key, seq, id FROM articles WHERE key = ANY($1::text[]) ORDER BY seq', [keys])) {
        const list = versions.get(r.key) ?? [];
        list.push({ seq: r.seq, id: r.id });
        versions.set(r.key, list);
      }
      let given: number[];
      if (seqs) given = fresh.map((i) => seqs[i]);
      else {
        const last = (await db.value<number>("SELECT setval('article_seq', nextval('article_seq') + $1 - 1)", [fresh.length]))!;
        given = fresh.map((_, j) => last - fresh.length + 1 + j);
      }
      const now = new Date().toISOString();
      const cols: unknown[][] = Array.from({ length: 24 }, () => []);
      const renumber = new Set<string>();
      fresh.forEach((i, j) => {
        const { article: a, analysis } = items[i];
        const seq = given[j];
        const list = versions.get(a.key) ?? [];
        if (list.length) renumber.add(a.key);
        const version = list.filter((v) => v.seq < seq).length + 1;
        list.push({ seq, id: a.id });
        list.sort((x, y) => x.seq - y.seq);
        versions.set(a.key, list);
        outcomes[i] = list.length > 1 ? 'version' : 'new';
        const row = [seq, batch, a.id, a.key, version, a.title, a.url, a.outlet, a.date, a.source.path, a.source.line ?? null, a.source.row ?? null,
          a.source.byte ?? null, a.source.url ?? null, a.source.fetchedAt ?? null, a.rawHash, a.text, json(a.offsets), json(a.removed), json(a.warnings),
          a.meta ? json(a.meta) : null, a.ingestedAt ?? now, analysis.analyzer, json(analysis)];
        row.forEach((v, k) => cols[k].push(v));
      });
      const inserted = new Set(await db.column<number>(`INSERT INTO articles (seq, batch, id, key, version, title, url, outlet, date, source_path, source_line, source_row,
          source_byte, source_url, source_fetched_at, raw_hash, text, offsets, removed, warnings, meta, ingested_at, analyzer, analysis)
        SELECT seq, batch, id, key, version, title, url, outlet, date, source_path, source_line, source_row, source_byte, source_url, source_fetched_at,
          raw_hash, text, offsets::json, removed::json, warnings::json, meta::json, ingested_at, analyzer, analysis::json
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[],
          $13::bigint[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[])
          AS v(seq, batch, id, key, version, title, url, outlet, date, source_path, source_line, source_row, source_byte, source_url, source_fetched_at,
            raw_hash, text, offsets, removed, warnings, meta, ingested_at, analyzer, analysis)
        ON CONFLICT (id) DO NOTHING RETURNING seq`, cols));
      // An article another transaction stored first (its id is taken) is unchanged here.
      fresh.forEach((i, j) => { if (!inserted.has(given[j])) outcomes[i] = 'unchanged'; });
      if (renumber.size) {
        await db.query(`UPDATE articles a SET version = r.v, superseded_by = r.next
          FROM (SELECT seq, row_number() OVER w AS v, lead(id) OVER w AS next FROM articles WHERE key = ANY($1::text[]) WINDOW w AS (PARTITION BY key ORDER BY seq)) r
          WHERE a.seq = r.seq AND (a.version IS DISTINCT FROM r.v OR a.superseded_by IS DISTINCT FROM r.next)`, [[...renumber]]);
      }
      const written = fresh.map((i, j) => ({ i, seq: given[j] })).filter((x) => inserted.has(x.seq));
      await this.writeRecords(written.map((x) => ({ seq: x.seq, analysis: items[x.i].analysis })));
      await this.insertSightings(written.flatMap((x) => items[x.i].sightings ?? []));
    }
    await this.insertSightings(sightings);
    return outcomes;
  }

  /** The attribution, quantity and mention rows of newly stored articles, one statement a table. */
  private async writeRecords(list: { seq: number; analysis: AnalysisRecord }[]): Promise<void> {
    const t: unknown[][] = Array.from({ length: 12 }, () => []);
    const q: unknown[][] = Array.from({ length: 22 }, () => []);
    const m: unknown[][] = Array.from({ length: 16 }, () => []);
    const push = (cols: unknown[][], row: unknown[]) => row.forEach((v, k) => cols[k].push(v));
    for (const { seq, analysis } of list) {
      analysis.attributions.forEach((a, idx) => push(t, [recordId(seq, idx), seq, idx, a.start, a.end, a.content, a.kind, a.speaker?.text ?? null, a.speaker?.name ?? null, a.cue, json(a.via), json(a.hedges)]));
      analysis.quantities.forEach((x, idx) => push(q, [recordId(seq, idx), seq, idx, x.start, x.end, x.text, x.value, x.low, x.high, x.approx, x.category, x.claimant, !!x.vague,
        x.unit ?? null, x.place?.id ?? null, x.place?.name ?? null, x.place?.text ?? null, x.place?.lat ?? null, x.place?.lon ?? null,
        x.date?.date ?? null, x.date?.precision ?? null, x.date?.text ?? null]));
      (analysis.mentions ?? []).forEach((x, idx) => push(m, [recordId(seq, idx), seq, idx, x.kind, x.start, x.end, x.text, x.name, x.key, x.resolution, x.confidence,
        x.title ?? null, x.role ?? null, x.place?.id ?? null, x.place?.lat ?? null, x.place?.lon ?? null]));
    }
    if (t[0].length) {
      await this.db.query(`INSERT INTO attributions (id, article_seq, idx, start, "end", content, kind, speaker_text, speaker_name, cue, via, hedges)
        SELECT id, s, idx, st, en, content, kind, speaker_text, speaker_name, cue, via::json, hedges::json
        FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
          AS v(id, s, idx, st, en, content, kind, speaker_text, speaker_name, cue, via, hedges)`, t, 'insert_attributions');
    }
    if (q[0].length) {
      await this.db.query(`INSERT INTO quantities (id, article_seq, idx, start, "end", text, value, low, high, approx, category, claimant, vague,
          unit, place_id, place_name, place_text, lat, lon, date, date_precision, date_text)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::text[],
          $11::text[], $12::text[], $13::boolean[], $14::text[], $15::text[], $16::text[], $17::text[], $18::float8[], $19::float8[], $20::text[], $21::text[], $22::text[])`,
      q, 'insert_quantities');
    }
    if (m[0].length) {
      await this.db.query(`INSERT INTO mentions (id, article_seq, idx, kind, start, "end", text, name, key, resolution, confidence, title, role, place_id, lat, lon)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[],
          $11::float8[], $12::text[], $13::text[], $14::text[], $15::float8[], $16::float8[])`, m, 'insert_mentions');
    }
  }

  /** Sightings; one already recorded (same bytes, place and article) is left as it is. */
  async insertSightings(sightings: SourceSighting[]): Promise<void> {
    if (!sightings.length) return;
    const c: unknown[][] = Array.from({ length: 9 }, () => []);
    for (const x of sightings) {
      const s = x.source;
      [x.rawHash, s.path, s.line ?? null, s.row ?? null, s.byte ?? null, s.url ?? null, s.fetchedAt ?? null, x.readAt, x.articleId].forEach((v, k) => c[k].push(v));
    }
    await this.db.query(`INSERT INTO sources (raw_hash, path, line, "row", byte, url, fetched_at, read_at, article_id)
      SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[])
      ON CONFLICT DO NOTHING`, c, 'insert_sources');
  }

  async recordSources(sightings: SourceSighting[]): Promise<void> {
    try {
      await this.db.transaction(() => this.insertSightings(sightings));
    } catch (e) {
      throw this.db.error(e, 'cannot write to the store');
    }
  }

  async sources(articleId: string): Promise<SourceSighting[]> {
    return (await this.db.query('SELECT * FROM sources WHERE article_id = $1 ORDER BY id', [articleId], 'sources_of')).map((r) => ({
      rawHash: r.raw_hash as string,
      source: sourceRef(r.path, r.line, r.row, r.byte, r.url, r.fetched_at),
      articleId: r.article_id as string,
      readAt: r.read_at as string,
    }));
  }

  async *articles(): AsyncIterable<StoredArticle> {
    // Pages by seq, so a long export holds no transaction open and little memory.
    let after = 0;
    for (;;) {
      const rows = await this.db.query('SELECT * FROM articles WHERE seq > $1 ORDER BY seq LIMIT 500', [after], 'articles_after');
      if (!rows.length) return;
      for (const r of rows) {
        after = r.seq as number;
        const article = this.toArticle(r);
        yield { article, analysis: (r.analysis as AnalysisRecord) ?? null, sources: await this.sources(article.id) };
      }
    }
  }

  private toArticle(r: Row): Article {
    return articleFromRow(r, (v) => v);
  }

  async get(idOrPrefix: string): Promise<ArticleDetail | null> {
    const key = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]{4,64}$/.test(key)) return null;
    let r = await this.db.one('SELECT * FROM articles WHERE id = $1', [key], 'article_by_id');
    if (!r) {
      const rows = await this.db.query("SELECT * FROM articles WHERE id >= $1 AND id < $1 || 'g' ORDER BY id LIMIT 2", [key], 'article_by_prefix');
      if (rows.length !== 1 || !(rows[0].id as string).startsWith(key)) return null;
      r = rows[0];
    }
    const article = this.toArticle(r);
    const versions = (await this.db.query('SELECT id, version, ingested_at FROM articles WHERE key = $1 ORDER BY version', [article.key], 'versions')).map((v) => ({
      id: v.id as string, version: v.version as number, ingestedAt: (v.ingested_at as string) ?? null,
    }));
    return { article, analysis: (r.analysis as AnalysisRecord) ?? null, versions };
  }

  async list(q: ArticleQuery): Promise<Page<ArticleSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (!q.allVersions) where.push('a.superseded_by IS NULL');
    if (q.outlet) where.push(`a.outlet = ${p(q.outlet)}`);
    if (q.from) where.push(`a.date >= ${p(q.from)}`);
    if (q.to) where.push(`a.date <= ${p(q.to)}`);
    if (q.entity != null) where.push(`a.seq IN (SELECT article_seq FROM mentions WHERE entity_id = ${p(q.entity)})`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.db.value<number>(`SELECT count(*) FROM articles a ${w}`, params))!;
    const rows = await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM articles a ${w} ORDER BY a.date DESC NULLS LAST, a.seq DESC LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`, params);
    return { items: rows.map(summaryFromRow), total, limit: q.limit, offset: q.offset };
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    const query = toTsquery(q.q);
    const sort = q.sort ?? 'relevance';
    const empty = { items: [], total: 0, totalExact: true, limit: q.limit, offset: q.offset, sort };
    if (!query) return { articles: empty, attributions: empty };
    const db = this.db;
    const byDate = sort === 'date';
    // As the SQLite store: relevance over every match (ts_rank, title words weighted) or the newest articles first;
    // headlines for the page's rows only; matches counted up to MAX_COUNT.
    const articleRows = await db.query(`WITH q AS (SELECT to_tsquery('crosscheck', $1) AS q),
        page AS (SELECT a.seq, ${byDate ? 'NULL::float4' : 'ts_rank($5::float4[], a.fts, q.q)'} AS score, a.date FROM articles a, q WHERE a.fts @@ q.q AND a.superseded_by IS NULL
          ORDER BY ${byDate ? 'a.date DESC NULLS LAST, a.seq DESC' : 'score DESC, a.seq DESC'} LIMIT $3 OFFSET $4)
      SELECT ${SUMMARY_COLUMNS}, a.text, ts_headline('crosscheck', a.text, q.q, $2) AS snip, page.score
      FROM page JOIN articles a ON a.seq = page.seq, q ORDER BY ${byDate ? 'page.date DESC NULLS LAST, page.seq DESC' : 'page.score DESC, page.seq DESC'}`,
    [query, SNIPPET, q.limit, q.offset, ...(byDate ? [] : [RANK_WEIGHTS])]);
    const articleHits: SearchHit[] = articleRows.map((r) => ({ type: 'article', article: summaryFromRow(r), snippet: ellipsed(r.snip as string, r.text as string), score: (r.score as number | null) ?? null }));
    const articleCount = q.offset === 0 && articleRows.length < q.limit ? articleRows.length
      : (await db.value<number>("SELECT count(*) FROM (SELECT 1 FROM articles a WHERE a.fts @@ to_tsquery('crosscheck', $1) AND a.superseded_by IS NULL LIMIT $2) m", [query, MAX_COUNT + 1]))!;
    const attrRows = await db.query(`WITH q AS (SELECT to_tsquery('crosscheck', $1) AS q),
        page AS (SELECT t.id, ${byDate ? 'NULL::float4' : 'ts_rank(t.fts, q.q)'} AS score, a.date, a.seq, t.idx FROM attributions t JOIN articles a ON a.seq = t.article_seq, q
          WHERE t.fts @@ q.q AND a.superseded_by IS NULL ORDER BY ${byDate ? 'a.date DESC NULLS LAST, a.seq DESC, t.idx' : 'score DESC, t.id DESC'} LIMIT $3 OFFSET $4)
      SELECT ${SUMMARY_COLUMNS}, t.idx, t.content, t.speaker_name, t.start, t."end", ts_headline('crosscheck', t.content, q.q, $2) AS snip, page.score
      FROM page JOIN attributions t ON t.id = page.id JOIN articles a ON a.seq = t.article_seq, q
      ORDER BY ${byDate ? 'page.date DESC NULLS LAST, page.seq DESC, page.idx' : 'page.score DESC, page.id DESC'}`, [query, HIGHLIGHT, q.limit, q.offset]);
    const attrHits: SearchHit[] = attrRows.map((r) => ({
      type: 'attribution',
      article: summaryFromRow(r),
      snippet: r.snip as string,
      attribution: { index: r.idx as number, content: r.content as string, speaker: (r.speaker_name as string) ?? null, start: r.start as number, end: r.end as number },
      score: (r.score as number | null) ?? null,
    }));
    const attrCount = q.offset === 0 && attrRows.length < q.limit ? attrRows.length
      : (await db.value<number>(`SELECT count(*) FROM (SELECT 1 FROM attributions t JOIN articles a ON a.seq = t.article_seq
          WHERE t.fts @@ to_tsquery('crosscheck', $1) AND a.superseded_by IS NULL LIMIT $2) m`, [query, MAX_COUNT + 1]))!;
    const page = (items: SearchHit[], count: number) => ({ items, total: Math.min(count, MAX_COUNT), totalExact: count <= MAX_COUNT, limit: q.limit, offset: q.offset, sort });
    return { articles: page(articleHits, articleCount), attributions: page(attrHits, attrCount) };
  }

  async attributions(q: AttributionQuery): Promise<Page<AttributionRow>> {
    const empty = { items: [], total: 0, limit: q.limit, offset: q.offset };
    const where: string[] = ['a.superseded_by IS NULL'];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    let names = q.speakers ?? [];
    if (q.entity != null) {
      // The names the entity's mentions resolve to: how the records name its speakers.
      const own = await this.db.column<string>('SELECT DISTINCT name FROM mentions WHERE entity_id = $1 ORDER BY name LIMIT 200', [q.entity]);
      names = q.speakers ? names.filter((n) => own.some((o) => o.toLowerCase() === n.toLowerCase())) : own;
      if (!names.length) return empty;
    }
    if (q.speakers || q.entity != null) {
      names = [...new Set(names.map((n) => n.trim()).filter(Boolean))].slice(0, 200);
      if (!names.length) return empty;
      where.push(`lower(t.speaker_name) = ANY(${p(names.map((n) => n.toLowerCase()))}::text[])`);
    }
    if (q.hedged != null) where.push(q.hedged ? "t.hedges::text <> '[]'" : "t.hedges::text = '[]'");
    if (q.q) {
      const query = toTsquery(q.q);
      if (!query) return empty;
      where.push(`t.fts @@ to_tsquery('crosscheck', ${p(query)})`);
    }
    const from = `FROM attributions t JOIN articles a ON a.seq = t.article_seq WHERE ${where.join(' AND ')}`;
    const total = (await this.db.value<number>(`SELECT count(*) ${from}`, params))!;
    const rows = await this.db.query(`WITH page AS (SELECT t.id ${from} ORDER BY a.date DESC NULLS LAST, a.seq DESC, t.idx LIMIT ${p(q.limit)} OFFSET ${p(q.offset)})
      SELECT ${SUMMARY_COLUMNS}, t.idx, t.start, t."end", t.content, t.kind, t.speaker_name, t.speaker_text, t.cue, t.via, t.hedges,
        s.id AS statement_id, r.role, s.reports AS s_reports, s.origins AS s_origins
      FROM page JOIN attributions t ON t.id = page.id JOIN articles a ON a.seq = t.article_seq
      LEFT JOIN statement_reports r ON r.attribution_id = t.id LEFT JOIN statements s ON s.seq = r.statement_seq
      ORDER BY a.date DESC NULLS LAST, a.seq DESC, t.idx`, params);
    const items = rows.map((r): AttributionRow => ({
      article: summaryFromRow(r), index: r.idx as number, start: r.start as number, end: r.end as number, content: r.content as string,
      kind: r.kind as AttributionRow['kind'], speaker: (r.speaker_name as string) ?? null, speakerText: (r.speaker_text as string) ?? null,
      cue: (r.cue as string) ?? null, via: r.via as string[], hedges: r.hedges as string[],
      statement: r.statement_id ? { id: r.statement_id as string, role: (r.role as ReportRole | null) ?? null, reports: r.s_reports as number, origins: r.s_origins as number } : null,
    }));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async recordLinks(articleId: string): Promise<RecordLinks | null> {
    const seq = await this.db.value<number>('SELECT seq FROM articles WHERE id = $1', [articleId], 'article_seq_by_id');
    if (seq == null) return null;
    const attributions = (await this.db.query(`SELECT t.idx, s.id, r.role, s.reports, s.origins, s.echoes FROM statement_reports r JOIN attributions t ON t.id = r.attribution_id
      JOIN statements s ON s.seq = r.statement_seq WHERE r.article_seq = $1 ORDER BY t.idx`, [seq])).map((r) => ({
      index: r.idx as number, statement: r.id as string, role: ((r.role as string) ?? null) as RecordLinks['attributions'][number]['role'],
      reports: r.reports as number, origins: r.origins as number, echoes: r.echoes as number,
    }));
    const quantities = (await this.db.query(`SELECT q.idx, g.id, g.members, g.conflict FROM quantities q JOIN quantity_group_members m ON m.quantity_id = q.id
      JOIN quantity_groups g ON g.seq = m.group_seq WHERE q.article_seq = $1 ORDER BY q.idx`, [seq])).map((r) => ({ index: r.idx as number, group: r.id as string, members: r.members as number, conflict: !!r.conflict }));
    const mentions = (await this.db.query('SELECT idx, entity_id FROM mentions WHERE article_seq = $1 AND entity_id IS NOT NULL ORDER BY idx', [seq]))
      .map((r) => ({ index: r.idx as number, entity: r.entity_id as number }));
    const reuse = (await this.db.value<number>('SELECT (SELECT count(*) FROM reuse WHERE a_seq = $1) + (SELECT count(*) FROM reuse WHERE b_seq = $1)', [seq]))!;
    return { attributions, quantities, mentions, reuse };
  }

  async stats(): Promise<StoreStats> {
    const r = (await this.db.one(`SELECT (SELECT count(*) FROM articles WHERE superseded_by IS NULL) AS articles, (SELECT count(*) FROM articles) AS versions,
      (SELECT count(*) FROM attributions) AS attributions, (SELECT count(*) FROM quantities) AS quantities, (SELECT count(*) FROM sources) AS sources,
      (SELECT count(*) FROM mentions) AS mentions, (SELECT count(*) FROM entities) AS entities`))!;
    return r as unknown as StoreStats;
  }

  async check(): Promise<CheckResult[]> {
    return checkPostgres(this.db);
  }

  // ---- entities (linking lives in src/link/entities.ts; these are its storage) ----

  /**
   * Mentions not yet linked, of one stored batch at a time (the earliest), and only of articles linking may
   * reach: so that entities are decided batch by batch in storing order, however many workers stored them.
   */
  async unlinkedMentions(limit: number): Promise<MentionToLink[]> {
    const bound = await this.linked.bound();
    const rows = await this.db.query(`SELECT m.id, m.kind, m.key, m.name, m.place_id, m.lat, m.lon FROM mentions m JOIN articles a ON a.seq = m.article_seq
      WHERE m.entity_id IS NULL AND a.batch = (
        SELECT fa.batch FROM mentions fm JOIN articles fa ON fa.seq = fm.article_seq WHERE fm.entity_id IS NULL AND fm.article_seq < $1 ORDER BY fm.id LIMIT 1)
      ORDER BY m.id LIMIT $2`, [bound, limit], 'unlinked_mentions');
    return rows.map((r) => ({
      id: r.id as number, kind: r.kind as MentionKind, key: r.key as string, name: r.name as string,
      placeId: (r.place_id as string) ?? null, lat: (r.lat as number) ?? null, lon: (r.lon as number) ?? null,
    }));
  }

  async entityCandidates(kind: MentionKind, keys: string[], blocks: string[]): Promise<EntityCandidate[]> {
    if (!keys.length && !blocks.length) return [];
    const db = this.db;
    // In the order SQLite finds them: owners of the keys, in key order; then the entities of each block by their first key.
    const ids = new Set<number>();
    for (const id of await db.column<number>(`SELECT e.entity_id FROM unnest($2::text[]) WITH ORDINALITY k(key, ord) JOIN entity_keys e ON e.kind = $1 AND e.key = k.key ORDER BY k.ord`, [kind, keys])) ids.add(id);
    for (const id of await db.column<number>(`SELECT e.entity_id FROM unnest($2::text[]) WITH ORDINALITY b(block, ord) JOIN entity_keys e ON e.kind = $1 AND e.block = b.block
      GROUP BY b.ord, e.entity_id ORDER BY b.ord, min(e.id)`, [kind, blocks])) ids.add(id);
    if (!ids.size) return [];
    const list = [...ids];
    const entities = new Map((await db.query('SELECT id, kind, name FROM entities WHERE id = ANY($1::bigint[])', [list])).map((r) => [r.id as number, r]));
    const keysOf = new Map<number, string[]>();
    for (const r of await db.query('SELECT entity_id, key FROM entity_keys WHERE entity_id = ANY($1::bigint[]) ORDER BY id', [list])) {
      const l = keysOf.get(r.entity_id as number) ?? [];
      l.push(r.key as string);
      keysOf.set(r.entity_id as number, l);
    }
    const blockedOf = new Map<number, string[]>();
    for (const r of await db.query('SELECT entity_id, key FROM entity_blocks WHERE entity_id = ANY($1::bigint[])', [list])) {
      const l = blockedOf.get(r.entity_id as number) ?? [];
      l.push(r.key as string);
      blockedOf.set(r.entity_id as number, l);
    }
    return list.filter((id) => entities.has(id)).map((id) => ({
      id, kind: entities.get(id)!.kind as MentionKind, name: entities.get(id)!.name as string, keys: keysOf.get(id) ?? [], blocked: blockedOf.get(id) ?? [],
    }));
  }

  async applyLinks(decisions: LinkDecision[]): Promise<void> {
    if (!decisions.length) return;
    const db = this.db;
    const now = new Date().toISOString();
    // Under the link lock: entity and key ids are the next free ones (max + 1), the same in every run of the same inputs.
    await this.linked.linkTransaction(async () => {
      const owner = new Map<string, number>();
      const lookup = [...new Set(decisions.map((d) => `${d.kind}\u0000${d.key}`))];
      for (const r of await db.query(`SELECT e.kind, e.key, e.entity_id FROM entity_keys e JOIN unnest($1::text[], $2::text[]) v(kind, key) ON e.kind = v.kind AND e.key = v.key`,
        [lookup.map((k) => k.split('\u0000')[0]), lookup.map((k) => k.split('\u0000')[1])])) owner.set(`${r.kind}\u0000${r.key}`, r.entity_id as number);
      let nextEntity = ((await db.value<number>('SELECT coalesce(max(id), 0) FROM entities')) ?? 0) + 1;
      let nextKey = ((await db.value<number>('SELECT coalesce(max(id), 0) FROM entity_keys')) ?? 0) + 1;
      const made: (number | null)[] = [];
      const ent: unknown[][] = [[], [], [], [], [], []];
      const keys: unknown[][] = [[], [], [], [], [], [], [], []];
      const links: unknown[][] = [[], []];
      decisions.forEach((d, i) => {
        const k = `${d.kind}\u0000${d.key}`;
        // A key another decision of this batch (or an earlier batch) already gave an entity keeps that entity.
        let entity = d.entity ?? (d.joins != null ? made[d.joins] : null) ?? owner.get(k) ?? null;
        if (entity == null) {
          entity = nextEntity++;
          [entity, d.kind, d.variant, d.placeId, d.lat, d.lon].forEach((v, j) => ent[j].push(v));
        }
        made[i] = entity;
        if (!owner.has(k)) {
          owner.set(k, entity);
          [nextKey++, entity, d.kind, d.key, d.block, d.variant, d.rule, d.reason].forEach((v, j) => keys[j].push(v));
        }
        for (const m of d.mentionIds) { links[0].push(m); links[1].push(entity); }
      });
      if (ent[0].length) {
        await db.query(`INSERT INTO entities (id, kind, name, place_id, lat, lon, created_at)
          SELECT id, kind, name, place_id, lat, lon, $7 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[]) AS v(id, kind, name, place_id, lat, lon)`, [...ent, now]);
      }
      if (keys[0].length) {
        await db.query(`INSERT INTO entity_keys (id, entity_id, kind, key, block, variant, rule, reason, created_at)
          SELECT id, e, kind, key, block, variant, rule, reason, $9
          FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS v(id, e, kind, key, block, variant, rule, reason)
          ON CONFLICT (kind, key) DO NOTHING`, [...keys, now]);
      }
      if (links[0].length) {
        await db.query('UPDATE mentions m SET entity_id = v.e FROM unnest($1::bigint[], $2::bigint[]) AS v(id, e) WHERE m.id = v.id', links);
      }
    });
  }

  private async variantsOf(ids: number[]): Promise<Map<number, { text: string; count: number }[]>> {
    const out = new Map<number, { text: string; count: number }[]>();
    if (!ids.length) return out;
    const rows = await this.db.query(`SELECT m.entity_id AS id, m.text AS text, count(*) AS n FROM mentions m JOIN articles a ON a.seq = m.article_seq
      WHERE m.entity_id = ANY($1::bigint[]) AND a.superseded_by IS NULL GROUP BY m.entity_id, m.text ORDER BY n DESC, m.text COLLATE "C"`, [ids]);
    for (const r of rows) {
      const list = out.get(r.id as number) ?? [];
      list.push({ text: r.text as string, count: r.n as number });
      out.set(r.id as number, list);
    }
    return out;
  }

  async entities(q: EntityQuery): Promise<Page<EntitySummary>> {
    const where: string[] = ['a.superseded_by IS NULL'];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (q.kind) where.push(`e.kind = ${p(q.kind)}`);
    if (q.q) {
      // SQLite's LIKE ignores the case of ASCII letters; ILIKE of every letter.
      const like = p(`%${q.q}%`);
      where.push(`e.id IN (SELECT entity_id FROM mentions WHERE (text ILIKE ${like} OR name ILIKE ${like}) AND entity_id IS NOT NULL)`);
    }
    const from = `FROM entities e JOIN mentions m ON m.entity_id = e.id JOIN articles a ON a.seq = m.article_seq WHERE ${where.join(' AND ')}`;
    const total = (await this.db.value<number>(`SELECT count(DISTINCT e.id) ${from}`, params))!;
    const rows = await this.db.query(`SELECT e.id, e.kind, e.name, e.place_id, e.lat, e.lon, count(*) AS n, count(DISTINCT a.seq) AS na ${from}
      GROUP BY e.id ORDER BY n DESC, e.name COLLATE "C" LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`, params);
    const variants = await this.variantsOf(rows.map((r) => r.id as number));
    return { items: rows.map((r) => this.entitySummary(r, variants.get(r.id as number) ?? [])), total, limit: q.limit, offset: q.offset };
  }

  private entitySummary(r: Row, variants: { text: string; count: number }[]): EntitySummary {
    return {
      id: r.id as number, kind: r.kind as MentionKind, name: r.name as string, placeId: (r.place_id as string) ?? null,
      lat: (r.lat as number) ?? null, lon: (r.lon as number) ?? null, mentions: (r.n as number) ?? 0, articles: (r.na as number) ?? 0, variants,
    };
  }

  async entity(id: number): Promise<EntityDetail | null> {
    if (!Number.isSafeInteger(id)) return null;
    const r = await this.db.one(`SELECT e.id, e.kind, e.name, e.place_id, e.lat, e.lon,
        (SELECT count(*) FROM mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.entity_id = e.id AND a.superseded_by IS NULL) AS n,
        (SELECT count(DISTINCT m.article_seq) FROM mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.entity_id = e.id AND a.superseded_by IS NULL) AS na
      FROM entities e WHERE e.id = $1`, [id]);
    if (!r) return null;
    const keys = (await this.db.query('SELECT id, key, variant, rule, reason, created_at FROM entity_keys WHERE entity_id = $1 ORDER BY id', [id])).map(
      (k): EntityKey => ({ id: k.id as number, key: k.key as string, variant: k.variant as string, rule: k.rule as string, reason: k.reason as string, createdAt: k.created_at as string }),
    );
    return { ...this.entitySummary(r, (await this.variantsOf([id])).get(id) ?? []), keys };
  }

  async undoMerge(entityKeyId: number): Promise<number | null> {
    if (!Number.isSafeInteger(entityKeyId)) return null;
    const db = this.db;
    const now = new Date().toISOString();
    // Under the link lock, as entities are made there.
    return this.linked.linkTransaction(async () => {
      const k = await db.one('SELECT id, entity_id, kind, key, block, variant, rule FROM entity_keys WHERE id = $1 FOR UPDATE', [entityKeyId]);
      if (!k || k.rule === 'new' || k.rule === 'same key') return null;
      const m = await db.one('SELECT place_id, lat, lon FROM mentions WHERE entity_id = $1 AND kind = $2 AND key = $3 ORDER BY id LIMIT 1', [k.entity_id, k.kind, k.key]);
      const fresh = ((await db.value<number>('SELECT coalesce(max(id), 0) FROM entities')) ?? 0) + 1;
      await db.query('INSERT INTO entities (id, kind, name, place_id, lat, lon, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [fresh, k.kind, k.variant, m?.place_id ?? null, m?.lat ?? null, m?.lon ?? null, now]);
      await db.query('INSERT INTO entity_blocks (kind, key, entity_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [k.kind, k.key, k.entity_id, now]);
      await db.query(`UPDATE entity_keys SET entity_id = $1, rule = 'new', reason = $2 WHERE id = $3`, [fresh, `split off entity ${k.entity_id} on ${now.slice(0, 10)}: the merge was undone`, k.id]);
      await db.query('UPDATE mentions SET entity_id = $1 WHERE entity_id = $2 AND kind = $3 AND key = $4', [fresh, k.entity_id, k.kind, k.key]);
      return fresh;
    });
  }

  async quantities(q: QuantityQuery): Promise<Page<QuantityRow>> {
    const where: string[] = ['a.superseded_by IS NULL'];
    const params: unknown[] = [];
    const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
    if (q.category) where.push(`q.category = ${p(q.category)}`);
    if (!q.vague) where.push('NOT q.vague');
    if (q.place) where.push(`q.place_id = ${p(q.place)}`);
    if (q.claimant) where.push(`lower(q.claimant) = lower(${p(q.claimant)})`);
    const w = `WHERE ${where.join(' AND ')}`;
    const order = q.byDate ? 'coalesce(q.date, a.date) IS NULL, coalesce(q.date, a.date), a.seq, q.idx' : 'a.date DESC NULLS LAST, a.seq DESC, q.idx';
    const total = (await this.db.value<number>(`SELECT count(*) FROM quantities q JOIN articles a ON a.seq = q.article_seq ${w}`, params))!;
    const rows = await this.db.query(`SELECT ${SUMMARY_COLUMNS}, q.text AS q_text, q.value, q.low, q.high, q.approx, q.category, q.vague, q.unit, q.claimant,
        q.place_id, q.place_name, q.place_text, q.lat, q.lon, q.date AS q_date, q.date_precision, q.date_text, q.start AS q_start, q."end" AS q_end
      FROM quantities q JOIN articles a ON a.seq = q.article_seq ${w}
      ORDER BY ${order} LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`, params);
    const items = rows.map((r): QuantityRow => ({
      text: r.q_text as string, value: (r.value as number) ?? null, low: (r.low as number) ?? null, high: (r.high as number) ?? null,
      approx: r.approx as QuantityRow['approx'], category: r.category as QuantityCategory, vague: !!r.vague, unit: (r.unit as string) ?? null,
      claimant: (r.claimant as string) ?? null,
      place: r.place_id ? { id: r.place_id as string, name: r.place_name as string, text: r.place_text as string, lat: (r.lat as number) ?? null, lon: (r.lon as number) ?? null } : null,
      date: r.q_date ? { date: r.q_date as string, precision: r.date_precision as DatePrecision, text: r.date_text as string } : null,
      start: r.q_start as number, end: r.q_end as number, article: summaryFromRow(r),
    }));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
