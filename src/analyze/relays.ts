// Relays: who stands between the speaker and the outlet ("in audio released by Ukrainian intelligence",
// "told CNN", "during a press conference with Interfax-Ukraine", "according to The Mirror"), nearest first.
// A relay found in a sentence applies to the attributions of that sentence; what an entity's statements
// came through once, its other statements came through too unless the text says otherwise; a statement
// inside another one has the outer speaker (and the outer chain) as its relays.
import type { Relay } from '../model.js';
import { OUTLETS, outletByName, outletByHost } from '../outlets.js';
import { CHANNELS } from './lexicon.js';
import type { Doc } from './nlp.js';
import type { Draft } from './attributions.js';
import type { Discourse, Entity } from './speakers.js';

/** A relay with how close it stands to the speaker: channels (a release, a conference) before outlets that re-report. */
interface Found extends Relay {
  rank: number;
  /** The draft the relay phrase introduces the speaker of, when the phrase is tied to one. */
  sentence: number;
  hedge?: boolean;
}

/** An outlet or agency described ("the independent outlet", "the channel", "the press conference"). */
const DESCRIBED = String.raw`(?:the|an?)\s+(?:(?:independent|american|russian|ukrainian|british|local|state[- ]run|news|opposition|exiled|pro-kremlin|online)\s+)*(?:outlet|channel|newspaper|agency|broadcaster|news\s+outlet|tabloid|website|publication|network|press\s+conference|conference|media)\b`;
/** A proper name ("the Security Service of Ukraine", "Ukrainian intelligence", "iStories"). */
const PROPER = String.raw`(?:the\s+|news\s+agency\s+)?(?:\p{Lu}|[a-z]+\p{Lu})[\p{L}\p{N}'’.&-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’.&-]*|of|and|for|de|la|the))*(?:\s+(?:intelligence|officials|authorities|military|media|police|army|government|ministry|forces|services|security\s+service|prosecutors|investigators))*`;
const NAME = String.raw`(${DESCRIBED}|${PROPER})`;

/** Each pattern with a word it cannot match without (`need`, tested first: most sentences have none of them). */
const PATTERNS: { re: RegExp; rank: number; channel?: string; need?: (sentence: string) => boolean }[] = [
  { re: new RegExp(String.raw`\b(?:released|published|obtained|shared|posted|aired|broadcast|provided|distributed|circulated)\s+by\s+${NAME}`, 'gu'), rank: 0, need: (t) => t.includes('by') },
  { re: new RegExp(String.raw`\b(?:filmed\s+)?(?:questioning|interrogation|interview|video|audio|footage|recording|clip)\s+(?:by|with|conducted\s+by)\s+${NAME}`, 'gu'), rank: 0, need: (t) => t.includes('by') || t.includes('with') },
  { re: new RegExp(String.raw`\b(?:during|at|in)\s+an?\s+(?:press\s+conference|news\s+conference|briefing)\s+(?:with|by|organi[sz]ed\s+by|held\s+by|hosted\s+by)\s+${NAME}`, 'gu'), rank: 0, channel: 'press conference', need: (t) => t.includes('conference') || t.includes('briefing') },
  { re: new RegExp(String.raw`\b(?:told|tells|telling|spoke\s+to|speaking\s+to|speaks\s+to|talking\s+to|said\s+to)\s+${NAME}`, 'gu'), rank: 0, channel: 'interview' },
  { re: new RegExp(String.raw`\b(?:interviewed|quoted|cited|contacted|reached)\s+by\s+${NAME}`, 'gu'), rank: 0, channel: 'interview', need: (t) => t.includes('by') },
  { re: new RegExp(String.raw`\bin\s+an?\s+(?:\w+\s+)?interview\s+with\s+${NAME}`, 'gu'), rank: 0, channel: 'interview', need: (t) => t.includes('interview') },
  { re: new RegExp(String.raw`\baccording\s+to\s+((?:a\s+report\s+(?:from|by|in)\s+|reports?\s+(?:from|by|in)\s+|translations?\s+of\s+)?[^,.;]+)`, 'giu'), rank: 1, need: (t) => ACCORDING.test(t) },
];

