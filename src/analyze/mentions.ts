// Mentions of people (with titles and roles), organisations, news outlets and agencies, military units and
// places, and what each resolves to inside the article: surname-only and title forms ("Mr Zheleznyak",
// "President Zelensky") to the fullest name the article gives, spelling slips and transliterations of one
// name ("Vladmir Putin", "Zelenskiy"/"Zelensky") to its most used spelling, outlets to the curated table,
// places to the gazetteer (found by places.ts).
import type { Mention, PlaceMention } from '../model.js';
import { foldName, sameWord, variantKey } from '../names.js';
import { OUTLETS, outletByName } from '../outlets.js';
import type { Doc } from './nlp.js';
import { isCap, isWordTok, perWordFlags, tokenAt } from './nlp.js';

const TITLE_WORDS = new Set(['national', 'correspondent', 'reporter', 'editor', 'director', 'spokesperson', 'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'president', 'vice', 'prime', 'minister', 'deputy',
  'foreign', 'defence', 'defense', 'secretary', 'general', 'lieutenant', 'lt', 'colonel', 'col', 'major', 'maj', 'captain', 'capt',
  'sergeant', 'sgt', 'private', 'corporal', 'commander', 'admiral', 'senator', 'sen', 'rep', 'governor', 'gov', 'mayor', 'chief',
  'spokesman', 'spokeswoman', 'ambassador', 'chancellor', 'premier', 'pope', 'patriarch', 'king', 'queen', 'prince', 'princess',
  'judge', 'speaker', 'commissioner', 'marshal', 'field', 'brigadier', 'staff', 'interior', 'economy', 'finance', 'health', 'state']);
const NOT_NAME = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'in', 'on', 'at', 'of', 'for', 'to', 'by', 'with', 'from', 'as', 'if', 'it',
  'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those', 'there', 'here', 'when', 'while',
  'after', 'before', 'during', 'since', 'what', 'who', 'how', 'why', 'where', 'yes', 'no', 'not', 'so', 'then', 'now', 'today',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'russian', 'ukrainian', 'russians', 'ukrainians',
  'american', 'british', 'european', 'western', 'soviet', 'nazi', 'nazis', 'chechen', 'belarusian', 'polish', 'german', 'french',
  'god', 'christ', 'covid', 'english', 'breaking', 'live', 'updated', 'read', 'more', 'watch', 'video', 'photo', 'image', 'getty',
  'images', 'reuters', 'ap', 'afp', 'epa', 'shutterstock', 'rex', 'pa', 'update', 'news', 'mail', 'story', 'click', 'share']);
/** Last words of proper names that are not people. */
const NON_PERSON_HEADS = new Set(['stadium', 'house', 'sea', 'island', 'bridge', 'cup', 'day', 'street', 'square', 'airport', 'plant',
  'station', 'war', 'wars', 'army', 'navy', 'church', 'cathedral', 'palace', 'hall', 'park', 'river', 'lake', 'mountains', 'hills',
  'forest', 'region', 'oblast', 'republic', 'federation', 'kingdom', 'states', 'union', 'nations', 'games', 'olympics', 'league',
  'prize', 'award', 'act', 'law', 'treaty', 'accords', 'agreement', 'summit', 'forum', 'festival', 'operation', 'order', 'cross',
  'channel', 'times', 'post', 'news', 'press', 'journal', 'telegraph', 'guardian', 'mirror', 'express', 'today', 'tv', 'radio',
  'online', 'gazette', 'herald', 'tribune', 'review', 'magazine', 'network', 'media', 'brigade', 'battalion', 'regiment', 'division',
  'corps', 'group', 'fleet', 'company', 'corporation', 'inc', 'ltd', 'bank', 'fund', 'party', 'movement', 'front', 'legion', 'force',
  'forces', 'guard', 'guards', 'service', 'services', 'ministry', 'council', 'committee', 'commission', 'office', 'agency',
  'administration', 'department', 'directorate', 'institute', 'university', 'school', 'academy', 'court', 'parliament', 'assembly',
  'duma', 'rada', 'kremlin', 'pentagon', 'police', 'command', 'headquarters', 'organisation', 'organization', 'foundation', 'centre',
  'center', 'project', 'initiative', 'program', 'programme', 'system', 'systems', 'missile', 'missiles', 'tank', 'tanks', 'plan',
  'doctrine', 'declaration', 'square', 'avenue', 'road', 'highway', 'line', 'zone', 'corridor', 'pipeline', 'stream', 'nord', 'oil',
  'gas', 'energy', 'airlines', 'airways', 'club', 'team', 'fc', 'instagram', 'telegram', 'facebook', 'twitter', 'youtube', 'tiktok']);
