// Who asserts each number: the speaker of the innermost attribution whose content holds it. A number that
// no attribution holds, in a sentence of the form "authorities in Kharkiv say at least five civilians …
// have been killed" or "… , according to the UN", gets the subject of that reporting clause, with a lower
// confidence (the attribution engine did not see the clause). Everything else is the article's own.
// A "he said" whose resolved person is not the person the article named last before it gets that person,
// and a "they said" resolved to words that never spoke gets the last group that did, both with a lower
// confidence.
import type { Attribution, Mention, Quantity } from '../model.js';
import { sameWord } from '../names.js';
import type { Doc } from './nlp.js';
import { tokenAt } from './nlp.js';

const REPORTING = /^(say|says|said|claim|claims|claimed|report|reports|reported|estimate|estimates|estimated|announce|announces|announced|confirm|confirms|confirmed|told|tell|tells|state|states|stated|add|adds|added|insist|insists|insisted|warn|warns|warned)$/;
const SUBJECT_STOP = new Set([',', ';', ':', '—', '–', '"', '“', '”', "'", '‘', '’', '(', ')', 'and', 'but', 'as', 'while', 'meanwhile', 'when', 'after', 'since', 'because', 'that', 'which', 'who']);
/** Speaker names that keep the head the attribution engine dropped: "Moscow police" named "Moscow". */
const GROUP_HEADS = /\b(police|authorities|officials|council|ministry|government|administration|office|military|army|forces|command|service|agency|spokesman|spokeswoman|governor|mayor|prosecutors?|investigators|officers|sources)$/i;

/** The claimant a speaker gives a number: its resolved name, or the words as written when the name dropped their head. */
export function claimantOf(a: Attribution): string | null {
  const sp = a.speaker;
  if (!sp) return null;
  const name = sp.name || sp.text;
  if (sp.resolution === 'self' && sp.text && sp.text !== name && GROUP_HEADS.test(sp.text) && !GROUP_HEADS.test(name) && sp.text.toLowerCase().includes(name.toLowerCase())) {
    return sp.text.replace(/^(the|a|an)\s+/i, (m) => (m[0] === 'T' ? '' : m.toLowerCase())).trim();
  }
  return name;
}

/** The subject of a reporting verb that governs the number's clause, in the number's sentence. */
function reportingSubject(doc: Doc, q: Quantity): { text: string; start: number; end: number } | null {
  const t = tokenAt(doc, q.numberStart);
  if (t >= doc.n) return null;
  const s = doc.sentences[doc.sentOf[t]];
  // "X say(s) [that] <number …>": the verb before the number, with no other finite clause break between.
  for (let v = t - 1; v > s.t0; v--) {
    if (doc.value[v] === '.' || doc.value[v] === ';') break;
    if (!REPORTING.test(doc.lower[v]) || doc.pos[v] === 'NOUN') continue;
    let a = v;
    while (a > s.t0 && (doc.pos[a - 1] === 'AUX' || doc.pos[a - 1] === 'ADV' || doc.pos[a - 1] === 'PART')) a--;
    let b = a;
    while (b > s.t0 && !SUBJECT_STOP.has(doc.lower[b - 1]) && a - b < 12) b--;
    // Drop leading adverbs and articles ("Meanwhile", "Now"); keep "the" out of the name.
    while (b < a && (doc.pos[b] === 'ADV' || doc.pos[b] === 'CCONJ' || doc.pos[b] === 'SCONJ' || doc.lower[b] === 'the')) b++;
    if (b >= a) return null;
    if (!doc.pos.slice(b, a).some((p) => p === 'NOUN' || p === 'PROPN')) return null;
    // A subject is a noun phrase: no verb inside ("China has managed to keep its …" is not one).
    if (doc.pos.slice(b, a).some((p) => p === 'VERB' || p === 'AUX')) return null;
    return { text: doc.text.slice(doc.start[b], doc.end[a - 1]), start: doc.start[b], end: doc.end[a - 1] };
  }
  // "<number …>, according to X".
  for (let k = t + 1; k < s.t1 - 2; k++) {
    if (doc.lower[k] === 'according' && doc.lower[k + 1] === 'to') {
      let e = k + 2;
      while (e < s.t1 && !SUBJECT_STOP.has(doc.lower[e]) && doc.value[e] !== '.') e++;
      let b = k + 2;
      if (doc.lower[b] === 'the') b++;
      if (e > b) return { text: doc.text.slice(doc.start[b], doc.end[e - 1]), start: doc.start[b], end: doc.end[e - 1] };
    }
  }
  return null;
}

/**
 * A "he"/"she" speaker whose resolved name is not the person named last before it (in its paragraph or the
 * one before): that person, as the mentions found them. Returns null when the two agree or there is none.
 */
function nearerPerson(doc: Doc, a: Attribution, mentions: Mention[]): string | null {
  const sp = a.speaker;
  if (!sp || !/^(he|she)$/i.test(sp.text) || (sp.resolution !== 'pronoun' && sp.resolution !== 'previous')) return null;
  const para = doc.paragraphs.findIndex((p) => p.start <= sp.start && sp.start < p.end);
  const floor = para > 0 ? doc.paragraphs[para - 1].start : 0;
  let last: Mention | null = null;
  for (const m of mentions) {
    if (m.start >= sp.start) break;
    if (m.kind === 'person' && m.start >= floor) last = m;
  }
  if (!last) return null;
  const theirs = (sp.name || '').split(/\s+/);
  const mine = last.name.split(/\s+/);
  if (theirs.some((t) => mine.some((m) => sameWord(t, m)))) return null;
  return last.name;
}

/**
 * A "they" speaker resolved to words that never spoke in the article (a noun picked up inside a quotation):
 * the last group that did speak before it, as the attributions name it. Null when the resolution stands.
 */
function earlierGroup(a: Attribution, attributions: Attribution[]): string | null {
  const sp = a.speaker;
  if (!sp || !/^they$/i.test(sp.text) || (sp.resolution !== 'pronoun' && sp.resolution !== 'previous')) return null;
  const earlier = attributions.filter((x) => x.speaker && x.start < a.start && x !== a);
  const named = (x: Attribution) => x.speaker!.name || x.speaker!.text;
  if (earlier.some((x) => x.speaker!.text.toLowerCase() !== 'they' && named(x) === sp.name)) return null;
  for (let k = earlier.length - 1; k >= 0; k--) {
    const x = earlier[k];
    if (x.speaker!.type === 'group' && !/^they$/i.test(named(x)) && named(x) !== sp.name) return named(x);
  }
  return null;
}

/** Sets `claimant` and `attribution` on each quantity. */
export function assignClaimants(doc: Doc, quantities: Quantity[], attributions: Attribution[], mentions: Mention[] = []): void {
  for (const q of quantities) {
    let best: number | null = null;
    attributions.forEach((a, i) => {
      if (a.start <= q.numberStart && a.end >= q.numberEnd) {
        if (best === null || a.end - a.start < attributions[best].end - attributions[best].start) best = i;
      }
    });
    if (best !== null) {
      q.attribution = best;
      q.claimant = claimantOf(attributions[best]);
      const nearer = nearerPerson(doc, attributions[best], mentions) ?? earlierGroup(attributions[best], attributions);
      if (nearer) { q.claimant = nearer; q.claimantConfidence = 0.6; }
      continue;
    }
    const subject = reportingSubject(doc, q);
    if (subject) {
      q.claimant = subject.text;
      q.claimantConfidence = 0.6;
    }
  }
}
