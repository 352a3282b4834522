// The Store interface: what every backend (SQLite here, PostgreSQL for many machines) does.
// Methods are asynchronous so that a networked backend fits the same shape.
import type { EntityLinkStore } from '../link/entities.js';
import type { AnalysisRecord, ApproxKind, Article, ArticleDetail, ArticleSummary, MentionKind, PutOutcome, QuantityCategory, QuantityDate, QuantityPlace, SearchHit, SourceSighting, StoredArticle } from '../model.js';

export interface ArticleQuery {
  outlet?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  /** Include versions that a newer version replaced. */
  allVersions?: boolean;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface SearchQuery {
  q: string;
  limit: number;
  offset: number;
}

export interface SearchResult {
  articles: Page<SearchHit>;
  attributions: Page<SearchHit>;
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
  limit: number;
  offset: number;
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

export interface Store extends EntityLinkStore {
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
  close(): Promise<void>;
}