const ORG_HEADS = new Set(['ministry', 'council', 'service', 'services', 'agency', 'committee', 'commission', 'office', 'organisation',
  'organization', 'union', 'nations', 'forces', 'army', 'navy', 'guard', 'police', 'parliament', 'duma', 'rada', 'court', 'bank', 'fund',
  'party', 'administration', 'directorate', 'department', 'institute', 'command', 'staff', 'government', 'assembly', 'foundation',
  'federation', 'alliance', 'movement', 'company', 'corporation', 'programme', 'program', 'watch', 'international', 'intelligence',
  'prosecutor', "prosecutor's", 'bureau', 'authority', 'authorities', 'cabinet', 'presidency', 'secretariat', 'mission', 'red', 'crescent']);
const ORG_SINGLE = new Set(['kremlin', 'pentagon', 'duma', 'rada', 'gazprom', 'rosatom', 'roscosmos', 'interpol', 'europol', 'unicef', 'nato',
  'un', 'eu', 'sbu', 'fsb', 'gru', 'svr', 'osce', 'iaea', 'unhcr', 'who', 'icrc', 'ohchr', 'imf', 'g7', 'g20', 'opec', 'fbi', 'cia', 'nsa',
  'mod', 'hur', 'gur', 'rosgvardia', 'amnesty', 'hrw', 'unesco', 'wfp', 'oecd', 'icc', 'icj', 'asean', 'csto']);
const ORG_ACRONYMS = new Set(['NATO', 'UN', 'EU', 'SBU', 'FSB', 'GRU', 'SVR', 'OSCE', 'IAEA', 'UNHCR', 'ICRC', 'OHCHR', 'IMF', 'G7', 'G20', 'OPEC',
  'FBI', 'CIA', 'NSA', 'MoD', 'HUR', 'GUR', 'HRW', 'UNESCO', 'WFP', 'OECD', 'ICC', 'ICJ', 'CSTO', 'UNICEF', 'WHO']);
const CONNECTORS = new Set(['of', 'for', 'and', 'on', 'the', '&']);
const UNIT_RE = /\b(?:the\s+)?(\d{1,4})(?:st|nd|rd|th)\s+((?:[\p{L}-]+\s+){0,6}?)(brigade|battalion|regiment|division|army|corps|fleet|detachment|squadron|flotilla|company)\b/giu;
const NAMED_UNIT_RE = /\b(?:the\s+)?(Wagner(?:\s+(?:group|PMC|mercenary group|private military company))?|Azov(?:\s+(?:battalion|regiment|brigade))?|Aidar\s+battalion|Kadyrovites|Kadyrovtsy|Black Sea Fleet|Baltic Fleet|Northern Fleet|Pacific Fleet|Russian Volunteer Corps|Freedom of Russia Legion|International Legion|Territorial Defen[cs]e(?:\s+Forces)?|National Guard of Ukraine|Rosgvardia|Spetsnaz|Right Sector)\b/giu;
/** Words without which NAMED_UNIT_RE cannot match. */
const UNIT_WORDS = new Set(['wagner', 'azov', 'aidar', 'kadyrovites', 'kadyrovtsy', 'fleet', 'corps', 'legion', 'defence', 'defense', 'guard', 'rosgvardia', 'spetsnaz', 'sector']);
const UNIT_DROP = new Set(['separate', 'independent', 'guards', 'guard', 'the', 'of', 'russian', 'ukrainian', 'federation', 'red', 'banner', 'order']);
const stem = (w: string) => w.replace(/^motori[sz]ed$|^motor$/, 'motor').replace(/^mechani[sz]ed$/, 'mech').replace(/^defen[cs]e$/, 'defence').replace(/^(?:airborne|air-assault|air assault)$/, 'airborne').replace(/s$/, '');

