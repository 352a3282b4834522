// The Store interface: what every backend (SQLite here, PostgreSQL for many machines) does.
// Methods are asynchronous so that a networked backend fits the same shape.
import type { EntityLinkStore } from '../link/entities.js';
import type { AnalysisRecord, ApproxKind, Article, ArticleDetail, ArticleSummary, AttributionKind, Conflict, MentionKind, PutOutcome, QuantityCategory, QuantityDate, QuantityPlace, ReportRole, Reuse, SearchHit, SourceSighting, Statement, StoredArticle } from '../model.js';

export interface ArticleQuery {
  outlet?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  /** Include versions that a newer version replaced. */
  allVersions?: boolean;
  /** Only articles that mention this entity (its id). */
  entity?: number;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type SearchSort = 'relevance' | 'date';

export interface SearchQuery {
  q: string;
  limit: number;
  offset: number;
  /** relevance (default): BM25 over every match, best first; date: the newest articles first. */
  sort?: SearchSort;
}

/** A page of search hits: `total` counts matches up to a bound (`totalExact` false when there are more). */
export interface SearchPage extends Page<SearchHit> {
  totalExact: boolean;
  sort: SearchSort;
}

export interface SearchResult {
  articles: SearchPage;
  attributions: SearchPage;
}

export interface PutItem {
  article: Article;
  analysis: AnalysisRecord;
  /**
   * Sightings that come with the article (a restored article's own sources, from a crosscheck export):
   * recorded in the same transaction when the article is stored, not when it was stored already.
   */
  sightings?: SourceSighting[];
}

export type { SourceSighting } from '../model.js';

export interface StoreStats {
  articles: number;
  versions: number;
  attributions: number;
  quantities: number;
  sources: number;
  mentions?: number;
  entities?: number;
}

export interface EntityQuery {
  kind?: MentionKind;
  /** Entities whose name or one of whose variants contains these words. */
  q?: string;
  limit: number;
  offset: number;
}

/** An entity of the store with how it is written across articles. */
export interface EntitySummary {
  id: number;
  kind: MentionKind;
  name: string;
  placeId: string | null;
  lat: number | null;
  lon: number | null;
  /** Mentions in current (not superseded) articles. */
  mentions: number;
  articles: number;
  /** Spellings as written, most frequent first, with their counts. */
  variants: { text: string; count: number }[];
}

/** A key an entity owns: how it came to own it (its first key, or a merge with its rule and reason). */
export interface EntityKey {
  id: number;
  key: string;
  variant: string;
  rule: string;
  reason: string;
  createdAt: string;
}

export interface EntityDetail extends EntitySummary {
  keys: EntityKey[];
}

export interface QuantityQuery {
  category?: QuantityCategory;
  /** Include vague amounts ("tens of thousands"). */
  vague?: boolean;
  /** Only numbers about an event at this gazetteer place (its id, "geonames:703448"). */
  place?: string;
  /** Only numbers this claimant gives (as the record names them, compared without case). */
  claimant?: string;
  /** Order by the event's date (else the article's), oldest first, instead of newest articles first: a figure over time. */
  byDate?: boolean;
  limit: number;
  offset: number;
}

export interface AttributionQuery {
  /** Only attributions whose resolved speaker is one of these names (compared without case). */
  speakers?: string[];
  /** Only attributions whose speaker is this entity: any name its mentions resolve to. */
  entity?: number;
  /** Only attributions whose content or speaker holds these words (full-text search syntax). */
  q?: string;
  /** Only hedged (true) or unhedged (false) attributions. */
  hedged?: boolean;
  limit: number;
  offset: number;
}

/** An attribution of the store with its article and the statement it reports, newest articles first. */
export interface AttributionRow {
  article: ArticleSummary;
  /** Index of the attribution in the article's analysis record. */
  index: number;
  start: number;
  end: number;
  content: string;
  kind: AttributionKind;
  /** The speaker as resolved in the article, and as written. */
  speaker: string | null;
  speakerText: string | null;
  cue: string | null;
  via: string[];
  hedges: string[];
  /** The statement the attribution is a report of, when linking grouped it. */
  statement: { id: string; role: ReportRole | null; reports: number; origins: number } | null;
}

/** What links an article's records to the rest of the store: statements, quantity groups, entities, reuse. */
export interface RecordLinks {
  /** By attribution index: the statement it reports and its role there. */
  attributions: { index: number; statement: string; role: ReportRole | null; reports: number; origins: number; echoes: number }[];
  /** By quantity index: the group of numbers about the same thing, and whether its values conflict. */
  quantities: { index: number; group: string; members: number; conflict: boolean }[];
  /** By mention index: the entity the mention is linked to. */
  mentions: { index: number; entity: number }[];
  /** How many reuse pairs the article is in. */
  reuse: number;
}

/** A number of the store with who claims it, where and when the counted event happened, and its article. */
export interface QuantityRow {
  text: string;
  value: number | null;
  low: number | null;
  high: number | null;
  approx: ApproxKind;
  category: QuantityCategory;
  vague: boolean;
  unit: string | null;
  claimant: string | null;
  /** Where the counted event happened (the gazetteer place and the words that name it). */
  place: (Pick<QuantityPlace, 'id' | 'name' | 'text'> & { lat: number | null; lon: number | null }) | null;
  date: Pick<QuantityDate, 'date' | 'precision' | 'text'> | null;
  start: number;
  end: number;
  article: ArticleSummary;
}

/** One integrity check of a store: what it checks, whether it holds, and what is wrong when not. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found: counts when it holds, the first problems when not. */
  detail: string;
}

