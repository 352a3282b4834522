// The record types of crosscheck, from ingest to the store, the API and the UI. Nothing else lives here.
//
// Offsets: every `start`/`end` is a half-open range [start, end) of UTF-16 code units into the article's
// normalised text (`Article.text`), which never changes after ingest.

/** A half-open range of UTF-16 code units in an article's normalised text. */
export interface Span {
  start: number;
  end: number;
}

/** Where an input came from: a file (and a row or line inside it), standard input, or a URL. */
export interface SourceRef {
  /** The path as the user gave it (or "-" for standard input). */
  path: string;
  /** 1-based line of the record inside the file, for CSV and JSON Lines rows. */
  line?: number;
  /** 0-based index of the record inside the file, for CSV and JSON Lines rows, feed items and WARC records. */
  row?: number;
  /** 0-based byte offset of the record inside the file (a WARC record: of its gzip member in a .warc.gz). */
  byte?: number;
  /** The address the bytes were fetched from, when the input says (a WARC record's target URI, a feed item's link). */
  url?: string;
  /** When the bytes were fetched, as the input says (a WARC record's date), ISO 8601. */
  fetchedAt?: string;
}

/** A diagnostic about one input or one article. Travels with the data; never thrown past a batch. */
export interface Diagnostic {
  /** A stable code such as `E_BINARY` or `W_CLEAN_DUPLICATE`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  /** 0-based byte offset into the input file. */
  byte?: number;
  fatal?: boolean;
}

/** A piece of the normalised text copied from the raw text: clean[cleanStart, cleanStart+length) = raw[rawStart, …). */
export interface OffsetSegment {
  cleanStart: number;
  rawStart: number;
  length: number;
}

/** What a reader yields for one article, before cleaning and analysis. */
export interface RawArticle {
  /** The article text as read (title line included when the format has one in the body). */
  raw: string;
  title: string | null;
  url: string | null;
  /** ISO date (YYYY-MM-DD or a full ISO timestamp) when the input gives one. */
  date: string | null;
  outlet: string | null;
  source: SourceRef;
  /** sha256 of the raw bytes this article was read from (the whole file for single-article files). */
  rawHash: string;
  /** Ranges of `raw` that are metadata, not article text (a date line, a URL line). */
  metadataRanges?: Span[];
  /** Free metadata a reader found (byline, language, …). */
  meta?: Record<string, string>;
  /** What the reader noticed about this article (a page read flattened): kept in the article's warnings. */
  warnings?: Diagnostic[];
  /**
   * An article read back from a crosscheck JSON Lines export: stored as it was (same id, text, offsets,
   * analysis and sources), never cleaned or analysed again.
   */
  restored?: StoredArticle;
}

/** A sighting of an input: which bytes were read, from where, when, and which article they gave. */
export interface SourceSighting {
  /** sha256 of the input file's bytes. */
  rawHash: string;
  /** The file, and the row, record or item inside it (with its byte offset and URL when the input has them). */
  source: SourceRef;
  articleId: string;
  /** When crosscheck read it, ISO 8601. */
  readAt: string;
}

/** An article with everything stored about it: what the JSON Lines export writes and reads back. */
export interface StoredArticle {
  article: Article;
  analysis: AnalysisRecord | null;
  sources: SourceSighting[];
}

/** An article as stored: its id is a hash of the normalised text. */
export interface Article {
  id: string;
  /** What identifies "the same article" across versions: its URL, else its source path (and row). */
  key: string;
  version: number;
  title: string | null;
  url: string | null;
  outlet: string | null;
  /** ISO date, YYYY-MM-DD, when known. */
  date: string | null;
  /** The normalised, cleaned text: every offset in the records points into it. */
  text: string;
  source: SourceRef;
  rawHash: string;
  /** Maps offsets in `text` back to the raw input text. */
  offsets: OffsetSegment[];
  /** What cleaning removed, as spans of the raw text with the rule that removed them. */
  removed: RemovedBlock[];
  warnings: Diagnostic[];
  /** Free metadata from the input (an HTML page's byline and language, …). */
  meta?: Record<string, string>;
  ingestedAt?: string;
  /** The id of the newer version of the same key, when there is one. */
  supersededBy?: string | null;
}

