// The gazetteer: places with coordinates and identifiers, from GeoNames (CC BY 4.0), built into
// data/gazetteer.tsv by scripts/build-gazetteer.mjs. Every populated place of Ukraine, Russia, Belarus and
// Moldova in GeoNames' cities500 (more than 500 inhabitants, or a seat of an administrative division), their
// first-level divisions, and elsewhere capitals, division seats and places of 50,000 or more; every country.
// Loaded once, lazily, on the first look-up, and read-only after that: analyze() stays free of global
// mutable state that matters.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editDistance, foldName, softForm, variantKey } from './names.js';

const NEAR_MISS_COUNTRIES = new Set(['UA', 'RU', 'BY', 'MD']);
const EMPTY: readonly Candidate[] = Object.freeze([]);

export type PlaceType = 'place' | 'division' | 'country';

export interface Place {
  /**
   * "geonames:703448" for a populated place, "geonames-admin1:UA.05" for a division ("geonames-admin1:UA.05+UA.14"
   * for a region made of divisions, the Donbas), "iso3166:UA" for a country.
   */
  id: string;
  type: PlaceType;
  name: string;
  /** ISO 3166 code of the country. */
  country: string;
  /** GeoNames first-level division code inside the country ("05" for Donetsk oblast), "" for a country. */
  admin1: string;
  /** GeoNames feature code: PPL, PPLA (division seat), PPLC (capital), ADM1, PCLI. */
  feature: string;
  lat: number;
  lon: number;
  population: number;
}

export interface Candidate {
  place: Place;
  /** Whether the words matched the place's own name, or one of its alternate names (old, foreign, Cyrillic). */
  via: 'name' | 'alternate';
}

export interface Gazetteer {
  /** Places whose name or alternate name folds to this key (see foldName). */
  lookup(key: string): readonly Candidate[];
  /**
   * Places of Ukraine, Russia, Belarus and Moldova whose own name is a near miss of this one-word key (the
   * same consonant skeleton and at most two letters apart: "Sievierdonetsk" for Sievierodonetsk).
   */
  nearMiss(key: string): readonly Candidate[];
  /** Places of the war's region whose name is a transliteration variant of this key (the same soft form: Trostyanets/Trostianets). */
  variants(key: string): readonly Candidate[];
  byId(id: string): Place | undefined;
  /** The first-level division of a place ("UA.05"), or undefined. */
  division(country: string, admin1: string): Place | undefined;
  country(code: string): Place | undefined;
  /** The longest name, in words. */
  readonly maxWords: number;
  readonly size: number;
}

const DIVISION_SUFFIX = /\s+(oblast'?|city|krai|kray|republic|region|voblasc'?|municipality|district)$/i;
const DIVISION_KINDS = ['oblast', 'region', 'province', 'krai', 'kray', 'republic'];
const COUNTRY_ALIASES: Record<string, string[]> = {
  US: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  RU: ['Russian Federation'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  MD: ['Republic of Moldova'],
  KP: ['North Korea'],
  NL: ['Holland', 'The Netherlands'],
  KR: ['South Korea'],
};

let loaded: Gazetteer | null = null;

/** The path of the data file: data/gazetteer.tsv at the project root (two folders above dist/src/). */
export function gazetteerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return process.env.CROSSCHECK_GAZETTEER ?? join(here, '..', '..', 'data', 'gazetteer.tsv');
}

/** The gazetteer, read from disk on the first call. */
export function gazetteer(): Gazetteer {
  if (!loaded) loaded = parseGazetteer(readFileSync(gazetteerPath(), 'utf8'));
  return loaded;
}

