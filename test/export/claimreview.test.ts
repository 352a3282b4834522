import assert from 'node:assert/strict';
import test from 'node:test';
import { claimreview } from '../../src/export/claimreview.js';
import { iri } from '../../src/export/linked-data.js';
import { Graph, RDF_TYPE, triples } from './rdf.js';
import { memoryOutput } from './store-fixture.js';
import { BI_QUOTE, MIRROR_QUOTE, PRICE_QUOTE, statementStore } from './statement-fixture.js';

const S = 'http://schema.org/';
const CC = 'urn:crosscheck:vocab:';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

async function exported(scope = {}) {
  const { store, records } = await statementStore();
  const out = memoryOutput();
  const counts = await claimreview.write(store, out, scope);
  const text = out.files.get('claims.jsonld')!.text;
  const statements = (await store.listStatements({ limit: 100, offset: 0 })).items;
  await store.close();
  return { counts, doc: JSON.parse(text), g: new Graph(await triples(JSON.parse(text))), records, statements };
}

test('claimreview: one schema.org Claim per statement, read back as RDF by a JSON-LD processor offline', async () => {
  const { counts, doc, g, records, statements } = await exported();
  assert.equal(typeof doc['@context'], 'object', 'the context is inline');
  const claims = g.subjects(RDF_TYPE, `${S}Claim`);
  assert.equal(claims.length, statements.length);
  assert.deepEqual(counts, { claims: statements.length, appearances: 6 });
  // crosscheck rates nothing: no ClaimReview, no rating.
  assert.ok(!g.all.some((t) => t.o === `${S}ClaimReview` || t.p === `${S}reviewRating` || t.o === `${S}Rating`));

  const soldier = statements.find((s) => s.reports.length === 5)!;
  const claim = iri.statement(soldier.id);
  const article = (r: { article: { id: string } }) => iri.article(r.article.id);
  assert.deepEqual(g.objects(claim, `${S}appearance`).sort(), [records.bi, records.yahoo, records.mirror, records.mail, records.cnn].map(article).sort());
  assert.equal(g.one(claim, `${S}firstAppearance`), article(records.bi));
  assert.deepEqual(g.literal(claim, `${S}datePublished`), { value: '2022-04-16', datatype: `${XSD}date` });
  assert.equal(g.one(claim, `${S}text`), BI_QUOTE);
  assert.deepEqual(g.literal(claim, `${CC}originCount`), { value: '2', datatype: `${XSD}integer` });
  assert.equal(g.one(claim, `${CC}echoCount`), '3');
  assert.equal(g.one(claim, `${CC}reportCount`), '5');
  assert.equal(g.one(claim, `${CC}hedgedReportCount`), '1');
  // The speaker is only described ("a Russian soldier"): a Person with a description, no identity of its own.
  const author = g.one(claim, `${S}author`);
  assert.ok(author.startsWith('_:'));
  assert.deepEqual(g.types(author), [`${S}Person`]);
  assert.match(g.one(author, `${S}description`), /soldier/i);

  // Each appearance: the article's URL, headline, date, publisher; the byline's authors; the quotation in it.
  const bi = article(records.bi);
  assert.deepEqual(g.types(bi), [`${S}Article`]);
  assert.equal(g.one(bi, `${S}url`), 'https://www.businessinsider.test/soldier');
  assert.ok(!g.all.find((t) => t.s === bi && t.p === `${S}url`)!.literal, 'the URL is an IRI');
  assert.equal(g.one(bi, `${S}headline`), "A Russian soldier says Putin's troops have been blowing up their own");
  assert.equal(g.one(bi, `${S}inLanguage`), 'en');
  const publisher = g.one(bi, `${S}publisher`);
  assert.equal(publisher, iri.agent('business insider'));
  assert.deepEqual(g.types(publisher), [`${S}NewsMediaOrganization`]);
  assert.equal(g.one(publisher, `${S}name`), 'Business Insider');
  assert.equal(g.one(publisher, `${S}url`), 'https://businessinsider.com/');
  const authors = g.objects(bi, `${S}author`).sort();
  assert.deepEqual(authors, [iri.agent('jane roe'), iri.agent('john doe')]);
  assert.equal(g.one(authors[0], `${S}worksFor`), publisher);

  const quote = (r: { article: { id: string } }) => iri.report(r.article.id, 0);
  assert.deepEqual(g.objects(bi, `${S}hasPart`), [quote(records.bi)]);
  const biQuote = quote(records.bi);
  assert.deepEqual(g.types(biQuote), [`${S}Quotation`]);
  assert.equal(g.one(biQuote, `${S}text`), BI_QUOTE);
  assert.equal(g.one(biQuote, `${CC}reportOf`), claim);
  assert.equal(g.one(biQuote, `${CC}role`), 'origin');
  assert.equal(g.one(biQuote, `${CC}start`), String(records.bi.analysis.attributions[0].start));
  const relays = g.list(biQuote, `${CC}relay`);
  assert.deepEqual(relays, [iri.agent('security service of ukraine')]);
  assert.deepEqual(g.types(relays[0]), [`${S}Organization`]);

  // Echoes: Yahoo copies Business Insider, the Daily Mail cites The Mirror (both based on what they echo);
  // The Mirror goes back to the same release (an echo, based on nothing), and keeps its hedge.
  const yahoo = quote(records.yahoo);
  assert.equal(g.one(yahoo, `${CC}echoReason`), 'copies');
  assert.equal(g.one(yahoo, `${S}isBasedOn`), biQuote);
  const mail = quote(records.mail);
  assert.equal(g.one(mail, `${CC}echoReason`), 'cites');
  assert.equal(g.one(mail, `${S}isBasedOn`), quote(records.mirror));
  assert.deepEqual(g.list(mail, `${CC}relay`), [iri.agent('the mirror')]);
  const mirror = quote(records.mirror);
  assert.equal(g.one(mirror, `${S}text`), MIRROR_QUOTE);
  assert.equal(g.one(mirror, `${CC}echoReason`), 'same-source');
  assert.equal(g.one(mirror, `${CC}echoOf`), biQuote);
  assert.deepEqual(g.objects(mirror, `${S}isBasedOn`), []);
  assert.deepEqual(g.objects(mirror, `${CC}hedge`), ['could not be independently verified']);
  // Two independent origins: the release (four reports) and CNN's interview.
  const origin = (q: string) => g.one(q, `${CC}origin`);
  assert.deepEqual(new Set([biQuote, yahoo, mirror, mail].map(origin)).size, 1);
  assert.notEqual(origin(quote(records.cnn)), origin(biQuote));
  assert.deepEqual(g.list(quote(records.cnn), `${CC}relay`), [iri.agent('cnn')]);

  // A named speaker who speaks for an organisation: a Person with a job title, working for it.
  const price = statements.find((s) => s.content === PRICE_QUOTE)!;
  const priceAuthor = g.one(iri.statement(price.id), `${S}author`);
  assert.equal(priceAuthor, iri.agent('ned price'));
  assert.deepEqual(g.types(priceAuthor), [`${S}Person`]);
  assert.equal(g.one(priceAuthor, `${S}name`), 'Ned Price');
  assert.equal(g.one(priceAuthor, `${S}jobTitle`), 'spokesman');
  const org = g.one(priceAuthor, `${S}worksFor`);
  assert.deepEqual([g.types(org), g.one(org, `${S}name`)], [[`${S}Organization`], 'State Department']);
});

