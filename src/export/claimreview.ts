// Statements as schema.org Claims in JSON-LD, the vocabulary of fact-checkers' ClaimReview markup: one
// `Claim` per statement, with its `author` (the speaker, a Person or an Organization), `datePublished` (the
// date of its first report in the store), `firstAppearance` and every `appearance` (each article that reports
// it: URL, headline, outlet as publisher, date, byline authors), and in each article the reported words as a
// `Quotation` (`text`, `spokenByCharacter`, `isBasedOn` the report it copies or cites).
//
// Why Claim and not ClaimReview: a ClaimReview is a fact-checker's verdict on a claim, and its reviewRating
// is that verdict. crosscheck gives none: it finds who said what, through whom, how hedged, and how many
// independent origins, which is what a fact-checker reads before rating. So it writes the Claim, the thing a
// ClaimReview reviews (its `itemReviewed`), with stable @ids a fact-checker's own ClaimReview can point to;
// it writes no ClaimReview and no rating, neither a made-up one nor an "unrated" placeholder that a reader
// of the markup could take for a verdict.
//
// What schema.org has no term for is written in crosscheck's vocabulary (cc:, see linked-data.ts):
// cc:reportCount, cc:originCount (independent origins), cc:echoCount and cc:hedgedReportCount on the Claim;
// on each Quotation cc:reportOf (its Claim), cc:role ("origin" or "echo"), cc:echoOf and cc:echoReason
// ("copies", "cites", "same-source"), cc:origin (the independent origin it goes back to: reports sharing one
// share this node), cc:hedge (the words that mark it unverified), cc:relay (the relays from the speaker to
// the outlet, an ordered list of agents) and cc:start / cc:end (its offsets in the article's normalised text).
// docs/EXPORTS.md lists every property.
import type { Store } from '../store/store.js';
import { type ExportOutput, type ExportScope, type Exporter } from './exporter.js';
import { compact, isoDate, iri, JsonLdWriter, SCHEMA, VOCAB, webUrl, XSD } from './linked-data.js';
import { ReportReader, statementsInScope, type Agent, type ReportDetail, type StatementDetail } from './reports.js';

export const CLAIMREVIEW_CONTEXT = {
  '@vocab': SCHEMA,
  xsd: XSD,
  cc: VOCAB,
  url: { '@type': '@id' },
  datePublished: { '@type': 'xsd:date' },
};

type Node = Record<string, unknown>;

const SCHEMA_TYPE: Partial<Record<Agent['kind'], string>> = { person: 'Person', organisation: 'Organization', outlet: 'NewsMediaOrganization' };

/** An agent as schema.org describes it: a Person, an Organization, a NewsMediaOrganization, or (a group, an unknown) a bare node. */
export function schemaAgent(a: Agent): Node {
  const person = a.kind === 'person';
  return compact({
    '@id': a.key ? iri.agent(a.key) : undefined,
    '@type': SCHEMA_TYPE[a.kind],
    [a.key ? 'name' : 'description']: a.name,
    jobTitle: person ? a.role : undefined,
    worksFor: person && a.onBehalfOf ? schemaAgent(a.onBehalfOf) : undefined,
    url: a.homepage,
  });
}

function quotation(d: ReportDetail, statement: string, origin: string): Node {
  const r = d.report;
  const echoed = r.echoOf ? iri.report(r.echoOf.article, r.echoOf.attribution) : undefined;
  return compact({
    '@id': iri.report(r.article, r.attribution),
    '@type': 'Quotation',
    text: r.content,
    spokenByCharacter: d.speaker ? schemaAgent(d.speaker) : undefined,
    isBasedOn: echoed && (r.reason === 'copies' || r.reason === 'cites') ? { '@id': echoed } : undefined,
    'cc:reportOf': { '@id': iri.statement(statement) },
    'cc:role': r.role,
    'cc:echoOf': echoed ? { '@id': echoed } : undefined,
    'cc:echoReason': r.reason ?? undefined,
    'cc:origin': { '@id': origin },
    'cc:hedge': r.hedges,
    'cc:relay': d.relays.length ? { '@list': d.relays.map((h) => schemaAgent(h.agent)) } : undefined,
    'cc:start': r.start,
    'cc:end': r.end,
  });
}

/** The Claim node of one statement, with its appearances and their quotations nested in it. */
export function claimNode(d: StatementDetail): Node {
  const s = d.statement;
  const origins = new Map<string, string>();
  for (const r of s.reports) if (!origins.has(r.origin)) origins.set(r.origin, iri.origin(s.id, origins.size + 1));
  const articles = new Map<string, Node>();
  for (const rd of d.reports) {
    const r = rd.report;
    let a = articles.get(r.article);
    if (!a) {
      a = compact({
        '@id': iri.article(r.article),
        '@type': 'Article',
        identifier: r.article,
        url: webUrl(r.url),
        headline: rd.title,
        datePublished: isoDate(r.date),
        inLanguage: rd.language,
        publisher: rd.outlet ? schemaAgent(rd.outlet) : undefined,
        author: rd.bylines.map(schemaAgent),
      });
      a.hasPart = [];
      articles.set(r.article, a);
    }
    (a.hasPart as Node[]).push(quotation(rd, s.id, origins.get(r.origin)!));
  }
  return compact({
    '@id': iri.statement(s.id),
    '@type': 'Claim',
    identifier: s.id,
    text: s.content,
    author: d.speaker ? schemaAgent(d.speaker) : undefined,
    datePublished: isoDate(s.first.date),
    firstAppearance: s.first.article ? { '@id': iri.article(s.first.article) } : undefined,
    appearance: [...articles.values()],
    'cc:reportCount': s.reports.length,
    'cc:originCount': s.origins,
    'cc:echoCount': s.echoes,
    'cc:hedgedReportCount': s.reports.filter((r) => r.hedges.length).length,
  });
}

export const claimreview: Exporter = {
  format: 'claimreview',
  summary: 'schema.org Claim JSON-LD per statement (author, datePublished, firstAppearance, appearances and their quotations): what a ClaimReview reviews',
  output: 'file',
  scope: ['statements', 'minReports', 'limit'],
  linked: true,
  async write(store: Store, out: ExportOutput, scope: ExportScope = {}) {
    const stream = out.open('claims.jsonld');
    const doc = new JsonLdWriter(stream, CLAIMREVIEW_CONTEXT);
    const reader = new ReportReader(store);
    let claims = 0;
    let appearances = 0;
    await doc.start();
    for await (const s of statementsInScope(store, scope)) {
      const node = claimNode(await reader.statement(s));
      await doc.node(node);
      claims++;
      appearances += (node.appearance as Node[] | undefined)?.length ?? 0;
    }
    await doc.end();
    return { claims, appearances };
  },
};
