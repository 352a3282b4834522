// Places: names of populated places, first-level divisions (oblasts, krais) and countries found in the text
// and geocoded against the gazetteer. A name that several places share (there are dozens of Novoselivkas)
// is resolved by the article's context, not by size alone: a qualifier next to the mention ("Lyman, Donetsk
// region", "Ukraine's Kharkiv region", "in the Donetsk region"), the countries and divisions of the other
// places the article names, and the distance to them. One name keeps one sense through an article.
import { distanceKm, gazetteer, type Candidate, type Gazetteer, type Place } from '../gazetteer.js';
import type { PlaceMention, PlaceRef } from '../model.js';
import { foldName, variantKey } from '../names.js';
import { outletByName } from '../outlets.js';
import { isCap, isWordTok, perWord, perWordFlags, type Doc } from './nlp.js';

const DIVISION_WORDS = new Set(['region', 'oblast', 'province', 'krai', 'kray', 'republic', 'regions', 'oblasts', 'provinces']);
/** Capitalised words after a place name that keep it a place ("Mariupol City Council" names Mariupol). */
const PLACE_HEADS = new Set(['city', 'town', 'village', 'oblast', 'region', 'province', 'district', 'council', 'mayor', 'governor',
  'airport', 'station', 'port', 'harbour', 'harbor', 'square', 'street', 'avenue', 'bridge', 'plant', 'railway', 'stadium',
  'administration', 'authorities', 'police', 'military', 'court', 'state', 'university', 'hospital', 'direction', 'front']);
