// Shallow syntax over the flat tokens: noun-phrase chunks, verb groups, the subject of a verb (through
// appositions, relative clauses and prepositional post-modifiers), and the phrase after a verb.
// Rules on POS tags, linear in the tokens they look at.
import type { Doc } from './nlp.js';

export interface TokSpan {
  t0: number;
  /** Exclusive. */
  t1: number;
}

const NP_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'DET', 'PRON']);
const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'president', 'minister', 'general', 'colonel', 'captain', 'sergeant', 'lieutenant', 'major', 'commander', 'private', 'senator', 'governor', 'mayor']);
const TEMPORAL = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'tomorrow', 'earlier', 'later', 'recently', 'previously', 'now', 'then', 'again', 'week', 'month', 'year', 'morning', 'evening', 'afternoon', 'night', 'weekend', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

// Word tests on the scans' hot paths: sets and suffix checks (a regular expression literal inside a function
// is a new object at each evaluation).
const DAY_OF_MONTH = /^\d{1,2}$/;
const UPPER_FIRST = /^\p{Lu}/u;
const TEMPORAL_LEAD = new Set(['on', 'in', 'at', 'last', 'this', 'next', 'early', 'late', 'earlier', 'the']);
const NP_PARTICIPLES = new Set(['captured', 'wounded', 'retired', 'elected', 'acting', 'purported', 'alleged', 'so-called', 'self-described', 'self-proclaimed', 'suspected', 'detained', 'jailed', 'exiled', 'unnamed', 'named', 'injured', 'killed', 'fallen', 'mobilised', 'mobilized']);
const endsEdEn = (w: string) => w.endsWith('ed') || w.endsWith('en');

/** Skip a time phrase that stands between a subject and its verb ("which on Tuesday released", "Kyiv last week said"). */
function skipTemporal(doc: Doc, j: number, floor: number): number {
  let k = j;
  let moved = false;
  while (k >= floor && (TEMPORAL.has(doc.lower[k]) || (moved && DAY_OF_MONTH.test(doc.lower[k])))) { k--; moved = true; }
  if (!moved) return j;
  while (k >= floor && TEMPORAL_LEAD.has(doc.lower[k])) k--;
  return k;
}

/** "that" opening a clause ("said at the time that it hit"), whatever wink tagged it. */
export function isComplementizer(doc: Doc, m: number): boolean {
  if (doc.lower[m] !== 'that') return false;
  if (doc.pos[m] === 'SCONJ') return true;
  const next = doc.pos[m + 1];
  if (!(next === 'PRON' || next === 'DET' || next === 'PROPN' || next === 'NOUN' || next === 'ADJ' || next === 'NUM')) return false;
  for (let k = m + 2; k < Math.min(doc.n, m + 8); k++) if (doc.pos[k] === 'VERB' || doc.pos[k] === 'AUX') return true;
  return false;
}
const POSSESSIVE_PRON = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);
/** Pronouns that stand alone as a phrase (subjects and objects). */
const STANDALONE_PRON = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you', 'him', 'them', 'us', 'me']);
export const RELATIVE = new Set(['who', 'which', 'that', 'whom', 'whose']);
const AUX_OR_ADV = new Set(['AUX', 'ADV', 'PART']);
const QUOTE_CHARS = '"\'“”‘’«»';
/** Prepositions that attach a phrase to the noun before them ("authorities in Kharkiv"). Not "after",
 * "before", "since": those open clauses ("… arrested in February after police said …"). */
export const CLAUSE_ADP = new Set(['of', 'in', 'by', 'from', 'at', 'with', 'for', 'on', 'to', 'near', 'across', 'inside', 'outside', 'within', 'among', 'as', 'over', 'during', 'against', 'about', 'into', 'onto', 'under', 'through', 'throughout', 'behind', 'towards', 'toward', 'around', 'without']);

const PAST_FORMS = new Set(['sent', 'went', 'took', 'made', 'said', 'told', 'gave', 'came', 'had', 'was', 'were', 'is', 'are', 'did', 'got', 'saw', 'left', 'lost', 'began', 'brought', 'fought', 'held', 'kept', 'led', 'met', 'paid', 'put', 'ran', 'set', 'shot', 'stood', 'struck', 'won', 'wrote', 'hit', 'fell', 'fled', 'knew', 'thought', 'found', 'felt', 'heard', 'became', 'spent', 'built', 'sold', 'meant', 'caught', 'taught', 'bought', 'drove', 'flew', 'grew', 'threw', 'rose', 'broke', 'spoke', 'chose', 'froze', 'stole', 'woke', 'wore', 'tore', 'swore', 'bore', 'lay', 'laid', 'led']);

