// Hedges: what marks a statement as unverified, scoped to the statements it covers.
//  - in the statement's own frame: a hedging cue ("claimed"), a hedge word in the sentence outside the
//    quoted content ("allegedly", "purportedly", "reportedly", "is said to");
//  - on the speaker: "another purported soldier" hedges everything that speaker says;
//  - on the channel: "in audio … said to capture a soldier's call" hedges what came through it;
//  - from an outer statement: a claim that a call was intercepted hedges what the call contains;
//  - disclaimers standing on their own ("it is not certain whether they were forced or coerced to speak",
//    "could not be independently verified"): every statement of the speakers they refer to, and of those
//    who spoke through the same relays.
import type { Hedge } from '../model.js';
import { HEDGE_PHRASES, HEDGE_WORDS, HEDGING_CUES } from './lexicon.js';
import { tokenAt, type Doc } from './nlp.js';
import type { Draft } from './attributions.js';
import type { Discourse, Entity } from './speakers.js';

function hedgesIn(text: string, s: number, e: number, exclude: { start: number; end: number }[]): Hedge[] {
  const out: Hedge[] = [];
  const slice = text.slice(s, e);
  // Most sentences hold no hedge at all: one cheap test first.
  if (!ANY_HEDGE.test(slice)) return out;
  const outside = (a: number, b: number) => !exclude.some((x) => a >= x.start && b <= x.end);
  for (const re of HEDGE_PHRASES) {
    re.lastIndex = 0;
    for (let m; (m = re.exec(slice)); ) {
      const a = s + m.index;
      if (outside(a, a + m[0].length)) out.push({ text: m[0], start: a, end: a + m[0].length });
    }
  }
  // A hedge word inside a phrase found above is part of it (words never overlap one another, so only the
  // phrases need looking at: sorted by start, with the furthest end so far, when there are many).
  const phrases = out.length;
  let inPhrase = (a: number) => out.some((h, k) => k < phrases && a >= h.start && a < h.end);
  if (phrases > 16) {
    const sorted = out.slice().sort((x, y) => x.start - y.start);
    const reach = new Int32Array(phrases);
    for (let k = 0, m = -1; k < phrases; k++) reach[k] = m = Math.max(m, sorted[k].end);
    inPhrase = (a: number) => {
      let lo = 0;
      let hi = phrases;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid].start <= a) lo = mid + 1; else hi = mid; }
      return lo > 0 && reach[lo - 1] > a;
    };
  }
  // The words ([\p{L}-]+ runs) that are hedge words: found by HEDGE_WORD_RUN, which finds every such run
  // (and a few more, checked here), without a match for each word of the sentence.
  HEDGE_WORD_RUN.lastIndex = 0;
  for (let m; (m = HEDGE_WORD_RUN.exec(slice)); ) {
    const w = m[0].toLowerCase();
    if (!HEDGE_WORDS.has(w)) continue;
    const a = s + m.index!;
    if (outside(a, a + m[0].length) && !inPhrase(a)) out.push({ text: m[0], start: a, end: a + m[0].length });
  }
  return out;
}

/** Runs of [\p{L}-] that may lower-case to a hedge word: any case of one of them, with no letter or hyphen on either side. */
const HEDGE_WORD_RUN = new RegExp(`(?<![\\p{L}-])(?:${[...HEDGE_WORDS].join('|')})(?![\\p{L}-])`, 'giu');

const STRONG = /^(?:debunked|unverified|unconfirmed|purported(?:ly)?|alleged(?:ly)?|so-called|supposedly|ostensibly)$|verified|confirmed|corroborated|without\s/i;

/**
 * Every text that a hedge passing STRONG must hold (a hedge word or phrase passing STRONG contains one of
 * them, in any case): where a range holds none, it has no strong hedge.
 */
const STRONG_TEXT = /purport|alleg|suppos|unverif|unconfirm|ostensib|so-called|verified|confirmed|corroborated|debunked|without/gi;

/** Where the texts of STRONG_TEXT stand in a text, overlapping ones too ("unverified" holds "verified"): one pass. */
function strongAt(text: string): { within(s: number, e: number): boolean } {
  const starts: number[] = [];
  const ends: number[] = [];
  STRONG_TEXT.lastIndex = 0;
  for (let m; (m = STRONG_TEXT.exec(text)); ) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    STRONG_TEXT.lastIndex = m.index + 1;
  }
  return {
    /** Whether one of them lies wholly inside [s, e). */
    within(s: number, e: number): boolean {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] < s) lo = mid + 1; else hi = mid; }
      for (let k = lo; k < starts.length && starts[k] < e; k++) if (ends[k] <= e) return true;
      return false;
    },
  };
}

