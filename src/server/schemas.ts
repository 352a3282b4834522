// The JSON Schemas of what the API returns, by record name (src/model.ts, src/store/store.ts): the components
// of the OpenAPI document (src/server/openapi.ts). Names follow the record types; each property says what it is.
type Schema = Record<string, unknown>;

const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
const num = (description?: string): Schema => ({ type: 'number', ...(description ? { description } : {}) });
const bool = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
const nullable = (s: Schema): Schema => ({ ...s, nullable: true });
const arr = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), description?: string): Schema => ({
  type: 'object', properties, required, ...(description ? { description } : {}),
});

const SPAN = { start: int('Offset of the first UTF-16 code unit in the article text (from 0).'), end: int('Offset just past the last one (half-open).') };

/** A page of a list: the items, how many there are in all, and which slice this is. */
export function pageOf(item: Schema): Schema {
  return obj({ items: arr(item), total: int('How many items match in all.'), limit: int(), offset: int() });
}

export const SCHEMAS: Record<string, Schema> = {
  Error: obj({ error: str('A stable code: E_USAGE, E_NOT_FOUND, E_UNAUTHORIZED, E_WRITE_DISABLED, E_RATE_LIMIT, …'), message: str('What went wrong and what to do.') }, ['error', 'message']),
  Stats: obj({
    articles: int('Current articles (newest versions).'), versions: int('Stored articles, every version.'), attributions: int(), quantities: int(), sources: int(),
    mentions: int(), entities: int(),
  }, ['articles', 'versions', 'attributions', 'quantities', 'sources']),
  ArticleSummary: obj({
    id: str('A hash of the normalised text.'), title: nullable(str()), url: nullable(str()), outlet: nullable(str()), date: nullable(str('YYYY-MM-DD.')),
    version: int(), attributions: int('How many attributions the analysis found.'), quantities: int(),
  }),
  Article: obj({
    id: str(), key: str('What identifies the same article across versions: its URL, else its source path.'), version: int(), title: nullable(str()),
    url: nullable(str()), outlet: nullable(str()), date: nullable(str()), text: str('The normalised text every offset points into.'),
    source: obj({ path: str(), line: int(), row: int(), byte: int(), url: str(), fetchedAt: str() }, ['path']), rawHash: str(),
    offsets: arr(obj({ cleanStart: int(), rawStart: int(), length: int() })), removed: arr(obj({ ...SPAN, rule: str() })),
    warnings: arr(ref('Diagnostic')), meta: { type: 'object', additionalProperties: { type: 'string' } }, ingestedAt: str(), supersededBy: nullable(str()),
  }, ['id', 'key', 'version', 'title', 'url', 'outlet', 'date', 'text', 'source', 'rawHash', 'offsets', 'removed', 'warnings']),
  Diagnostic: obj({ code: str(), message: str(), file: str(), line: int(), byte: int(), fatal: bool() }, ['code', 'message']),
  Speaker: obj({
    text: str('The mention in the sentence (may be a pronoun or a description).'), name: str('The resolved speaker.'), ...SPAN,
    resolution: { type: 'string', enum: ['self', 'name', 'pronoun', 'description', 'previous'] }, confidence: num('0..1.'),
    type: { type: 'string', enum: ['person', 'group', 'organisation', 'outlet', 'document', 'unknown'] },
    attributes: obj({ role: str(), side: str(), unit: str(), age: int() }, []),
  }, ['text', 'name', 'start', 'end', 'resolution', 'confidence']),
  Attribution: obj({
    ...SPAN, content: str('The attributed statement as it stands in the text.'), kind: { type: 'string', enum: ['direct', 'indirect', 'mixed'] },
    speaker: nullable(ref('Speaker')), cue: nullable(str('The reporting verb or cue.')), cueStart: nullable(int()), cueEnd: nullable(int()),
    via: arr(str(), 'Intermediaries, nearest to the outlet first.'),
    relays: arr(obj({ name: str(), text: str('The phrase that names it.'), ...SPAN, channel: str() }, ['name', 'text', 'start', 'end'])),
    hedges: arr(str(), 'Words that mark the statement as unverified.'), hedgeSpans: arr(obj({ text: str(), ...SPAN })), confidence: num(),
    continues: int('Index of the attribution this one continues.'), nestedIn: int(),
  }, ['start', 'end', 'content', 'kind', 'speaker', 'cue', 'via', 'relays', 'hedges', 'hedgeSpans', 'confidence']),
  Quantity: obj({
    ...SPAN, text: str('The phrase that carries the number.'), value: nullable(num()), low: nullable(num()), high: nullable(num()),
    approx: { type: 'string', enum: ['exact', 'about', 'more_than', 'at_least', 'less_than', 'at_most', 'up_to'] }, category: str('killed, wounded, displaced, …'),
    claimant: nullable(str()), numberStart: int(), numberEnd: int(), vague: bool(), unit: nullable(str('The counted thing.')), attribution: nullable(int()),
    place: nullable(obj({ id: str('A gazetteer id: geonames:703448.'), name: str(), type: str(), country: str(), admin1: str(), lat: num(), lon: num(), text: str(), ...SPAN }, ['id', 'name', 'text'])),
    date: nullable(obj({ date: str(), precision: { type: 'string', enum: ['day', 'week', 'month', 'year'] }, text: str(), ...SPAN })),
  }, ['start', 'end', 'text', 'value', 'low', 'high', 'approx', 'category', 'claimant', 'numberStart', 'numberEnd']),
  Mention: obj({
    ...SPAN, kind: { type: 'string', enum: ['person', 'organisation', 'outlet', 'unit', 'place'] }, text: str('As written.'), name: str('As resolved in the article.'),
    key: str(), resolution: str(), confidence: num(), title: str(), role: str(), outletKind: str(),
  }, ['start', 'end', 'kind', 'text', 'name', 'key', 'resolution', 'confidence']),
  AnalysisRecord: obj({
    doc: str(), article: str(), attributions: arr(ref('Attribution')), quantities: arr(ref('Quantity')), mentions: arr(ref('Mention')),
    dates: arr(obj({ ...SPAN, text: str(), date: str(), precision: str(), relative: bool() })), sentences: arr(obj(SPAN)), warnings: arr(ref('Diagnostic')), analyzer: str(),
  }, ['doc', 'article', 'attributions', 'quantities', 'sentences', 'warnings', 'analyzer']),
  RecordLinks: obj({
    attributions: arr(obj({ index: int(), statement: str(), role: nullable({ type: 'string', enum: ['origin', 'echo'] }), reports: int(), origins: int(), echoes: int() }), 'By attribution index: the statement it reports.'),
    quantities: arr(obj({ index: int(), group: str(), members: int(), conflict: bool() }), 'By quantity index: its group of numbers about one thing.'),
    mentions: arr(obj({ index: int(), entity: int() }), 'By mention index: its entity.'),
    reuse: int('Reuse pairs the article is in.'),
  }),
  ArticleDetail: obj({
    article: ref('Article'), analysis: nullable(ref('AnalysisRecord')), versions: arr(obj({ id: str(), version: int(), ingestedAt: nullable(str()) })),
    links: nullable(ref('RecordLinks')),
  }),
  SearchHit: obj({
    type: { type: 'string', enum: ['article', 'attribution'] }, article: ref('ArticleSummary'),
    snippet: str('The matching text with each matched term between U+0002 and U+0003.'),
    attribution: obj({ index: int(), content: str(), speaker: nullable(str()), start: int(), end: int() }),
    score: nullable(num('BM25, higher is better, when sorted by relevance; null when sorted by date.')),
  }, ['type', 'article', 'snippet', 'score']),
  SearchPage: obj({
    items: arr(ref('SearchHit')), total: int('How many items match, counted up to 10,000 (more when totalExact is false).'),
    totalExact: bool('false when there are more than 10,000 matches: total is then 10,000 ("10,000+").'), limit: int(), offset: int(),
    sort: { type: 'string', enum: ['relevance', 'date'], description: 'The order of the items.' },
  }),
  SearchResult: obj({ articles: ref('SearchPage'), attributions: ref('SearchPage') }),
  AttributionRow: obj({
    article: ref('ArticleSummary'), index: int('Index in the article\'s analysis record.'), ...SPAN, content: str(), kind: str(), speaker: nullable(str()), speakerText: nullable(str()),
    cue: nullable(str()), via: arr(str()), hedges: arr(str()),
    statement: nullable(obj({ id: str(), role: nullable(str()), reports: int(), origins: int() })),
  }),
  StatementReport: obj({
    article: str(), attribution: int(), content: str(), ...SPAN, speaker: nullable(str()), outlet: nullable(str()), date: nullable(str()), url: nullable(str()),
    via: arr(str()), chain: arr(str(), 'Speaker, the relays farthest first, the outlet.'), hedges: arr(str()), role: { type: 'string', enum: ['origin', 'echo'] },
    echoOf: nullable(obj({ article: str(), attribution: int() })), reason: nullable({ type: 'string', enum: ['copies', 'cites', 'same-source'] }), origin: str(),
  }),
  Statement: obj({
    id: str(), speaker: nullable(str()), speakerKey: nullable(str()), content: str('The content of the first report.'),
    first: obj({ article: str(), attribution: int(), date: nullable(str()), outlet: nullable(str()) }), reports: arr(ref('StatementReport'), 'The reports asked for, in order of appearance.'),
    reportCount: int('How many reports the statement has.'), origins: int('Independent origins.'), echoes: int(),
  }, ['id', 'speaker', 'speakerKey', 'content', 'first', 'reports', 'origins', 'echoes']),
  EntitySummary: obj({
    id: int(), kind: str(), name: str(), placeId: nullable(str()), lat: nullable(num()), lon: nullable(num()), mentions: int(), articles: int(),
    variants: arr(obj({ text: str(), count: int() }), 'Spellings as written, most frequent first.'),
  }),
  EntityDetail: obj({
    id: int(), kind: str(), name: str(), placeId: nullable(str()), lat: nullable(num()), lon: nullable(num()), mentions: int(), articles: int(),
    variants: arr(obj({ text: str(), count: int() })),
    keys: arr(obj({ id: int(), key: str(), variant: str(), rule: str('new, same key, transliteration, spelling, surname, …'), reason: str(), createdAt: str() })),
  }),
  QuantityRow: obj({
    text: str(), value: nullable(num()), low: nullable(num()), high: nullable(num()), approx: str(), category: str(), vague: bool(), unit: nullable(str()),
    claimant: nullable(str()), place: nullable(obj({ id: str(), name: str(), text: str(), lat: nullable(num()), lon: nullable(num()) })),
    date: nullable(obj({ date: str(), precision: str(), text: str() })), ...SPAN, article: ref('ArticleSummary'),
  }),
  ConflictValue: obj({
    article: str(), quantity: int('Index in the article\'s analysis record.'), text: str(), value: nullable(num()), low: nullable(num()), high: nullable(num()), approx: str(),
    claimant: nullable(str()), outlet: nullable(str()), date: nullable(str()), bound: nullable(str('capacity: a limit the text gives rather than a count.')),
  }),
  Conflict: obj({
    id: str(), category: str(), about: arr(str()), place: nullable(str()), from: nullable(str()), to: nullable(str()),
    kind: { type: 'string', enum: ['revision', 'disagreement'] }, explanation: str('One sentence a person can check.'), values: arr(ref('ConflictValue')),
  }),
  ReuseRow: obj({
    a: str('The article stored first.'), b: str(), aInB: num(), bInA: num(), shared: num('Share of the shorter article found in the other.'), sharedShingles: int(),
    earlier: nullable({ type: 'string', enum: ['a', 'b'] }), aRef: str(), bRef: str(), aOutlet: nullable(str()), bOutlet: nullable(str()), aDate: nullable(str()), bDate: nullable(str()),
    passages: obj({ a: arr(obj(SPAN)), b: arr(obj(SPAN)) }),
  }, ['a', 'b', 'aInB', 'bInA', 'shared', 'sharedShingles', 'earlier', 'aRef', 'bRef']),
  GraphNode: obj({
    key: str('speaker:…, relay:…, outlet:… or article:ID.'), kind: { type: 'string', enum: ['speaker', 'relay', 'outlet', 'article'] }, label: str(), url: str(), date: str(),
    role: { type: 'string', enum: ['origin', 'echo'], description: 'For articles: origin when a report of the article is an independent origin, else echo.' },
  }, ['key', 'kind', 'label']),
  GraphEdge: obj({
    key: str(), source: str(), target: str(), kind: { type: 'string', enum: ['said to', 'relayed by', 'published by', 'copied from', 'cites'] },
    count: int('Reports (or reuse pairs) the edge stands for.'), statements: str('Space-separated statement ids.'), shared: num(),
  }, ['key', 'source', 'target', 'kind', 'count', 'statements']),
  Graph: obj({
    focus: obj({ kind: { type: 'string', enum: ['statement', 'article', 'entity'] }, id: str() }),
    statements: arr(obj({ id: str(), speaker: nullable(str()), content: str(), origins: int(), echoes: int(), reportCount: int() })),
    nodes: arr(ref('GraphNode')), edges: arr(ref('GraphEdge')),
    truncated: bool('Whether statements or reports were left out by the limits.'),
  }),
  IngestResult: obj({ new: int(), unchanged: int(), versions: int(), failed: int(), skippedRows: int(), diagnostics: arr(ref('Diagnostic')) }),
};
