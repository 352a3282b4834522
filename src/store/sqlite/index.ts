// The default store: one SQLite file (better-sqlite3, WAL, FTS5), migrated on open.
import Database from 'better-sqlite3';
import { CrosscheckError } from '../../errors.js';
import type { EntityCandidate, LinkDecision, MentionToLink } from '../../link/entities.js';
import type { AnalysisRecord, Article, ArticleDetail, ArticleSummary, DatePrecision, MentionKind, PutOutcome, QuantityCategory, ReportRole, SearchHit, SourceSighting, StoredArticle } from '../../model.js';
import { toFts5 } from '../fts-query.js';
import { articleFromRow, sourceRef, summaryFromRow, type Row } from '../rows.js';
import type { ArticleQuery, AttributionQuery, AttributionRow, CheckResult, EntityDetail, EntityKey, EntityQuery, EntitySummary, LinkStore, Page, PutItem, QuantityQuery, QuantityRow, RecordLinks, SearchPage, SearchQuery, SearchResult, Store, StoreStats } from '../store.js';
import { checkSqlite } from './check.js';
import { SqliteLinkStore } from './link.js';
import { MIGRATIONS } from './migrations.js';

const SUMMARY_COLUMNS = `a.id, a.title, a.url, a.outlet, a.date, a.version,
  (SELECT count(*) FROM attributions t WHERE t.article_rowid = a.rowid) AS n_attributions,
  (SELECT count(*) FROM quantities q WHERE q.article_rowid = a.rowid) AS n_quantities`;

/** The rowids of superseded versions: few, and indexed (articles_superseded), so a search skips them without reading each match's row. */
const SUPERSEDED = 'SELECT rowid FROM articles WHERE superseded_by IS NOT NULL';
/** A search counts its matches up to this many; above it, `total` is MAX_COUNT and `totalExact` false ("10,000+"). */
export const MAX_COUNT = 10_000;
/**
 * When a search by date walks the rows newest first instead of sorting its matches. Walking to the end of a page
 * reads about rows × (offset + limit) / matches index entries; sorting reads every match's row, each about
 * 1/WALK_COST times as dear (measured on a 100,000-article store: 0.8 µs an entry walked, 3.6 µs a match sorted,
 * docs/RESULTS.md). So walking is the cheaper from √(WALK_COST × rows × (offset + limit)) matches on: about 600
 * for a first page of articles and 1,700 of statements at 100,000 articles, and it grows with the store (a fixed
 * bound made the walk, at a million articles, read 150,000 entries for a term with 1,000 matches).
 */
export const WALK_COST = 0.2;
/** Below this many matches a date search always sorts them; from MAX_COUNT on it always walks. */
export const WALK_FROM = 100;

