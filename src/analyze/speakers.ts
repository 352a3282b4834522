// Who the speakers are: each speaker phrase is parsed (its name, its head noun, whether it is a pronoun,
// a definite or indefinite description, a list of names) and linked to an entity of the article's discourse
// model, in reading order. Pronouns go to the most recent compatible speaker; "Mr Zheleznyak" and
// "Zelenskiy" to the fullest name with that surname; "the soldier" to the entity with that head noun;
// appositions ("The man, a soldier located in …") merge what they name. An unnamed speaker keeps its best
// description ("a captured Russian soldier").
import type { SpeakerAttributes } from '../model.js';
import { GEO_NAMES, PERSON_NOUNS, ORG_NOUNS, PRONOUNS } from './lexicon.js';
import { outletByName } from '../outlets.js';

export interface Entity {
  id: number;
  /** Full proper names seen for this entity ("Volodymyr Zelenskiy"). */
  names: string[];
  /** Descriptions seen ("a captured Russian soldier"), first first. */
  descriptions: string[];
  heads: Set<string>;
  plural: boolean;
  type: 'person' | 'group' | 'organisation' | 'outlet' | 'document' | 'unknown';
  members: number[];
  /** The group this entity was listed in. */
  groups: number[];
  lastSeen: number;
  attributes: SpeakerAttributes;
}

export interface Resolution {
  entity: Entity;
  name: string;
  resolution: 'self' | 'name' | 'pronoun' | 'description' | 'previous';
  confidence: number;
}

const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'president', 'vice', 'prime', 'minister', 'deputy', 'foreign',
  'defence', 'defense', 'secretary', 'general', 'lieutenant', 'lt', 'colonel', 'col', 'major', 'maj', 'captain', 'capt',
  'sergeant', 'sgt', 'private', 'pte', 'corporal', 'commander', 'admiral', 'senator', 'sen', 'rep', 'representative',
  'governor', 'gov', 'mayor', 'chief', 'head', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador', 'national',
  'correspondent', 'reporter', 'editor', 'director', 'chairman', 'chair', 'ceo', 'founder', 'leader', 'king', 'queen',
  'prince', 'pope', 'patriarch', 'father', 'rev', 'reverend', 'judge', 'justice', 'attorney', 'prosecutor', 'officer',
  'expert', 'analyst', 'adviser', 'advisor', 'aide', 'envoy', 'chancellor', 'premier', 'first', 'lady', 'speaker',
  'commissioner', 'inspector', 'superintendent', 'constable', 'marshal', 'field', 'brigadier', 'staff', 'sgt.', 'mr.', 'mrs.', 'dr.',
  'military', 'ukrainian', 'russian', 'american', 'british', 'french', 'german', 'polish', 'belarusian', 'us', 'u.s.', 'uk',
]);

const NATIONALITIES: Record<string, string> = Object.assign(Object.create(null), {
  ukrainian: 'Ukraine', ukrainians: 'Ukraine', russian: 'Russia', russians: 'Russia', belarusian: 'Belarus', american: 'United States',
  british: 'United Kingdom', chechen: 'Chechnya', polish: 'Poland', french: 'France', german: 'Germany', 'pro-russian': 'Russia',
  'pro-kremlin': 'Russia', kremlin: 'Russia', 'pro-ukrainian': 'Ukraine', separatist: 'separatists', separatists: 'separatists',
});

const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those']);
const INDEFINITE = new Set(['a', 'an', 'another', 'some', 'one', 'several', 'many', 'two', 'three', 'four']);
const POSSESSIVE_SPEAKER_HEADS = new Set(['voice', 'words', 'comments', 'remarks', 'statement', 'message', 'post', 'account', 'tweet', 'letter', 'testimony', 'speech', 'address', 'interview']);

export interface ParsedPhrase {
  text: string;
  kind: 'pronoun' | 'name' | 'description' | 'list' | 'organisation';
  pronoun?: 'he' | 'she' | 'they' | 'it' | 'i' | 'we';
  definite: boolean;
  /** A proper name in the phrase (titles stripped). */
  name: string | null;
  /** The head noun, lower case. */
  head: string | null;
  plural: boolean;
  /** Names listed in a coordinated phrase ("A, B, C and others"). */
  list: string[];
  /** The possessor when the phrase is "X's voice". */
  possessor: string | null;
  attributes: SpeakerAttributes;
}