export interface RemovedBlock extends Span {
  rule: string;
}

export type AttributionKind = 'direct' | 'indirect' | 'mixed';

/** Who said something, as the sentence names them and as resolved in the article. */
export interface Speaker {
  /** The mention in the sentence (may be a pronoun or a description). */
  text: string;
  /** The resolved speaker: a full name where the article gives one, else the best description. */
  name: string;
  start: number;
  end: number;
  /** How `name` was reached from `text`. */
  resolution: 'self' | 'name' | 'pronoun' | 'description' | 'previous';
  /** 0..1: how sure the extractor is of `name`. Guesses (a pronoun three sentences back) say so here. */
  confidence: number;
  /** Person, group, organisation, outlet, document, or unknown. */
  type?: 'person' | 'group' | 'organisation' | 'outlet' | 'document' | 'unknown';
  /** Attributes the text gives: role or rank, side, unit, age. */
  attributes?: SpeakerAttributes;
}

export interface SpeakerAttributes {
  role?: string;
  side?: string;
  unit?: string;
  age?: number;
}

/** An intermediary between the speaker and the outlet. */
export interface Relay {
  name: string;
  /** The phrase that names it ("told CNN", "in audio released by Ukrainian intelligence"). */
  text: string;
  start: number;
  end: number;
  /** The channel where the text names it: intercepted call, interrogation video, press conference, … */
  channel?: string;
}

export interface Hedge {
  text: string;
  start: number;
  end: number;
}

export interface Attribution extends Span {
  /** The attributed statement as it stands in the text. */
  content: string;
  kind: AttributionKind;
  speaker: Speaker | null;
  /** The reporting verb or cue ("said", "according to", ":"). */
  cue: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  /** Intermediaries, nearest first (names only: the analysis-record contract). */
  via: string[];
  relays: Relay[];
  /** Words that mark the statement as unverified ([] if none). */
  hedges: string[];
  hedgeSpans: Hedge[];
  /** 0..1 for the attribution as a whole. */
  confidence: number;
  /** Index of the attribution this one continues (a quote over several paragraphs), or of the one it nests in. */
  continues?: number;
  nestedIn?: number;
}

export type ApproxKind = 'exact' | 'about' | 'more_than' | 'at_least' | 'less_than' | 'at_most' | 'up_to';

export type QuantityCategory =
  | 'killed'
  | 'wounded'
  | 'casualties'
  | 'missing'
  | 'captured'
  | 'displaced'
  | 'detained'
  | 'personnel'
  | 'equipment'
  | 'attendance'
  | 'money'
  | 'other';

export interface Quantity extends Span {
  /** The phrase that carries the number. */
  text: string;
  /** The number itself, for a single value; null for a range. */
  value: number | null;
  low: number | null;
  high: number | null;
  approx: ApproxKind;
  category: QuantityCategory;
  /** Who asserts the number (the speaker of the statement it sits in), null for the article itself. */
  claimant: string | null;
  /** Where the number itself stands in the text. */
  numberStart: number;
  numberEnd: number;
  /** "tens of thousands", "hundreds": a range with no number in it. */
  vague?: boolean;
  /** The counted thing ("people", "Ukrainians", "tanks"). */
  unit?: string | null;
  /** Index of the attribution the quantity sits in, if any. */
  attribution?: number | null;
  /** 0..1, set when the claimant was guessed from a reporting clause that no attribution covers. */
  claimantConfidence?: number;
  /** Where the counted event happened, when the sentence (or the one before) names a place. */
  place?: QuantityPlace | null;
  /** When the counted event happened, when the sentence (or the one before) dates it. */
  date?: QuantityDate | null;
}

/** A place a quantity is about: the geocoded place and the words that name it. */
export interface QuantityPlace extends PlaceRef {
  text: string;
  start: number;
  end: number;
}

/** A date a quantity is about: the normalised date and the words that give it. */
export interface QuantityDate {
  date: string;
  precision: DatePrecision;
  text: string;
  start: number;
  end: number;
}

