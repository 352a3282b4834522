// Reading a JSON-LD export back as RDF with an independent JSON-LD processor (jsonld.js), offline: any
// attempt to fetch a remote context fails the test, and safe mode refuses a document that would lose data
// (a term that expands to no IRI, an invalid @id).
import jsonld from 'jsonld';

export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const FIRST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first';
const REST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest';
const NIL = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil';

export interface Triple {
  s: string;
  p: string;
  /** An IRI or blank node label, or a literal's lexical form. */
  o: string;
  literal: boolean;
  datatype?: string;
}

const offline = async (url: string): Promise<never> => {
  throw new Error(`the export asked for a remote document (${url}); it must carry its context inline`);
};

/** A node as a string: an IRI, a blank node as _:label, a literal's lexical form. */
const term = (t: { termType: string; value: string }) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

/** The triples of a JSON-LD document (the default graph), as jsonld.js reads them. */
export async function triples(doc: object): Promise<Triple[]> {
  const quads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { documentLoader: offline, safe: true } as jsonld.Options.ToRdf)) as unknown as {
    subject: { termType: string; value: string };
    predicate: { value: string };
    object: { termType: string; value: string; datatype?: { value: string } };
    graph: { termType: string };
  }[];
  return quads
    .filter((q) => q.graph.termType === 'DefaultGraph')
    .map((q) => ({ s: term(q.subject), p: q.predicate.value, o: term(q.object), literal: q.object.termType === 'Literal', datatype: q.object.datatype?.value }));
}

/** Queries over a set of triples. */
export class Graph {
  constructor(readonly all: Triple[]) {}

  /** The objects of s p. */
  objects(s: string, p: string): string[] {
    return this.all.filter((t) => t.s === s && t.p === p).map((t) => t.o);
  }

  /** The one object of s p (fails when there are none or several). */
  one(s: string, p: string): string {
    const o = this.objects(s, p);
    if (o.length !== 1) throw new Error(`expected one ${p} of ${s}, found ${o.length}: ${o.join(', ')}`);
    return o[0];
  }

  subjects(p: string, o: string): string[] {
    return this.all.filter((t) => t.p === p && t.o === o).map((t) => t.s);
  }

  has(s: string, p: string, o: string): boolean {
    return this.all.some((t) => t.s === s && t.p === p && t.o === o);
  }

  /** The typed literal of s p: its lexical form and datatype. */
  literal(s: string, p: string): { value: string; datatype?: string } {
    const t = this.all.filter((t) => t.s === s && t.p === p && t.literal);
    if (t.length !== 1) throw new Error(`expected one literal ${p} of ${s}, found ${t.length}`);
    return { value: t[0].o, datatype: t[0].datatype };
  }

  /** The members of the RDF list that s p points to, in order. */
  list(s: string, p: string): string[] {
    const out: string[] = [];
    for (let at = this.one(s, p); at !== NIL; at = this.one(at, REST)) out.push(this.one(at, FIRST));
    return out;
  }

  types(s: string): string[] {
    return this.objects(s, RDF_TYPE);
  }
}
