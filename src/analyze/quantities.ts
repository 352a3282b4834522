// Quantities a fact-checker can check: counts of people and things, money, percentages; with their
// approximation ("more than", "at least", "about", "up to"), the thing counted, and a category from the
// counted noun and the verb around it. Not quantities: ages, ordinals and unit designations, dates, years,
// times, durations, distances, addresses, phone, account and sort-code numbers.
import type { ApproxKind, PlaceMention, Quantity, QuantityCategory, QuantityDate, QuantityPlace, TimeExpression } from '../model.js';
import type { Doc } from './nlp.js';
import { perWord, perWordFlags, tokenAt } from './nlp.js';
import { numberAt } from './numbers.js';
import { chunkRight } from './syntax.js';

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const TIME_UNITS = /^(seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|yrs?|decades?|centuries|century|-minute|-hour|-day|-week|-month|-year|am|pm|a\.m\.|p\.m\.|o'clock|gmt|bst|utc|cet)$/;
const DISTANCE_UNITS = /^(km|kms|kilometres?|kilometers?|miles?|metres?|meters?|feet|foot|ft|yards?|mm|cm|inches?|miles-long|kph|mph|km\/h|nautical|sq|square|hectares?|acres?)$/;
const MONEY_BEFORE = new Set(['$', '£', '€', '₴', '₽', 'us$', 'usd', 'eur', 'gbp', 'rub', 'uah']);
const MONEY_AFTER = /^(dollars?|euros?|pounds?|roubles?|rubles?|hryvnias?|hryvnia|usd|eur|gbp|rub|uah|francs?|yuan|yen)$/;
const PERCENT = /^(%|per|percent|pc|percentage)$/;

const CATEGORY_VERBS: [RegExp, QuantityCategory][] = [
  [/^(killed|dead|died|dies|die|deaths?|corpses|bodies|fatalities|perished|slain|massacred|executed|murdered|lives|death|shot|toll)$/, 'killed'],
  [/^(wounded|injured|injuries|hurt|hospitali[sz]ed|maimed)$/, 'wounded'],
  [/^(casualties|losses|gone|lost)$/, 'casualties'],
  [/^(missing|unaccounted|disappeared)$/, 'missing'],
  [/^(captured|surrendered|surrender|prisoners?|pows?|captives?|taken)$/, 'captured'],
  [/^(refugees?|fled|flee|fleeing|displaced|evacuated|evacuees|evacuation|escaped|deported|deportees|left|exodus|relocated|resettled|abducted|asylum)$/, 'displaced'],
  [/^(detained|detain|detention|detentions|arrested|arrests?|jailed|imprisoned|held|detainees)$/, 'detained'],
  [/^(attended|attending|attendees|crowd|crowds|participants|protesters|protestors|demonstrators|gathered|marched|rallied|spectators|turnout)$/, 'attendance'],
];
/** The categories whose event words a word is, in CATEGORY_VERBS's order (once per distinct word). */
const categoriesOfWord = perWord((_v, w): readonly QuantityCategory[] => Object.freeze(CATEGORY_VERBS.filter(([re]) => re.test(w)).map(([, cat]) => cat)));
const PERSONNEL = /^(troops|soldiers|servicemen|servicemembers|personnel|fighters|reservists|conscripts|mercenaries|recruits|forces|men|marines|paratroopers|volunteers|reinforcements|officers|sailors|pilots|guards|battalions|brigades|mobilised|mobilized|deployed)$/;
const EQUIPMENT = /^(tanks?|vehicles?|aircraft|planes?|jets?|helicopters?|missiles?|drones?|rockets?|weapons|guns|artillery|shells|rounds|ships?|vessels|boats|howitzers?|launchers?|systems|apcs?|ifvs?|armou?red|mines|bombs|munitions|grenades|rifles|javelins|stingers|himars|warships|submarines|trucks|cars|convoys?)$/;

const APPROX: [RegExp, ApproxKind][] = [
  [/^(more than|over|above|upwards of|in excess of|exceeding|beyond)$/, 'more_than'],
  [/^(at least|no fewer than|no less than|a minimum of|a total of at least)$/, 'at_least'],
  [/^(fewer than|less than|under|below|shy of)$/, 'less_than'],
  [/^(at most|no more than|a maximum of|not more than)$/, 'at_most'],
  [/^(up to|as many as|as much as)$/, 'up_to'],
  [/^(about|around|approximately|roughly|some|nearly|almost|close to|an estimated|estimated|circa|c\.|approx\.?|around about|just over|just under|more or less)$/, 'about'],
];

function approxBefore(doc: Doc, t0: number, floor: number): { kind: ApproxKind; t0: number } {
  for (const len of [4, 3, 2, 1]) {
    const s = t0 - len;
    if (s < floor) continue;
    const phrase = doc.lower.slice(s, t0).join(' ');
    for (const [re, kind] of APPROX) if (re.test(phrase)) return { kind, t0: s };
  }
  return { kind: 'exact', t0 };
}

/** Why the number at [t0, t1) is not a quantity, or null when it is one. */
function notQuantity(doc: Doc, t0: number, t1: number, value: number | null, words: boolean): string | null {
  const prev = doc.lower[t0 - 1] ?? '';
  const prev2 = doc.lower[t0 - 2] ?? '';
  const next = doc.lower[t1] ?? '';
  const next2 = doc.lower[t1 + 1] ?? '';
  const raw = doc.value.slice(t0, t1).join('');
  // Ordinals and designations: "34th", "eighth".
  if (/^\d+(st|nd|rd|th)$/i.test(doc.value[t0]) || /^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$/.test(doc.lower[t0])) return 'ordinal';
  // Ages: "22-year-old", "aged 25", "Roman Moiseyev, 25,".
  if ((next === '-' && next2 === 'year') || next === 'year-old' || (next === 'years' && next2 === 'old') || prev === 'aged' || prev === 'age') return 'age';
  if (prev === ',' && next === ',' && doc.pos[t0 - 2] === 'PROPN' && value != null && value < 120) return 'age';
  // Dates and years.
  if (MONTHS.has(prev) || MONTHS.has(next) || (MONTHS.has(prev2) && prev === 'the')) return 'date';
  if (value != null && !words && /^\d{4}$/.test(raw) && value >= 1800 && value <= 2100 && !/^(people|civilians|troops|soldiers|refugees|tanks)$/.test(next)) return 'year';
  if (/^\d{1,2}[:.]\d{2}$/.test(raw) && !/^(%|percent)/.test(next)) return 'time';
  // Durations and distances.
  if (TIME_UNITS.test(next) || (next === '-' && TIME_UNITS.test('-' + next2)) || TIME_UNITS.test('-' + next)) return 'duration';
  if (DISTANCE_UNITS.test(next) || (next === '-' && DISTANCE_UNITS.test(next2))) return 'distance';
  // Phone, account, sort code, post code, reference numbers.
  if (/^\d{2}-\d{2}-\d{2}$/.test(raw) || /^\d{7,}$/.test(raw) || /^\+?\d[\d -]{8,}$/.test(raw)) return 'identifier';
  if (/^(number|no|code|tel|phone|account|ref|reference|#|nos|ny|ca|route|flight|article|section|resolution|page|chapter|channel|season|episode|version|apollo|world|cup)$/.test(prev)) return 'identifier';
  // An address or a name: "51 Astor Place", "Channel One", "Apollo 11".
  if (doc.pos[t1] === 'PROPN') {
    const np = chunkRight(doc, t1, doc.n);
    const last = np ? np.t1 - 1 : t1;
    if (doc.pos[last] === 'PROPN' && !/s$/.test(doc.value[last])) return 'name';
  }
  if (words && /^\p{Lu}/u.test(doc.value[t0]) && doc.pos[t0 - 1] === 'PROPN' && doc.start[t0] > 0 && !doc.lineBefore[t0]) return 'name';
  // "one" as a pronoun or in "one of", "one day".
  if (words && value === 1 && t1 - t0 === 1) return 'one';
  if (value === 0) return 'zero';
  // Scores, votes and the like: "5-4 decision".
  if (/^\d+-\d+$/.test(raw) && value == null && /^(decision|vote|win|victory|defeat|lead|score|ruling|majority)$/.test(next)) return 'score';
  return null;
}

/** Words that are not event words in these phrases: "taken refuge", "held talks", "left behind". */
function notEventUse(doc: Doc, k: number): boolean {
  const w = doc.lower[k];
  const next = doc.lower[k + 1] ?? '';
  if ((w === 'taken' || w === 'took' || w === 'take') && /^(refuge|shelter|cover|part|place|over|control|up|into|away|to|from|off|out)$/.test(next)) return true;
  if (w === 'held' && /^(talks|a|an|the|up|on|out|back|hostage)$/.test(next)) return true;
  if (w === 'left' && /^(behind|without|with|in|alone)$/.test(next)) return true;
  return false;
}

/** The predicate of the counted phrase, past an apposition or a parenthesis: "five civilians, including a boy, have been killed". */
function predicateAfter(doc: Doc, end: number, ceil: number): number {
  let k = end;
  if (doc.value[k] === '(') {
    while (k < ceil && doc.value[k] !== ')') k++;
    k++;
  } else if (doc.value[k] === ',' && /^(including|mostly|many|most|among|some|all|both|either|mainly|chiefly|largely|among|plus)$/.test(doc.lower[k + 1] ?? '')) {
    k++;
    while (k < ceil && doc.value[k] !== ',') k++;
    k++;
  }
  if (k >= ceil) return -1;
  while (k < ceil && (doc.pos[k] === 'AUX' || doc.pos[k] === 'ADV' || doc.pos[k] === 'PART') && k - end < 12) k++;
  return k < ceil && (doc.pos[k] === 'VERB' || doc.pos[k] === 'ADJ') ? k : -1;
}

function categoryOf(doc: Doc, t0: number, t1: number, floor: number, ceil: number, unit: string | null, money: boolean, percent: boolean, end = t1): QuantityCategory {
  if (money) return 'money';
  if (percent) return 'other';
  if (unit && EQUIPMENT.test(unit)) return 'equipment';
  // The verb the counted phrase is the subject of decides first.
  const v = predicateAfter(doc, end, ceil);
  if (v >= 0 && !notEventUse(doc, v)) {
    const cats = categoriesOfWord(doc, v);
    if (cats.length) return cats[0];
  }
  // Event words near the number, nearest first, after then before.
  const after = Math.min(ceil, t1 + 10);
  const before = Math.max(floor, t0 - 6);
  const dist: { d: number; cat: QuantityCategory }[] = [];
  for (let k = before; k < after; k++) {
    if (k >= t0 && k < t1) continue;
    const w = doc.lower[k];
    for (const cat of categoriesOfWord(doc, k)) {
      // "left" and "taken" only as verbs; "lost" of people only.
      if ((w === 'left' || w === 'taken' || w === 'held' || w === 'lost' || w === 'shot') && doc.pos[k] !== 'VERB') continue;
      if (notEventUse(doc, k)) continue;
      dist.push({ d: k < t0 ? (t0 - k) * 1.5 : k - t1, cat });
    }
  }
  dist.sort((a, b) => a.d - b.d);
  if (dist.length) return dist[0].cat;
  if (unit && PERSONNEL.test(unit)) return 'personnel';
  if (unit && /^(refugees|evacuees|deportees)$/.test(unit)) return 'displaced';
  if (unit && /^(prisoners|pows|captives)$/.test(unit)) return 'captured';
  if (unit && /^(protesters|demonstrators|attendees|spectators)$/.test(unit)) return 'attendance';
  return 'other';
}

/** What a pronoun counts ("300,000 of you"): the nearest group of people named in the three sentences before. */
function pronounReferent(doc: Doc, t0: number): string | null {
  const s = doc.sentOf[t0];
  const floor = doc.sentences[Math.max(0, s - 3)].t0;
  for (let k = t0 - 1; k >= floor; k--) {
    const w = doc.lower[k];
    if (PERSONNEL.test(w) && doc.pos[k] === 'NOUN') return w;
  }
  return null;
}

/** One count repeated in nearby sentences is one count: "there were 87 casualties. Eighty-seven corpses." */
function shareCategories(doc: Doc, out: Quantity[]): void {
  const people = /^(people|persons|civilians|guys|men|women|children|ukrainians|russians|soldiers|troops|bodies|corpses|casualties|dead|victims|servicemen|residents)$/;
  const specific = new Set<QuantityCategory>(['killed', 'wounded', 'missing', 'captured', 'displaced', 'detained']);
  for (const q of out) {
    if (q.vague || q.value == null || (q.category !== 'other' && q.category !== 'casualties')) continue;
    if (q.unit && !people.test(q.unit)) continue;
    const sq = doc.sentOf[tokenAt(doc, q.numberStart)];
    let best: Quantity | null = null;
    for (const o of out) {
      if (o === q || o.value !== q.value || o.vague) continue;
      const so = doc.sentOf[tokenAt(doc, o.numberStart)];
      if (Math.abs(so - sq) > 3 || (o.unit && !people.test(o.unit))) continue;
      if (q.category === 'other' ? o.category === 'other' : !specific.has(o.category)) continue;
      if (!best || Math.abs(so - sq) < Math.abs(doc.sentOf[tokenAt(doc, best.numberStart)] - sq)) best = o;
    }
    if (best) q.category = best.category;
  }
}

/** The place of a counted event: a place named in its sentence, nearest the number, a town before a country. */
function placeOf(doc: Doc, q: Quantity, places: PlaceMention[]): QuantityPlace | null {
  const s = doc.sentences[doc.sentOf[tokenAt(doc, q.numberStart)]];
  let best: PlaceMention | null = null;
  let bestScore = Infinity;
  for (const p of places) {
    if (!p.place || p.start < s.start || p.end > s.end) continue;
    // In a speaker's name ("Kharkiv authorities say") a place still locates the event; distance decides.
    const d = p.start >= q.end ? p.start - q.end : q.start >= p.end ? (q.start - p.end) * 1.2 : 0;
    const score = d + (p.place.type === 'country' ? 400 : p.place.type === 'division' ? 60 : 0);
    if (score < bestScore) { best = p; bestScore = score; }
  }
  return best && best.place ? { ...best.place, text: best.text, start: best.start, end: best.end } : null;
}

/** The date of a counted event: a date in its sentence, nearest the number. */
function dateOf(doc: Doc, q: Quantity, dates: TimeExpression[]): QuantityDate | null {
  const s = doc.sentences[doc.sentOf[tokenAt(doc, q.numberStart)]];
  let best: TimeExpression | null = null;
  let bestD = Infinity;
  for (const t of dates) {
    if (t.start < s.start || t.end > s.end) continue;
    const d = t.start >= q.end ? t.start - q.end : q.start >= t.end ? (q.start - t.end) * 1.5 : 0;
    if (d < bestD) { best = t; bestD = d; }
  }
  return best ? { date: best.date, precision: best.precision, text: best.text, start: best.start, end: best.end } : null;
}

/** Whether a word can start a number expression whatever its part of speech (once per distinct word). */
const mayStartNumber = perWordFlags((_v, w) => +(/^\d/.test(w) || /^(a|an|half|between|tens|hundreds|thousands|millions|dozens|scores|several|few)$/.test(w) || /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?$/.test(w)));

export function findQuantities(doc: Doc, places: PlaceMention[] = [], dates: TimeExpression[] = []): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < doc.n; i++) {
    if (doc.pos[i] !== 'NUM' && !mayStartNumber(doc, i)) continue;
    const s = doc.sentences[doc.sentOf[i]];
    const m = numberAt(doc, i, s.t1);
    if (!m) continue;
    const why = notQuantity(doc, m.t0, m.t1, m.value ?? m.low, m.words);
    if (why) { i = m.t1 - 1; continue; }
    // Money and percentages around the number.
    let t0 = m.t0;
    let t1 = m.t1;
    let money = false;
    let percent = false;
    if (t0 > s.t0 && MONEY_BEFORE.has(doc.lower[t0 - 1])) { money = true; t0--; }
    if (MONEY_AFTER.test(doc.lower[t1] ?? '')) { money = true; }
    if (PERCENT.test(doc.lower[t1] ?? '') && (doc.lower[t1] !== 'per' || doc.lower[t1 + 1] === 'cent')) { percent = true; t1 += doc.lower[t1] === 'per' ? 2 : 1; }
    // "a"/"an" alone is not a number; vague words need a counted noun ("thousands of people", "hundreds").
    const approx = m.vague ? { kind: 'about' as ApproxKind, t0 } : approxBefore(doc, t0, s.t0);
    // The counted thing: the noun phrase after the number ("people", "Ukrainian troops"), or "of X".
    let k = t1;
    if (doc.lower[k] === 'of' && (m.vague || doc.lower[k + 1] === 'the' || doc.lower[k + 1] === 'them' || doc.lower[k + 1] === 'you' || doc.lower[k + 1] === 'us' || doc.lower[k + 1] === 'whom')) k++;
    const np = chunkRight(doc, k, s.t1);
    let unit: string | null = null;
    let end = t1;
    if (np && !money && !percent) {
      // Stop the counted phrase at the first noun that ends it.
      let e = np.t0;
      while (e < np.t1 && (doc.pos[e] === 'ADJ' || doc.pos[e] === 'NOUN' || doc.pos[e] === 'PROPN' || doc.pos[e] === 'DET' || doc.pos[e] === 'PRON' || doc.value[e] === '-')) e++;
      const nouns = doc.lower.slice(np.t0, e).filter((_, j) => doc.pos[np.t0 + j] === 'NOUN' || doc.pos[np.t0 + j] === 'PROPN' || doc.pos[np.t0 + j] === 'PRON');
      if (nouns.length) { unit = nouns[nouns.length - 1]; end = e; }
      // A number followed by a time unit inside the phrase ("two weeks") was a duration.
      if (unit && TIME_UNITS.test(unit)) { i = m.t1 - 1; continue; }
    } else if (money && MONEY_AFTER.test(doc.lower[t1] ?? '')) { unit = doc.lower[t1]; end = t1 + 1; }
    // Vague words without a counted noun are too vague to keep ("hundreds").
    if (m.vague && !unit) { i = m.t1 - 1; continue; }
    // A bare small number with nothing counted and no event word is not a checkable quantity.
    // Extend over the verb group that says what happened to them ("had been killed", "have escaped").
    const npEnd = end;
    let v = end;
    while (v < s.t1 && (doc.pos[v] === 'AUX' || doc.pos[v] === 'ADV' || doc.lower[v] === 'not') && v - end < 4) v++;
    if (v < s.t1 && doc.pos[v] === 'VERB') end = v + 1;
    let category = categoryOf(doc, m.t0, m.t1, s.t0, s.t1, unit, money, percent, npEnd);
    if (category === 'other' && unit && /^(you|us|them|we|they)$/.test(unit)) {
      const ref = pronounReferent(doc, m.t0);
      if (ref && PERSONNEL.test(ref)) category = 'personnel';
    }
    if (!unit && !money && !percent && category === 'other' && (m.value ?? 0) < 10) { i = m.t1 - 1; continue; }
    const start = doc.start[approx.t0];
    const stop = doc.end[Math.max(end, t1) - 1];
    out.push({
      text: doc.text.slice(start, stop),
      start,
      end: stop,
      numberStart: doc.start[m.t0],
      numberEnd: doc.end[m.t1 - 1],
      value: m.value,
      low: m.low,
      high: m.high,
      approx: approx.kind,
      category,
      claimant: null,
      unit,
      ...(m.vague ? { vague: true } : {}),
    });
    i = m.t1 - 1;
  }
  shareCategories(doc, out);
  locateQuantities(doc, out, [], places, dates);
  return out;
}

/**
 * The place and date of each counted event, from its sentence; inside a quotation or reported statement,
 * only from the statement itself ("…87 corpses," Zelenskiy said in Davos: Davos is where he spoke).
 */
export function locateQuantities(doc: Doc, quantities: Quantity[], statements: { start: number; end: number }[], places: PlaceMention[], dates: TimeExpression[]): void {
  for (const q of quantities) {
    const inside = q.attribution != null ? statements[q.attribution] : undefined;
    const keep = <T extends { start: number; end: number }>(xs: T[]) => (inside ? xs.filter((x) => x.start >= inside.start && x.end <= inside.end) : xs);
    q.place = placeOf(doc, q, keep(places));
    q.date = dateOf(doc, q, keep(dates));
  }
}