/** A place of the gazetteer (src/gazetteer.ts), as records carry it. */
export interface PlaceRef {
  /** "geonames:703448", "geonames-admin1:UA.05" (a first-level division) or "iso3166:UA" (a country). */
  id: string;
  name: string;
  type: 'place' | 'division' | 'country';
  /** ISO 3166 country code. */
  country: string;
  /** GeoNames first-level division code inside the country, "" for a country. */
  admin1: string;
  lat: number;
  lon: number;
}

/** A place name in the text with the place it was resolved to (null when the gazetteer has none). */
export interface PlaceMention extends Span {
  text: string;
  place: PlaceRef | null;
  /** How many places of the gazetteer carry this name. */
  candidates: number;
  /** 0..1: how sure the geocoder is (a name many places share, resolved by context, is a guess). */
  confidence: number;
}

export type MentionKind = 'person' | 'organisation' | 'outlet' | 'unit' | 'place';

/** A mention of a person, organisation, news outlet, military unit or place, with what the article resolves it to. */
export interface Mention extends Span {
  kind: MentionKind;
  /** The words as written ("Mr Zheleznyak", "Kiev", "the 34th separate motorized rifle brigade"). */
  text: string;
  /** The name the article resolves the mention to: a person's fullest name in the article, the outlet's or place's canonical name. */
  name: string;
  /** The key linking uses: a folded name, a gazetteer id, an outlet name or a unit designation. */
  key: string;
  /** How `name` was reached: as written, from a surname or a title form, from the outlet table or the gazetteer. */
  resolution: 'self' | 'surname' | 'table' | 'gazetteer';
  /** 0..1. */
  confidence: number;
  /** Titles before a person's name ("President", "Lieutenant General"). */
  title?: string;
  /** A role the text gives ("director of the Pentagon's Defense Intelligence Agency", "military expert"). */
  role?: string;
  place?: PlaceRef | null;
  /** The outlet's kind from the curated table: agency, broadcaster, newspaper, state media, blog, … */
  outletKind?: string;
}

export type DatePrecision = 'day' | 'week' | 'month' | 'year';

/** A date or time expression normalised against the article's publication date. */
export interface TimeExpression extends Span {
  text: string;
  /** ISO date: YYYY-MM-DD for a day or a week (its first day), YYYY-MM for a month, YYYY for a year. */
  date: string;
  precision: DatePrecision;
  /** Whether it was computed from the publication date ("last week", "on Monday") rather than written out. */
  relative: boolean;
}

/**
 * The analysis record: what `crosscheck analyze --format jsonl` prints, one per article.
 * Required fields are fixed by ../shared/eval/README.md; more may be added, never renamed.
 */
export interface AnalysisRecord {
  doc: string;
  article: string;
  attributions: Attribution[];
  quantities: Quantity[];
  /** People, organisations, outlets, military units and places named in the article. */
  mentions?: Mention[];
  /** Dates and time expressions, normalised against the article's date. */
  dates?: TimeExpression[];
  sentences: Span[];
  warnings: Diagnostic[];
  analyzer: string;
}

/** One article as the store returns it with everything extracted from it. */
export interface ArticleDetail {
  article: Article;
  analysis: AnalysisRecord | null;
  versions: { id: string; version: number; ingestedAt: string | null }[];
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  date: string | null;
  version: number;
  attributions: number;
  quantities: number;
}

export interface SearchHit {
  type: 'article' | 'attribution';
  article: ArticleSummary;
  /** A snippet of the matching text with the matched terms between \u0002 and \u0003. */
  snippet: string;
  attribution?: { index: number; content: string; speaker: string | null; start: number; end: number };
  /** BM25, higher is better, when sorted by relevance; null when sorted by date. */
  score: number | null;
}

export type PutOutcome = 'new' | 'unchanged' | 'version';

// ——— Across articles (src/link/) ———

/** Shared passages of a reused pair: spans of each article's text that the other article also contains. */
export interface ReusePassages {
  a: Span[];
  b: Span[];
}