test('claimreview: the scope narrows the statements; the file is one JSON-LD document either way', async () => {
  const { doc, g, statements } = await exported({ minReports: 2 });
  assert.equal(doc['@graph'].length, 1);
  assert.deepEqual(g.subjects(RDF_TYPE, `${S}Claim`), [iri.statement(statements.find((s) => s.reports.length === 5)!.id)]);
  const none = await exported({ statements: ['no-such-statement'] });
  assert.deepEqual(none.doc['@graph'], []);
  assert.deepEqual(none.counts, { claims: 0, appearances: 0 });
});

test('claimreview and prov name the same records alike after a jsonl round trip: same @ids, same nodes', async () => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { jsonl } = await import('../../src/export/jsonl.js');
  const { prov } = await import('../../src/export/prov.js');
  const { ingestPaths } = await import('../../src/pipeline.js');
  const { SqliteStore } = await import('../../src/store/sqlite/index.js');
  const { tempDir } = await import('../helpers.js');
  const { store } = await statementStore();
  const dump = memoryOutput();
  await jsonl.write(store, dump);
  const file = join(tempDir(), 'store.jsonl');
  writeFileSync(file, dump.files.get('store.jsonl')!.text);
  const copy = new SqliteStore(join(tempDir(), 'copy.db'));
  const s = await ingestPaths(copy, [file]);
  assert.equal(s.failed, 0);
  for (const exporter of [claimreview, prov]) {
    const a = memoryOutput();
    const b = memoryOutput();
    await exporter.write(store, a);
    await exporter.write(copy, b);
    const [fa] = [...a.files.values()];
    const [fb] = [...b.files.values()];
    assert.ok(fa.text.length > 1000);
    assert.deepEqual(JSON.parse(fb.text), JSON.parse(fa.text), exporter.format);
  }
  await copy.close();
  await store.close();
});
