// The relay chains as W3C PROV-O in JSON-LD: for each statement, who said it, through whom it passed and
// which articles report it, as entities and agents an RDF store or a provenance tool can query.
//
//   the utterance (the statement, urn:crosscheck:statement:ID)   prov:Entity, prov:value its words,
//       prov:wasAttributedTo the speaker (prov:Person / prov:Organization / prov:Agent)
//   the utterance as it passed through each relay (…#via-RELAY)  prov:Entity, prov:wasAttributedTo the relay,
//       prov:wasQuotedFrom the hop before it (the utterance, or a relay farther from the outlet),
//       prov:hadPrimarySource the utterance, cc:channel how (interview, press conference, …) where the text says
//   each report (urn:crosscheck:attribution:ARTICLE-aN)          prov:Entity, prov:value the quote as printed,
//       prov:wasQuotedFrom the nearest relay's entity (or the utterance, or the report it copies or cites),
//       prov:hadPrimarySource the utterance, prov:wasAttributedTo the outlet, schema:isPartOf its article;
//       an echo that copies or cites another report prov:wasDerivedFrom that report (an echo that only goes
//       back to the same source derives from nothing: it shares that source's relay entity instead)
//   each article (urn:crosscheck:article:ID)                     prov:Entity with schema:url, schema:headline,
//       schema:datePublished, prov:wasAttributedTo its outlet and its byline's authors; an article that
//       copies another's text prov:wasDerivedFrom it
//   delegation                                                   byline authors prov:actedOnBehalfOf the outlet;
//       a spokesperson or correspondent prov:actedOnBehalfOf the organisation their own words name
//
// Relay entities are shared by every report of the statement that names the same relay, so two reports that
// go back to one released recording meet in one node: that is what "same source" means. Nodes are written
// flat (one JSON object per node, agents included) and each statement's nodes together, so the file
// streams; an agent or an article met again in a later statement is written again with the same @id, which
// a JSON-LD processor merges.
import type { Store } from '../store/store.js';
import { type ExportOutput, type ExportScope, type Exporter } from './exporter.js';
import { agentId, BlankNodes, isoDate, iri, JsonLdWriter, PROV, RDFS, SCHEMA, VOCAB, webUrl, XSD } from './linked-data.js';
import { ReportReader, statementsInScope, type Agent, type StatementDetail } from './reports.js';

export const PROV_CONTEXT = {
  prov: PROV,
  xsd: XSD,
  rdfs: RDFS,
  schema: SCHEMA,
  cc: VOCAB,
  'schema:url': { '@type': '@id' },
  'schema:datePublished': { '@type': 'xsd:date' },
};

type Node = Record<string, unknown>;
const ref = (id: string) => ({ '@id': id });

/** The nodes of one statement, merged by @id: a property given twice with different values holds both. */
class Nodes {
  private byId = new Map<string, Node>();

  add(id: string, props: Node): void {
    const n = this.byId.get(id) ?? { '@id': id };
    for (const [k, v] of Object.entries(props)) {
      if (v == null || (Array.isArray(v) && !v.length)) continue;
      if (!(k in n)) { n[k] = v; continue; }
      const have = Array.isArray(n[k]) ? (n[k] as unknown[]) : [n[k]];
      const seen = new Set(have.map((x) => JSON.stringify(x)));
      const more = (Array.isArray(v) ? v : [v]).filter((x) => !seen.has(JSON.stringify(x)));
      if (more.length) n[k] = [...have, ...more];
    }
    this.byId.set(id, n);
  }

  all(): Node[] {
    return [...this.byId.values()];
  }
}

const PROV_TYPE: Partial<Record<Agent['kind'], string>> = { person: 'prov:Person', organisation: 'prov:Organization', outlet: 'prov:Organization' };