export interface Store extends EntityLinkStore, LinkStore {
  /** Whether an article with this id (a hash of its normalised text) is stored. */
  has(id: string): Promise<boolean>;
  /**
   * Store articles with their analyses in one transaction; already stored ids are left as they are.
   * Sightings given here are recorded in the same transaction, so that a crash never leaves an article
   * without the record of where it was read.
   */
  put(items: PutItem[], sightings?: SourceSighting[]): Promise<PutOutcome[]>;
  /** Record that an input was read and which article it gave; a sighting already recorded is not added again. */
  recordSources(sightings: SourceSighting[]): Promise<void>;
  /** Every sighting of the inputs that gave this article, in the order they were read. */
  sources(articleId: string): Promise<SourceSighting[]>;
  /** Every stored article (all versions) with its analysis and sources, in the order they were stored. */
  articles(): AsyncIterable<StoredArticle>;
  /** Run the integrity checks (storage, full-text indexes, orphan rows, counts, version chains, schema). */
  check(): Promise<CheckResult[]>;
  /** One article by id or by a unique prefix of its id, with its analysis and its versions. */
  get(idOrPrefix: string): Promise<ArticleDetail | null>;
  list(query: ArticleQuery): Promise<Page<ArticleSummary>>;
  search(query: SearchQuery): Promise<SearchResult>;
  stats(): Promise<StoreStats>;
  /** Entities with their variants and mention counts, most mentioned first. */
  entities(query: EntityQuery): Promise<Page<EntitySummary>>;
  /** One entity with the keys it owns and why (merges included). */
  entity(id: number): Promise<EntityDetail | null>;
  /**
   * Undo the merge that brought a key into its entity: the key's mentions become an entity of their own,
   * and the key never joins that entity again. Returns the new entity's id, or null when there was no such merge.
   */
  undoMerge(entityKeyId: number): Promise<number | null>;
  /** Numbers with claimant, place, date and article, newest articles first. */
  quantities(query: QuantityQuery): Promise<Page<QuantityRow>>;
  /** Attributions across articles (everything a person said), newest articles first. */
  attributions(query: AttributionQuery): Promise<Page<AttributionRow>>;
  /** The statements, quantity groups and entities an article's records belong to; null when no such article. */
  recordLinks(articleId: string): Promise<RecordLinks | null>;
  /**
   * Where the store has one connection: run the writes of one ingest batch (storing, entity resolution,
   * linking) in one transaction, so that each page they write is written once. Others run them one by one.
   */
  batchTransaction?<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// ——— Linking across articles (src/link/): what the linker reads and writes, and the queries over its results ———

/** An article stored but not yet linked, with its analysis and the store ids of its records (by index). */
export interface LinkItem {
  /** The order the article was stored in; linking goes in this order. */
  seq: number;
  article: Article;
  analysis: AnalysisRecord | null;
  attributionIds: number[];
  quantityIds: number[];
}

/** A stored article as the linker compares it. */
export interface LinkArticle {
  seq: number;
  id: string;
  key: string;
  url: string | null;
  outlet: string | null;
  date: string | null;
  sourcePath: string;
  text: string;
}

/** A stored statement a new attribution may repeat: found through the rarest terms they share. */
export interface StatementCandidate {
  statement: string;
  speakerKey: string | null;
  /** The terms of the statement's first report. */
  terms: string[];
}

/** A stored quantity a new one may be about the same thing as. */
export interface QuantityCandidate {
  quantityId: number;
  group: string;
  facts: unknown;
}

/** One report as stored, with its article: what origins and echoes are computed from. */
export interface StoredReport {
  attributionId: number;
  seq: number;
  article: string;
  index: number;
  url: string | null;
  outlet: string | null;
  date: string | null;
  content: string;
  start: number;
  end: number;
  speaker: string | null;
  via: string[];
  hedges: string[];
}

/** A reuse pair between two stored articles, by sequence number. */
export interface StoredReuse extends Reuse {
  aSeq: number;
  bSeq: number;
}

/** What linking one article writes, in one transaction, together with advancing the linked mark. */
export interface LinkWrite {
  seq: number;
  reuse: { fingerprints: Uint32Array; shingles: Uint32Array; pairs: StoredReuse[]; stopped: number[] };
  statements: {
    /** New statements, each with its first report's role (an origin), origin key and chain: no recomputation needed until a second report joins. */
    created: { id: string; speaker: string | null; speakerKey: string | null; content: string; terms: string[]; indexTerms: string[]; first: { attributionId: number; date: string | null; origin: string; chain: string[] } }[];
    reports: { attributionId: number; statement: string; speakerKey: string | null; terms: string[] }[];
  };
  quantities: {
    created: { id: string; category: string }[];
    members: { quantityId: number; group: string; date: string | null; facts: unknown; terms: string[]; indexTerms: string[]; category: string }[];
  };
}

export interface ReuseQuery {
  /** Only pairs whose shorter article shares at least this fraction (0..1). */
  minShared?: number;
  /** Only pairs with this article (an id or a unique prefix). */
  article?: string;
  /** Compute the shared passages of each pair from the two texts. */
  passages?: boolean;
  limit: number;
  offset: number;
}

/** A reuse pair with what identifies each article to a person: URL, else source path. */
export interface ReuseRow extends Reuse {
  aRef: string;
  bRef: string;
  aOutlet: string | null;
  bOutlet: string | null;
  aDate: string | null;
  bDate: string | null;
}

export interface StatementQuery {
  /** Only statements with at least this many reports. */
  minReports?: number;
  /** Only statements whose speaker key or content holds these words. */
  q?: string;
  /** Only statements with a report in this article (an id or a unique prefix). */
  article?: string;
  /** Only statements whose speaker is one of these names (folded as speaker keys are). */
  speakers?: string[];
  /** At most this many reports of each statement (the earliest); `reportCount` tells how many there are. */
  reports?: number;
  limit: number;
  offset: number;
}

/** Which reports of one statement to return: a page of them, in order of appearance. */
export interface ReportPage {
  limit: number;
  offset: number;
}

export interface ConflictQuery {
  category?: string;
  /** Only conflicts with a value in this article (an id or a unique prefix). */
  article?: string;
  limit: number;
  offset: number;
}

export interface LinkStore {
  /** Run a linking step in one transaction: the reads inside see the writes made before them. */
  linkTransaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Articles stored but not yet linked, in storing order (those after the linked mark). */
  linkBacklog(limit: number): Promise<LinkItem[]>;
  /**
   * Stored, linked articles sharing these fingerprints, with how many each shares and its own count.
   * Fingerprints already stopped are skipped; those found in more than maxPostings articles are returned as
   * `stopped` (boilerplate) and not followed.
   */
  reuseCandidates(fingerprints: Uint32Array, maxPostings: number): Promise<{ candidates: { seq: number; hits: number; fingerprints: number }[]; stopped: number[] }>;
  linkArticles(seqs: number[]): Promise<LinkArticle[]>;
  /** Linked articles' sorted distinct shingle hashes, with what reuse compares besides. */
  reuseSignatures(seqs: number[]): Promise<{ seq: number; id: string; key: string; date: string | null; shingles: Uint32Array }[]>;
  /** How many stored items of a kind hold each term (absent terms are 0); the term '' counts the items. */
  termCounts(kind: 'statement' | 'quantity', terms: string[]): Promise<Map<string, number>>;
  /** The latest statements indexed under each of these terms, at most perTerm a term. */
  statementCandidates(terms: string[], perTerm: number): Promise<StatementCandidate[]>;
  /** The latest quantities of a category indexed under each term within a date range, at most perTerm a term. */
  quantityCandidates(category: string, terms: string[], from: string, to: string, perTerm: number): Promise<QuantityCandidate[]>;
  /** Write what linking one article found and mark it linked. */
  commitLink(write: LinkWrite): Promise<void>;
  /** Statements and quantity groups whose derived fields wait for recomputation. */
  dirtyLinks(): Promise<{ statements: string[]; groups: string[] }>;
  statementReports(statement: string): Promise<StoredReport[]>;
  /** Reuse pairs among these articles (by sequence number). */
  reuseAmong(seqs: number[]): Promise<StoredReuse[]>;
  saveStatement(statement: string, derived: Pick<Statement, 'speaker' | 'speakerKey' | 'content' | 'origins' | 'echoes'> & { first: number | null; firstDate: string | null; reports: { attributionId: number; role: string; echoOf: number | null; reason: string | null; origin: string; chain: string[] }[] }): Promise<void>;
  groupMembers(group: string): Promise<{ quantityId: number; facts: unknown }[]>;
  saveGroup(group: string, derived: { about: string[]; place: string | null; from: string | null; to: string | null; conflict: boolean; kind: string | null; explanation: string | null }): Promise<void>;
  /** Reading the results. */
  listReuse(query: ReuseQuery): Promise<Page<ReuseRow>>;
  listStatements(query: StatementQuery): Promise<Page<Statement>>;
  /** One statement; with `reports`, only that page of its reports (`reportCount` tells how many there are). */
  getStatement(id: string, reports?: ReportPage): Promise<Statement | null>;
  listConflicts(query: ConflictQuery): Promise<Page<Conflict>>;
  /** One quantity group whose values conflict, or null. */
  getConflict(id: string): Promise<Conflict | null>;
}
