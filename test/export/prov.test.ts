import assert from 'node:assert/strict';
import test from 'node:test';
import { iri } from '../../src/export/linked-data.js';
import { prov } from '../../src/export/prov.js';
import { Graph, triples } from './rdf.js';
import { memoryOutput } from './store-fixture.js';
import { BI_QUOTE, MIRROR_QUOTE, PRICE_QUOTE, statementStore } from './statement-fixture.js';

const P = 'http://www.w3.org/ns/prov#';
const S = 'http://schema.org/';
const CC = 'urn:crosscheck:vocab:';
const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

async function exported(scope = {}) {
  const { store, records } = await statementStore();
  const out = memoryOutput();
  const counts = await prov.write(store, out, scope);
  const doc = JSON.parse(out.files.get('provenance.jsonld')!.text);
  const statements = (await store.listStatements({ limit: 100, offset: 0 })).items;
  await store.close();
  return { counts, doc, g: new Graph(await triples(doc)), records, statements };
}

test('prov: the relay chains as PROV-O, read back as RDF by a JSON-LD processor offline', async () => {
  const { counts, g, records, statements } = await exported();
  assert.equal(counts.statements, statements.length);
  const soldier = statements.find((s) => s.reports.length === 5)!;
  const utterance = iri.statement(soldier.id);
  const report = (r: { article: { id: string } }) => iri.report(r.article.id, 0);
  const article = (r: { article: { id: string } }) => iri.article(r.article.id);
  const sbu = iri.agent('security service of ukraine');
  const released = iri.relayed(soldier.id, 'security service of ukraine');

  // The utterance: an entity with its words, attributed to the speaker (only described: a blank node).
  assert.ok(g.types(utterance).includes(`${P}Entity`));
  assert.equal(g.one(utterance, `${P}value`), BI_QUOTE);
  const speaker = g.one(utterance, `${P}wasAttributedTo`);
  assert.ok(speaker.startsWith('_:'));
  assert.deepEqual(g.types(speaker).sort(), [`${P}Agent`, `${P}Person`]);

  // The Security Service's release: one entity, quoted from the utterance, attributed to the Service.
  assert.equal(g.one(released, `${P}wasQuotedFrom`), utterance);
  assert.equal(g.one(released, `${P}hadPrimarySource`), utterance);
  assert.equal(g.one(released, `${P}wasAttributedTo`), sbu);
  assert.deepEqual(g.types(sbu).sort(), [`${P}Agent`, `${P}Organization`]);
  assert.equal(g.one(sbu, LABEL), 'Security Service of Ukraine');

  // Business Insider and The Mirror both quote the release (same source: they meet in one node).
  for (const r of [records.bi, records.mirror]) {
    assert.equal(g.one(report(r), `${P}wasQuotedFrom`), released);
    assert.equal(g.one(report(r), `${P}hadPrimarySource`), utterance);
    assert.deepEqual(g.objects(report(r), `${P}wasDerivedFrom`), []);
  }
  assert.equal(g.one(report(records.mirror), `${P}value`), MIRROR_QUOTE);
  assert.equal(g.one(report(records.mirror), `${CC}echoReason`), 'same-source');
  assert.deepEqual(g.objects(report(records.mirror), `${CC}hedge`), ['could not be independently verified']);
  assert.equal(g.one(report(records.bi), `${P}wasAttributedTo`), iri.agent('business insider'));
  assert.equal(g.one(report(records.bi), `${S}isPartOf`), article(records.bi));

  // Echoes derive from what they copy or cite, and are quoted from it.
  assert.equal(g.one(report(records.yahoo), `${P}wasDerivedFrom`), report(records.bi));
  assert.equal(g.one(report(records.yahoo), `${P}wasQuotedFrom`), report(records.bi));
  assert.equal(g.one(article(records.yahoo), `${P}wasDerivedFrom`), article(records.bi), 'the article copies the article');
  assert.equal(g.one(report(records.mail), `${P}wasDerivedFrom`), report(records.mirror));
  assert.equal(g.one(report(records.mail), `${P}wasQuotedFrom`), report(records.mirror));
  assert.deepEqual(g.objects(article(records.mail), `${P}wasDerivedFrom`), [], 'citing is not copying the article');
  assert.equal(g.one(report(records.mail), `${CC}echoReason`), 'cites');

  // CNN's own interview: a second origin through CNN, with its channel.
  const interview = iri.relayed(soldier.id, 'cnn');
  assert.equal(g.one(report(records.cnn), `${P}wasQuotedFrom`), interview);
  assert.equal(g.one(interview, `${P}wasQuotedFrom`), utterance);
  assert.equal(g.one(interview, `${CC}channel`), 'interview');
  assert.equal(g.one(interview, `${P}wasAttributedTo`), iri.agent('cnn'));
  assert.deepEqual(g.literal(utterance, `${CC}originCount`), { value: '2', datatype: 'http://www.w3.org/2001/XMLSchema#integer' });

  // Articles: attributed to the outlet and the byline's authors, who act on behalf of the outlet.
  const bi = article(records.bi);
  assert.equal(g.one(bi, `${S}url`), 'https://www.businessinsider.test/soldier');
  assert.deepEqual(g.literal(bi, `${S}datePublished`), { value: '2022-04-16', datatype: 'http://www.w3.org/2001/XMLSchema#date' });
  assert.deepEqual(g.objects(bi, `${P}wasAttributedTo`).sort(), [iri.agent('business insider'), iri.agent('jane roe'), iri.agent('john doe')]);
  assert.equal(g.one(iri.agent('jane roe'), `${P}actedOnBehalfOf`), iri.agent('business insider'));
  assert.deepEqual(g.types(iri.agent('jane roe')).sort(), [`${P}Agent`, `${P}Person`]);

  // A spokesman acts on behalf of the organisation his words name.
  const price = statements.find((s) => s.content === PRICE_QUOTE)!;
  const ned = g.one(iri.statement(price.id), `${P}wasAttributedTo`);
  assert.equal(ned, iri.agent('ned price'));
  assert.equal(g.one(ned, `${P}actedOnBehalfOf`), iri.agent('state department'));
  assert.deepEqual(g.types(iri.agent('state department')).sort(), [`${P}Agent`, `${P}Organization`]);
  assert.equal(g.one(iri.report(records.reuters.article.id, 0), `${P}wasQuotedFrom`), iri.statement(price.id), 'no relay: quoted from the utterance');
});

test('prov: every node has an @id, and blank nodes are not shared between statements', async () => {
  const { doc, g } = await exported();
  for (const n of doc['@graph']) assert.equal(typeof n['@id'], 'string');
  // Each described speaker is its own blank node: the soldier's statement and any other never share one.
  const attributed = g.all.filter((t) => t.p === `${P}wasAttributedTo` && t.o.startsWith('_:'));
  const byStatement = new Map<string, Set<string>>();
  for (const t of attributed) {
    const stmt = t.s.replace(/#.*$/, '').replace(/^urn:crosscheck:attribution:.*$/, '');
    if (!stmt) continue;
    if (!byStatement.has(t.o)) byStatement.set(t.o, new Set());
    byStatement.get(t.o)!.add(stmt);
  }
  for (const statements of byStatement.values()) assert.equal(statements.size, 1);
});
