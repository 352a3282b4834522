// Scale: ingest and link N articles (default 100,000) made by resampling a corpus with edits, through the
// real pipeline (read, clean, analyze, store, link), in one store. Prints figures; asserts nothing.
//
//   npm run bench:scale                       # 100,000 articles from ../shared/corpora/ukraine-media
//   npm run bench:scale -- --articles 5000    # a short run
//   npm run bench:scale -- --db PATH          # keep the store at PATH (a new file) instead of deleting it
//
// Each article is a corpus article drawn at random (seeded), then edited so that copies are not all exact:
// every copy gets its own URL, a date up to three days later and a footer line of its own; half of them also
// lose a paragraph and have about 3% of their words replaced by words from another article.
// The cost per article "at 10,000" is measured over articles 5,000-10,000 and "at 100,000" over articles
// 94,000-99,000 of the same run (windows of 5% of N ending at 10% and 99% of N, away from the final refresh).
// Wall time is what costRatio100kVs10k uses; the CPU time of the process is printed beside it, since on a
// machine shared with other work the wall time per article moves with their load.
// The last line is a JSON object: articles, seconds, articlesPerSecond, peakRssMB, costRatio100kVs10k.
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPaths, readInput } from '../dist/src/ingest/index.js';
import { ingestPaths } from '../dist/src/pipeline.js';
import { defaultAnalysisThreads } from '../dist/src/analysis.js';
import { SqliteStore } from '../dist/src/store/sqlite/index.js';
import { corpusDir, opt } from './args.mjs';

const N = Number(opt('articles', 100_000));
const corpus = corpusDir();
const dbPath = opt('db', null);
if (dbPath != null && existsSync(dbPath)) { console.error(`${dbPath} exists: --db takes the path of a new store`); process.exit(2); }

// A seeded generator (mulberry32), so that every run makes the same articles.
let seed = Number(opt('seed', 20221123)) >>> 0;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const base = [];
for await (const input of expandPaths([corpus], () => {}, () => {})) {
  for await (const item of readInput(input, {})) if ('article' in item && item.article.raw.trim()) base.push(item.article);
}
console.error(`${base.length} corpus articles to resample into ${N}`);

function edit(a, i) {
  let text = a.raw;
  if (rand() < 0.5) {
    const paras = text.split(/\n\s*\n/);
    if (paras.length >= 4) paras.splice(1 + Math.floor(rand() * (paras.length - 1)), 1);
    const donor = pick(base).raw.split(/\s+/);
    text = paras.join('\n\n').replace(/\S+/g, (w) => (rand() < 0.03 ? pick(donor) : w));
  }
  const date = a.date && /^\d{4}-\d{2}-\d{2}/.test(a.date) ? new Date(Date.parse(a.date.slice(0, 10)) + Math.floor(rand() * 4) * 86400_000).toISOString().slice(0, 10) : a.date;
  return { title: a.title, text: `${text}\n\nResampled copy ${i} for the scale benchmark.`, url: `${a.url && /^https?:/.test(a.url) ? a.url : 'https://resample.test/a'}#copy-${i}`, date, outlet: a.outlet };
}

const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-scale-'));
try {
  // A folder of JSON Lines files of 1,000 articles each, the way a feed is collected.
  const folder = join(tmp, 'articles');
  mkdirSync(folder);
  for (let f = 0; f * 1000 < N; f++) {
    const out = createWriteStream(join(folder, `part-${String(f).padStart(4, '0')}.jsonl`));
    for (let i = f * 1000; i < Math.min(N, (f + 1) * 1000); i++) if (!out.write(JSON.stringify(edit(pick(base), i)) + '\n')) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }

  const store = new SqliteStore(dbPath ?? join(tmp, 'scale.db'));
  const marks = { [Math.round(0.05 * N)]: null, [Math.round(0.1 * N)]: null, [Math.round(0.94 * N)]: null, [Math.round(0.99 * N)]: null };
  const cpuMarks = {};
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const every = Number(opt('every', 10_000));
  let next = every;
  let last = { t: t0, cpu: 0, n: 0 };
  const s = await ingestPaths(store, [folder], {
    analysisThreads: Number(opt('threads', defaultAnalysisThreads())),
    onProgress: (p) => {
      if (p.articles in marks && marks[p.articles] == null) {
        marks[p.articles] = Date.now();
        const u = process.cpuUsage();
        cpuMarks[p.articles] = (u.user + u.system) / 1000;
      }
      if (p.articles >= next) {
        const now = Date.now();
        const u = process.cpuUsage(cpu0);
        const cpuMs = (u.user + u.system) / 1000;
        const n = p.articles - last.n;
        console.error(`${p.articles} articles, ${((now - t0) / 1000).toFixed(0)} s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB; last ${n}: ${((now - last.t) / n).toFixed(2)} ms wall, ${((cpuMs - last.cpu) / n).toFixed(2)} ms CPU an article`);
        last = { t: now, cpu: cpuMs, n: p.articles };
        next += every;
      }
    },
  });
  const seconds = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const [a, b, c, d] = Object.keys(marks).map(Number).sort((x, y) => x - y);
  const cost10k = (marks[b] - marks[a]) / (b - a);
  const cost100k = (marks[d] - marks[c]) / (d - c);
  const cpu10k = (cpuMarks[b] - cpuMarks[a]) / (b - a);
  const cpu100k = (cpuMarks[d] - cpuMarks[c]) / (d - c);
  const stats = await store.stats();
  const reuse = store.db.prepare('SELECT count(*) FROM reuse').pluck().get();
  const statements = store.db.prepare('SELECT count(*), sum(reports > 1) FROM statements').raw().get();
  const conflicts = store.db.prepare('SELECT count(*) FROM quantity_groups WHERE conflict = 1').pluck().get();
  await store.close();
  const stored = s.new + s.versions;
  console.log(`stored ${stored} articles (${s.unchanged} unchanged, ${s.failed} failed): ${stats.attributions} attributions, ${stats.quantities} quantities`);
  console.log(`linked: ${reuse} reuse pairs, ${statements[0]} statements (${statements[1]} reported more than once), ${conflicts} conflicts`);
  console.log(`cost per article: ${cost10k.toFixed(2)} ms over articles ${a}-${b}, ${cost100k.toFixed(2)} ms over articles ${c}-${d} (CPU time: ${cpu10k.toFixed(2)} and ${cpu100k.toFixed(2)} ms, ratio ${(cpu100k / cpu10k).toFixed(2)})`);
  console.log(`phases, wall (CPU) seconds: ${Object.keys(s.phases).map((k) => `${k} ${s.phases[k].toFixed(1)} (${s.cpuPhases[k].toFixed(1)})`).join(', ')}`);
  console.log(`CPU time of this process: ${cpuSeconds.toFixed(0)} s in ${seconds.toFixed(0)} s (on a machine others share, wall time is the CPU time plus waiting)`);
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ articles: stored, seconds: Math.round(seconds * 10) / 10, articlesPerSecond: Math.round((stored / seconds) * 10) / 10, peakRssMB, costRatio100kVs10k: Math.round((cost100k / cost10k) * 100) / 100 }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
