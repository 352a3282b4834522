// Quantity conflicts: numbers about the same thing (category, event or place, time window) whose values
// disagree — a toll revised from 8 to 87, 15,000 dead claimed against an official 498, 200,000 attendees in a
// stadium that holds 81,000. A new quantity joins the group of the most similar stored quantity of its
// category within the time window (found through its rarest context terms); a group whose values cannot all
// be true at once is a Conflict, explained as a revision (one source changing its figure over time) or a
// disagreement between sources.
import type { ApproxKind, ConflictKind, Quantity, QuantityCategory } from '../model.js';
import type { LinkItem, LinkWrite, QuantityCandidate, Store } from '../store/store.js';
import { idf, speakerKey } from './statements.js';
import { terms } from './terms.js';

export interface ConflictOptions {
  /** Days apart two quantities may be and still be about the same thing. */
  windowDays: number;
  /** Weighted share of the shorter context's terms the other must hold. */
  minSimilarity: number;
  queryTerms: number;
  perTerm: number;
  indexTerms: number;
  /** Relative tolerance before two values count as different (rounding: "about 1,000" and 1,030). */
  tolerance: number;
}

export const CONFLICT_DEFAULTS: ConflictOptions = { windowDays: 14, minSimilarity: 0.4, queryTerms: 6, perTerm: 20, indexTerms: 12, tolerance: 0.05 };

/** What conflicts need of a quantity, kept with its group membership. */
export interface QuantityFacts {
  article: string;
  index: number;
  text: string;
  category: QuantityCategory;
  value: number | null;
  low: number | null;
  high: number | null;
  approx: ApproxKind;
  vague: boolean;
  claimant: string | null;
  outlet: string | null;
  /** The event's date where the record gives one, else the article's publication date. */
  date: string | null;
  place: string | null;
  /** Whose number it is for telling revision from disagreement: the claimant, else the outlet. */
  source: string;
  /** Russian or Ukrainian, where the words next to the number say. */
  side: 'russian' | 'ukrainian' | null;
  /** A limit rather than a count ("the stadium's capacity is only 81,000"). */
  bound: 'capacity' | null;
  /** The sentence's words marking an earlier figure ("previously", "initially", "had said"). */
  earlierCue: boolean;
  /** The counted thing as a term ("soldier", "child"), null when the record names none or only "people". */
  unit: string | null;
  /** Terms of the sentence the number stands in: what it is about. */
  terms: string[];
}

const CAPACITY = /\b(capacity|holds?|seats?|seating|can\s+hold|accommodates?|room\s+for)\b[^.;:!?\n]{0,40}$/i;
const EARLIER = /\b(previously|initially|earlier|at first|had (?:said|reported|put|given)|first reported|originally|was revised|up from|down from)\b/i;
const SIDE = /\b(russian|russia's|ukrainian|ukraine's)\s+(?:\w+\s+){0,2}(soldiers|troops|servicemen|forces|military|personnel|fighters|army|casualties|losses|dead)\b|\b(soldiers|troops|servicemen)\s+(?:of|from)\s+(russia|ukraine)\b/i;
/** Terms that say only that a number counts something; they tell nothing about which event. */
const GENERIC = new Set(terms('people person number figure figures total toll count died killed dead death deaths kill killing casualties wounded injured said says claimed according reported report estimates estimated least more than about around some nearly almost over since far already').concat(['not']));

function sentenceAround(text: string, start: number, end: number): { text: string; start: number } {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e])) e++;
  return { text: text.slice(s, e), start: s };
}

const GENERIC_UNITS = new Set(terms('people person persons individuals casualties victims dead bodies'));

function unitTerm(unit: string | null | undefined): string | null {
  const t = unit ? terms(unit).pop() ?? null : null;
  return t && !GENERIC_UNITS.has(t) ? t : null;
}

/** The place a quantity is about, where the record gives a town or village (a country or region is too wide to tell events apart). */
function placeOf(q: Quantity): string | null {
  return q.place && q.place.type === 'place' ? q.place.name : null;
}

/** The day the counted event happened where the record gives one, else the article's publication date. */
function dateOf(q: Quantity, articleDate: string | null): string | null {
  const d = q.date?.date;
  return d && q.date?.precision === 'day' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : articleDate;
}

/** The facts of one quantity of an article, or null for numbers no conflict is about (category "other"). */
export function quantityFacts(article: { id: string; text: string; outlet: string | null; date: string | null }, q: Quantity, index: number): QuantityFacts | null {
  const sentence = sentenceAround(article.text, q.start, q.end);
  const before = article.text.slice(sentence.start, q.numberStart);
  const bound = CAPACITY.test(before) ? 'capacity' : null;
  const category: QuantityCategory = bound ? 'attendance' : q.category;
  if (category === 'other') return null;
  const side = SIDE.exec(sentence.text);
  const sideWord = side ? (side[1] ?? side[4] ?? '').toLowerCase() : '';
  const number = new Set(terms(article.text.slice(q.numberStart, q.numberEnd)));
  const context = [...new Set(terms(sentence.text))].filter((t) => !GENERIC.has(t) && !number.has(t) && !/^\d/.test(t));
  return {
    article: article.id,
    index,
    text: q.text,
    category,
    value: q.value,
    low: q.low,
    high: q.high,
    approx: q.approx,
    vague: !!q.vague,
    claimant: q.claimant,
    outlet: article.outlet,
    date: dateOf(q, article.date),
    place: placeOf(q),
    source: speakerKey(q.claimant) ?? (q.claimant ? q.claimant.toLowerCase() : `outlet:${(article.outlet ?? article.id).toLowerCase()}`),
    side: sideWord.startsWith('russia') ? 'russian' : sideWord.startsWith('ukrain') ? 'ukrainian' : null,
    bound,
    earlierCue: EARLIER.test(sentence.text),
    unit: unitTerm(q.unit),
    terms: context,
  };
}