/** First words of the curated outlets' names and aliases ("the", "interfax", "cnn"). */
const OUTLET_FIRST_WORDS = new Set(OUTLETS.flatMap((o) => [o.name, ...o.aliases]).map((n) => n.toLowerCase().split(/[\s-]+/)[0]));

// What the scans below ask of each word, once per distinct word (src/analyze/nlp.ts, perWord).
const CAP = 1;
const WORD = 2;
/** Capitals, digits and "&" only ("BBC", "G7"). */
const CAPS = 4;
/** An ordinal that can number a unit ("34th"). */
const ORDINAL = 8;
/** A title or rank ("President", "Gen."). */
const TITLE = 16;
/** Ends in a possessive ("Ukraine's"). */
const POSS = 32;
/** A word that is never part of a person's name (NOT_NAME). */
const NOT_NAME_WORD = 64;
/** Two or more capitals and nothing else ("NATO"). */
const ACRONYM = 128;
const wordFlags = perWordFlags((v, lower) =>
  (isCap(v) ? CAP : 0) | (isWordTok(v) ? WORD : 0) | (/^[A-Z0-9&]+$/.test(v) ? CAPS : 0) | (/^\d{1,4}(st|nd|rd|th)$/.test(lower) ? ORDINAL : 0) |
  (TITLE_WORDS.has(lower.replace(/\.$/, '')) ? TITLE : 0) | (/['’]s$/.test(v) ? POSS : 0) | (NOT_NAME.has(v.toLowerCase()) ? NOT_NAME_WORD : 0) |
  (/^[A-Z]{2,}$/.test(v) ? ACRONYM : 0));

/** The key of a unit: its number, kind and descriptive words ("34 brigade motor rifle"). */
export function unitKey(text: string): string {
  const m = /(\d{1,4})(?:st|nd|rd|th)\s+(.*?)\s*(brigade|battalion|regiment|division|army|corps|fleet|detachment|squadron|flotilla|company)\b/i.exec(text);
  if (!m) return foldName(text.replace(/^the\s+/i, '')).replace(/\s+(group|pmc|mercenary group|private military company)$/, '');
  const words = foldName(m[2]).split(' ').filter((w) => w && !UNIT_DROP.has(w)).map(stem);
  return `${m[1]} ${m[3].toLowerCase()}${words.length ? ' ' + words.join(' ') : ''}`;
}

interface Run { t0: number; t1: number }

/** Runs of capitalised words in a sentence, with "of", "for", "and", "the" inside when a capital follows. */
function capitalRuns(doc: Doc, t0: number, t1: number): Run[] {
  const runs: Run[] = [];
  let i = t0;
  while (i < t1) {
    if ((wordFlags(doc, i) & (CAP | WORD)) !== (CAP | WORD) && !(doc.value[i] === '-' && i > t0)) { i++; continue; }
    let j = i;
    while (j < t1) {
      const v = doc.value[j];
      const f = wordFlags(doc, j);
      if (f & CAP && f & (WORD | CAPS)) { j++; continue; }
      if ((v === '-' || v === '.') && j + 1 < t1 && wordFlags(doc, j + 1) & CAP && j > i) { j++; continue; }
      if (CONNECTORS.has(doc.lower[j]) && j + 1 < t1 && wordFlags(doc, j + 1) & CAP && j > i) { j++; continue; }
      break;
    }
    if (j > i) runs.push({ t0: i, t1: j });
    i = Math.max(j, i + 1);
  }
  return runs;
}

interface Draft extends Mention { t0: number; t1: number; surname?: string }

/** Mentions in a document, places included (found and geocoded beforehand by places.ts). */
export function findMentions(doc: Doc, places: PlaceMention[]): Mention[] {
  const text = doc.text;
  const out: Draft[] = [];
  const taken = new Uint8Array(doc.n);
  const tokRange = (start: number, end: number): [number, number] => {
    const a = tokenAt(doc, start);
    let b = a;
    while (b < doc.n && doc.start[b] < end) b++;
    return [a, b];
  };
  const take = (a: number, b: number) => { for (let k = a; k < b; k++) taken[k] = 1; };
  const free = (a: number, b: number) => { for (let k = a; k < b; k++) if (taken[k]) return false; return true; };

  // Units first: "34th separate motorized rifle brigade", "the Wagner group" (the patterns run only when a
  // token could start one: an ordinal, or a word of a named unit).
  let ordinal = false;
  let named = false;
  for (let k = 0; k < doc.n && !(ordinal && named); k++) {
    const w = doc.lower[k];
    if (!ordinal && wordFlags(doc, k) & ORDINAL) ordinal = true;
    else if (!named && UNIT_WORDS.has(w)) named = true;
  }
  for (const re of [ordinal ? UNIT_RE : null, named ? NAMED_UNIT_RE : null]) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m; (m = re.exec(text)); ) {
      const start = m.index + (m[0].length - m[0].replace(/^the\s+/i, '').length);
      const end = m.index + m[0].length;
      const [a, b] = tokRange(start, end);
      if (!free(a, b)) continue;
      const t = text.slice(start, end);
      take(a, b);
      out.push({ kind: 'unit', text: t, name: t, key: unitKey(t), start, end, resolution: 'self', confidence: re === UNIT_RE ? 0.9 : 0.85, t0: a, t1: b });
    }
  }
  // Places, as places.ts found them.
  for (const p of places) {
    const [a, b] = tokRange(p.start, p.end);
    if (!free(a, b)) continue;
    take(a, b);
    out.push({ kind: 'place', text: p.text, name: p.place?.name ?? p.text, key: p.place?.id ?? `place:${foldName(p.text)}`, start: p.start, end: p.end, resolution: p.place ? 'gazetteer' : 'self', confidence: p.place ? p.confidence : 0.3, place: p.place, t0: a, t1: b });
  }
  // Capitalised runs: outlets, organisations, people.
  for (const s of doc.sentences) {
    for (const run of capitalRuns(doc, s.t0, s.t1)) {
      let { t0, t1 } = run;
      // Split at tokens already taken (a place inside "Mariupol City Council" stays a place; the council is an
      // organisation), except that an organisation keeps "of" and its place: "Security Service of Ukraine".
      for (let k = t0; k <= t1; k++) {
        if (k === t1 || taken[k]) {
          if (k < t1 && k - 2 >= t0 && doc.lower[k - 1] === 'of' && ORG_HEADS.has(doc.lower[k - 2])) {
            while (t0 < k - 2 && NOT_NAME.has(doc.lower[t0])) t0++;
            let e = k;
            while (e < t1 && taken[e]) e++;
            const name = doc.text.slice(doc.start[t0], doc.end[e - 1]).replace(/^the\s+/i, '');
            out.push({ kind: 'organisation', text: doc.text.slice(doc.start[t0], doc.end[e - 1]), name, key: `org:${foldName(name)}`, start: doc.start[t0], end: doc.end[e - 1], resolution: 'self', confidence: 0.8, t0, t1: e });
            for (let x = t0; x < k; x++) taken[x] = 1;
            t0 = e;
            k = e - 1;
            continue;
          }
          if (k > t0) classify(doc, t0, k, s.t0, out, taken);
          t0 = k + 1;
        }
      }
    }
  }
  out.sort((a, b) => a.start - b.start);
  resolvePeople(out);
  return out.map(({ t0: _a, t1: _b, surname: _c, ...m }) => m);
}

