#!/usr/bin/env node
// Geocoding precision and recall on the hand-checked table of place mentions (test/fixtures/place-mentions.tsv),
// each looked up in its article of ../shared/corpora/ukraine-media and run through the whole analyzer.
// Usage: npm run build && node eval/places.mjs [--errors]   (CROSSCHECK_SHARED when the shared folder is not ../shared)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CROSSCHECK_SHARED ?? join(root, '..', 'shared');
const corpus = join(shared, 'corpora', 'ukraine-media');
if (!existsSync(corpus)) { console.error(`eval: no corpus at ${corpus}; set CROSSCHECK_SHARED to the shared folder`); process.exit(2); }
const { readInput } = await import(join(root, 'dist/src/ingest/index.js'));
const { prepareArticle } = await import(join(root, 'dist/src/ingest/article.js'));
const { analyzeArticle } = await import(join(root, 'dist/src/pipeline.js'));

const rows = readFileSync(join(root, 'test/fixtures/place-mentions.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map((l) => {
  const [file, line, url, mention, occurrence, expected, note] = l.split('\t');
  return { file, line: Number(line), url, mention, occurrence: Number(occurrence), expected, note };
});

// The articles the table needs, by file and row.
const wanted = new Map();
for (const r of rows) { if (!wanted.has(r.file)) wanted.set(r.file, new Set()); wanted.get(r.file).add(r.line); }
const articles = new Map();
for (const [file, set] of wanted) {
  for await (const item of readInput({ path: join(corpus, file), explicit: true })) {
    if ('error' in item || !set.has(item.article.source.line)) continue;
    const a = prepareArticle(item.article);
    if ('id' in a) articles.set(`${file}#${a.source.line}`, { article: a, record: analyzeArticle(a) });
  }
}

let predicted = 0, correct = 0, places = 0, inGazetteer = 0, correctInGazetteer = 0, falsePositives = 0;
const errors = [];
for (const r of rows) {
  const hit = articles.get(`${r.file}#${r.line}`);
  if (!hit) { errors.push(`${r.file}#${r.line} ${r.mention}: article not found`); continue; }
  const text = hit.article.text;
  let at = -1;
  for (let k = 0; k <= r.occurrence; k++) { at = text.indexOf(r.mention, at + 1); if (at < 0) break; }
  if (at < 0) { errors.push(`${r.file}#${r.line} ${r.mention}: occurrence ${r.occurrence} not in the text`); continue; }
  const m = (hit.record.mentions ?? []).find((x) => x.kind === 'place' && x.start < at + r.mention.length && x.end > at);
  const got = m?.place?.id ?? null;
  if (got) predicted++;
  if (r.expected !== 'none') places++;
  if (r.expected !== 'none' && r.expected !== 'absent') inGazetteer++;
  const ok = got !== null && got === r.expected;
  if (ok) { correct++; correctInGazetteer++; }
  if (got && !ok) falsePositives++;
  if (!ok && !(got === null && r.expected === 'none')) errors.push(`${r.mention} (${r.file}#${r.line}): expected ${r.expected}, got ${got ?? 'nothing'}${r.note ? `  [${r.note}]` : ''}`);
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-');
console.log(`${rows.length} mentions (${places} of places, ${inGazetteer} of places the gazetteer holds, ${rows.length - places} of no place)`);
console.log(`precision ${pct(correct, predicted)}  (${correct} right of ${predicted} geocoded)`);
console.log(`recall    ${pct(correct, places)}  (${correct} of ${places} places; ${pct(correctInGazetteer, inGazetteer)} of the ${inGazetteer} the gazetteer holds)`);
if (process.argv.includes('--errors')) for (const e of errors) console.log('  ' + e);
