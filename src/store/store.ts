// The Store interface: what every backend (SQLite here, PostgreSQL for many machines) does.
// Methods are asynchronous so that a networked backend fits the same shape.
import type { AnalysisRecord, Article, ArticleDetail, ArticleSummary, PutOutcome, SearchHit, SourceSighting, StoredArticle } from '../model.js';

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
}

export type { SourceSighting } from '../model.js';

export interface StoreStats {
  articles: number;
  versions: number;
  attributions: number;
  quantities: number;
  sources: number;
}

export interface Store {
  /** Whether an article with this id (a hash of its normalised text) is stored. */
  has(id: string): Promise<boolean>;
  /** Store articles with their analyses in one transaction; already stored ids are left as they are. */
  put(items: PutItem[]): Promise<PutOutcome[]>;
  /** Record that an input was read and which article it gave (kept for every read, new or not). */
  recordSources(sightings: SourceSighting[]): Promise<void>;
  /** Every sighting of the inputs that gave this article, in the order they were read. */
  sources(articleId: string): Promise<SourceSighting[]>;
  /** Every stored article (all versions) with its analysis and sources, in the order they were stored. */
  articles(): AsyncIterable<StoredArticle>;
  /** One article by id or by a unique prefix of its id, with its analysis and its versions. */
  get(idOrPrefix: string): Promise<ArticleDetail | null>;
  list(query: ArticleQuery): Promise<Page<ArticleSummary>>;
  search(query: SearchQuery): Promise<SearchResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