/** The values a quantity allows, as an interval. */
export function interval(f: Pick<QuantityFacts, 'value' | 'low' | 'high' | 'approx'>, tolerance = CONFLICT_DEFAULTS.tolerance): [number, number] {
  if (f.value == null) return [f.low ?? 0, f.high ?? Infinity];
  const v = f.value;
  switch (f.approx) {
    case 'more_than': case 'at_least': return [v, Infinity];
    case 'less_than': case 'at_most': case 'up_to': return [0, v];
    case 'about': return [v * (1 - 2 * tolerance), v * (1 + 2 * tolerance)];
    default: return [v * (1 - tolerance), v * (1 + tolerance)];
  }
}

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86400_000).toISOString().slice(0, 10);

/** Whether two quantities can be about the same thing, before their contexts are compared. */
export function compatible(a: QuantityFacts, b: QuantityFacts, o: ConflictOptions = CONFLICT_DEFAULTS): boolean {
  if (a.category !== b.category) return false;
  if (a.side && b.side && a.side !== b.side) return false;
  if (a.place && b.place && a.place.toLowerCase() !== b.place.toLowerCase()) return false;
  if (a.date && b.date && Math.abs(Date.parse(a.date) - Date.parse(b.date)) > o.windowDays * 86400_000) return false;
  if (!a.date !== !b.date) return false;
  // Two counts in one sentence are two counts (killed and wounded, two brigades), unless one is a limit.
  return true;
}

/** Similarity of two quantities' contexts: weighted share of the shorter's terms, with a shared place as a strong term. */
export function contextSimilarity(a: QuantityFacts, b: QuantityFacts, weight: (t: string) => number): number {
  if (a.place && b.place) return 1;
  const sb = new Set(b.terms);
  let shared = 0;
  let n = 0;
  let wa = 0;
  let wb = 0;
  for (const t of a.terms) {
    wa += weight(t);
    if (sb.has(t)) { shared += weight(t); n++; }
  }
  for (const t of b.terms) wb += weight(t);
  if (n < 2 || !wa || !wb) return 0;
  return shared / Math.min(wa, wb);
}

/** Assign each quantity of a new article to a group (a stored one, one of this article's, or a new one). */
export async function assignQuantities(store: Store, item: LinkItem, o: ConflictOptions = CONFLICT_DEFAULTS): Promise<LinkWrite['quantities']> {
  const out: LinkWrite['quantities'] = { created: [], members: [] };
  const prepared: { id: number; f: QuantityFacts }[] = [];
  (item.analysis?.quantities ?? []).forEach((q, i) => {
    const id = item.quantityIds[i];
    const f = id != null ? quantityFacts(item.article, q, i) : null;
    if (f && f.terms.length >= 2) prepared.push({ id, f });
  });
  if (!prepared.length) return out;
  const counts = await store.termCounts('quantity', [...prepared.flatMap((p) => p.f.terms), '']);
  const total = counts.get('') ?? 0;
  const rarity = (t: string) => counts.get(t) ?? 0;
  const candidates = new Map<number, QuantityCandidate[]>();
  for (const { id, f } of prepared) {
    const rare = f.terms.filter((t) => rarity(t) > 0).sort((x, y) => rarity(x) - rarity(y) || (x < y ? -1 : 1)).slice(0, o.queryTerms);
    const from = f.date ? addDays(f.date, -o.windowDays) : '';
    const to = f.date ? addDays(f.date, o.windowDays) : '';
    candidates.set(id, rare.length ? await store.quantityCandidates(f.category, rare, from, to, o.perTerm) : []);
  }
  const missing = [...new Set([...candidates.values()].flat().flatMap((c) => (c.facts as QuantityFacts).terms).filter((t) => !counts.has(t)))];
  if (missing.length) for (const [t, n] of await store.termCounts('quantity', missing)) counts.set(t, n);
  const weight = (t: string) => idf(rarity(t), total);

  const local: QuantityCandidate[] = [];
  for (const { id, f } of prepared) {
    let best: { group: string; score: number } | null = null;
    for (const c of [...candidates.get(id)!, ...local]) {
      const g = c.facts as QuantityFacts;
      if (!compatible(f, g, o)) continue;
      const score = contextSimilarity(f, g, weight);
      if (score >= o.minSimilarity && (!best || score > best.score)) best = { group: c.group, score };
    }
    const group = best?.group ?? `${item.article.id}-q${f.index}`;
    if (!best) out.created.push({ id: group, category: f.category });
    const indexTerms = [...f.terms].sort((x, y) => rarity(x) - rarity(y) || (x < y ? -1 : 1)).slice(0, o.indexTerms);
    out.members.push({ quantityId: id, group, date: f.date, facts: f, terms: f.terms, indexTerms, category: f.category });
    local.push({ quantityId: id, group, facts: f });
  }
  return out;
}