/** A verb, or a word wink tagged otherwise that can only be a verb form after a subject ("the military sent"). */
export function isVerbLike(doc: Doc, k: number): boolean {
  const p = doc.pos[k];
  if (p === 'VERB' || p === 'AUX') return true;
  if (p !== 'NOUN' && p !== 'ADJ') return false;
  const prev = doc.pos[k - 1];
  if (!(prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON' || prev === 'ADJ')) return false;
  const next = doc.pos[k + 1];
  return PAST_FORMS.has(doc.lower[k]) && (next === 'NOUN' || next === 'DET' || next === 'PRON' || next === 'ADP' || next === 'ADV' || next === 'PUNCT' || next === 'NUM' || next === 'ADJ');
}

export const isQuoteTok = (doc: Doc, i: number) => i >= 0 && i < doc.n && doc.value[i].length === 1 && QUOTE_CHARS.includes(doc.value[i]);
export const isPunct = (doc: Doc, i: number) => doc.pos[i] === 'PUNCT' || doc.pos[i] === 'SYM';

/** Whether token i can sit inside a noun phrase. */
function inNP(doc: Doc, i: number): boolean {
  const p = doc.pos[i];
  const w = doc.lower[i];
  if (p === 'PRON') return POSSESSIVE_PRON.has(w) || STANDALONE_PRON.has(w);
  if (NP_POS.has(p)) return !(p === 'DET' && (w === 'that' || w === 'which'));
  if (p === 'PART' && (w === "'s" || w === "'")) return true;
  // Hyphens inside a word ("22-year-old"), abbreviations.
  if (w === '-' && i > 0 && i + 1 < doc.n && doc.start[i] === doc.end[i - 1] && doc.end[i] === doc.start[i + 1]) return true;
  if (p === 'VERB' && NP_PARTICIPLES.has(w) && i + 1 < doc.n && NP_POS.has(doc.pos[i + 1])) return true;
  if (p === 'ADV' && i + 1 < doc.n && doc.pos[i + 1] === 'ADJ') return true;
  return false;
}

/** The noun phrase that ends at token j (inclusive), not reaching below floor. */
export function chunkLeft(doc: Doc, j: number, floor: number): TokSpan | null {
  if (j < floor || !inNP(doc, j)) return null;
  // A personal pronoun is a phrase on its own.
  if (doc.pos[j] === 'PRON' && STANDALONE_PRON.has(doc.lower[j])) return { t0: j, t1: j + 1 };
  if (doc.pos[j] === 'DET' || doc.pos[j] === 'ADJ' && !UPPER_FIRST.test(doc.value[j])) {
    // A phrase cannot end in a determiner; an adjective only when it is a capitalised name ("Ukrainian intelligence" ends in a noun).
    if (doc.pos[j] === 'DET') return null;
  }
  let i = j;
  while (i - 1 >= floor && inNP(doc, i - 1) && !(doc.pos[i - 1] === 'PRON' && STANDALONE_PRON.has(doc.lower[i - 1])) && !doc.lineBefore[i]) {
    i--;
    // A determiner starts a phrase: stop after it.
    if (doc.pos[i] === 'DET' || (doc.pos[i] === 'PRON' && POSSESSIVE_PRON.has(doc.lower[i]))) break;
  }
  return { t0: i, t1: j + 1 };
}

/** The noun phrase that starts at token i, not reaching ceil (exclusive). */
export function chunkRight(doc: Doc, i: number, ceil: number): TokSpan | null {
  if (i >= ceil || !inNP(doc, i)) return null;
  if (doc.pos[i] === 'PRON' && STANDALONE_PRON.has(doc.lower[i])) return { t0: i, t1: i + 1 };
  let j = i;
  while (j + 1 < ceil && inNP(doc, j + 1) && !doc.lineBefore[j + 1]) {
    if (doc.pos[j + 1] === 'DET' && j + 1 > i) break;
    if (doc.pos[j + 1] === 'PRON' && STANDALONE_PRON.has(doc.lower[j + 1])) break;
    j++;
  }
  // Do not end on a determiner or possessive.
  while (j > i && (doc.pos[j] === 'DET' || doc.lower[j] === "'s")) j--;
  return { t0: i, t1: j + 1 };
}

/** First token of the verb group that ends with verb v ("has also said", "can be heard saying" → "can"). */
export function verbGroupStart(doc: Doc, v: number, floor: number): number {
  let i = v;
  while (i - 1 >= floor && (AUX_OR_ADV.has(doc.pos[i - 1]) || doc.lower[i - 1] === 'not' || doc.lower[i - 1] === "n't") && !RELATIVE.has(doc.lower[i - 1]) && doc.lower[i - 1] !== 'according') i--;
  return i;
}

export interface Subject extends TokSpan {
  /** A parenthetical between subject and verb (", a 30-year-old Muscovite,"). */
  apposition: TokSpan | null;
  /** The relative pronoun was the subject and this is its antecedent. */
  viaRelative: boolean;
}

/** The token index of the nearest finite verb before i in [floor, i), skipping participles. */
export function previousFiniteVerb(doc: Doc, i: number, floor: number): number {
  for (let k = i - 1; k >= floor; k--) {
    if (doc.pos[k] === 'VERB' && !doc.lower[k].endsWith('ing') && !(k > floor && (doc.pos[k - 1] === 'DET' || POSSESSIVE_PRON.has(doc.lower[k - 1]) || doc.lower[k - 1] === 'to'))) {
      // "have been killed" is fine; a participle after a noun ("Relatives interviewed by") is not finite.
      const prev = k - 1 >= floor ? doc.pos[k - 1] : '';
      if (endsEdEn(doc.lower[k]) && (prev === 'NOUN' || prev === 'PROPN') && k + 1 < doc.n && doc.lower[k + 1] === 'by') continue;
      return k;
    }
    if (isQuoteTok(doc, k)) return -1;
  }
  return -1;
}

/**
 * The subject of the verb group starting at token g: the nearest noun phrase to its left, extended over
 * prepositional post-modifiers ("authorities in the port city of Mariupol"), participles ("Relatives
 * interviewed by the channel") and restrictive relative clauses ("Russian troops who have been captured by
 * …"), skipping a parenthetical between commas (", who claimed …,", ", a soldier of …,").
 */
export function subjectBefore(doc: Doc, g: number, floor: number, depth = 0): Subject | null {
  let j = skipTemporal(doc, g - 1, floor);
  let apposition: TokSpan | null = null;
  if (j < floor) return null;
  if (doc.value[j] === ',') {
    // A parenthetical: find its opening comma.
    let k = j - 1;
    while (k >= floor && doc.value[k] !== ',' && !isQuoteTok(doc, k) && doc.value[k] !== ';' && doc.value[k] !== ':') k--;
    if (k < floor || doc.value[k] !== ',') return null;
    const first = doc.lower[k + 1];
    const fp = doc.pos[k + 1];
    const participle = fp === 'VERB' && (endsEdEn(first) || first.endsWith('ing') || PAST_FORMS.has(first));
    const parenthetical = RELATIVE.has(first) || fp === 'DET' || fp === 'NUM' || fp === 'ADV' || fp === 'ADJ' || fp === 'NOUN' || fp === 'PROPN' || fp === 'ADP' || participle || first === 'meanwhile' || first === 'however';
    if (!parenthetical) return null;
    // "Commander of the automobile department, Mr Fomenko, appealed": the name between the commas is the subject.
    let allName = true;
    for (let m = k + 1; m < j; m++) if (doc.pos[m] !== 'PROPN' && !TITLE_WORDS.has(doc.lower[m].replace(/\.$/, ''))) allName = false;
    if (allName && j - k - 1 <= 4 && k - 1 >= floor && (doc.pos[k - 1] === 'NOUN' || doc.pos[k - 1] === 'PROPN')) {
      const before = chunkLeft(doc, k - 1, floor);
      return { t0: k + 1, t1: j, apposition: before, viaRelative: false };
    }
    apposition = { t0: k + 1, t1: j };
    j = skipTemporal(doc, k - 1, floor);
  }
  // Coordinated verbs ("said that … and said that …"): the subject of the first one.
  if (j >= floor && (doc.lower[j] === 'and' || doc.lower[j] === 'but') && depth < 3) {
    const v = previousFiniteVerb(doc, j, floor);
    if (v >= 0) return subjectBefore(doc, verbGroupStart(doc, v, floor), floor, depth + 1);
    return null;
  }
  // A relative pronoun subject: its antecedent.
  if (j >= floor && RELATIVE.has(doc.lower[j]) && doc.lower[j] !== 'that') {
    let k = j - 1;
    if (k >= floor && doc.value[k] === ',') k--;
    const np = chunkLeft(doc, k, floor);
    if (!np) return null;
    return { ...np, apposition, viaRelative: true };
  }
  let np = chunkLeft(doc, j, floor);
  if (!np) return null;
  let coordinated = false;
  // Extend leftwards over post-modifiers.
  for (let guard = 0; guard < 8; guard++) {
    let p = np.t0 - 1;
    if (p < floor) break;
    if (doc.pos[p] === 'ADP' && CLAUSE_ADP.has(doc.lower[p])) {
      let q = p - 1;
      while (q >= floor && doc.pos[q] === 'ADV') q--;
      if (q < floor) break;
      // "as" joins a phrase only after "identified / known / described (only) as"; otherwise it opens a clause.
      if (doc.lower[p] === 'as' && doc.pos[q] !== 'VERB') break;
      if (doc.pos[q] === 'VERB') {
        // A participle or a relative clause: "interviewed by", "who have been captured by", "who spoke to".
        let r = q - 1;
        while (r >= floor && (doc.pos[r] === 'AUX' || doc.pos[r] === 'ADV' || doc.lower[r] === 'not')) r--;
        if (r >= floor && RELATIVE.has(doc.lower[r]) && doc.lower[r] !== 'which') r--;
        const head = chunkLeft(doc, r, floor);
        if (!head || (r === q - 1 && !endsEdEn(doc.lower[q]) && !RELATIVE.has(doc.lower[q - 1] ?? ''))) {
          // "X spoke to Y" without a relative pronoun is a clause, not a modifier.
          if (!head || !RELATIVE.has(doc.lower[r + 1] ?? '')) break;
        }
        np = { t0: head.t0, t1: np.t1 };
        continue;
      }
      const head = chunkLeft(doc, q, floor);
      if (!head || doc.pos[q] === 'PRON' && STANDALONE_PRON.has(doc.lower[q])) break;
      np = { t0: head.t0, t1: np.t1 };
      continue;
    }
    // "Scholz and Macron": coordinated names (not clauses: no comma before "and").
    if ((doc.lower[p] === 'and' || doc.value[p] === '&') && p - 1 >= floor && doc.value[p - 1] !== ',' && (doc.pos[np.t0] === 'PROPN' || doc.pos[np.t0] === 'NOUN')) {
      const head = chunkLeft(doc, p - 1, floor);
      if (head && (doc.pos[p - 1] === 'PROPN' || doc.pos[p - 1] === 'NOUN')) { np = { t0: head.t0, t1: np.t1 }; coordinated = true; continue; }
    }
    // "Alexei Zheleznyak, Mustafaev Mugsad, Igor Rudenko and others": a list of names before the coordination.
    if (coordinated && doc.value[p] === ',' && p - 1 >= floor && doc.pos[p - 1] === 'PROPN') {
      const head = chunkLeft(doc, p - 1, floor);
      if (head && doc.pos[head.t0] === 'PROPN') { np = { t0: head.t0, t1: np.t1 }; continue; }
    }
    break;
  }
  return { ...np, apposition, viaRelative: false };
}

/** Skip a noun phrase object after a verb ("told his wife", "told CNN"): the index after it, or i. */
export function skipObject(doc: Doc, i: number, ceil: number): { end: number; object: TokSpan | null } {
  if (i >= ceil) return { end: i, object: null };
  const w = doc.lower[i];
  if (w === 'that' || isQuoteTok(doc, i) || doc.pos[i] === 'PUNCT') return { end: i, object: null };
  const np = chunkRight(doc, i, ceil);
  if (!np || np.t1 - np.t0 > 7) return { end: i, object: null };
  // The object must not be the subject of the reported clause ("told him they would" vs "said Russian forces bombed"):
  // callers decide; here we only find the phrase.
  return { end: np.t1, object: np };
}

/** The subject of a sentence's main verb when it opens the sentence ("The man, a soldier …, was speaking"). */
export function sentenceSubject(doc: Doc, s: { t0: number; t1: number }): Subject | null {
  let first = s.t0;
  while (first < s.t1 && (isQuoteTok(doc, first) || doc.pos[first] === 'PUNCT')) first++;
  for (let v = first; v < s.t1; v++) {
    const p = doc.pos[v];
    if (p !== 'VERB' && p !== 'AUX') continue;
    if (p === 'VERB' && doc.lower[v].endsWith('ing')) continue;
    // A participle after a noun is a modifier ("a soldier located in …"), not the main verb.
    if (p === 'VERB' && endsEdEn(doc.lower[v]) && v > s.t0 && (doc.pos[v - 1] === 'NOUN' || doc.pos[v - 1] === 'PROPN')) continue;
    const g = verbGroupStart(doc, v, first);
    if (g > first && RELATIVE.has(doc.lower[g - 1])) {
      // Skip the rest of the relative clause's verb group.
      while (v + 1 < s.t1 && (doc.pos[v + 1] === 'VERB' || doc.pos[v + 1] === 'AUX')) v++;
      continue;
    }
    const subj = subjectBefore(doc, g, first);
    return subj && subj.t0 === first ? subj : null;
  }
  return null;
}
