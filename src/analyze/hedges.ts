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
  for (const m of slice.matchAll(/[\p{L}-]+/gu)) {
    const w = m[0].toLowerCase();
    if (!HEDGE_WORDS.has(w)) continue;
    const a = s + m.index!;
    if (outside(a, a + m[0].length) && !out.some((h) => a >= h.start && a < h.end)) out.push({ text: m[0], start: a, end: a + m[0].length });
  }
  return out;
}

const STRONG = /^(?:debunked|unverified|unconfirmed|purported(?:ly)?|alleged(?:ly)?|so-called|supposedly|ostensibly)$|verified|confirmed|corroborated|without\s/i;

/** Whether an offset lies between quotation marks opened after `from` (a quoted stretch inside a mixed statement). */
function insideQuoteMarks(text: string, from: number, at: number): boolean {
  let open = false;
  for (let i = from; i < at; i++) {
    const c = text[i];
    if (c === '“' || c === '‘' || ((c === '"' || c === "'") && (i === from || /[\s(]/.test(text[i - 1])))) open = true;
    else if (c === '”' || c === '’' || c === '"' || c === "'") { if (i + 1 >= text.length || !/\p{L}/u.test(text[i + 1])) open = false; }
  }
  return open;
}

const ANY_HEDGE = /purport|alleg|claim|report|suppos|unverif|unconfirm|apparent|ostensib|so-called|said\s+to|verif|confirm|corroborat|clear|certain|known|debunk|evidence|forced|coerced|accusation|denied|rejected|disputed|charge/i;

const DISCLAIMER = /\b(?:could\s*(?:not|n[o’']t)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)|(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)|not\s+(?:clear|certain|known)\s+(?:whether|if)|unable\s+to\s+(?:independently\s+)?(?:verify|confirm)|cannot\s+(?:independently\s+)?(?:verify|confirm)|(?:forced|coerced)\s+(?:or\s+(?:forced|coerced)\s+)?to\s+(?:speak|say))/i;

export function findHedges(doc: Doc, drafts: Draft[], discourse: Discourse): void {
  const text = doc.text;
  const merge = (a: Hedge[], b: Hedge[]) => {
    for (const h of b) if (!a.some((x) => x.start === h.start && x.end === h.end)) a.push(h);
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
  // Local: the statement's sentence outside its content, and its cue.
  for (const d of drafts) {
    const s = doc.sentences[d.sentence];
    const contents = contentsBySentence.get(d.sentence) ?? [];
    let own = hedgesOfSentence(d.sentence).filter((h) => outside(h, contents));
    if (d.speakerStart >= 0 && (d.speakerStart < s.start || d.speakerEnd > s.end)) own = own.concat(hedgesIn(text, d.speakerStart, d.speakerEnd, []));
    // Hedge words on other speakers' phrases in the sentence do not hedge this statement.
    d.hedges = own.filter((h) => !speakerSpans.some((o) => o.d !== d && h.start >= o.start && h.end <= o.end));
    if (d.lemma && HEDGING_CUES.has(d.lemma) && d.cueStart != null && d.cueEnd != null) merge(d.hedges, [{ text: text.slice(d.cueStart, d.cueEnd), start: d.cueStart, end: d.cueEnd }]);
    // A hedge on a different statement's cue in the sentence ("X claimed A and said B") covers only that one.
    d.hedges = d.hedges.filter((h) => !cueStarts.has(h.start) || h.start === d.cueStart);
  }
  // The article's own voice inside a reported statement: "speaking of … debunked claims of 'genocide'" is
  // marked as unverified by the words outside its quotation marks (strong hedges only: a "claim" mentioned in
  // indirect speech is not the reporter's doubt).
  for (const d of drafts) {
    if (d.kind === 'direct') continue;
    const inner = hedgesIn(text, d.start, d.end, []).filter((h) => STRONG.test(h.text) && !insideQuoteMarks(text, d.start, h.start));
    merge(d.hedges, inner);
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
  for (const s of doc.sentences) {
    const st = text.slice(s.start, s.end);
    const m = DISCLAIMER.exec(st);
    if (!m) continue;
    if (drafts.some((d) => d.start <= s.start + m.index && d.end >= s.start + m.index + m[0].length)) continue; // inside a statement
    const hedge: Hedge = { text: m[0], start: s.start + m.index, end: s.start + m.index + m[0].length };
    // Who does it refer to? Speaker entities mentioned by name or head noun in the sentence, else the most recent ones.
    const lower = st.toLowerCase();
    let targets = discourse.entities.filter((e, i, all) => all.indexOf(e) === i && ([...e.heads].some((h) => new RegExp(`\\b${h.replace(/[^\w]/g, '')}s?\\b`).test(lower)) || e.names.some((n) => lower.includes(n.toLowerCase().split(' ').pop()!))));
    if (!targets.length) {
      const before = drafts.filter((d) => d.end <= s.start && d.entity).slice(-3);
      targets = [...new Set(before.map((d) => d.entity!))];
    }
    const relaysOf = (e: Entity) => new Set(drafts.filter((d) => d.entity === e).flatMap((d) => d.relays.map((r) => r.name.toLowerCase())));
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
}