function classify(doc: Doc, t0: number, t1: number, sentStart: number, out: Draft[], taken: Uint8Array): void {
  // Drop leading sentence-initial function words and trailing possessives: "The", "In", "But".
  while (t0 < t1 && (NOT_NAME.has(doc.lower[t0]) && !(t0 + 1 < t1 && outletByName(doc.text.slice(doc.start[t0], doc.end[t1 - 1]))))) t0++;
  while (t1 > t0 && (CONNECTORS.has(doc.lower[t1 - 1]) || doc.value[t1 - 1] === '-' || doc.value[t1 - 1] === '.')) t1--;
  if (t1 <= t0) return;
  const span = (a: number, b: number) => doc.text.slice(doc.start[a], doc.end[b - 1]);
  const push = (m: Omit<Draft, 'start' | 'end' | 't0' | 't1'>, a: number, b: number) => {
    for (let k = a; k < b; k++) taken[k] = 1;
    out.push({ ...m, start: doc.start[a], end: doc.end[b - 1], t0: a, t1: b });
  };
  // Outlets: the longest sub-run the table knows ("The Mirror", "Interfax-Ukraine", "CNN"), from a word that
  // starts an outlet's name.
  for (let a = t0; a < t1; a++) {
    if (!OUTLET_FIRST_WORDS.has(doc.lower[a])) continue;
    for (let b = Math.min(t1, a + 6); b > a; b--) {
      const words = span(a, b);
      const o = outletByName(words);
      if (o && (b - a > 1 || words.length > 2 || /^[A-Z]+$/.test(words))) {
        if (a > t0) classify(doc, t0, a, sentStart, out, taken);
        push({ kind: 'outlet', text: words, name: o.name, key: `outlet:${o.name}`, resolution: 'table', confidence: 0.9, outletKind: o.kind }, a, b);
        if (b < t1) classify(doc, b, t1, sentStart, out, taken);
        return;
      }
    }
  }
  const words = doc.lower.slice(t0, t1);
  const last = words[words.length - 1];
  const value = span(t0, t1);
  // "Biden and Putin": a list, unless the whole is an organisation ("National Security and Defense Council").
  const and = words.indexOf('and');
  if (and > 0 && !ORG_HEADS.has(last)) {
    classify(doc, t0, t0 + and, sentStart, out, taken);
    classify(doc, t0 + and + 1, t1, sentStart, out, taken);
    return;
  }
  // Organisations: a head noun last or first ("Security Service of Ukraine", "Ministry of Defence"), a known acronym or name.
  if (ORG_HEADS.has(last) || (ORG_HEADS.has(words[0]) && words.includes('of')) || (t1 - t0 === 1 && (ORG_SINGLE.has(last) || ORG_ACRONYMS.has(doc.value[t0])))) {
    if (t1 - t0 === 1 && t0 === sentStart && !ORG_SINGLE.has(last)) return;
    push({ kind: 'organisation', text: value, name: value.replace(/^the\s+/i, ''), key: `org:${foldName(value.replace(/^the\s+/i, ''))}`, resolution: 'self', confidence: 0.75 }, t0, t1);
    return;
  }
  // People: a possessor first ("Ukraine's President …" when the place was not split off), titles, then two to
  // four name words.
  let a = t0;
  for (let k = t0; k < t1 - 1; k++) if (wordFlags(doc, k) & POSS) a = k + 1;
  // Words before a title are not the name either ("Ukranian President Volodymyr Zelensky", a misspelt adjective).
  for (let k = a + 1; k < t1 - 1; k++) if (wordFlags(doc, k) & TITLE && !(wordFlags(doc, k - 1) & TITLE)) a = k;
  if (a > t0 && a < t1) t0 = a;
  const titles: string[] = [];
  while (a < t1 && wordFlags(doc, a) & TITLE) titles.push(doc.value[a++]);
  if (a >= t1 || t1 - a > 4) return;
  for (let k = a; k < t1; k++) if ((wordFlags(doc, k) & (NOT_NAME_WORD | WORD | ACRONYM)) !== WORD) return;
  if (NON_PERSON_HEADS.has(doc.value[t1 - 1].toLowerCase())) return;
  const nameWords = doc.value.slice(a, t1);
  if (nameWords.length === 1 && !titles.length) {
    // A lone capitalised word is a person only as the surname of someone the article names (resolved below).
    if (doc.pos[a] !== 'PROPN') return;
    push({ kind: 'person', text: value, name: value, key: '', resolution: 'surname', confidence: 0.5, surname: nameWords[0] }, a, t1);
    return;
  }
  if (nameWords.some((_, k) => doc.pos[a + k] !== 'PROPN' && doc.pos[a + k] !== 'NOUN' && doc.pos[a + k] !== 'ADJ')) return;
  const name = nameWords.join(' ');
  const title = titles.length ? titles.join(' ') : undefined;
  const role = roleBefore(doc, t0, sentStart);
  push({ kind: 'person', text: span(t0, t1), name, key: '', resolution: 'self', confidence: titles.length ? 0.9 : 0.7, ...(title ? { title } : {}), ...(role ? { role } : {}), surname: nameWords[nameWords.length - 1] }, t0, t1);
}