/** The PROV-O nodes of one statement. Blank nodes stand for agents that are only described ("a captured soldier"). */
export function provNodes(d: StatementDetail, blanks: BlankNodes): Node[] {
  const s = d.statement;
  const nodes = new Nodes();
  // One node per agent of the statement: named agents by key, described ones by their words.
  const agentIds = new Map<string, string>();
  const agentNode = (a: Agent): string => {
    const k = a.key ? `key:${a.key}` : `words:${a.name.toLowerCase()}`;
    let id = agentIds.get(k);
    if (!id) {
      id = agentId(a, blanks);
      agentIds.set(k, id);
    }
    const type = PROV_TYPE[a.kind];
    nodes.add(id, {
      '@type': type ? ['prov:Agent', type] : 'prov:Agent',
      'rdfs:label': a.name,
      'schema:jobTitle': a.role,
      'prov:actedOnBehalfOf': a.onBehalfOf ? ref(agentNode(a.onBehalfOf)) : undefined,
      'schema:url': a.homepage,
    });
    return id;
  };

  const utterance = iri.statement(s.id);
  nodes.add(utterance, {
    '@type': 'prov:Entity',
    'prov:value': s.content,
    'prov:wasAttributedTo': d.speaker ? ref(agentNode(d.speaker)) : undefined,
    'cc:reportCount': s.reports.length,
    'cc:originCount': s.origins,
    'cc:echoCount': s.echoes,
  });

  for (const rd of d.reports) {
    const r = rd.report;
    const report = iri.report(r.article, r.attribution);
    const article = iri.article(r.article);
    const echoed = r.echoOf ? iri.report(r.echoOf.article, r.echoOf.attribution) : null;
    const derived = echoed && (r.reason === 'copies' || r.reason === 'cites');
    // The hops this report's own chain goes through: all of them, unless it copies another report (the chain
    // came with the copy) or cites one (the chain up to the cited outlet is that report's own).
    let hops = rd.relays;
    let from = utterance;
    if (derived && r.reason === 'copies') hops = [];
    if (derived && r.reason === 'cites') {
      const cited = d.reports.find((x) => x.report.article === r.echoOf!.article && x.report.attribution === r.echoOf!.attribution);
      const at = cited?.outlet ? hops.findIndex((h) => h.agent.key === cited.outlet!.key) : -1;
      hops = hops.slice(at + 1);
      if (at < 0) hops = [];
    }
    if (derived) from = echoed!;
    for (const h of hops) {
      const relayed = iri.relayed(s.id, h.agent.key ?? h.agent.name.toLowerCase());
      nodes.add(relayed, {
        '@type': 'prov:Entity',
        'prov:wasAttributedTo': ref(agentNode(h.agent)),
        'prov:wasQuotedFrom': ref(from),
        'prov:hadPrimarySource': ref(utterance),
        'cc:channel': h.channel ?? undefined,
      });
      from = relayed;
    }
    nodes.add(report, {
      '@type': 'prov:Entity',
      'prov:value': r.content,
      'prov:wasQuotedFrom': ref(from),
      'prov:hadPrimarySource': ref(utterance),
      'prov:wasDerivedFrom': derived ? ref(echoed!) : undefined,
      'prov:wasAttributedTo': rd.outlet ? ref(agentNode(rd.outlet)) : undefined,
      'schema:isPartOf': ref(article),
      'cc:speakerAsReported': r.speaker ?? undefined,
      'cc:role': r.role,
      'cc:echoOf': echoed ? ref(echoed) : undefined,
      'cc:echoReason': r.reason ?? undefined,
      'cc:hedge': r.hedges,
      'cc:start': r.start,
      'cc:end': r.end,
    });
    nodes.add(article, {
      '@type': 'prov:Entity',
      'schema:identifier': r.article,
      'schema:url': webUrl(r.url) ?? undefined,
      'schema:headline': rd.title ?? undefined,
      'schema:datePublished': isoDate(r.date) ?? undefined,
      'prov:wasAttributedTo': [...(rd.outlet ? [ref(agentNode(rd.outlet))] : []), ...rd.bylines.map((b) => ref(agentNode(b)))],
      'prov:wasDerivedFrom': derived && r.reason === 'copies' && r.echoOf!.article !== r.article ? ref(iri.article(r.echoOf!.article)) : undefined,
    });
  }
  return nodes.all();
}

export const prov: Exporter = {
  format: 'prov',
  summary: 'W3C PROV-O JSON-LD of the relay chains: speakers and relays as agents, utterances and reports as entities',
  output: 'file',
  scope: ['statements', 'minReports', 'limit'],
  linked: true,
  async write(store: Store, out: ExportOutput, scope: ExportScope = {}) {
    const doc = new JsonLdWriter(out.open('provenance.jsonld'), PROV_CONTEXT);
    const reader = new ReportReader(store);
    const blanks = new BlankNodes();
    let statements = 0;
    let nodes = 0;
    await doc.start();
    for await (const s of statementsInScope(store, scope)) {
      for (const n of provNodes(await reader.statement(s), blanks)) {
        await doc.node(n);
        nodes++;
      }
      statements++;
    }
    await doc.end();
    return { statements, nodes };
  },
};