/**
 * Whether each of several offsets (at or after `from`) lies between quotation marks opened after `from` (a
 * quoted stretch inside a mixed statement), in one pass over the text.
 */
function insideQuoteMarksAt(text: string, from: number, at: number[]): boolean[] {
  const out = new Array<boolean>(at.length).fill(false);
  if (!at.length) return out;
  const order = at.map((_, k) => k).sort((a, b) => at[a] - at[b]);
  let open = false;
  let i = from;
  for (const k of order) {
    for (; i < at[k]; i++) {
      const c = text[i];
      if (c === '“' || c === '‘' || ((c === '"' || c === "'") && (i === from || /[\s(]/.test(text[i - 1])))) open = true;
      else if (c === '”' || c === '’' || c === '"' || c === "'") { if (i + 1 >= text.length || !/\p{L}/u.test(text[i + 1])) open = false; }
    }
    out[k] = open;
  }
  return out;
}

/**
 * The most hedges a statement carries (the corpus's most is 4): a text of thousands of hedge words would
 * otherwise give each of its thousands of statements all of them.
 */
const MAX_HEDGES = 32;

/** The hedges not inside any of the spans (the spans sorted by start, with the furthest end so far). */
function outsideAll(hedges: Hedge[], spans: { start: number; end: number }[]): Hedge[] {
  if (!spans.length) return hedges.slice();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach = new Int32Array(sorted.length);
  for (let k = 0, m = -1; k < sorted.length; k++) reach[k] = m = Math.max(m, sorted[k].end);
  return hedges.filter((h) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid].start <= h.start) lo = mid + 1; else hi = mid; }
    return lo === 0 || reach[lo - 1] < h.end;
  });
}

/** Characters of statement contents scanned for strong hedges, per character of the text (see findHedges). */
const MAX_SCAN_PER_CHAR = 4;

/** The most disclaimer sentences read in one text (the corpus's most is 2). */
const MAX_DISCLAIMERS = 16;

const ANY_HEDGE = /purport|alleg|claim|report|suppos|unverif|unconfirm|apparent|ostensib|so-called|said\s+to|verif|confirm|corroborat|clear|certain|known|debunk|evidence|forced|coerced|accusation|denied|rejected|disputed|charge/i;