// Regular expressions of the per-word helpers, made once (a literal inside a function is a new object at
// each evaluation; the global ones are only used by replace() and match(), which start from 0).
const UPPER_FIRST = /^\p{Lu}/u;
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[’']/g;
const WORDS = /[\p{L}\p{N}][\p{L}\p{N}'’.\-]*/gu;
const POSSESSIVE_END = /['’]s$/;
const DIGIT_FIRST = /^\d/;
const NOT_NAME_WORDS = new Set(['The', 'A', 'An', 'And', 'Of']);

// Regular expressions of the phrase parser, made once.
const DOT_END = /\.$/;
const ALL_CAPS = /^\p{Lu}+$/u;
const AGE = /\b(\d{1,2})-year-old\b/;
const AGE_AFTER_COMMA = /,\s*(\d{1,2})\s*(?:,|$)/;
const UNIT = /\b(\d+(?:st|nd|rd|th)\s+(?:[\p{L}-]+\s+){0,5}?(?:brigade|battalion|regiment|division|army|corps|fleet|company|detachment|unit))\b/iu;
const NAMED_UNIT = /\b(?:the\s+)?(Wagner(?:\s+group)?|Azov(?:\s+(?:battalion|regiment))?|Kadyrovites)\b/i;
const ROLE = /\b(soldier|officer|commander|signalman|sniper|pilot|paratrooper|conscript|mercenary|general|colonel|captain|sergeant|lieutenant|minister|president|spokes(?:man|woman|person)|correspondent|expert|analyst|official|governor|mayor|prisoner of war|pow|marine|medic)\b/i;
const TRAILING_PUNCT = /[,;:]+$/;
const CONTRACTION = /^(i|you|we|they|he|she|it)['’](?:m|re|ve|s|d|ll)$/i;
const LIST_SEPARATOR = /\s*,\s*|\s+and\s+|\s*&\s*/;
const OTHERS = /^(?:others|other\s+\w+|many\s+\w+)$/i;
const HONORIFIC = /^(?:mr|mrs|ms|dr)\.?\s+/i;
const POSSESSOR = /^(.*?)['’]s\s+(\w+)$/u;
const POST_MODIFIER = /\s+(?:who|whom|whose|which|that|of|in|from|at|on|with|for|by|identified|named|called|known|interviewed|captured|quoted|located|stationed|based|living|speaking|described)\b/i;
const STRAIGHT_POSSESSIVE_END = /'s$/;
const GROUP_OF = /^(?:the\s+|a\s+|another\s+)?(?:group|number|team|unit|pair|couple|handful|dozens|hundreds|thousands)\s+of\s+(.+)$/i;
const GROUP_OF_END = /\s+(?:who|that|which|in|from)\b/i;
const IDENTIFIED = /\b(?:identified(?:\s+only)?\s+as|named|called|known\s+as)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})/u;
const S_END = /s$/;
const SS_US_END = /(ss|us)$/;
const THE_FIRST = /^the\s+/i;
const isCap = (w: string) => UPPER_FIRST.test(w);
const fold = (s: string) => (ASCII.test(s) ? s : s.normalize('NFKD').replace(MARKS, '')).toLowerCase().replace(APOSTROPHES, "'");

/** Words of a phrase, keeping hyphenated words and possessive marks together. */
function wordsOf(text: string): string[] {
  return text.match(WORDS) ?? [];
}

/** The last run of capitalised words that is a person's name (titles and nationalities stripped). */
export function personName(text: string): string | null {
  const ws = wordsOf(text).map((w) => w.replace(POSSESSIVE_END, ''));
  let best: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length && TITLES.has(fold(run[0]).replace(DOT_END, ''))) run.shift();
    if (run.length && run.every((w) => !ORG_NOUNS.has(fold(w)))) best = run;
    run = [];
  };
  for (const w of ws) {
    if (isCap(w) && !DIGIT_FIRST.test(w) && !NOT_NAME_WORDS.has(w)) run.push(w);
    else flush();
  }
  flush();
  if (!best.length) return null;
  if (best.length === 1 && (NATIONALITIES[fold(best[0])] || (ALL_CAPS.test(best[0]) && PERSON_NOUNS.has(fold(best[0]))))) return null;
  if (GEO_NAMES.has(fold(best.join(' ')))) return null;
  if (outletByName(best.join(' '))) return null;
  return best.join(' ');
}

function attributesOf(text: string): SpeakerAttributes {
  const a: SpeakerAttributes = {};
  const age = AGE.exec(text) ?? AGE_AFTER_COMMA.exec(text);
  if (age) a.age = Number(age[1]);
  const unit = UNIT.exec(text);
  if (unit) a.unit = unit[1];
  else {
    const named = NAMED_UNIT.exec(text);
    if (named) a.unit = named[1];
  }
  for (const w of wordsOf(text)) {
    const side = NATIONALITIES[fold(w)];
    if (side && !a.side) a.side = side;
  }
  const role = ROLE.exec(text);
  if (role) a.role = role[1].toLowerCase();
  return a;
}

const phraseCache = new Map<string, ParsedPhrase>();

/** Parse a speaker phrase (the words the sentence uses for the speaker). A pure function of the text, memoised. */
export function parsePhrase(text: string): ParsedPhrase {
  let p = phraseCache.get(text);
  if (!p) {
    p = parsePhraseUncached(text);
    if (phraseCache.size > 20_000) phraseCache.clear();
    phraseCache.set(text, p);
  }
  return p;
}

function parsePhraseUncached(text: string): ParsedPhrase {
  const t = text.trim().replace(TRAILING_PUNCT, '');
  const lower = fold(t);
  const ws = wordsOf(t);
  const contraction = CONTRACTION.exec(t);
  if (contraction) return parsePhraseUncached(contraction[1]);
  const base: ParsedPhrase = { text: t, kind: 'description', definite: false, name: null, head: null, plural: false, list: [], possessor: null, attributes: attributesOf(t) };
  if (ws.length === 1 && PRONOUNS[lower]) {
    const p = PRONOUNS[lower];
    return { ...base, kind: 'pronoun', pronoun: p, plural: p === 'they' || p === 'we' };
  }
  // "A, B, C and others" / "A and B": a list of names.
  const parts = t.split(LIST_SEPARATOR).filter(Boolean);
  if (parts.length >= 2 && !ws.some((w) => ORG_NOUNS.has(fold(w)) && !PERSON_NOUNS.has(fold(w)))) {
    // Every part a name ("Scholz and Macron", "A, B, C and others").
    const names = parts.map((p) => (OTHERS.test(p) ? '' : personName(p) === p.replace(HONORIFIC, '') ? personName(p) : null));
    const real = names.filter((x): x is string => !!x);
    if (real.length >= 2 && names.every((x) => x !== null)) {
      return { ...base, kind: 'list', list: real, plural: true, name: null, head: 'group' };
    }
  }
  // "X's voice" → X.
  const poss = POSSESSOR.exec(t);
  if (poss && POSSESSIVE_SPEAKER_HEADS.has(fold(poss[2]))) {
    const inner = parsePhraseUncached(poss[1]);
    return { ...inner, text: poss[1] };
  }
  // Head noun: the last noun before post-modifiers (who, that, of, in, interviewed, …).
  const cut = POST_MODIFIER.exec(t);
  const core = cut ? t.slice(0, cut.index) : t;
  const coreWords = wordsOf(core);
  const first = coreWords.length ? fold(coreWords[0]) : '';
  const definite = DEFINITE.has(first);
  const lastWord = coreWords.length ? coreWords[coreWords.length - 1] : '';
  let head = lastWord ? fold(lastWord).replace(STRAIGHT_POSSESSIVE_END, '') : null;
  // "group of Russian soldiers": the head is what the group is of.
  const groupOf = GROUP_OF.exec(t);
  if (groupOf) {
    const w = wordsOf(groupOf[1].split(GROUP_OF_END)[0]);
    head = w.length ? fold(w[w.length - 1]) : head;
  }
  const identified = IDENTIFIED.exec(t);
  // A capitalised word before a common-noun head is a modifier ("a Western official", "a Kremlin spokesman"):
  // a name stands at the end of the phrase ("press secretary Karine Jean-Pierre").
  const endsInName = !!lastWord && UPPER_FIRST.test(lastWord);
  const name = identified ? identified[1] : endsInName ? personName(core) : null;
  const plural = !!head && (S_END.test(head) && !SS_US_END.test(head)) || !!groupOf || head === 'people' || head === 'police' || head === 'military';
  const isOrg = (head && ORG_NOUNS.has(head) && !PERSON_NOUNS.has(head)) || !!outletByName(t.replace(THE_FIRST, '')) || GEO_NAMES.has(fold(t.replace(THE_FIRST, ''))) || GEO_NAMES.has(fold(core.replace(THE_FIRST, '')));
  if (name && !isOrg && (!head || isCap(lastWord) || identified || PERSON_NOUNS.has(head))) {
    return { ...base, kind: 'name', name, head, definite, plural: false };
  }
  return { ...base, kind: isOrg ? 'organisation' : 'description', name: isOrg ? null : name, head, definite, plural };
}

/** A description without its article or case: "Captured Russian soldier" = "a captured Russian soldier". */
const descKeys = new Map<string, string>();
const descKey = (s: string) => {
  let k = descKeys.get(s);
  if (k === undefined) {
    k = fold(s).replace(/^(?:the|a|an)\s+/, '').trim();
    if (descKeys.size > 10_000) descKeys.clear();
    descKeys.set(s, k);
  }
  return k;
};
const lowerFirst = (s: string) => s.replace(/^(The|A|An|Another|Some)\b/, (m) => m.toLowerCase());

function editDistanceAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Whether two name tokens are one name spelt two ways (Zelensky/Zelenskiy, Aleksei/Alexei). */
export function sameNameToken(a: string, b: string): boolean {
  const x = fold(a).replace(/ks/g, 'x').replace(/iy$|yy$|yi$/, 'y').replace(/ii$/, 'i');
  const y = fold(b).replace(/ks/g, 'x').replace(/iy$|yy$|yi$/, 'y').replace(/ii$/, 'i');
  if (x === y) return true;
  return x.length >= 5 && y.length >= 5 && editDistanceAtMost1(x, y);
}

/** Heads of anonymous single sources that agencies refer to as "they". */
const ANONYMOUS = new Set(['official', 'source', 'spokesperson', 'diplomat', 'person', 'analyst', 'expert', 'insider', 'officer', 'aide', 'adviser', 'advisor']);

/** Plural heads that name the same kind of group (captured soldiers, troops, prisoners). */
const GROUP_CLASS = new Set(['soldiers', 'troops', 'servicemen', 'pows', 'prisoners', 'captives', 'fighters', 'conscripts', 'men']);

/** The bucket a name's last word falls in: spelling variants (Zelensky/Zelenskiy) share their first three letters. */
const nameKey = (w: string) => fold(w).replace(POSSESSIVE_END, '').slice(0, 3);

/** Heads that name the same kind of person, for linking "the man" to "a soldier". */
const PERSON_CLASS = new Set(['soldier', 'man', 'officer', 'commander', 'pow', 'prisoner', 'serviceman', 'fighter', 'conscript', 'signalman', 'marine', 'paratrooper', 'sniper', 'voice', 'caller']);

/** Whether a phrase can name someone who speaks (a person, a group, an institution), not a thing or an event. */
export function canSpeak(text: string): boolean {
  const p = parsePhrase(text);
  if (p.kind === 'pronoun') return p.pronoun !== 'it';
  if (p.kind === 'name' || p.kind === 'list' || p.kind === 'organisation') return true;
  return !!p.head && PERSON_NOUNS.has(p.head);
}

export class Discourse {
  readonly entities: Entity[] = [];
  /** Entities in the order they last spoke or were named as a subject. */
  private salience: number[] = [];
  /** fold() of each description compared, kept for this discourse (one article): the comparisons run once per entity per speaker phrase. */
  private foldedCache = new Map<string, string>();
  private folded(s: string): string {
    let f = this.foldedCache.get(s);
    if (f === undefined) { f = fold(s); this.foldedCache.set(s, f); }
    return f;
  }

  private create(p: ParsedPhrase, at: number): Entity {
    const e: Entity = {
      id: this.entities.length,
      names: p.name ? [p.name] : [],
      descriptions: p.kind === 'description' || p.kind === 'organisation' ? [lowerFirst(p.text)] : [],
      heads: new Set(p.head ? [p.head] : []),
      plural: p.plural,
      type: p.kind === 'organisation' ? (outletByName(p.text.replace(THE_FIRST, '')) ? 'outlet' : 'organisation') : p.kind === 'list' ? 'group' : p.plural ? 'group' : p.head && PERSON_NOUNS.has(p.head) ? 'person' : p.kind === 'name' ? 'person' : 'unknown',
      members: [],
      groups: [],
      lastSeen: at,
      attributes: { ...p.attributes },
    };
    this.entities.push(e);
    for (const n of e.names) this.indexName(e, n);
    if (p.kind === 'list') {
      for (const n of p.list) {
        const m = this.byName(n) ?? this.create({ ...p, kind: 'name', name: n, text: n, list: [], plural: false, head: null }, at);
        e.members.push(m.id);
        m.groups.push(e.id);
      }
    }
    return e;
  }

  /** The entity as it is now (after merges: a merged entity points to the one it merged into). */
  current(e: Entity): Entity {
    let x = e;
    for (let k = 0; k < 10 && this.entities[x.id] !== x; k++) x = this.entities[x.id];
    return x;
  }

  /** The display name of an entity: its fullest proper name, else its first description. */
  nameOf(e: Entity): string {
    if (e.type === 'group' && e.members.length && !e.descriptions.length) {
      return e.members.map((m) => this.nameOf(this.entities[m])).join(', ');
    }
    if (e.names.length) return e.names.reduce((a, b) => (b.split(' ').length > a.split(' ').length ? b : a));
    return e.descriptions[0] ?? '';
  }

  /** Entities by the first three letters of each of their names' last words (spelling variants share them). */
  private nameIndex = new Map<string, Set<number>>();

  private indexName(e: Entity, name: string): void {
    const t = name.split(/\s+/);
    const key = nameKey(t[t.length - 1]);
    let set = this.nameIndex.get(key);
    if (!set) { set = new Set(); this.nameIndex.set(key, set); }
    set.add(e.id);
  }

  private addName(e: Entity, name: string): void {
    e.names.push(name);
    this.indexName(e, name);
  }

  private byName(name: string): Entity | undefined {
    const toks = name.split(/\s+/);
    const last = toks[toks.length - 1];
    const ids = this.nameIndex.get(nameKey(last));
    if (!ids) return undefined;
    const candidates = [...ids].map((id) => this.current(this.entities[id]));
    // An exact full-name match first, then a shared surname.
    for (const e of candidates) if (e.names.includes(name)) return e;
    let best: Entity | undefined;
    for (const e of candidates) {
      for (const n of e.names) {
        const nt = n.split(/\s+/);
        const sameLast = sameNameToken(nt[nt.length - 1], last);
        const compatible = toks.length === 1 || nt.length === 1 || sameNameToken(nt[0], toks[0]);
        if (sameLast && compatible && (!best || e.lastSeen > best.lastSeen)) best = e;
      }
    }
    return best;
  }

  private touch(e: Entity, at: number): void {
    e.lastSeen = Math.max(e.lastSeen, at);
    this.salience = this.salience.filter((x) => x !== e.id);
    this.salience.push(e.id);
  }

  /** Add what an apposition or predicate says of an entity ("The man, a soldier located in …"). */
  describe(e: Entity, apposition: string): void {
    const p = parsePhrase(apposition);
    if (p.head) e.heads.add(p.head);
    if (p.name && !e.names.includes(p.name)) this.addName(e, p.name);
    Object.assign(e.attributes, { ...p.attributes, ...e.attributes });
    // A description that names the same kind of person as an earlier entity merges with it.
    if (p.head && PERSON_CLASS.has(p.head)) {
      const other = this.entities.find((x) => x !== e && !x.names.length && !e.names.length && x.heads.has(p.head!) && x.plural === e.plural);
      if (other) this.merge(other, e);
    }
  }

  private merge(keep: Entity, gone: Entity): void {
    for (const n of gone.names) if (!keep.names.includes(n)) this.addName(keep, n);
    for (const d of gone.descriptions) if (!keep.descriptions.includes(d)) keep.descriptions.push(d);
    for (const h of gone.heads) keep.heads.add(h);
    keep.members.push(...gone.members.filter((m) => !keep.members.includes(m)));
    Object.assign(keep.attributes, { ...gone.attributes, ...keep.attributes });
    // Point the merged entity's slot at the kept one.
    (this.entities as Entity[])[gone.id] = keep;
  }

  /** Register a proper name seen anywhere in the text (not as a speaker), so that surnames resolve to it. */
  notice(name: string, at: number): void {
    if (!this.byName(name)) {
      const e = this.create({ text: name, kind: 'name', definite: false, name, head: null, plural: false, list: [], possessor: null, attributes: {} }, at);
      e.lastSeen = -1;
    }
  }

  /**
   * Link a speaker phrase to an entity. `exclude` is an entity that cannot be meant (the speaker of the
   * quotation the phrase stands in: "he" inside Malveaux's quote is not Malveaux).
   */
  /** The entity that spoke last (set by the caller after each statement's speaker is resolved). */
  lastSpeaker: Entity | null = null;

  resolve(text: string, at: number, exclude: Entity | null = null): Resolution {
    const p = parsePhrase(text);
    const recent = (ok: (e: Entity) => boolean): Entity | undefined => {
      for (let k = this.salience.length - 1; k >= 0; k--) {
        const e = this.entities[this.salience[k]];
        if (e !== exclude && ok(e)) return e;
      }
      return undefined;
    };
    const done = (e: Entity, resolution: Resolution['resolution'], confidence: number): Resolution => {
      this.touch(e, at);
      return { entity: e, name: this.nameOf(e) || p.text, resolution, confidence };
    };
    if (p.kind === 'pronoun') {
      const pr = p.pronoun!;
      // "the official … they said": news agencies use a singular "they" for an anonymous official.
      const last = this.lastSpeaker;
      const singularThey = pr === 'they' && last && !last.plural && !last.names.length && [...last.heads].some((h) => ANONYMOUS.has(h)) && last !== exclude;
      const e = singularThey ? last :
        pr === 'they' || pr === 'we'
          ? recent((x) => x.plural || x.type === 'group' || x.type === 'organisation')
          : pr === 'it'
            ? recent((x) => x.type === 'organisation' || x.type === 'outlet' || x.type === 'document')
            : recent((x) => !x.plural && x.type === 'person') ?? recent((x) => !x.plural && x.type === 'unknown' && !x.names.length);
      if (e) return done(e, 'pronoun', 0.7);
      return done(this.create(p, at), 'self', 0.3);
    }
    if (p.kind === 'list') {
      const list = this.create(p, at);
      // "A, B, C and others …" just after "a group of soldiers …": the names are members of that group.
      if (/\band\s+others$/i.test(p.text)) {
        const group = recent((x) => x !== list && x.plural && x.descriptions.length > 0 && [...x.heads].some((h) => GROUP_CLASS.has(h)) && at - x.lastSeen < 800);
        if (group) {
          for (const m of list.members) if (!group.members.includes(m)) { group.members.push(m); this.entities[m].groups.push(group.id); }
          (this.entities as Entity[])[list.id] = group;
          return done(group, 'description', 0.7);
        }
      }
      return done(list, 'self', 0.9);
    }
    if (p.kind === 'name' && p.name) {
      const e = this.byName(p.name);
      if (e) {
        if (!e.names.includes(p.name)) this.addName(e, p.name);
        if (p.head) e.heads.add(p.head);
        Object.assign(e.attributes, { ...p.attributes, ...e.attributes });
        const full = this.nameOf(e);
        return done(e, full === p.name ? 'self' : 'name', full === p.name ? 0.95 : 0.85);
      }
      return done(this.create(p, at), 'self', 0.9);
    }
    // Descriptions and organisations.
    const head = p.head;
    if (p.definite && head) {
      const same = recent((x) => x.heads.has(head) && x.plural === p.plural) ?? this.entities.find((x) => x.heads.has(head) && x.plural === p.plural);
      if (same) return done(same, 'description', 0.75);
      if (PERSON_CLASS.has(head)) {
        const person = recent((x) => !x.plural && x.type === 'person' && [...x.heads].some((h) => PERSON_CLASS.has(h)));
        if (person) { person.heads.add(head); return done(person, 'description', 0.6); }
      }
    }
    if (!p.definite && head && fold(p.text.split(/\s+/)[0]) !== 'another') {
      // The same indefinite description again ("a Russian soldier" in the last paragraph) is the same one.
      const key = descKey(p.text);
      const again = this.entities.find((x) => x.descriptions.some((d) => descKey(d) === key));
      if (again) return done(again, 'description', 0.7);
    }
    if (!p.definite && head && p.kind === 'organisation') {
      const key = fold(lowerFirst(p.text));
      const same = this.entities.find((x) => x.descriptions.some((d) => this.folded(d) === key));
      if (same) return done(same, 'self', 0.9);
    }
    if (!p.definite && head && p.plural && !INDEFINITE.has(fold(p.text.split(/\s+/)[0]))) {
      // A bare plural ("Russian troops who …") after one with the same head is the same group.
      const same = recent((x) => x.plural && x.heads.has(head));
      if (same) return done(same, 'description', 0.6);
    }
    if (p.plural && head && GROUP_CLASS.has(head)) {
      // Troops, soldiers, servicemen, prisoners: a group of the same kind mentioned just before is this one.
      const same = recent((x) => x.plural && [...x.heads].some((h) => GROUP_CLASS.has(h)) && at - x.lastSeen < 1500);
      if (same) { same.heads.add(head); return done(same, 'description', 0.55); }
    }
    return done(this.create(p, at), 'self', p.kind === 'organisation' ? 0.9 : 0.8);
  }
}