/** Builds a gazetteer from the text of data/gazetteer.tsv (or a small table of the same form, for tests). */
export function parseGazetteer(text: string): Gazetteer {
  // key → place number × 2 + (1 when the key is one of the place's own names); one number or an array.
  const index = new Map<string, number | number[]>();
  // soft form (names.ts softForm) → place numbers, for the war's region: computed by the build.
  const soft = new Map<string, number[]>();
  const places: Place[] = [];
  const byId = new Map<string, Place>();
  const divisions = new Map<string, Place>();
  const countries = new Map<string, Place>();
  let maxWords = 1;
  const add = (name: string, n: number, via: Candidate['via'], folded = false) => {
    const key = folded ? name : foldName(name);
    if (!key) return;
    const code = n * 2 + (via === 'name' ? 1 : 0);
    const prev = index.get(key);
    if (prev === undefined) index.set(key, code);
    else if (typeof prev === 'number') { if (prev >> 1 === n) index.set(key, prev | (code & 1)); else index.set(key, [prev, code]); }
    else {
      const k = prev.findIndex((c) => c >> 1 === n);
      if (k >= 0) prev[k] |= code & 1;
      else prev.push(code);
    }
    let words = 1;
    for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) words++;
    if (words > maxWords) maxWords = words;
  };
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (!line || line[0] === '#') continue;
    const f = line.split('\t');
    const kind = f[0];
    const type: PlaceType = kind === 'P' ? 'place' : kind === 'A' || kind === 'R' ? 'division' : 'country';
    const id = kind === 'P' ? `geonames:${f[1]}` : kind === 'A' || kind === 'R' ? `geonames-admin1:${f[1]}` : `iso3166:${f[1]}`;
    const place: Place = { id, type, name: f[2], country: f[3], admin1: f[4], feature: f[5], lat: Number(f[6]), lon: Number(f[7]), population: Number(f[8]) || 0 };
    byId.set(id, place);
    const n = places.push(place) - 1;
    if (type === 'place') {
      // Names come folded from the build (scripts/build-gazetteer.mjs).
      if (f[9]) for (const k of f[9].split('|')) add(k, n, 'name', true);
      else add(place.name, n, 'name');
      if (f[10]) for (const k of f[10].split('|')) add(k, n, 'alternate', true);
      if (f[11]) for (const k of f[11].split('|')) { const l = soft.get(k); if (l) l.push(n); else soft.set(k, [n]); }
    } else if (kind === 'R') {
      // A region made of divisions (the Donbas): its names come folded; "X region" forms added.
      for (const k of f[9].split('|')) { add(k, n, 'name', true); add(`${k} region`, n, 'name', true); }
    } else if (type === 'division') {
      divisions.set(`${place.country}.${place.admin1}`, place);
      const bare = place.name.replace(/^republic of\s+/i, '').replace(DIVISION_SUFFIX, '').trim();
      add(place.name, n, 'name');
      add(bare, n, 'name');
      for (const k of DIVISION_KINDS) add(`${bare} ${k}`, n, 'name');
      // Adjectival forms in local usage: "Donetska oblast", "Kharkivska oblast".
      add(`${bare}ska oblast`, n, 'alternate');
    } else {
      countries.set(place.country, place);
      add(place.name, n, 'name');
      for (const a of COUNTRY_ALIASES[place.country] ?? []) add(a, n, 'name');
    }
  }
  // The skeleton index for near misses is built on the first call only.
  let skeletons: Map<string, string[]> | null = null;
  const nearMiss = (key: string): Candidate[] => {
    if (!skeletons) {
      skeletons = new Map();
      for (const [k, v] of index) {
        if (k.includes(' ') || k.length < 6) continue;
        const codes = typeof v === 'number' ? [v] : v;
        if (!codes.some((c) => c & 1 && NEAR_MISS_COUNTRIES.has(places[c >> 1].country))) continue;
        const sk = variantKey(k);
        const list = skeletons.get(sk);
        if (list) list.push(k);
        else skeletons.set(sk, [k]);
      }
    }
    const out: Candidate[] = [];
    for (const k of skeletons.get(variantKey(key)) ?? []) {
      if (editDistance(k, key, 2) > 2) continue;
      const v = index.get(k)!;
      for (const c of typeof v === 'number' ? [v] : v) if (c & 1 && NEAR_MISS_COUNTRIES.has(places[c >> 1].country)) out.push({ place: places[c >> 1], via: 'alternate' });
    }
    return out;
  };
  // Candidate lists are built once per key and shared (read-only).
  const memo = new Map<string, readonly Candidate[]>();

  const variantMemo = new Map<string, readonly Candidate[]>();
  const variants = (key: string): readonly Candidate[] => {
    let hit = variantMemo.get(key);
    if (!hit) {
      hit = Object.freeze((soft.get(softForm(key)) ?? []).map((n): Candidate => Object.freeze({ place: places[n], via: 'alternate' })));
      variantMemo.set(key, hit);
    }
    return hit;
  };
  return {
    nearMiss,
    variants,
    lookup: (key) => {
      const v = index.get(key);
      if (v === undefined) return EMPTY;
      let hit = memo.get(key);
      if (!hit) {
        const codes = typeof v === 'number' ? [v] : v;
        hit = Object.freeze(codes.map((c): Candidate => Object.freeze({ place: places[c >> 1], via: c & 1 ? 'name' : 'alternate' })));
        memo.set(key, hit);
      }
      return hit;
    },
    byId: (id) => byId.get(id),
    division: (country, admin1) => divisions.get(`${country}.${admin1}`),
    country: (code) => countries.get(code),
    maxWords,
    size: byId.size,
  };
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