export interface Assessment {
  conflict: boolean;
  kind: ConflictKind | null;
  explanation: string | null;
  about: string[];
  place: string | null;
  from: string | null;
  to: string | null;
}

function show(n: number): string {
  return n.toLocaleString('en-US');
}

function describe(f: QuantityFacts): string {
  const v = f.value != null ? show(f.value) : f.low != null && f.high != null ? `${show(f.low)}–${show(f.high)}` : f.text;
  const approx = f.approx === 'exact' ? '' : `${f.approx.replace('_', ' ')} `;
  return `${approx}${v} (${[f.claimant, f.outlet, f.date].filter(Boolean).join(', ') || 'unattributed'})`;
}

/** Whether a group's values disagree, and how: a pure function of its members' facts. */
export function assessGroup(members: QuantityFacts[], o: ConflictOptions = CONFLICT_DEFAULTS): Assessment {
  const dates = members.map((m) => m.date).filter((d): d is string => !!d).sort();
  const termCount = new Map<string, number>();
  for (const m of members) for (const t of new Set(m.terms)) termCount.set(t, (termCount.get(t) ?? 0) + 1);
  const about = [...termCount].filter(([, n]) => n >= Math.min(2, members.length)).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([t]) => t);
  const places = members.map((m) => m.place).filter((p): p is string => !!p);
  const base = { about, place: places[0] ?? null, from: dates[0] ?? null, to: dates[dates.length - 1] ?? null };
  const none: Assessment = { conflict: false, kind: null, explanation: null, ...base };
  const counts = members.filter((m) => !m.bound);
  // A count above a limit the texts give: more attendees than the stadium holds.
  for (const b of members.filter((m) => m.bound)) {
    const over = counts.filter((c) => interval(c, o.tolerance)[0] > b.value! * (1 + o.tolerance));
    if (b.value != null && over.length) {
      const c = over.sort((x, y) => interval(y)[0] - interval(x)[0])[0];
      return { ...base, conflict: true, kind: 'disagreement', explanation: `${describe(c)} is more than the capacity of ${show(b.value)} that ${b.outlet ?? 'the article'} gives: the figures cannot both be true.` };
    }
  }
  // Two counts that cannot both be true. Counts of different things (children, women) are not compared; a
  // count of a kind (children) only conflicts with a count of all (people) when it is the larger. Two counts
  // in one article are parts of one story unless the text marks one as an earlier figure.
  let pair: [QuantityFacts, QuantityFacts] | null = null;
  let gap = 0;
  for (let i = 0; i < counts.length; i++) {
    for (let j = i + 1; j < counts.length; j++) {
      let [a, b] = [counts[i], counts[j]];
      if (a.article === b.article && a.earlierCue === b.earlierCue) continue;
      if (a.unit && b.unit && a.unit !== b.unit) continue;
      const [a0, a1] = interval(a, o.tolerance);
      const [b0, b1] = interval(b, o.tolerance);
      let clash = a1 < b0 || b1 < a0;
      if (!a.unit !== !b.unit) {
        // The specific count must not exceed the count of all.
        const [sp0, all1] = a.unit ? [a0, b1] : [b0, a1];
        clash = sp0 > all1;
        if (!a.unit) [a, b] = [b, a];
      }
      const g = Math.max(b0 / Math.max(a1, 1e-9), a0 / Math.max(b1, 1e-9));
      if (clash && g > gap) { gap = g; pair = [a, b]; }
    }
  }
  if (!pair) return none;
  let [x, y] = pair;
  // Earlier figure first: by date, then the one the text marks as earlier.
  if ((x.date ?? '') > (y.date ?? '') || (x.date === y.date && y.earlierCue && !x.earlierCue)) [x, y] = [y, x];
  const sameSource = x.source === y.source;
  const overTime = (x.date ?? '') < (y.date ?? '') || x.earlierCue !== y.earlierCue;
  if (sameSource && overTime) {
    return { ...base, conflict: true, kind: 'revision', explanation: `${x.claimant ?? x.outlet ?? 'The source'} first gave ${describe(x)}, later ${describe(y)}: a revision over time.` };
  }
  return { ...base, conflict: true, kind: 'disagreement', explanation: `${describe(x)} against ${describe(y)}: sources disagree.` };
}

/** Recompute a group from its members. */
export async function refreshGroup(store: Store, id: string): Promise<void> {
  const members = (await store.groupMembers(id)).map((m) => m.facts as QuantityFacts);
  await store.saveGroup(id, assessGroup(members));
}
