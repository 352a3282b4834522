// What the JSON-LD exports (claimreview.ts, prov.ts) share: the IRIs crosscheck gives its records, the
// vocabulary prefix for what schema.org and PROV-O have no term for, value checks (a date that is an
// xsd:date, a URL that is an absolute web address), and a writer that streams one JSON-LD document,
// {"@context": {…}, "@graph": [node, node, …]}, a node at a time. The context is written inline, so that a
// JSON-LD processor reads the file offline without fetching anything.
//
// The IRIs are names, not addresses: urn:crosscheck:statement:ID, urn:crosscheck:article:ID,
// urn:crosscheck:attribution:ARTICLE-aINDEX (the CSV export's attribution id), urn:crosscheck:agent:KEY.
// The same record has the same IRI in every export, so the ClaimReview and PROV-O files of one store can be
// loaded into one RDF store and joined.
import type { Agent } from './reports.js';
import { attributionId } from './csv.js';
import { put } from './exporter.js';

/** crosscheck's own terms (origins, echoes, hedges, relays, offsets): urn:crosscheck:vocab:TERM, written cc:TERM. */
export const VOCAB = 'urn:crosscheck:vocab:';
export const SCHEMA = 'http://schema.org/';
export const PROV = 'http://www.w3.org/ns/prov#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

const part = (s: string) => encodeURIComponent(s);

export const iri = {
  statement: (id: string) => `urn:crosscheck:statement:${part(id)}`,
  article: (id: string) => `urn:crosscheck:article:${part(id)}`,
  report: (article: string, index: number) => `urn:crosscheck:attribution:${part(attributionId(article, index))}`,
  agent: (key: string) => `urn:crosscheck:agent:${part(key)}`,
  /** One independent origin of a statement (the reports that echo one another), numbered by first appearance. */
  origin: (statement: string, n: number) => `urn:crosscheck:statement:${part(statement)}#origin-${n}`,
  /** A statement as it passed through one relay ("the soldier's words as the Security Service released them"). */
  relayed: (statement: string, relay: string) => `urn:crosscheck:statement:${part(statement)}#via-${part(relay)}`,
};

/** An ISO calendar date (YYYY-MM-DD) that is a real day, else null: only such values are typed xsd:date. */
export function isoDate(d: string | null | undefined): string | null {
  if (!d) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return null;
  const t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3] ? m[0] : null;
}

/** An absolute http(s) URL, normalised, else null (a path or a malformed address is no IRI). */
export function webUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Mints blank-node labels unique within one document, for agents that are descriptions, not names. */
export class BlankNodes {
  private n = 0;
  next(): string {
    return `_:b${this.n++}`;
  }
}

/** The @id of an agent: its IRI when it is named, a fresh blank node when it is only described. */
export const agentId = (a: Agent, blanks: BlankNodes) => (a.key ? iri.agent(a.key) : blanks.next());

type Node = Record<string, unknown>;

/** One JSON-LD document written to a stream a node at a time: memory stays that of one node. */
export class JsonLdWriter {
  private nodes = 0;

  constructor(private readonly stream: NodeJS.WritableStream, private readonly context: Record<string, unknown>) {}

  async start(): Promise<void> {
    await put(this.stream, `{"@context":${JSON.stringify(this.context)},\n"@graph":[`);
  }

  async node(n: Node): Promise<void> {
    await put(this.stream, `${this.nodes ? ',' : ''}\n${JSON.stringify(n)}`);
    this.nodes++;
  }

  async end(): Promise<void> {
    await put(this.stream, '\n]}\n');
  }
}

/** Leave out the properties that have no value (null, undefined, an empty list), so that no empty triple is asserted. */
export function compact<T extends Node>(n: T): T {
  for (const k of Object.keys(n)) {
    const v = n[k];
    if (v == null || (Array.isArray(v) && !v.length)) delete n[k];
  }
  return n;
}
