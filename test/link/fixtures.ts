// Written fixtures for the linking tests: articles and their analysis records built by hand, so that the
// tests exercise linking on the record fields alone, whatever the extractors currently find.
import { articleId } from '../../src/ingest/article.js';
import { linkNew } from '../../src/link/index.js';
import type { AnalysisRecord, ApproxKind, Article, Attribution, Quantity, QuantityCategory } from '../../src/model.js';
import { SQLITE, type Backend, type TestStore } from '../store/backends.js';

export function article(text: string, o: { url?: string | null; outlet?: string | null; date?: string | null; path?: string } = {}): Article {
  const url = o.url === undefined ? `https://news.test/${articleId(text)}` : o.url;
  return {
    id: articleId(text), key: url ?? o.path ?? articleId(text), version: 1, title: text.split('\n')[0], url, outlet: o.outlet ?? null, date: o.date ?? null,
    text, source: { path: o.path ?? 'fixture.txt' }, rawHash: 'fixture', offsets: [], removed: [], warnings: [],
  };
}

function find(text: string, phrase: string, from = 0): number {
  const at = text.indexOf(phrase, from);
  if (at < 0) throw new Error(`fixture: "${phrase}" is not in the text`);
  return at;
}

export function attribution(text: string, content: string, o: { speaker?: string | null; via?: string[]; hedges?: string[] } = {}): Attribution {
  const start = find(text, content);
  const speaker = o.speaker ?? null;
  return {
    start, end: start + content.length, content, kind: 'direct',
    speaker: speaker ? { text: speaker, name: speaker, start: 0, end: 0, resolution: 'self', confidence: 1 } : null,
    cue: 'said', cueStart: null, cueEnd: null, via: o.via ?? [], relays: [], hedges: o.hedges ?? [], hedgeSpans: [], confidence: 1,
  };
}

export function quantity(text: string, phrase: string, number: string, o: { value?: number | null; low?: number; high?: number; approx?: ApproxKind; category: QuantityCategory; claimant?: string | null; unit?: string | null; vague?: boolean }): Quantity {
  const start = find(text, phrase);
  const numberStart = find(text, number, start);
  return {
    start, end: start + phrase.length, text: phrase, value: o.value ?? null, low: o.low ?? null, high: o.high ?? null, approx: o.approx ?? 'exact',
    category: o.category, claimant: o.claimant ?? null, numberStart, numberEnd: numberStart + number.length, unit: o.unit ?? null, vague: o.vague,
  };
}

export function record(a: Article, attributions: Attribution[] = [], quantities: Quantity[] = []): { article: Article; analysis: AnalysisRecord } {
  return { article: a, analysis: { doc: a.url ?? a.source.path, article: a.id, attributions, quantities, sentences: [], warnings: [], analyzer: 'fixture' } };
}

/** A fresh store (of the backend's: SQLite unless told) holding these records, linked. */
export async function linkedStore(items: { article: Article; analysis: AnalysisRecord }[], batches = 1, backend: Backend = SQLITE): Promise<TestStore> {
  const store = await backend.open();
  const per = Math.ceil(items.length / batches);
  for (let i = 0; i < items.length; i += per) {
    await store.put(items.slice(i, i + per));
    await linkNew(store);
  }
  return store;
}