/** Role words ("expert", "spokesman"), the last word of a role before a name. */
const ROLE = /^(expert|analyst|spokesman|spokeswoman|spokesperson|commander|soldier|officer|official|adviser|advisor|aide|minister|president|governor|mayor|correspondent|journalist|reporter|director|chief|head|leader|signalman|sniper|blogger|activist|lawmaker|diplomat|ambassador|general|colonel|captain|sergeant|lieutenant)$/;
/** A role in lower case right before a name: "military expert", "spokesman for the ministry". */
function roleBefore(doc: Doc, t0: number, floor: number): string | undefined {
  let k = t0;
  while (k > floor && (doc.pos[k - 1] === 'ADJ' || doc.pos[k - 1] === 'NOUN') && t0 - k < 3) k--;
  if (k === t0) return undefined;
  const words = doc.lower.slice(k, t0);
  if (!ROLE.test(words[words.length - 1])) return undefined;
  return words.join(' ');
}

/** Surname-only and title forms to the fullest name with that surname; spellings of one name to the most used. */
function resolvePeople(ms: Draft[]): void {
  const people = ms.filter((m) => m.kind === 'person');
  const full = people.filter((m) => m.name.split(' ').length > 1 || m.title);
  // Group full names that are one person: same surname (or a variant) and compatible first names.
  const groups: Draft[][] = [];
  for (const m of full) {
    const w = m.name.split(' ');
    const g = groups.find((gr) => {
      const o = gr[0].name.split(' ');
      if (!sameWord(o[o.length - 1], w[w.length - 1])) return false;
      if (o.length === 1 || w.length === 1) return true;
      return sameWord(o[0], w[0]) !== null || o[0][0] === w[0][0] && (o[0].endsWith('.') || w[0].endsWith('.'));
    });
    if (g) g.push(m);
    else groups.push([m]);
  }
  for (const g of groups) {
    // The canonical name: the most frequent of the longest spellings.
    const count = new Map<string, number>();
    for (const m of g) count.set(m.name, (count.get(m.name) ?? 0) + 1);
    const longest = Math.max(...g.map((m) => m.name.split(' ').length));
    const best = [...count].filter(([n]) => n.split(' ').length === longest).sort((a, b) => b[1] - a[1])[0][0];
    for (const m of g) {
      if (m.name !== best) m.resolution = m.name.split(' ').length === longest ? 'self' : 'surname';
      m.name = best;
      m.key = `person:${foldName(best)}`;
    }
  }
  // Lone surnames: to the group whose surname they match, else dropped (a capitalised word is not enough).
  // Compared by folded form and skeleton first: most capitalised words match no one.
  const keyed = groups.map((gr) => { const w = gr[0].name.split(' '); const last = w[w.length - 1]; return { gr, multi: w.length > 1, last, fold: foldName(last), skel: variantKey(last) }; });
  const seen = new Map<string, Draft[] | null>();
  for (const m of people) {
    if (m.key) continue;
    const word = m.surname ?? m.text;
    let g = seen.get(word);
    if (g === undefined) {
      const f = foldName(word);
      const sk = variantKey(f);
      const hit = keyed.find((k) => k.multi && (k.fold === f || (k.skel === sk && sameWord(k.last, word) !== null)));
      g = hit ? hit.gr : null;
      seen.set(word, g);
    }
    if (g) { m.name = g[0].name; m.key = g[0].key; m.confidence = 0.8; }
    else m.kind = 'drop' as never;
  }
  for (let k = ms.length - 1; k >= 0; k--) if ((ms[k].kind as string) === 'drop') ms.splice(k, 1);
}