/**
 * Reuse: two articles that share text (a verbatim repost, a wire story re-run, a few paragraphs lifted).
 * Shares are measured on six-word shingles (lower-cased word 6-grams, counted once each).
 */
export interface Reuse {
  /** Article ids; `a` is the one stored first. */
  a: string;
  b: string;
  /** Fraction of a's shingles that occur in b, and of b's that occur in a. */
  aInB: number;
  bInA: number;
  /** Fraction of the shorter article's shingles (fewer shingles) that occur in the other. */
  shared: number;
  /** Shingles the two have in common. */
  sharedShingles: number;
  /** Which was published first, where the dates tell (different days); null when they do not. */
  earlier: 'a' | 'b' | null;
  /** The shared passages: computed from the two texts when asked for (linking stores only the shares). */
  passages?: ReusePassages;
}

/** How a report reached its outlet relative to the other reports of the same statement. */
export type ReportRole = 'origin' | 'echo';

/**
 * Why a report is an echo: it `copies` another report's article (text reuse), it `cites` an outlet whose own
 * report is in the store ("according to The Mirror", "told CNN"), or it shares the `same-source` with an
 * earlier report (the same released clip, the same press conference) and so adds no independent access.
 */
export type EchoReason = 'copies' | 'cites' | 'same-source';

/** A reference to one attribution: the article id and the attribution's index in its analysis record. */
export interface AttributionRef {
  article: string;
  attribution: number;
}

/** One report of a statement: an attribution in one article, with its relay chain and its role. */
export interface StatementReport extends AttributionRef {
  content: string;
  start: number;
  end: number;
  speaker: string | null;
  outlet: string | null;
  date: string | null;
  url: string | null;
  /** Intermediaries named by the article, nearest to the outlet first (the attribution's `via`). */
  via: string[];
  /** The relay chain from the speaker to the outlet: speaker, the relays farthest first, the outlet. */
  chain: string[];
  hedges: string[];
  role: ReportRole;
  /** For an echo: the report it echoes and why. */
  echoOf: AttributionRef | null;
  reason: EchoReason | null;
  /** The independent origin this report goes back to (shared by all reports that echo one another). */
  origin: string;
}

/** A Statement: the attributions of one utterance across articles, however reworded or translated. */
export interface Statement {
  id: string;
  /** The speaker's name as most reports give it; null when no report names one. */
  speaker: string | null;
  /** The speaker normalised for comparison (an entity id once entities are resolved). */
  speakerKey: string | null;
  /** The content of the first report. */
  content: string;
  /** The earliest report (by date, then by the order articles were stored). */
  first: AttributionRef & { date: string | null; outlet: string | null };
  reports: StatementReport[];
  /** How many reports the statement has, when `reports` holds only some of them (a page). */
  reportCount?: number;
  /** Independent origins: reports with first-hand access, after echoes are folded into what they echo. */
  origins: number;
  echoes: number;
}

/** One value in a Conflict: a quantity with who claims it, where and when. */
export interface ConflictValue {
  article: string;
  /** Index of the quantity in the article's analysis record. */
  quantity: number;
  text: string;
  value: number | null;
  low: number | null;
  high: number | null;
  approx: ApproxKind;
  claimant: string | null;
  outlet: string | null;
  date: string | null;
  /** A limit the text gives rather than a count ("the stadium's capacity is only 81,000"). */
  bound?: 'capacity' | null;
}

/** Whether the disagreeing values are one source revising its figure over time, or sources disagreeing. */
export type ConflictKind = 'revision' | 'disagreement';

/** A Conflict: quantities about the same thing (category, event or place, time window) whose values disagree. */
export interface Conflict {
  id: string;
  category: QuantityCategory;
  /** What the quantities are about, as far as the texts tell: the place or event terms they share. */
  about: string[];
  place: string | null;
  /** The dates of the values (event dates where known, else publication dates). */
  from: string | null;
  to: string | null;
  kind: ConflictKind;
  /** One sentence a person can check: the values, who gave them, and why they conflict. */
  explanation: string;
  values: ConflictValue[];
}