const VENUE_WORD = /\bconference\b|\bbriefing\b/i;
const ACCORDING = /according/iu;
/** A word RELEASER cannot match without (same flags, so the same case folding). */
const RELEASE_WORD = /released|published|shared|posted|aired|broadcast|obtained/iu;
const RELAY_TRIGGER = /\b(?:by|with|told|tells|telling|spoke|speaking|speaks|talking|said|according|interview)\b|released|published|obtained|shared|posted|aired|broadcast|conference|briefing/i;

/** X released an audio clip …, in which Y says …: X relays Y. */
const RELEASER = /^(.*?)\s+(?:has\s+|have\s+)?(?:released|published|shared|posted|aired|broadcast|obtained)\s+(?:an?\s+|the\s+)?(?:new\s+)?(?:audio|video|clip|recording|footage|call|interview|statement|tape|intercept)/iu;

const GENERIC = /^(?:the\s+|an?\s+)?(?:(?:independent|american|russian|ukrainian|british|local|state[- ]run|news)\s+)*(?:outlet|channel|newspaper|agency|broadcaster|news outlet|tabloid|website|publication|network|media)$/i;
const VENUE = /^(?:the\s+|an?\s+)?(?:press\s+|news\s+)?conference$/i;

function cleanName(s: string): string {
  return s
    .trim()
    .replace(/\s+(?:on|in|at|from|during|after|before|last|this|earlier|out|that|who|which|and said|and)\b.*$/i, '')
    .replace(/^(?:news\s+agency|the\s+news\s+agency)\s+/i, '')
    .replace(/[,.;:'"’”]+$/, '')
    .trim();
}

function isRelayName(name: string, ownOutlet: string | null): boolean {
  if (!name || name.length < 2) return false;
  if (/^(his|her|their|its|my|our|your|him|them|us|me|you|reporters|journalists|the world)\b/i.test(name)) return false;
  if (/^(?:the\s+)?(?:\p{Ll}+\s+)*(?:wife|mother|father|friend|family|son|daughter|brother|sister|relatives|crowd|people|parliament|congress|reporters|audience|supporters|troops|soldiers)$/iu.test(name)) return false;
  if (ownOutlet) {
    const o = outletByName(name) ?? outletByName(name.replace(/^the\s+/i, ''));
    if (o && (o.name === ownOutlet || o.aliases.includes(ownOutlet))) return false;
    if (name.toLowerCase() === ownOutlet.toLowerCase()) return false;
  }
  if (outletByName(name) || outletByName(name.replace(/^the\s+/i, ''))) return true;
  if (/^(?:a\s+)?reports?$/i.test(name)) return false;
  return /^\p{Lu}/u.test(name.replace(/^the\s+/i, '')) || GENERIC.test(name) || VENUE.test(name) || /^translations?\b/i.test(name);
}

function channelOf(context: string): string | undefined {
  for (const [re, ch] of CHANNELS) if (re.test(context)) return ch;
  return undefined;
}

/** Outlets named in the text, with where, to resolve "the independent outlet" to "Mediazona". */
const OUTLET_FIRST_WORDS = new Set(OUTLETS.flatMap((o) => [o.name, ...o.aliases]).flatMap((n) => { const w = n.replace(/^the\s+/i, '').split(/\s+/)[0].toLowerCase(); return [w, w.split('-')[0]]; }));

/** The longest known outlet name inside a run of capitalised words, or null (a pure function of the run). */
function outletInRun(run: string): string | null {
  const words = run.replace(/[.,;:'’]+$/, '').split(/\s+/);
  for (let len = words.length; len >= 1; len--) {
    for (let s = 0; s + len <= words.length; s++) {
      const first = words[s].toLowerCase();
      if (!OUTLET_FIRST_WORDS.has(first) && !OUTLET_FIRST_WORDS.has(first.split('-')[0]) && !/\.\w{2,}$/.test(words[s + len - 1])) continue;
      const cand = words.slice(s, s + len).join(' ');
      const o = outletByName(cand) ?? (/\.\w{2,}$/.test(cand) ? outletByHost(cand) : undefined);
      if (o) return cand;
    }
  }
  return null;
}

/** outletInRun of each run seen, kept: the same names recur from article to article. */
const runOutlets = new Map<string, string | null>();

function outletMentions(text: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  const re = /\b((?:\p{Lu}|[a-z]{1,2}\p{Lu})[\p{L}\p{N}'’.&-]*(?:[\s-]\p{Lu}[\p{L}\p{N}'’.&-]*){0,3})/gu;
  for (let m; (m = re.exec(text)); ) {
    let name = runOutlets.get(m[1]);
    if (name === undefined) {
      name = outletInRun(m[1]);
      if (runOutlets.size >= 50_000) runOutlets.clear();
      runOutlets.set(m[1], name);
    }
    if (name !== null) out.push({ name, at: m.index });
  }
  return out;
}

export interface RelayOptions {
  /** The outlet that published the article: it is never a relay of its own statements. */
  outlet: string | null;
}

export function findRelays(doc: Doc, drafts: Draft[], discourse: Discourse, options: RelayOptions): void {
  const text = doc.text;
  const outlets = outletMentions(text);
  const venues: { at: number; relay: Found }[] = [];
  const found = new Map<Draft, Found[]>();
  const add = (d: Draft, f: Found) => {
    const list = found.get(d) ?? [];
    if (!list.some((x) => x.name.toLowerCase() === f.name.toLowerCase())) list.push(f);
    found.set(d, list);
  };
  const resolveGeneric = (name: string, at: number): string | null => {
    if (VENUE.test(name)) {
      const v = [...venues].reverse().find((x) => x.at <= at) ?? venues[0];
      return v ? v.relay.name : null;
    }
    if (GENERIC.test(name)) {
      const before = outlets.filter((o) => o.at < at).pop();
      const after = outlets.find((o) => o.at > at);
      const pick = before ?? after;
      return pick ? pick.name : null;
    }
    return name;
  };
  const sentencesOf = new Map<number, Draft[]>();
  for (const d of drafts) {
    const list = sentencesOf.get(d.sentence) ?? [];
    list.push(d);
    sentencesOf.set(d.sentence, list);
  }
  doc.sentences.forEach((s, si) => {
    const st = text.slice(s.start, s.end);
    const inSentence = sentencesOf.get(si) ?? [];
    // The patterns need one of their words; most sentences have none.
    if (!inSentence.length && !VENUE_WORD.test(st)) return;
    if (!RELAY_TRIGGER.test(st)) return;
    for (const p of PATTERNS) {
      if (p.need && !p.need(st)) continue;
      p.re.lastIndex = 0;
      for (let m; (m = p.re.exec(st)); ) {
        const at = s.start + m.index;
        const isAccording = /^according/i.test(m[0]);
        let name = cleanName(isAccording ? m[1].replace(/^(?:a\s+|the\s+)?(?:new\s+)?(?:reports?|data|figures|footage|a\s+statement)\s+(?:from|by|in|of)\s+/i, '') : m[1]);
        if (isAccording) {
          // "according to X" is a relay only when the sentence has another speaker.
          const others = inSentence.filter((d) => d.rule !== 'according-to');
          if (!others.length) continue;
        }
        const resolved = resolveGeneric(name, at);
        if (!resolved || !isRelayName(resolved, options.outlet)) continue;
        const context = st.slice(Math.max(0, m.index - 60), m.index + m[0].length);
        const relay: Found = { name: resolved, text: m[0].trim(), start: at, end: at + m[0].length, channel: p.channel ?? channelOf(context), rank: p.rank, sentence: si };
        if (p.channel === 'press conference') venues.push({ at, relay });
        // Which attributions of the sentence does it carry? Those whose speaker is not the relay itself.
        for (const d of inSentence) {
          if (d.speakerText && (d.speakerText.toLowerCase().includes(resolved.toLowerCase()) || resolved.toLowerCase().includes(d.speakerText.toLowerCase()))) continue;
          if (d.start <= at && d.end >= relay.end) continue; // the phrase is inside the statement
          add(d, relay);
        }
      }
    }
    // "X released an audio clip …, in which Y said …"
    const rel = RELEASE_WORD.test(st) ? RELEASER.exec(st) : null;
    if (rel) {
      const name = cleanName(rel[1].replace(/^.*?,\s*/, ''));
      if (isRelayName(name, options.outlet)) {
        const at = s.start + rel.index;
        const relay: Found = { name, text: rel[0], start: at, end: at + rel[0].length, channel: channelOf(st), rank: 0, sentence: si };
        for (const d of inSentence) if (d.speakerStart > relay.end) add(d, relay);
      }
    }
  });
  // "X was quoted saying" with no "by": quoted by the outlet named in the sentences just before.
  for (const d of drafts) {
    const cs = d.cueStart ?? -1;
    if (cs < 0 || !/\b(?:was|were|is|are|been)\s+(?:quoted|cited)\s+(?:as\s+)?$/i.test(text.slice(Math.max(0, cs - 30), cs))) continue;
    const para = doc.paragraphs.findIndex((p) => cs >= p.start && cs <= p.end);
    const from = doc.paragraphs[Math.max(0, para - 1)]?.start ?? 0;
    const before = outlets.filter((o) => o.at < cs && o.at >= from).pop();
    if (before && isRelayName(before.name, options.outlet)) add(d, { name: before.name, text: text.slice(Math.max(0, cs - 30), cs).trim(), start: cs, end: d.cueEnd ?? cs, channel: 'interview', rank: 1, sentence: d.sentence });
  }
  // An outlet in the speaker's own phrase: "CNN National Correspondent Suzanne Malveaux".
  for (const d of drafts) {
    if (!d.speakerText) continue;
    for (const o of outletMentions(d.speakerText)) {
      if (o.name === d.speakerText) continue;
      if (isRelayName(o.name, options.outlet)) add(d, { name: o.name, text: d.speakerText, start: d.speakerStart, end: d.speakerEnd, rank: 1, sentence: d.sentence });
    }
  }
  // The addressee of "told X" when X is an outlet or a conference (also when the regexes missed it).
  for (const d of drafts) {
    if (!d.object) continue;
    const objText = text.slice(doc.start[d.object.t0], doc.end[d.object.t1 - 1]);
    const resolved = resolveGeneric(cleanName(objText), doc.start[d.object.t0]);
    if (resolved && (outletByName(resolved) || outletByName(resolved.replace(/^the\s+/i, '')) || GENERIC.test(objText) || VENUE.test(objText)) && isRelayName(resolved, options.outlet)) {
      add(d, { name: resolved, text: objText, start: doc.start[d.object.t0], end: doc.end[d.object.t1 - 1], channel: 'interview', rank: 0, sentence: d.sentence });
    }
  }

  // Each entity's chain: what its statements came through where the text says so.
  const entityChain = new Map<Entity, Found[]>();
  const note = (e: Entity, list: Found[]) => {
    const chain = entityChain.get(e) ?? [];
    for (const f of list) if (!chain.some((x) => x.name.toLowerCase() === f.name.toLowerCase())) chain.push(f);
    entityChain.set(e, chain);
  };
  for (const [d, list] of found) if (d.entity && !d.outer) note(d.entity, list);
  // Members of a group share the group's chain.
  for (const e of discourse.entities) {
    const chain = entityChain.get(e);
    if (!chain) continue;
    for (const m of e.members) note(discourse.entities[m], chain);
  }
  const order = (list: Found[]) => [...list].sort((a, b) => a.rank - b.rank);
  const depth = (d: Draft) => { let n = 0; for (let o = d.outer; o && n < 10; o = o.outer) n++; return n; };
  const byDepth = [...drafts].sort((a, b) => depth(a) - depth(b));
  for (const d of byDepth) {
    let chain: Found[] = found.get(d) ?? [];
    const inherited = d.entity ? entityChain.get(d.entity) ?? [] : [];
    if (d.outer && d.outer.name) {
      // Nested: the outer speaker first, then the outer chain.
      const outerRelay: Found = { name: d.outer.name, text: d.outer.speakerText ?? d.outer.name, start: d.outer.speakerStart, end: d.outer.speakerEnd, rank: 0, sentence: d.outer.sentence };
      chain = [outerRelay, ...order(chain), ...d.outer.relays.map((r) => ({ ...r, rank: 1, sentence: d.sentence }))];
    } else {
      const merged = [...chain];
      for (const f of inherited) if (!merged.some((x) => x.name.toLowerCase() === f.name.toLowerCase())) merged.push(f);
      chain = order(merged);
    }
    const own = d.name?.toLowerCase();
    d.relays = chain
      .filter((f) => f.name.toLowerCase() !== own)
      .filter((f, i, all) => all.findIndex((x) => x.name.toLowerCase() === f.name.toLowerCase()) === i)
      .map(({ name, text: t, start, end, channel }) => (channel ? { name, text: t, start, end, channel } : { name, text: t, start, end }));
  }
}