const emptySearchPage = (q: SearchQuery): SearchPage => ({ items: [], total: 0, totalExact: true, limit: q.limit, offset: q.offset, sort: q.sort ?? 'relevance' });

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  let n = 0;
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    n++;
  }
  return n;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly stmt: ReturnType<SqliteStore['prepare']>;
  private readonly linked: SqliteLinkStore;
  private readonly statements = new Map<string, Database.Statement>();
  /** A fixed bound instead of walkBound's (the tests try both of a date search's plans on a small store). */
  private readonly walkFrom: number | undefined;

  /**
   * Opens (and migrates) the store at `path`. With `readonly`, a connection that only reads (the server's reader
   * threads, src/store/sqlite/readers.ts): the file must exist and be migrated already, and pages are read
   * through a memory map. `walkFrom` fixes the number of matches from which a date search walks (see WALK_COST).
   */
  constructor(readonly path: string, options: { readonly?: boolean; walkFrom?: number } = {}) {
    this.walkFrom = options.walkFrom;
    try {
      this.db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
    } catch (e) {
      throw new CrosscheckError('E_STORE', `cannot open the store: ${(e as Error).message}; check the --db path and its folder`, { file: path });
    }
    if (options.readonly) {
      const applied = this.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null;
      const latest = Math.max(...MIGRATIONS.map((m) => m.version));
      if (applied !== latest) throw new CrosscheckError('E_STORE', `the store is at migration ${applied ?? 0}, not ${latest}: open it for writing first (any crosscheck command but serve's readers does)`, { file: path });
      this.db.pragma('mmap_size = 4294967296');
    } else {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('cache_size = -262144');
    // A checkpoint (copying the log into the file, with two fsyncs) every 40 MB of log rather than every 4 MB:
    // an ingest batch writes more than 4 MB, and pages written by successive batches are copied once.
    if (!options.readonly) this.db.pragma('wal_autocheckpoint = 10000');
    if (!options.readonly) migrate(this.db);
    this.stmt = this.prepare();
    this.linked = new SqliteLinkStore(this.db, () => this.dropEntityCache());
  }

  // Linking across articles (src/link/): see ./link.ts.
  linkTransaction: LinkStore['linkTransaction'] = (fn) => this.linked.linkTransaction(fn);
  batchTransaction: NonNullable<Store['batchTransaction']> = (fn) => this.linked.linkTransaction(fn);
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

  private prepare() {
    const db = this.db;
    return {
      has: db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck(),
      latestOfKey: db.prepare('SELECT rowid, id, version FROM articles WHERE key = ? ORDER BY version DESC LIMIT 1'),
      supersede: db.prepare('UPDATE articles SET superseded_by = ? WHERE rowid = ?'),
      insertArticle: db.prepare(`INSERT INTO articles (id, key, version, title, url, outlet, date, source_path, source_line, source_row,
        source_byte, source_url, source_fetched_at, raw_hash, text, offsets, removed, warnings, meta, ingested_at, analyzer, analysis)
        VALUES (@id, @key, @version, @title, @url, @outlet, @date, @source_path, @source_line, @source_row,
        @source_byte, @source_url, @source_fetched_at, @raw_hash, @text, @offsets, @removed, @warnings, @meta, @ingested_at, @analyzer, @analysis)`),
      insertArticleFts: db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)'),
      insertAttribution: db.prepare(`INSERT INTO attributions (article_rowid, idx, start, end, content, kind, speaker_text, speaker_name, cue, via, hedges)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertAttributionFts: db.prepare('INSERT INTO attributions_fts (rowid, content, speaker_name) VALUES (?, ?, ?)'),
      insertQuantity: db.prepare(`INSERT INTO quantities (article_rowid, idx, start, end, text, value, low, high, approx, category, claimant, vague,
        unit, place_id, place_name, place_text, lat, lon, date, date_precision, date_text)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertMention: db.prepare(`INSERT INTO mentions (article_rowid, idx, kind, start, end, text, name, key, resolution, confidence, title, role, place_id, lat, lon)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      unlinked: db.prepare(`SELECT rowid AS id, kind, key, name, place_id, lat, lon FROM mentions WHERE entity_id IS NULL ORDER BY rowid LIMIT ?`),
      keyOwner: db.prepare('SELECT entity_id FROM entity_keys WHERE kind = ? AND key = ?').pluck(),
      insertEntity: db.prepare('INSERT INTO entities (kind, name, place_id, lat, lon, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertKey: db.prepare(`INSERT INTO entity_keys (entity_id, kind, key, block, variant, rule, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (kind, key) DO NOTHING`),
      linkMention: db.prepare('UPDATE mentions SET entity_id = ? WHERE rowid = ?'),
      entitiesOfBlock: db.prepare('SELECT DISTINCT entity_id FROM entity_keys WHERE kind = ? AND block = ?').pluck(),
      entityById: db.prepare('SELECT id, kind, name FROM entities WHERE id = ?'),
      keysOfEntity: db.prepare('SELECT key FROM entity_keys WHERE entity_id = ?').pluck(),
      blocksOfEntity: db.prepare('SELECT key FROM entity_blocks WHERE entity_id = ?').pluck(),
      insertSource: db.prepare('INSERT OR IGNORE INTO sources (raw_hash, path, line, row, byte, url, fetched_at, read_at, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      sourcesOf: db.prepare('SELECT * FROM sources WHERE article_id = ? ORDER BY rowid'),
      articlesAfter: db.prepare('SELECT * FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?'),
      byId: db.prepare('SELECT * FROM articles WHERE id = ?'),
      byPrefix: db.prepare("SELECT * FROM articles WHERE id >= ? AND id < ? || 'g' LIMIT 2"),
      versions: db.prepare('SELECT id, version, ingested_at FROM articles WHERE key = ? ORDER BY version'),
    };
  }

  async has(id: string): Promise<boolean> {
    return this.stmt.has.get(id) != null;
  }

  async put(items: PutItem[], sightings: SourceSighting[] = []): Promise<PutOutcome[]> {
    const s = this.stmt;
    const now = new Date().toISOString();
    const run = this.db.transaction((batch: PutItem[]) => {
      const outcomes = batch.map(({ article, analysis, sightings: own }): PutOutcome => {
        if (s.has.get(article.id) != null) return 'unchanged';
        const prev = s.latestOfKey.get(article.key) as { rowid: number; id: string; version: number } | undefined;
        const version = prev ? prev.version + 1 : 1;
        const info = s.insertArticle.run({
          id: article.id,
          key: article.key,
          version,
          title: article.title,
          url: article.url,
          outlet: article.outlet,
          date: article.date,
          source_path: article.source.path,
          source_line: article.source.line ?? null,
          source_row: article.source.row ?? null,
          source_byte: article.source.byte ?? null,
          source_url: article.source.url ?? null,
          source_fetched_at: article.source.fetchedAt ?? null,
          meta: article.meta ? JSON.stringify(article.meta) : null,
          raw_hash: article.rawHash,
          text: article.text,
          offsets: JSON.stringify(article.offsets),
          removed: JSON.stringify(article.removed),
          warnings: JSON.stringify(article.warnings),
          ingested_at: article.ingestedAt ?? now,
          analyzer: analysis.analyzer,
          analysis: JSON.stringify(analysis),
        });
        const rowid = Number(info.lastInsertRowid);
        if (prev) s.supersede.run(article.id, prev.rowid);
        s.insertArticleFts.run(rowid, article.title ?? '', article.text);
        analysis.attributions.forEach((a, idx) => {
          const r = s.insertAttribution.run(rowid, idx, a.start, a.end, a.content, a.kind, a.speaker?.text ?? null, a.speaker?.name ?? null, a.cue, JSON.stringify(a.via), JSON.stringify(a.hedges));
          s.insertAttributionFts.run(Number(r.lastInsertRowid), a.content, a.speaker?.name ?? '');
        });
        analysis.quantities.forEach((q, idx) => {
          s.insertQuantity.run(rowid, idx, q.start, q.end, q.text, q.value, q.low, q.high, q.approx, q.category, q.claimant, q.vague ? 1 : 0,
            q.unit ?? null, q.place?.id ?? null, q.place?.name ?? null, q.place?.text ?? null, q.place?.lat ?? null, q.place?.lon ?? null,
            q.date?.date ?? null, q.date?.precision ?? null, q.date?.text ?? null);
        });
        (analysis.mentions ?? []).forEach((m, idx) => {
          s.insertMention.run(rowid, idx, m.kind, m.start, m.end, m.text, m.name, m.key, m.resolution, m.confidence, m.title ?? null, m.role ?? null,
            m.place?.id ?? null, m.place?.lat ?? null, m.place?.lon ?? null);
        });
        for (const x of own ?? []) this.insertSighting(x);
        return prev ? 'version' : 'new';
      });
      for (const x of sightings) this.insertSighting(x);
      return outcomes;
    });
    try {
      return run(items);
    } catch (e) {
      throw new CrosscheckError('E_STORE', `cannot write to the store: ${(e as Error).message}`, { file: this.path });
    }
  }

  async recordSources(sightings: SourceSighting[]): Promise<void> {
    this.db.transaction(() => {
      for (const x of sightings) this.insertSighting(x);
    })();
  }

  /** One sighting; one already recorded (same bytes, place and article) is left as it is. */
  private insertSighting(x: SourceSighting): void {
    const src = x.source;
    this.stmt.insertSource.run(x.rawHash, src.path, src.line ?? null, src.row ?? null, src.byte ?? null, src.url ?? null, src.fetchedAt ?? null, x.readAt, x.articleId);
  }

  async sources(articleId: string): Promise<SourceSighting[]> {
    return (this.stmt.sourcesOf.all(articleId) as Row[]).map((r) => ({
      rawHash: r.raw_hash as string,
      source: sourceRef(r.path, r.line, r.row, r.byte, r.url, r.fetched_at),
      articleId: r.article_id as string,
      readAt: r.read_at as string,
    }));
  }

  async *articles(): AsyncIterable<StoredArticle> {
    // Pages by rowid, so a long export holds no read transaction open and little memory.
    let after = 0;
    for (;;) {
      const rows = this.stmt.articlesAfter.all(after, 500) as Row[];
      if (!rows.length) return;
      for (const r of rows) {
        after = r.rowid as number;
        const article = this.toArticle(r);
        yield { article, analysis: r.analysis ? (JSON.parse(r.analysis as string) as AnalysisRecord) : null, sources: await this.sources(article.id) };
      }
    }
  }

  private toArticle(r: Row): Article {
    return articleFromRow(r, (v) => JSON.parse(v as string));
  }

  async get(idOrPrefix: string): Promise<ArticleDetail | null> {
    const key = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]{4,64}$/.test(key)) return null;
    let r = this.stmt.byId.get(key) as Row | undefined;
    if (!r) {
      const rows = this.stmt.byPrefix.all(key, key) as Row[];
      if (rows.length !== 1 || !(rows[0].id as string).startsWith(key)) return null;
      r = rows[0];
    }
    const article = this.toArticle(r);
    const analysis = r.analysis ? (JSON.parse(r.analysis as string) as AnalysisRecord) : null;
    const versions = (this.stmt.versions.all(article.key) as Row[]).map((v) => ({ id: v.id as string, version: v.version as number, ingestedAt: (v.ingested_at as string) ?? null }));
    return { article, analysis, versions };
  }

  async list(q: ArticleQuery): Promise<Page<ArticleSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!q.allVersions) where.push('a.superseded_by IS NULL');
    if (q.outlet) { where.push('a.outlet = ?'); params.push(q.outlet); }
    if (q.from) { where.push('a.date >= ?'); params.push(q.from); }
    if (q.to) { where.push('a.date <= ?'); params.push(q.to); }
    if (q.entity != null) { where.push('a.rowid IN (SELECT article_rowid FROM mentions WHERE entity_id = ?)'); params.push(q.entity); }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare(`SELECT count(*) FROM articles a ${w}`).pluck().get(...params) as number;
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a ${w} ORDER BY a.date DESC NULLS LAST, a.rowid DESC LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as Row[];
    return { items: rows.map(summaryFromRow), total, limit: q.limit, offset: q.offset };
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    return { articles: await this.searchArticles(q), attributions: await this.searchAttributions(q) };
  }

  /**
   * The articles page of a search (`search` is this and `searchAttributions`; the server's reader threads run
   * the two at once). sort=relevance: BM25 (title weighted 4, text 1) over every match; sort=date: newest article
   * first (the article list's order). Both read every match once, with no cap on which matches can be shown;
   * snippets are made for the page's rows only. `total` counts matches up to MAX_COUNT (`totalExact` false above).
   */
  async searchArticles(q: SearchQuery): Promise<SearchPage> {
    const match = toFts5(q.q);
    if (!match) return emptySearchPage(q);
    const current = this.hasSuperseded() ? `AND rowid NOT IN (${SUPERSEDED})` : '';
    const p = { match, limit: q.limit, offset: q.offset };
    const counted = () => this.cached(`SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH @match ${current} LIMIT @cap)`).pluck().get({ match, cap: MAX_COUNT + 1 }) as number;
    let count: number | null = null;
    let page: string;
    if (q.sort === 'date') {
      // Few matches: each one's row is read for its date (an early column) and they are sorted. Many: the current
      // articles are walked newest first (the articles_current_date index) until the page is full, each checked
      // against the set of matches (read once, with a Bloom filter). Both give the article list's order.
      count = counted();
      page = count < this.walkBound('articles', q)
        ? `SELECT a.rowid, NULL AS score, a.date FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match) m CROSS JOIN articles a ON a.rowid = m.rowid
            WHERE a.superseded_by IS NULL ORDER BY a.date DESC NULLS LAST, a.rowid DESC LIMIT @limit OFFSET @offset`
        : `SELECT a.rowid, NULL AS score, a.date FROM articles a INDEXED BY articles_current_date
            WHERE a.superseded_by IS NULL AND a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)
            ORDER BY a.date DESC NULLS LAST, a.rowid DESC LIMIT @limit OFFSET @offset`;
    } else {
      page = `SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS score, NULL AS date FROM articles_fts WHERE articles_fts MATCH @match ${current}
          ORDER BY score, rowid DESC LIMIT @limit OFFSET @offset`;
    }
    const order = q.sort === 'date' ? 'page.date DESC NULLS LAST, page.rowid DESC' : 'page.score, page.rowid DESC';
    const rows = this.cached(`WITH page AS (${page})
        SELECT ${SUMMARY_COLUMNS}, page.score,
          (SELECT snippet(articles_fts, 1, char(2), char(3), '…', 20) FROM articles_fts WHERE articles_fts MATCH @match AND rowid = page.rowid) AS snip
        FROM page JOIN articles a ON a.rowid = page.rowid ORDER BY ${order}`).all(p) as Row[];
    // A first page that is not full holds every match: nothing to count.
    count ??= q.offset === 0 && rows.length < q.limit ? rows.length : counted();
    const items: SearchHit[] = rows.map((r) => ({ type: 'article', article: summaryFromRow(r), snippet: r.snip as string, score: r.score == null ? null : -(r.score as number) }));
    return { items, total: Math.min(count, MAX_COUNT), totalExact: count <= MAX_COUNT, limit: q.limit, offset: q.offset, sort: q.sort ?? 'relevance' };
  }

  /** The attributions page of a search: as `searchArticles`, BM25 over content and speaker, or newest article first (then the order in the article). */
  async searchAttributions(q: SearchQuery): Promise<SearchPage> {
    const match = toFts5(q.q);
    if (!match) return emptySearchPage(q);
    // The attributions of superseded versions: few (those of the few superseded articles), found by their index.
    const current = this.hasSuperseded() ? `AND rowid NOT IN (SELECT t.rowid FROM attributions t WHERE t.article_rowid IN (${SUPERSEDED}))` : '';
    const p = { match, limit: q.limit, offset: q.offset };
    const counted = () => this.cached(`SELECT count(*) FROM (SELECT 1 FROM attributions_fts WHERE attributions_fts MATCH @match ${current} LIMIT @cap)`).pluck().get({ match, cap: MAX_COUNT + 1 }) as number;
    let count: number | null = null;
    let page: string;
    if (q.sort === 'date') {
      // As searchArticles: few matches are read and sorted; many are found by walking the articles newest first.
      count = counted();
      page = count < this.walkBound('attributions', q)
        ? `SELECT t.rowid, NULL AS score, a.date, a.rowid AS article_rowid, t.idx FROM (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH @match) m
            CROSS JOIN attributions t ON t.rowid = m.rowid CROSS JOIN articles a ON a.rowid = t.article_rowid
            WHERE a.superseded_by IS NULL ORDER BY a.date DESC NULLS LAST, a.rowid DESC, t.idx LIMIT @limit OFFSET @offset`
        : `SELECT t.rowid, NULL AS score, a.date, a.rowid AS article_rowid, t.idx FROM articles a INDEXED BY articles_current_date
            CROSS JOIN attributions t ON t.article_rowid = a.rowid
            WHERE a.superseded_by IS NULL AND t.rowid IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH @match)
            ORDER BY a.date DESC NULLS LAST, a.rowid DESC, t.idx LIMIT @limit OFFSET @offset`;
    } else {
      page = `SELECT rowid, bm25(attributions_fts) AS score, NULL AS date, NULL AS article_rowid, NULL AS idx FROM attributions_fts WHERE attributions_fts MATCH @match ${current}
          ORDER BY score, rowid DESC LIMIT @limit OFFSET @offset`;
    }
    const order = q.sort === 'date' ? 'page.date DESC NULLS LAST, page.article_rowid DESC, page.idx' : 'page.score, page.rowid DESC';
    const rows = this.cached(`WITH page AS (${page})
        SELECT ${SUMMARY_COLUMNS}, t.idx, t.content, t.speaker_name, t.start, t.end, page.score,
          (SELECT highlight(attributions_fts, 0, char(2), char(3)) FROM attributions_fts WHERE attributions_fts MATCH @match AND rowid = page.rowid) AS snip
        FROM page JOIN attributions t ON t.rowid = page.rowid JOIN articles a ON a.rowid = t.article_rowid ORDER BY ${order}`).all(p) as Row[];
    count ??= q.offset === 0 && rows.length < q.limit ? rows.length : counted();
    const items: SearchHit[] = rows.map((r) => ({
      type: 'attribution',
      article: summaryFromRow(r),
      snippet: r.snip as string,
      attribution: { index: r.idx as number, content: r.content as string, speaker: (r.speaker_name as string) ?? null, start: r.start as number, end: r.end as number },
      score: r.score == null ? null : -(r.score as number),
    }));
    return { items, total: Math.min(count, MAX_COUNT), totalExact: count <= MAX_COUNT, limit: q.limit, offset: q.offset, sort: q.sort ?? 'relevance' };
  }

  /** The number of matches from which a date search over `table` walks it newest first (WALK_COST). */
  private walkBound(table: 'articles' | 'attributions', q: SearchQuery): number {
    if (this.walkFrom !== undefined) return this.walkFrom;
    const rows = (this.cached(`SELECT max(rowid) FROM ${table}`).pluck().get() as number | null) ?? 0;
    // A count that reached MAX_COUNT says only "more": the walk, which such a count makes short, is then the safe plan.
    return Math.min(MAX_COUNT, Math.max(WALK_FROM, Math.sqrt(WALK_COST * rows * (q.offset + q.limit))));
  }

  /** Whether any stored article is an older version (few are: an indexed set, read when there are any). */
  private hasSuperseded(): boolean {
    return this.cached('SELECT EXISTS (SELECT 1 FROM articles WHERE superseded_by IS NOT NULL)').pluck().get() === 1;
  }

  /** A prepared statement for the search's few SQL texts, made once (statements, not answers, are kept). */
  private cached(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= 64) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  async attributions(q: AttributionQuery): Promise<Page<AttributionRow>> {
    const where: string[] = ['a.superseded_by IS NULL'];
    const params: unknown[] = [];
    let names = q.speakers ?? [];
    if (q.entity != null) {
      // The names the entity's mentions resolve to: how the records name its speakers.
      const own = this.db.prepare('SELECT DISTINCT name FROM mentions WHERE entity_id = ? LIMIT 200').pluck().all(q.entity) as string[];
      names = q.speakers ? names.filter((n) => own.some((o) => o.toLowerCase() === n.toLowerCase())) : own;
      if (!names.length) return { items: [], total: 0, limit: q.limit, offset: q.offset };
    }
    if (q.speakers || q.entity != null) {
      names = [...new Set(names.map((n) => n.trim()).filter(Boolean))].slice(0, 200);
      if (!names.length) return { items: [], total: 0, limit: q.limit, offset: q.offset };
      where.push(`t.speaker_name COLLATE NOCASE IN (${names.map(() => '?').join(',')})`);
      params.push(...names);
    }
    if (q.hedged != null) where.push(q.hedged ? "t.hedges <> '[]'" : "t.hedges = '[]'");
    if (q.q) {
      const match = toFts5(q.q);
      if (!match) return { items: [], total: 0, limit: q.limit, offset: q.offset };
      where.push('t.rowid IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)');
      params.push(match);
    }
    const from = `FROM attributions t JOIN articles a ON a.rowid = t.article_rowid WHERE ${where.join(' AND ')}`;
    const total = this.db.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number;
    const rows = this.db
      .prepare(`WITH page AS (SELECT t.rowid AS rowid ${from} ORDER BY a.date DESC NULLS LAST, a.rowid DESC, t.idx LIMIT ? OFFSET ?)
        SELECT ${SUMMARY_COLUMNS}, t.idx, t.start, t.end, t.content, t.kind, t.speaker_name, t.speaker_text, t.cue, t.via, t.hedges,
          s.id AS statement_id, r.role, s.reports AS s_reports, s.origins AS s_origins
        FROM page JOIN attributions t ON t.rowid = page.rowid JOIN articles a ON a.rowid = t.article_rowid
        LEFT JOIN statement_reports r ON r.attribution_rowid = t.rowid LEFT JOIN statements s ON s.rowid = r.statement_rowid
        ORDER BY a.date DESC NULLS LAST, a.rowid DESC, t.idx`)
      .all(...params, q.limit, q.offset) as Row[];
    const items = rows.map((r): AttributionRow => ({
      article: summaryFromRow(r), index: r.idx as number, start: r.start as number, end: r.end as number, content: r.content as string,
      kind: r.kind as AttributionRow['kind'], speaker: (r.speaker_name as string) ?? null, speakerText: (r.speaker_text as string) ?? null,
      cue: (r.cue as string) ?? null, via: JSON.parse(r.via as string), hedges: JSON.parse(r.hedges as string),
      statement: r.statement_id ? { id: r.statement_id as string, role: (r.role as ReportRole | null) ?? null, reports: r.s_reports as number, origins: r.s_origins as number } : null,
    }));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async recordLinks(articleId: string): Promise<RecordLinks | null> {
    const rowid = this.db.prepare('SELECT rowid FROM articles WHERE id = ?').pluck().get(articleId) as number | undefined;
    if (rowid == null) return null;
    const attributions = (this.db
      .prepare(`SELECT t.idx, s.id, r.role, s.reports, s.origins, s.echoes FROM statement_reports r JOIN attributions t ON t.rowid = r.attribution_rowid
        JOIN statements s ON s.rowid = r.statement_rowid WHERE r.article_rowid = ? ORDER BY t.idx`)
      .all(rowid) as Row[]).map((r) => ({
      index: r.idx as number, statement: r.id as string, role: ((r.role as string) ?? null) as RecordLinks['attributions'][number]['role'],
      reports: r.reports as number, origins: r.origins as number, echoes: r.echoes as number,
    }));
    const quantities = (this.db
      .prepare(`SELECT q.idx, g.id, g.members, g.conflict FROM quantities q JOIN quantity_group_members m ON m.quantity_rowid = q.rowid
        JOIN quantity_groups g ON g.rowid = m.group_rowid WHERE q.article_rowid = ? ORDER BY q.idx`)
      .all(rowid) as Row[]).map((r) => ({ index: r.idx as number, group: r.id as string, members: r.members as number, conflict: !!r.conflict }));
    const mentions = (this.db.prepare('SELECT idx, entity_id FROM mentions WHERE article_rowid = ? AND entity_id IS NOT NULL ORDER BY idx').all(rowid) as Row[])
      .map((r) => ({ index: r.idx as number, entity: r.entity_id as number }));
    const reuse = this.db.prepare('SELECT (SELECT count(*) FROM reuse WHERE a_rowid = ?) + (SELECT count(*) FROM reuse WHERE b_rowid = ?)').pluck().get(rowid, rowid) as number;
    return { attributions, quantities, mentions, reuse };
  }

  /**
   * The counts of what the store holds (every page of the web UI shows them). Counting whole tables costs tens of
   * milliseconds on a large store, so the answer is kept until the store changes: until another connection
   * commits (PRAGMA data_version) or this one writes (total_changes()).
   */
  async stats(): Promise<StoreStats> {
    const key = `${this.db.pragma('data_version', { simple: true })}:${this.cached('SELECT total_changes()').pluck().get()}`;
    if (this.statsCache?.key === key) return { ...this.statsCache.value };
    const one = (sql: string) => this.cached(sql).pluck().get() as number;
    const value: StoreStats = {
      articles: one('SELECT count(*) FROM articles WHERE superseded_by IS NULL'),
      versions: one('SELECT count(*) FROM articles'),
      attributions: one('SELECT count(*) FROM attributions'),
      quantities: one('SELECT count(*) FROM quantities'),
      sources: one('SELECT count(*) FROM sources'),
      mentions: one('SELECT count(*) FROM mentions'),
      entities: one('SELECT count(*) FROM entities'),
    };
    this.statsCache = { key, value };
    return { ...value };
  }

  private statsCache: { key: string; value: StoreStats } | null = null;

  async check(): Promise<CheckResult[]> {
    return checkSqlite(this.db);
  }

  // ---- entities (linking lives in src/link/entities.ts; these are its storage) ----

  async unlinkedMentions(limit: number): Promise<MentionToLink[]> {
    return (this.stmt.unlinked.all(limit) as Row[]).map((r) => ({
      id: r.id as number, kind: r.kind as MentionKind, key: r.key as string, name: r.name as string,
      placeId: (r.place_id as string) ?? null, lat: (r.lat as number) ?? null, lon: (r.lon as number) ?? null,
    }));
  }

  // What entity resolution looks up for every batch (who owns a key, which entities have a key under a block,
  // an entity's name, keys and blocked keys), kept in memory as read and as applyLinks writes it. Dropped when
  // another connection has written to the store since (PRAGMA data_version), when a merge is undone, and when
  // a link transaction rolls back.
  private entityCache = { owner: new Map<string, number | null>(), block: new Map<string, number[]>(), entity: new Map<number, EntityCandidate>(), version: -1 };

  private entities_(): SqliteStore['entityCache'] {
    const c = this.entityCache;
    const v = this.db.pragma('data_version', { simple: true }) as number;
    if (v !== c.version || c.owner.size + c.block.size + c.entity.size > 1_500_000) this.dropEntityCache(v);
    return c;
  }

  private dropEntityCache(version = -1): void {
    this.entityCache = { owner: new Map(), block: new Map(), entity: new Map(), version };
  }

  private keyOwner(kind: MentionKind, key: string): number | null {
    const c = this.entityCache;
    const k = `${kind}\u0000${key}`;
    let id = c.owner.get(k);
    if (id === undefined) c.owner.set(k, (id = (this.stmt.keyOwner.get(kind, key) as number | undefined) ?? null));
    return id;
  }

  async entityCandidates(kind: MentionKind, keys: string[], blocks: string[]): Promise<EntityCandidate[]> {
    if (!keys.length && !blocks.length) return [];
    const s = this.stmt;
    const c = this.entities_();
    const ids = new Set<number>();
    for (const k of keys) { const id = this.keyOwner(kind, k); if (id != null) ids.add(id); }
    for (const b of blocks) {
      const k = `${kind}\u0000${b}`;
      let list = c.block.get(k);
      if (!list) c.block.set(k, (list = s.entitiesOfBlock.all(kind, b) as number[]));
      for (const id of list) ids.add(id);
    }
    return [...ids].map((id) => {
      let e = c.entity.get(id);
      if (!e) {
        const r = s.entityById.get(id) as Row;
        c.entity.set(id, (e = { id, kind: r.kind as MentionKind, name: r.name as string, keys: s.keysOfEntity.all(id) as string[], blocked: s.blocksOfEntity.all(id) as string[] }));
      }
      return { ...e, keys: [...e.keys], blocked: [...e.blocked] };
    });
  }

  async applyLinks(decisions: LinkDecision[]): Promise<void> {
    const s = this.stmt;
    const now = new Date().toISOString();
    const c = this.entities_();
    try {
      this.db.transaction(() => {
        const made: (number | null)[] = [];
        decisions.forEach((d, i) => {
          // A key another decision of this batch (or an earlier batch) already gave an entity keeps that entity.
          let entity = d.entity ?? (d.joins != null ? made[d.joins] : null) ?? this.keyOwner(d.kind, d.key);
          if (entity == null) {
            entity = Number(s.insertEntity.run(d.kind, d.variant, d.placeId, d.lat, d.lon, now).lastInsertRowid);
            c.entity.set(entity, { id: entity, kind: d.kind, name: d.variant, keys: [], blocked: [] });
          }
          made[i] = entity;
          if (s.insertKey.run(entity, d.kind, d.key, d.block, d.variant, d.rule, d.reason, now).changes) {
            c.owner.set(`${d.kind}\u0000${d.key}`, entity);
            const list = c.block.get(`${d.kind}\u0000${d.block}`);
            if (list && !list.includes(entity)) list.push(entity);
            c.entity.get(entity)?.keys.push(d.key);
          }
          for (const m of d.mentionIds) s.linkMention.run(entity, m);
        });
      })();
    } catch (e) {
      this.dropEntityCache();
      throw e;
    }
  }

  private variantsOf(ids: number[]): Map<number, { text: string; count: number }[]> {
    const out = new Map<number, { text: string; count: number }[]>();
    if (!ids.length) return out;
    const rows = this.db
      .prepare(`SELECT m.entity_id AS id, m.text AS text, count(*) AS n FROM mentions m JOIN articles a ON a.rowid = m.article_rowid
        WHERE m.entity_id IN (${ids.map(() => '?').join(',')}) AND a.superseded_by IS NULL GROUP BY m.entity_id, m.text ORDER BY n DESC, m.text`)
      .all(...ids) as Row[];
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
    if (q.kind) { where.push('e.kind = ?'); params.push(q.kind); }
    if (q.q) {
      where.push(`e.id IN (SELECT entity_id FROM mentions WHERE (text LIKE ? OR name LIKE ?) AND entity_id IS NOT NULL)`);
      params.push(`%${q.q}%`, `%${q.q}%`);
    }
    const from = `FROM entities e JOIN mentions m ON m.entity_id = e.id JOIN articles a ON a.rowid = m.article_rowid WHERE ${where.join(' AND ')}`;
    const total = this.db.prepare(`SELECT count(DISTINCT e.id) ${from}`).pluck().get(...params) as number;
    const rows = this.db
      .prepare(`SELECT e.id, e.kind, e.name, e.place_id, e.lat, e.lon, count(*) AS n, count(DISTINCT a.rowid) AS na ${from}
        GROUP BY e.id ORDER BY n DESC, e.name LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as Row[];
    const variants = this.variantsOf(rows.map((r) => r.id as number));
    const items = rows.map((r) => this.entitySummary(r, variants.get(r.id as number) ?? []));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  private entitySummary(r: Row, variants: { text: string; count: number }[]): EntitySummary {
    return {
      id: r.id as number, kind: r.kind as MentionKind, name: r.name as string, placeId: (r.place_id as string) ?? null,
      lat: (r.lat as number) ?? null, lon: (r.lon as number) ?? null, mentions: (r.n as number) ?? 0, articles: (r.na as number) ?? 0, variants,
    };
  }

  async entity(id: number): Promise<EntityDetail | null> {
    const r = this.db
      .prepare(`SELECT e.id, e.kind, e.name, e.place_id, e.lat, e.lon,
          (SELECT count(*) FROM mentions m JOIN articles a ON a.rowid = m.article_rowid WHERE m.entity_id = e.id AND a.superseded_by IS NULL) AS n,
          (SELECT count(DISTINCT m.article_rowid) FROM mentions m JOIN articles a ON a.rowid = m.article_rowid WHERE m.entity_id = e.id AND a.superseded_by IS NULL) AS na
        FROM entities e WHERE e.id = ?`)
      .get(id) as Row | undefined;
    if (!r) return null;
    const keys = (this.db.prepare('SELECT id, key, variant, rule, reason, created_at FROM entity_keys WHERE entity_id = ? ORDER BY id').all(id) as Row[]).map(
      (k): EntityKey => ({ id: k.id as number, key: k.key as string, variant: k.variant as string, rule: k.rule as string, reason: k.reason as string, createdAt: k.created_at as string }),
    );
    return { ...this.entitySummary(r, this.variantsOf([id]).get(id) ?? []), keys };
  }

  async undoMerge(entityKeyId: number): Promise<number | null> {
    this.dropEntityCache();
    const k = this.db.prepare('SELECT id, entity_id, kind, key, block, variant, rule FROM entity_keys WHERE id = ?').get(entityKeyId) as Row | undefined;
    if (!k || k.rule === 'new' || k.rule === 'same key') return null;
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const m = this.db.prepare('SELECT place_id, lat, lon FROM mentions WHERE entity_id = ? AND kind = ? AND key = ? LIMIT 1').get(k.entity_id, k.kind, k.key) as Row | undefined;
      const fresh = Number(this.stmt.insertEntity.run(k.kind, k.variant, m?.place_id ?? null, m?.lat ?? null, m?.lon ?? null, now).lastInsertRowid);
      this.db.prepare('INSERT OR IGNORE INTO entity_blocks (kind, key, entity_id, created_at) VALUES (?, ?, ?, ?)').run(k.kind, k.key, k.entity_id, now);
      this.db.prepare(`UPDATE entity_keys SET entity_id = ?, rule = 'new', reason = ? WHERE id = ?`).run(fresh, `split off entity ${k.entity_id} on ${now.slice(0, 10)}: the merge was undone`, k.id);
      this.db.prepare('UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND kind = ? AND key = ?').run(fresh, k.entity_id, k.kind, k.key);
      return fresh;
    })();
  }

  async quantities(q: QuantityQuery): Promise<Page<QuantityRow>> {
    const where: string[] = ['a.superseded_by IS NULL'];
    const params: unknown[] = [];
    if (q.category) { where.push('q.category = ?'); params.push(q.category); }
    if (!q.vague) where.push('q.vague = 0');
    if (q.place) { where.push('q.place_id = ?'); params.push(q.place); }
    if (q.claimant) { where.push('q.claimant = ? COLLATE NOCASE'); params.push(q.claimant); }
    const w = `WHERE ${where.join(' AND ')}`;
    const order = q.byDate ? 'coalesce(q.date, a.date) IS NULL, coalesce(q.date, a.date), a.rowid, q.idx' : 'a.date DESC NULLS LAST, a.rowid DESC, q.idx';
    const total = this.db.prepare(`SELECT count(*) FROM quantities q JOIN articles a ON a.rowid = q.article_rowid ${w}`).pluck().get(...params) as number;
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, q.text AS q_text, q.value, q.low, q.high, q.approx, q.category, q.vague, q.unit, q.claimant,
          q.place_id, q.place_name, q.place_text, q.lat, q.lon, q.date AS q_date, q.date_precision, q.date_text, q.start AS q_start, q.end AS q_end
        FROM quantities q JOIN articles a ON a.rowid = q.article_rowid ${w}
        ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as Row[];
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
    if (this.db.open) this.db.close();
  }
}