const DIRECTIONS = new Set(['eastern', 'western', 'northern', 'southern', 'central', 'north', 'south', 'east', 'west', 'northeastern', 'southeastern', 'northwestern', 'southwestern', 'occupied', 'liberated', 'besieged', 'embattled', 'greater']);
/** English words, first names and surnames that are also the names of places somewhere: not places when written alone. */
const COMMON_WORDS = new Set([
  'mir', 'nice', 'split', 'reading', 'bath', 'mobile', 'independence', 'union', 'march', 'may', 'august', 'temple', 'orange',
  'university', 'liberty', 'concord', 'marine', 'hope', 'male', 'mary', 'sale', 'buy', 'toll', 'lucky', 'early', 'late',
  'bolshevik', 'pioneer', 'komsomolets', 'novyi', 'pervomaiske', 'zhovtneve', 'oktyabrskiy', 'sovetskiy', 'gorky', 'lenin',
  'stalin', 'tolstoy', 'lermontov', 'zhukov', 'kutuzov', 'suvorov', 'chapaev', 'putin', 'artem', 'roman', 'olga', 'irina',
  'anna', 'maria', 'vera', 'nadezhda', 'lyubov', 'marx', 'engels', 'zelensky', 'navalny', 'peskov', 'independent', 'guardian',
  'mirror', 'express', 'sun', 'times', 'post', 'insider', 'euro', 'nato', 'world', 'home', 'europe', 'asia', 'africa', 'soviet',
  'christmas', 'easter', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
/** Words after a name that make it a unit, a sea or a company, not a town: "Azov regiment", "Azov Sea". */
const NOT_PLACE_AFTER = new Set(['regiment', 'battalion', 'brigade', 'division', 'sea', 'steel', 'group', 'fleet', 'stock', 'river', 'dam',
  'reservoir', 'canal', 'basin', 'gap', 'steppe', 'bay', 'strait', 'lake', 'peninsula', 'pipeline', 'seas']);
/** Function words and pronouns that some place somewhere is called ("We", "In", "She"). */
const NEVER = new Set(['white house', 'is', 'we', 'in', 'she', 'he', 'it', 'i', 'a', 'an', 'the', 'on', 'at', 'of', 'to', 'by', 'us', 'so', 'no', 'mo', 'as', 'or', 'if', 'be', 'do', 'go', 'up', 'me', 'my', 'our', 'you', 'his', 'her', 'they', 'them', 'this', 'that', 'one', 'all', 'new', 'old', 'big', 'great', 'long', 'white', 'red', 'black', 'green', 'free', 'sen', 'rep', 'gov', 'ap', 'pa']);
/** Countries whose places may be named by an alternate name (old, Russian, transliterated): the war's region. */
const ALTERNATES_IN = new Set(['UA', 'RU', 'BY', 'MD']);
const SPEECH = /^(said|says|told|tells|added|adds|wrote|writes|noted|stressed|explained|claimed|claims|insisted|argued|warned|recalled|replied|answered|asked)$/;
const FUNCTION_WORDS = new Set(['the', 'in', 'at', 'of', 'and', 'from', 'to', 'near', 'outside', 'on', 'for', 'by', 'with', 'as', 'but', 'or',
  'if', 'when', 'while', 'after', 'before', 'since', 'during', 'across', 'into', 'inside', 'around', 'about', 'over', 'under', 'like', 'unlike',
  'both', 'between', 'via', 'than', 'so', 'yet', 'meanwhile', 'also', 'then', 'now', 'today', 'yesterday', 'a', 'an', 'this', 'that',
  'where', 'here', 'there', 'why', 'how', 'what', 'which', 'who', 'said', 'says', 'reports', 'read', 'more', 'breaking', 'watch', 'live']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'president', 'general', 'gen', 'minister', 'colonel', 'col', 'captain', 'sergeant', 'lieutenant', 'major', 'governor', 'mayor', 'senator', 'sen', 'st', 'saint']);

interface Found {
  t0: number;
  t1: number;
  key: string;
  candidates: readonly Candidate[];
  /** The words include a division word ("Donetsk region"). */
  division: boolean;
  /** The last token carries a possessive ("Ukraine's"): the mention's text ends before it. */
  possessive?: boolean;
}

// What the scans below ask of each word, computed once per distinct word (src/analyze/nlp.ts, perWord).
const CAP = 1;
const WORD = 2;
/** The word can continue a name after its first word (capitalised, a division word, "na", "de", …). */
const JOINS = 4;
/** The word ends in a possessive ("Ukraine's"). */
const POSSESSIVE = 8;
/** The word can start a person's name for surnames() (capitalised, not a function word or a title). */
const NAME_START = 16;
const wordFlags = perWordFlags((v, lower) => {
  const cap = isCap(v);
  const word = isWordTok(v);
  return (cap ? CAP : 0) | (word ? WORD : 0) | (cap || DIVISION_WORDS.has(lower) || /^(na|nad|pid|on|de|la|le|sur)$/.test(lower) ? JOINS : 0) |
    (/['’]s$/.test(v) && v.length > 2 ? POSSESSIVE : 0) |
    (cap && word && !FUNCTION_WORDS.has(lower) && !TITLES.has(lower.replace(/\.$/, '')) ? NAME_START : 0);
});
const foldOfWord = perWord((v) => foldName(v));
const isPossessive = (v: string) => /['’]s$/.test(v) && v.length > 2;
/** A word's part of a place key: folded, without its possessive. */
const keyPartOfWord = perWord((v) => (isPossessive(v) ? foldName(v.slice(0, -2)) : foldName(v)));

/** What a one-word name can be: its candidates (alternate names filtered) and, for a proper noun, other transliterations. */
interface WordPlaces { c: readonly Candidate[]; more: readonly Candidate[] }
let wordsOf: Gazetteer | null = null;
let placesOfWord: (doc: Doc, i: number) => WordPlaces = () => { throw new Error('unreachable'); };
function wordPlaces(g: Gazetteer, doc: Doc, i: number): WordPlaces {
  if (g !== wordsOf) {
    wordsOf = g;
    placesOfWord = perWord((v) => {
      const key = isPossessive(v) ? foldName(v.slice(0, -2)) : foldName(v);
      let c = NEVER.has(key) ? [] : g.lookup(key);
      if (c.some((x) => x.via !== 'name')) c = candidatesFor(key, c);
      let more: readonly Candidate[] = [];
      if (key.length >= 6 && !NEVER.has(key)) {
        const vs = g.variants(key);
        if (vs.length) {
          const skeleton = variantKey(key);
          more = Object.freeze(vs.filter((x) => !c.some((y) => y.place === x.place) && variantKey(x.place.name) === skeleton));
        }
      }
      return { c: Object.freeze(c), more };
    });
  }
  return placesOfWord(doc, i);
}

/** An alternate name counts only for places of the war's region, and only when it is not a short word. */
function candidatesFor(key: string, c: readonly Candidate[]): readonly Candidate[] {
  return c.filter((x) => x.via === 'name' || (ALTERNATES_IN.has(x.place.country) && key.length >= 4) || (key.length >= 5 && (x.place.feature === 'PPLC' || x.place.feature === 'PPLA' || x.place.population >= 100000)));
}

/** Last words of runs of capitalised words ("Lev Parnas"): a lone "Parnas" later is the same person, not a village. */
function surnames(doc: Doc, g: Gazetteer, fold: (k: number) => string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < doc.n; i++) {
    if (!(wordFlags(doc, i) & NAME_START)) continue;
    let j = i;
    while (j + 1 < doc.n && (wordFlags(doc, j + 1) & (CAP | WORD)) === (CAP | WORD) && !doc.lineBefore[j + 1]) j++;
    if (j > i && j - i < 3 && doc.pos[j] === 'PROPN') {
      let key = fold(i);
      for (let k = i + 1; k <= j; k++) key += ' ' + fold(k);
      if (!g.lookup(key).length && !g.lookup(fold(i)).some((c) => c.place.type !== 'place')) out.add(doc.lower[j]);
    }
    i = j;
  }
  return out;
}

/** Place names in the text, longest first at each position. */
function findNames(doc: Doc, g: Gazetteer): Found[] {
  const out: Found[] = [];
  const fold = (k: number) => foldOfWord(doc, k);
  const names = surnames(doc, g, fold);
  const max = Math.min(g.maxWords * 2 + 1, 7);
  for (let i = 0; i < doc.n; i++) {
    const v = doc.value[i];
    if ((wordFlags(doc, i) & (CAP | WORD)) !== (CAP | WORD)) continue;
    const sent = doc.sentences[doc.sentOf[i]];
    let best: Found | null = null;
    // Longest match: words joined by spaces or hyphens ("Ivano-Frankivsk", "Kryvyi Rih", "Nova Kakhovka").
    let j = i;
    let words = 0;
    let key = '';
    while (j < sent.t1 && j - i < max) {
      const tok = doc.value[j];
      if (tok === '-' || tok === '–') { if (j === i) break; j++; continue; }
      const flags = wordFlags(doc, j);
      if (!(flags & WORD)) break;
      if (j > i && !(flags & JOINS)) break;
      words++;
      // "Ukraine's": the name without its possessive, and the name ends there.
      const possessive = (flags & POSSESSIVE) !== 0;
      const part = keyPartOfWord(doc, j);
      key = key ? `${key} ${part}` : part;
      let c: readonly Candidate[];
      if (words === 1) {
        // Other transliterations of the same one-word name in the war's region (Trostyanets for Trostianets).
        const w = wordPlaces(g, doc, i);
        c = w.more.length && doc.pos[i] === 'PROPN' ? [...w.c, ...w.more] : w.c;
      } else {
        c = NEVER.has(key) ? [] : g.lookup(key);
        if (c.some((x) => x.via !== 'name')) c = candidatesFor(key, c);
      }
      if (c.length) best = { t0: i, t1: j + 1, key, candidates: c, division: DIVISION_WORDS.has(doc.lower[j]), ...(possessive ? { possessive } : {}) };
      j++;
      if (possessive) break;
      if (words > g.maxWords + 1) break;
    }
    // A slip in a town's name after a locative ("in Sievierdonetsk"): the near misses of the war's region.
    if (!best && i > sent.t0 && /^(in|near|outside|around|from|of|at)$/.test(doc.lower[i - 1]) && doc.pos[i] === 'PROPN' && v.length >= 7 && !(i + 1 < sent.t1 && isCap(doc.value[i + 1]))) {
      const key = foldName(v);
      const c = g.nearMiss(key);
      if (c.length) best = { t0: i, t1: i + 1, key, candidates: c, division: false };
    }
    if (!best) continue;
    if (!keep(doc, best, names)) continue;
    out.push(best);
    i = best.t1 - 1;
  }
  divisionsByPattern(doc, g, out);
  return out;
}

const KIND_WORD = /^(region|regions|province|provinces|oblast|oblasts)$/;

/**
 * Names that the words around make divisions: "the regions of Donetsk and Lugansk", "the Donetsk and
 * Luhansk regions" (a plural kind word after a list).
 */
function divisionsByPattern(doc: Doc, g: Gazetteer, found: Found[]): void {
  const toDivision = (f: Found, t1 = f.t1) => {
    if (f.division) return;
    let c: Candidate[] = g.lookup(`${f.key} region`).filter((x) => x.place.type === 'division');
    // "Lugansk": the division named after the city the name is a variant of.
    if (!c.length) {
      for (const x of f.candidates) {
        const d = x.place.type === 'place' ? g.division(x.place.country, x.place.admin1) : undefined;
        if (d && foldName(d.name).startsWith(foldName(x.place.name).split(' ')[0])) c.push({ place: d, via: x.via });
      }
    }
    if (!c.length) return;
    f.candidates = c;
    f.division = true;
    f.t1 = t1;
  };
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    const L = doc.lower;
    if (L[f.t0 - 1] === 'of' && KIND_WORD.test(L[f.t0 - 2] ?? '')) {
      toDivision(f);
      // "… of Donetsk and Lugansk": the next name in the list too.
      const n = found[k + 1];
      if (n && L[f.t1] === 'and' && n.t0 === f.t1 + 1) toDivision(n);
    }
    // "the Donetsk and Luhansk regions".
    const n = found[k + 1];
    if (n && L[f.t1] === 'and' && n.t0 === f.t1 + 1 && /^(regions|provinces|oblasts)$/.test(L[n.t1] ?? '')) {
      toDivision(f);
      toDivision(n, n.t1 + 1);
    }
    if (/^(regions|provinces|oblasts)$/.test(L[f.t1] ?? '') && !f.division) toDivision(f, f.t1 + 1);
    // "the Luhansk regional governor", "Luhansk governor": the governor of a division.
    if (/^(regional|governor|governor's|governorate)$/.test(L[f.t1] ?? '')) toDivision(f);
  }
}

/** Whether a match is a place and not part of a person's name, an outlet or another proper name. */
function keep(doc: Doc, f: Found, surnameSet: Set<string>): boolean {
  const { t0, t1 } = f;
  const first = doc.lower[t0];
  const sent = doc.sentences[doc.sentOf[t0]];
  const single = t1 - t0 === 1;
  const prev = t0 > sent.t0 ? doc.value[t0 - 1] : '';
  const prevLower = prev.toLowerCase().replace(/\.$/, '');
  // Past a closing quote or bracket: "‘Azov’ regiment", "[Vladimir] Putin".
  let nk = t1;
  while (nk < sent.t1 && /^[’'"”\])]$/.test(doc.value[nk])) nk++;
  const next = nk < sent.t1 ? doc.value[nk] : '';
  if (single && f.key.length < 3 && !f.candidates.some((c) => c.place.type === 'country')) return false;
  if (/^\d/.test(next)) return false; // "Trent 60", a designation
  // "Borisov told reporters": a person speaks; a town speaks only as its government (a capital, a big city).
  if (single && SPEECH.test(next.toLowerCase()) && !f.candidates.some((c) => c.place.type !== 'place' || c.place.feature === 'PPLC' || c.place.feature === 'PPLA' || c.place.population >= 500000)) return false;
  if (prev === '-' && t0 > sent.t0 + 1 && isCap(doc.value[t0 - 2])) return false; // "Coca-Cola"
  if (single && surnameSet.has(first) && !/^(in|near|outside|around|at)$/.test(prevLower)) return false;
  // "Mr Lyman", "President Putin".
  if (TITLES.has(prevLower)) return false;
  if (NOT_PLACE_AFTER.has(next.toLowerCase())) return false;
  // "the Azov and Black seas".
  if (next.toLowerCase() === 'and' && /^(seas|rivers|fleets|regiments|battalions)$/.test(doc.lower[nk + 2] ?? '')) return false;
  if (prevLower === 'of' && /^seas?$/i.test(doc.value[t0 - 2] ?? '')) return false;
  if (single && COMMON_WORDS.has(first)) return false;
  // An adjective is not a place ("Korean", "Soviet"), though places carry such names somewhere.
  if (single && doc.pos[t0] === 'ADJ' && !f.candidates.some((c) => c.place.type === 'country')) return false;
  // Sentence-initial common words ("Split", "Bar"): only a proper noun is a place there.
  if (t0 === sent.t0 && single && doc.pos[t0] !== 'PROPN') return false;
  // Part of a longer proper name: "Vladimir Putin", "Roman Moiseyev", "Kyiv Independent", "European Union".
  if (next && isCap(next) && isWordTok(next) && !PLACE_HEADS.has(next.toLowerCase()) && !FUNCTION_WORDS.has(next.toLowerCase()) && !TITLES.has(next.toLowerCase().replace(/\.$/, '')) && !/^(we|he|she|they|it|i|you|his|her|their|our|its|prime|foreign|defence|defense|deputy)$/i.test(next)) {
    const longer = doc.text.slice(doc.start[t0], doc.end[t1]);
    if (outletByName(longer)) return false;
    // Another place right after ("Kramatorsk Sloviansk" in a list without commas) is rare; a name is not.
    if (!gazetteer().lookup(foldName(next)).length || single) return false;
  }
  // After another capitalised word: "Caroline Davies", "Olena Davis", "Micheál Martin".
  if (prev && isCap(prev) && isWordTok(prev) && !DIRECTIONS.has(prevLower) && !FUNCTION_WORDS.has(prevLower) && !gazetteer().lookup(foldName(prev)).some((c) => c.place.type !== 'place')) return false;

  return true;
}

/** A place named right beside a mention that qualifies it: "Lyman, Donetsk region", "Ukraine's Kharkiv", "in the Kherson region". */
function qualifiers(doc: Doc, g: Gazetteer, f: Found, all: Found[], k: number): Place[] {
  const out: Place[] = [];
  const sent = doc.sentences[doc.sentOf[f.t0]];
  const pick = (o: Found | undefined) => {
    if (!o) return;
    // A country, or words that name a division ("Donetsk region"); a bare "Lviv" is the city, not a qualifier.
    for (const c of o.candidates) if (c.place.type === 'country' || (o.division && c.place.type === 'division')) { out.push(c.place); return; }
  };
  // After the mention, over a list and "in": "Lyman, Donetsk region", "Izium, Ukraine", "Izium in the Kharkiv
  // region", "the villages of Zhuravlyovka and Nekhoteevka in Russia's Belgorod Region".
  let sawIn = false;
  for (let t = f.t1, n = k + 1; t < sent.t1 && t < f.t1 + 12; t++) {
    const w = doc.lower[t];
    const o = all[n];
    if (o && o.t0 === t) {
      if (sawIn || doc.lower[t - 1] === ',') pick(o);
      t = o.t1 - 1;
      n++;
      continue;
    }
    if (w === 'in' || w === 'of') { sawIn = true; continue; }
    if (w === 'and' || w === ',' || w === 'the' || w === "'s" || w === '’s' || isCap(doc.value[t])) continue;
    break;
  }
  const prev = all[k - 1];
  // "Ukraine's Donetsk region", "Russia's Belgorod", "the Kharkiv region's Izium".
  if (prev && prev.possessive && prev.t1 === f.t0) pick(prev);
  else if (prev && doc.sentOf[prev.t0] === doc.sentOf[f.t0] && prev.t1 <= f.t0) {
    const gap = doc.lower.slice(prev.t1, f.t0).join(' ');
    if (/^(['’]s|region ['’]s|oblast ['’]s|['’]s (eastern|western|northern|southern|central|north|south|east|west|[a-z-]+ern) ?(city|town|village|port|region)?( of)?|,)$/.test(gap)) pick(prev);
  }
  return out;
}

interface Scored { place: Place; score: number }

function score(c: Candidate, f: Found, ctx: Context, quals: Place[]): number {
  const p = c.place;
  let s = 0;
  if (p.type === 'country') s += 8;
  else if (p.type === 'division') s += f.division ? 4 : -1.5;
  else if (f.division) s -= 3;
  if (c.via === 'name') s += 1;
  s += 0.5 * Math.log10(p.population + 10);
  if (p.feature === 'PPLC') s += 1.5;
  else if (p.feature === 'PPLA') s += 1;
  else if (p.feature === 'PPLA2') s += 0.5;
  // Countries the article is about, and the war's two countries.
  s += Math.min(3, 1.5 * (ctx.countries.get(p.country) ?? 0));
  if (p.country === 'UA' || p.country === 'RU') s += 1.5;
  // A qualifier beside the mention decides most cases.
  for (const q of quals) {
    if (q.type === 'country') s += q.country === p.country ? 4 : -4;
    else if (q.type === 'division') s += q.country === p.country && q.admin1 === p.admin1 ? 5 : -3;
  }
  // Other places of the article: same division, and nearness.
  if (p.type === 'place') {
    const d = ctx.divisions.get(`${p.country}.${p.admin1}`) ?? 0;
    s += Math.min(3, 1.5 * d);
    // Only whether an anchor is within 40 or 120 km counts: one that is more than 121 km away in latitude
    // alone (a great-circle distance is at least that) need not be measured.
    let near = Infinity;
    for (const o of ctx.anchors) if (o !== p && o.type === 'place' && Math.abs(o.lat - p.lat) * KM_PER_DEGREE <= 121) near = Math.min(near, distanceKm(o, p));
    if (near < 40) s += 2;
    else if (near < 120) s += 1;
  }
  return s;
}

/** Kilometres per degree of latitude on the sphere distanceKm uses (radius 6371 km). */
const KM_PER_DEGREE = (6371 * Math.PI) / 180;

interface Context {
  countries: Map<string, number>;
  divisions: Map<string, number>;
  anchors: Place[];
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Place mentions of a document, geocoded. */
export function findPlaces(doc: Doc): PlaceMention[] {
  const g = gazetteer();
  const found = findNames(doc, g);
  if (!found.length) return [];
  // Context from unambiguous mentions first: countries, divisions, single-candidate places.
  const ctx: Context = { countries: new Map(), divisions: new Map(), anchors: [] };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const seenKeys = new Set<string>();
  for (const f of found) {
    if (seenKeys.has(f.key)) continue;
    seenKeys.add(f.key);
    // Unambiguous: one populated place carries the name (a division or country of the same name aside), or
    // the words name a division or country.
    const towns = f.candidates.filter((c) => c.place.type === 'place');
    const p = f.division || !towns.length ? (f.candidates.find((c) => c.place.type === 'country') ?? (f.candidates.length === 1 ? f.candidates[0] : undefined))?.place : towns.length === 1 ? towns[0].place : undefined;
    if (!p) continue;
    // A small foreign place does not make its country the article's context by itself.
    if (p.type === 'place' && !ALTERNATES_IN.has(p.country) && p.feature !== 'PPLC' && p.population < 500000) continue;
    bump(ctx.countries, p.country);
    if (p.type !== 'country') bump(ctx.divisions, `${p.country}.${p.admin1}`);
    if (p.type === 'place') ctx.anchors.push(p);
  }
  // One sense per name in an article: qualifiers of every mention of a name count for all of them.
  const qualsByKey = new Map<string, Place[]>();
  found.forEach((f, k) => {
    const q = qualifiers(doc, g, f, found, k);
    if (q.length) qualsByKey.set(f.key + (f.division ? '#d' : ''), [...(qualsByKey.get(f.key + (f.division ? '#d' : '')) ?? []), ...q]);
  });
  const decided = new Map<string, { best: Scored | null; confidence: number; n: number }>();
  const out: PlaceMention[] = [];
  // Outside the war's region, a place that is not a capital, a division seat of 100,000 or a city of 500,000
  // needs its country named in the article ("Bali" is not a town in India in an article about Indonesia).
  const plausible = (c: Candidate) => c.place.type !== 'place' || ALTERNATES_IN.has(c.place.country) || c.place.feature === 'PPLC' || (c.place.feature === 'PPLA' && c.place.population >= 100000) || c.place.population >= 500000 || ctx.countries.has(c.place.country);
  for (const f of found) {
    const dk = f.key + (f.division ? '#d' : '');
    let d = decided.get(dk);
    if (!d) {
      const quals = qualsByKey.get(dk) ?? [];
      const scored = f.candidates.filter(plausible).map((c) => ({ place: c.place, score: score(c, f, ctx, quals) })).sort((a, b) => b.score - a.score);
      let best: Scored | null = scored[0] ?? null;
      // The text says where it is ("Novoselivka in the Kharkiv region") and no candidate is there: no guess.
      if (best && best.place.type === 'place' && quals.some((q) => q.type === 'division') && !quals.some((q) => q.type === 'division' && q.country === best!.place.country && q.admin1 === best!.place.admin1)) best = null;
      const margin = best && scored.length > 1 ? best.score - scored[1].score : 6;
      d = { best, confidence: round(Math.min(0.97, 0.5 + margin / 12)), n: scored.length };
      decided.set(dk, d);
      if (best && best.place.type === 'place' && scored.length > 1) ctx.anchors.push(best.place);
    }
    if (!d.best) continue;
    const p = d.best.place;
    const ref: PlaceRef | null = p ? { id: p.id, name: p.name, type: p.type, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon } : null;
    const end = doc.end[f.t1 - 1] - (f.possessive ? 2 : 0);
    out.push({ text: doc.text.slice(doc.start[f.t0], end), start: doc.start[f.t0], end, place: ref, candidates: d.n, confidence: d.confidence });
  }
  return out;
}
