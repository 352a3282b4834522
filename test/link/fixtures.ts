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

// The soldier's call (the linking and the statement-export tests): his words on an intercepted call, released by Ukraine's Security Service, reported by Business
// Insider, re-run word for word by Yahoo, translated again by The Mirror, re-reported by the Daily Mail
// "according to The Mirror"; the same soldier later tells CNN the same thing himself.
export const BI_QUOTE = 'The same crap was in the Chechen war. Apartments were blown up in Moscow, like they were terrorists.';
export const BI = `A Russian soldier says Putin's troops have been blowing up their own

The Security Service of Ukraine released an audio clip of the call on Friday, in which a man's voice can be heard talking to his wife back home in Russia.

"${BI_QUOTE}" he told his wife.

Klimovo authorities blamed Ukrainian soldiers for shelling the city, an accusation Kyiv has denied.`;
export const YAHOO = `${BI}\n\nThis article was originally published by Business Insider.`;
export const MIRROR_QUOTE = 'It was the same crap in the Chechen war, apartments in Moscow were blown up as if they were terrorists.';
export const MIRROR = `Russian soldier's call home reveals fury at commanders

In a call released by the Security Service of Ukraine, the soldier is heard telling his wife: "${MIRROR_QUOTE}"

The recording could not be independently verified.`;
export const MAIL = `Soldier compares shelling to Moscow apartment bombings

A Russian soldier was heard saying "${MIRROR_QUOTE}" according to The Mirror.

Russia has denied shelling its own territory.`;
export const CNN_QUOTE = 'Apartments were blown up in Moscow like they were terrorists, the same crap as in the Chechen war.';
export const CNN = `Russian soldier speaks out

Speaking to CNN from a hospital in Belgorod, the soldier repeated what he had told his wife: "${CNN_QUOTE}"

He also said his unit had not been paid for two months.`;