const DISCLAIMER = /\b(?:could\s*(?:not|n[o’']t)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)|(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)|not\s+(?:clear|certain|known)\s+(?:whether|if)|unable\s+to\s+(?:independently\s+)?(?:verify|confirm)|cannot\s+(?:independently\s+)?(?:verify|confirm)|(?:forced|coerced)\s+(?:or\s+(?:forced|coerced)\s+)?to\s+(?:speak|say))/i;

/** Sets the drafts' hedges; returns how many contents or disclaimers went unread (over the bounds below). */
export function findHedges(doc: Doc, drafts: Draft[], discourse: Discourse): number {
  const text = doc.text;
  const merge = (a: Hedge[], b: Hedge[]) => {
    if (a.length * b.length <= 64) {
      for (const h of b) if (a.length < MAX_HEDGES && !a.some((x) => x.start === h.start && x.end === h.end)) a.push(h);
      return a;
    }
    // Many hedges (a text of thousands of them): the same, with the spans in a set.
    const have = new Set<string>();
    for (const x of a) have.add(`${x.start}:${x.end}`);
    for (const h of b) {
      const key = `${h.start}:${h.end}`;
      if (a.length >= MAX_HEDGES) break;
      if (!have.has(key)) { have.add(key); a.push(h); }
    }
    return a;
  };
  // Hedge words of each sentence, found once; the statements' contents in each sentence, gathered once.
  const sentenceHedges = new Map<number, Hedge[]>();
  const hedgesOfSentence = (si: number) => {
    let h = sentenceHedges.get(si);
    if (!h) { const s = doc.sentences[si]; h = hedgesIn(text, s.start, s.end, []); sentenceHedges.set(si, h); }
    return h;
  };
  const contentsBySentence = new Map<number, { start: number; end: number }[]>();
  for (const o of drafts) {
    const a = doc.sentOf[Math.min(doc.n - 1, tokenAt(doc, o.start))];
    const b = doc.sentOf[Math.min(doc.n - 1, Math.max(0, tokenAt(doc, Math.max(o.start, o.end - 1))))];
    for (let si = a; si <= b; si++) {
      const list = contentsBySentence.get(si) ?? [];
      list.push({ start: o.start, end: o.end });
      contentsBySentence.set(si, list);
    }
  }
  const cueStarts = new Set<number>();
  const cueEntity = new Map<number, Entity | null>();
  for (const o of drafts) if (o.cueStart != null) { cueStarts.add(o.cueStart); cueEntity.set(o.cueStart, o.entity); }
  const speakerSpans = drafts.filter((o) => o.speakerStart >= 0).map((o) => ({ d: o, start: o.speakerStart, end: o.speakerEnd }));
  const outside = (h: Hedge, ex: { start: number; end: number }[]) => !ex.some((x) => h.start >= x.start && h.end <= x.end);
  // The speaker phrases that hold a hedge: the first such draft and how many (with the spans sorted by
  // start, only those starting at most the longest phrase's length before the hedge are looked at).
  const bySpeakerStart = [...speakerSpans].sort((a, b) => a.start - b.start);
  const longestSpeaker = bySpeakerStart.reduce((m, o) => Math.max(m, o.end - o.start), 0);
  const holders = new Map<Hedge, { first: Draft | null; count: number }>();
  const speakersHolding = (h: Hedge) => {
    let r = holders.get(h);
    if (r) return r;
    r = { first: null, count: 0 };
    let lo = 0;
    let hi = bySpeakerStart.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (bySpeakerStart[mid].start <= h.start) lo = mid + 1; else hi = mid; }
    for (let k = lo - 1; k >= 0 && bySpeakerStart[k].start >= h.start - longestSpeaker; k--) {
      const o = bySpeakerStart[k];
      if (h.end <= o.end) { r.count++; r.first = o.d; if (r.count > 1) break; }
    }
    holders.set(h, r);
    return r;
  };
  const heldByOther = (h: Hedge, d: Draft) => {
    const r = speakersHolding(h);
    return r.count > 1 || (r.count === 1 && r.first !== d);
  };
  // The hedges of a sentence outside every content in it (the same for each statement of the sentence).
  const freeOfSentence = new Map<number, Hedge[]>();
  // Local: the statement's sentence outside its content, and its cue.
  for (const d of drafts) {
    const s = doc.sentences[d.sentence];
    let own = freeOfSentence.get(d.sentence);
    if (!own) {
      const contents = contentsBySentence.get(d.sentence) ?? [];
      own = outsideAll(hedgesOfSentence(d.sentence), contents);
      freeOfSentence.set(d.sentence, own);
    }
    if (d.speakerStart >= 0 && (d.speakerStart < s.start || d.speakerEnd > s.end)) own = own.concat(hedgesIn(text, d.speakerStart, d.speakerEnd, []));
    // Hedge words on other speakers' phrases in the sentence do not hedge this statement; a hedge on a
    // different statement's cue in the sentence ("X claimed A and said B") covers only that one.
    d.hedges = [];
    for (const h of own) {
      if (d.hedges.length >= MAX_HEDGES) break;
      if ((!cueStarts.has(h.start) || h.start === d.cueStart) && !heldByOther(h, d)) d.hedges.push(h);
    }
    if (d.lemma && HEDGING_CUES.has(d.lemma) && d.cueStart != null && d.cueEnd != null) merge(d.hedges, [{ text: text.slice(d.cueStart, d.cueEnd), start: d.cueStart, end: d.cueEnd }]);
  }
  // The article's own voice inside a reported statement: "speaking of … debunked claims of 'genocide'" is
  // marked as unverified by the words outside its quotation marks (strong hedges only: a "claim" mentioned in
  // indirect speech is not the reporter's doubt).
  // Only contents holding the text of a strong hedge are scanned (a statement spanning a run-on sentence of
  // thousands of cues, each scanned in full, made 'said '.repeat(20000) take seconds here).
  // What is scanned so is bounded too: contents of MAX_SCAN_PER_CHAR times the text's length in all (the
  // corpus's articles need at most 0.85 times); past that, the rest go unscanned and the record says so.
  const strong = strongAt(text);
  let budget = MAX_SCAN_PER_CHAR * text.length + 20_000;
  let unscanned = 0;
  for (const d of drafts) {
    if (d.kind === 'direct' || !strong.within(d.start, d.end)) continue;
    budget -= d.end - d.start;
    if (budget < 0) { unscanned++; continue; }
    const found = hedgesIn(text, d.start, d.end, []).filter((h) => STRONG.test(h.text));
    const quoted = insideQuoteMarksAt(text, d.start, found.map((h) => h.start));
    merge(d.hedges, found.filter((_, i) => !quoted[i]));
  }
  // Speaker-wide: hedges in a speaker phrase, in a relay phrase's sentence, or inherited from an outer claim.
  const entityHedges = new Map<Entity, Hedge[]>();
  const noteEntity = (e: Entity | null, hs: Hedge[]) => {
    if (!e || !hs.length) return;
    entityHedges.set(e, merge(entityHedges.get(e) ?? [], hs));
  };
  for (const d of drafts) {
    if (d.speakerStart >= 0) noteEntity(d.entity, hedgesIn(text, d.speakerStart, d.speakerEnd, []));
    for (const r of d.relays) {
      const si = doc.sentOf[Math.min(doc.n - 1, Math.max(0, tokenAt(doc, r.start)))];
      const s = doc.sentences[si];
      if (!s) continue;
      const quoted = (contentsBySentence.get(si) ?? []).filter((o) => o.start >= s.start && o.end <= s.end);
      const inRelaySentence = hedgesOfSentence(si).filter((h) => outside(h, quoted.filter((o) => !(o.start === d.start && o.end === d.end))));
      noteEntity(d.entity, inRelaySentence.filter((h) => !cueStarts.has(h.start) || cueEntity.get(h.start) === d.entity));
    }
    if (d.outer && d.outer.hedges.length) noteEntity(d.entity, d.outer.hedges);
  }
  // Disclaimers on their own: the speakers they name, and everyone who spoke through the same relays.
  // (At most MAX_DISCLAIMERS of them: each is compared with every entity and statement.)
  const relaysOfEntity = new Map<Entity, Set<string>>();
  let disclaimers = 0;
  for (const s of doc.sentences) {
    const st = text.slice(s.start, s.end);
    const m = DISCLAIMER.exec(st);
    if (!m) continue;
    if (drafts.some((d) => d.start <= s.start + m.index && d.end >= s.start + m.index + m[0].length)) continue; // inside a statement
    if (++disclaimers > MAX_DISCLAIMERS) { unscanned++; continue; }
    const hedge: Hedge = { text: m[0], start: s.start + m.index, end: s.start + m.index + m[0].length };
    // Who does it refer to? Speaker entities mentioned by name or head noun in the sentence, else the most recent ones.
    const lower = st.toLowerCase();
    const seen = new Set<Entity>();
    let targets = discourse.entities.filter((e) => !seen.has(e) && seen.add(e) && ([...e.heads].some((h) => new RegExp(`\\b${h.replace(/[^\w]/g, '')}s?\\b`).test(lower)) || e.names.some((n) => lower.includes(n.toLowerCase().split(' ').pop()!))));
    if (!targets.length) {
      const before = drafts.filter((d) => d.end <= s.start && d.entity).slice(-3);
      targets = [...new Set(before.map((d) => d.entity!))];
    }
    const relaysOf = (e: Entity) => {
      let r = relaysOfEntity.get(e);
      if (!r) { r = new Set(drafts.filter((d) => d.entity === e).flatMap((d) => d.relays.map((x) => x.name.toLowerCase()))); relaysOfEntity.set(e, r); }
      return r;
    };
    const targetRelays = new Set(targets.flatMap((e) => [...relaysOf(e)]));
    for (const e of discourse.entities) {
      if (targets.includes(e) || [...relaysOf(e)].some((r) => targetRelays.has(r)) || e.groups.some((g) => targets.includes(discourse.entities[g]))) noteEntity(e, [hedge]);
      for (const t of targets) if (t.members.includes(e.id)) noteEntity(e, [hedge]);
    }
  }
  for (const d of drafts) if (d.entity && entityHedges.has(d.entity)) merge(d.hedges, entityHedges.get(d.entity)!);
  // Outer hedges reach nested statements even when the nested speaker has no entity.
  for (const d of drafts) if (d.outer) merge(d.hedges, d.outer.hedges);
  for (const d of drafts) d.hedges.sort((a, b) => a.start - b.start);
  return unscanned;
}
