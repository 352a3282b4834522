// A linked store of written articles for the statement and graph exports: one soldier's words on an
// intercepted call, released by Ukraine's Security Service, reported by Business Insider (with a byline),
// re-run word for word by Yahoo (copies), reported again from the same release by The Mirror with a hedge
// (same source), re-reported by the Daily Mail "according to The Mirror" (cites), and told by the soldier to
// CNN himself (a second origin); and a State Department spokesman's words reported by Reuters. The analysis
// records are written by hand (speaker kinds, relays, mentions), so the tests do not depend on what the
// extractors currently find.
import type { Attribution, Mention, MentionKind, Relay } from '../../src/model.js';
import { article, attribution, BI, BI_QUOTE, CNN, CNN_QUOTE, linkedStore, MAIL, MIRROR, MIRROR_QUOTE, record, YAHOO } from '../link/fixtures.js';

export { BI_QUOTE, MIRROR_QUOTE };
import type { TestStore } from '../store/backends.js';

export const PRICE_QUOTE = 'The corridor will stay open as long as the ships keep sailing from Odesa and Chornomorsk';
const PRICE = `Grain corridor to stay open, U.S. says

State Department spokesman Ned Price said: "${PRICE_QUOTE}."

Price spoke to reporters in Washington.`;

function span(text: string, phrase: string): { start: number; end: number } {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`fixture: "${phrase}" is not in the text`);
  return { start, end: start + phrase.length };
}

export function mention(text: string, phrase: string, kind: MentionKind, name = phrase): Mention {
  return { ...span(text, phrase), kind, text: phrase, name, key: name.toLowerCase(), resolution: 'self', confidence: 1 };
}

function relay(text: string, name: string, phrase: string, channel?: string): Relay {
  return { name, text: phrase, ...span(text, phrase), ...(channel ? { channel } : {}) };
}

function said(a: Attribution, text: string, o: { type: NonNullable<Attribution['speaker']>['type']; phrase?: string; role?: string; relays?: Relay[] }): Attribution {
  if (a.speaker) {
    Object.assign(a.speaker, { type: o.type, ...(o.phrase ? { text: o.phrase, ...span(text, o.phrase) } : {}) });
    if (o.role) a.speaker.attributes = { role: o.role };
  }
  a.relays = o.relays ?? [];
  a.via = a.relays.map((r) => r.name);
  return a;
}

const SBU = 'Security Service of Ukraine';

export function soldierRecords() {
  const bi = { ...article(BI, { url: 'https://www.businessinsider.test/soldier', outlet: 'Business Insider', date: '2022-04-16' }), meta: { byline: 'By Jane Roe and John Doe', language: 'en' } };
  const yahoo = article(YAHOO, { url: 'https://news.yahoo.test/soldier', outlet: 'Yahoo News', date: '2022-04-17' });
  const mirror = article(MIRROR, { url: 'https://www.mirror.test/soldier', outlet: 'The Mirror', date: '2022-04-16' });
  const mail = article(MAIL, { url: 'https://www.dailymail.test/soldier', outlet: 'Daily Mail', date: '2022-04-17' });
  const cnn = article(CNN, { url: 'https://edition.cnn.test/soldier', outlet: 'CNN', date: '2022-04-20' });
  const reuters = article(PRICE, { url: 'https://www.reuters.test/grain', outlet: 'Reuters', date: '2022-04-18' });
  const withMentions = (r: ReturnType<typeof record>, mentions: Mention[]) => ({ ...r, analysis: { ...r.analysis, mentions } });
  return {
    bi: withMentions(record(bi, [said(attribution(BI, BI_QUOTE, { speaker: 'a Russian soldier' }), BI, { type: 'person', role: 'soldier', relays: [relay(BI, SBU, `The ${SBU} released an audio clip`)] })]), [mention(BI, SBU, 'organisation')]),
    yahoo: withMentions(record(yahoo, [said(attribution(YAHOO, BI_QUOTE, { speaker: 'a Russian soldier' }), YAHOO, { type: 'person', relays: [relay(YAHOO, SBU, `The ${SBU} released an audio clip`)] })]), [mention(YAHOO, SBU, 'organisation')]),
    mirror: withMentions(record(mirror, [said(attribution(MIRROR, MIRROR_QUOTE, { speaker: 'the soldier', hedges: ['could not be independently verified'] }), MIRROR, { type: 'person', relays: [relay(MIRROR, SBU, `released by the ${SBU}`)] })]), [mention(MIRROR, SBU, 'organisation')]),
    mail: withMentions(record(mail, [said(attribution(MAIL, MIRROR_QUOTE, { speaker: 'A Russian soldier' }), MAIL, { type: 'person', relays: [relay(MAIL, 'The Mirror', 'according to The Mirror')] })]), [mention(MAIL, 'The Mirror', 'outlet')]),
    cnn: withMentions(record(cnn, [said(attribution(CNN, CNN_QUOTE, { speaker: 'the soldier' }), CNN, { type: 'person', relays: [relay(CNN, 'CNN', 'Speaking to CNN', 'interview')] })]), [mention(CNN, 'CNN', 'outlet')]),
    reuters: withMentions(
      record(reuters, [said(attribution(PRICE, PRICE_QUOTE, { speaker: 'Ned Price' }), PRICE, { type: 'person', phrase: 'State Department spokesman Ned Price', role: 'spokesman' })]),
      [mention(PRICE, 'State Department', 'organisation'), mention(PRICE, 'Ned Price', 'person'), mention(PRICE, 'Price', 'person', 'Ned Price')],
    ),
  };
}

/** The fixture stored and linked (in two batches, out of date order). */
export async function statementStore(): Promise<{ store: TestStore; records: ReturnType<typeof soldierRecords> }> {
  const records = soldierRecords();
  const { bi, yahoo, mirror, mail, cnn, reuters } = records;
  const store = await linkedStore([bi, yahoo, reuters, mirror, mail, cnn], 2);
  return { store, records };
}
