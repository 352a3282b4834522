// Crash safety: an ingest is killed (SIGKILL) at random moments; after each kill the store passes every
// integrity check (crosscheck check), the next ingest resumes, and the end holds exactly the records of an
// uninterrupted run, compared record for record (everything but rowids and the times of reading).
// Short mode (npm test): a few hundred generated articles, two kills. Long mode (CROSSCHECK_CRASH=long, or
// npm run crash): 10,000 articles of ../shared/corpora/ukraine-media, ten kills. CROSSCHECK_CRASH_SEED picks the moments.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { readCsv } from '../src/ingest/csv.js';
import { tempDir } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'crosscheck.js');
const CORPUS = process.env.CROSSCHECK_CORPUS ?? join(process.env.CROSSCHECK_SHARED ?? join(ROOT, '..', 'shared'), 'corpora', 'ukraine-media');
const LONG = process.env.CROSSCHECK_CRASH === 'long';
const SEED = Number(process.env.CROSSCHECK_CRASH_SEED ?? 9);

/** A small seeded generator (mulberry32), so that a run's kill moments can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generated articles: statements, numbers, relays; some URLs come back with a changed text (versions), some texts twice (sightings). */
function generated(n: number, rnd: () => number): object[] {
  const who = ['the governor', 'a captured soldier', 'Volodymyr Zelensky', 'the ministry', 'Dmitry Peskov', 'a resident'];
  const what = ['killed', 'wounded', 'displaced', 'detained', 'captured'];
  const out: object[] = [];
  for (let i = 0; i < n; i++) {
    const w = who[Math.floor(rnd() * who.length)];
    const k = 1 + Math.floor(rnd() * 5000);
    const text = `"We will not leave," ${w} said on day ${i}. ${w[0].toUpperCase() + w.slice(1)} told Reuters that ${k} people were ${what[i % what.length]} near town ${i}, a figure that could not be independently verified.\n\nAccording to officials, at least ${k + 7} more were missing.`;
    out.push({ url: `https://www.example.com/news/${i}`, title: `Report ${i}`, date: '2022-04-16', text });
    if (i % 40 === 39) out.push({ url: `https://www.example.com/news/${i - 20}`, title: `Report ${i - 20}, updated`, text: `Updated: ${text}` });
    if (i % 50 === 49) out.push({ url: `https://www.example.com/mirror/${i}`, title: `Report ${i}`, text });
  }
  return out;
}

/** The first n articles of the shared corpus, read with crosscheck's own CSV reader. */
function fromCorpus(n: number): object[] {
  const out: object[] = [];
  for (const f of readdirSync(CORPUS).filter((x) => x.endsWith('.csv')).sort()) {
    for (const it of readCsv(readFileSync(join(CORPUS, f), 'utf8'), { path: f, rawHash: '' })) {
      if (!('article' in it)) continue;
      const a = it.article;
      out.push({ url: a.url, title: a.title, date: a.date, outlet: a.outlet, text: a.raw.slice(a.title ? a.title.length + 2 : 0) });
      if (out.length >= n) return out;
    }
  }
  return out;
}

/**
 * Runs the CLI. `kill`, when given, is polled every 50 ms while the child runs; once it says yes, the child
 * gets SIGKILL after `delayMs` more (so that the moment falls anywhere in the work, not only on a poll).
 */
function runCli(args: string[], kill?: { when: () => boolean; delayMs: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    let timer: NodeJS.Timeout | null = null;
    const poll = kill ? setInterval(() => {
      if (timer == null && kill.when()) { clearInterval(poll!); timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs); }
    }, 50) : null;
    child.on('error', reject);
    child.on('exit', (code, signal) => { if (poll) clearInterval(poll); if (timer) clearTimeout(timer); resolve({ code, signal, ms: Date.now() - t0, stderr, stdout }); });
  });
}

/** Every record of a store, by its natural key, without rowids and reading times. */
function records(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const q = (sql: string) => (db.prepare(sql).all() as object[]).map((r) => JSON.stringify(r)).sort();
    return {
      articles: q('SELECT id, key, version, superseded_by, title, url, outlet, date, source_path, source_line, source_row, raw_hash, text, offsets, removed, warnings, analyzer, analysis FROM articles'),
      attributions: q('SELECT a.id AS article, t.idx, t.start, t.end, t.content, t.kind, t.speaker_text, t.speaker_name, t.cue, t.via, t.hedges FROM attributions t JOIN articles a ON a.rowid = t.article_rowid'),
      quantities: q('SELECT a.id AS article, q.idx, q.start, q.end, q.text, q.value, q.low, q.high, q.approx, q.category, q.claimant, q.vague FROM quantities q JOIN articles a ON a.rowid = q.article_rowid'),
      sources: q('SELECT raw_hash, path, line, row, article_id FROM sources'),
      reuse: q('SELECT a.id AS a, b.id AS b, r.a_in_b, r.b_in_a, r.shared, r.earlier FROM reuse r JOIN articles a ON a.rowid = r.a_rowid JOIN articles b ON b.rowid = r.b_rowid'),
      statements: q('SELECT id, speaker, content, reports, origins, echoes FROM statements'),
      quantityGroups: q('SELECT id, category, about, members, conflict, kind FROM quantity_groups'),
      search: q("SELECT count(*) AS said FROM articles_fts WHERE articles_fts MATCH 'said'"),
    };
  } finally {
    db.close();
  }
}

const countArticles = (path: string) => {
  if (!existsSync(path)) return 0;
  const db = new Database(path, { readonly: true });
  try { return db.prepare('SELECT count(*) FROM articles').pluck().get() as number; } catch { return 0; } finally { db.close(); }
};

test(`crash safety: kill -9 an ingest ${LONG ? 'ten' : 'two'} times, check, resume, same records as an uninterrupted run`, { timeout: LONG ? 6 * 3600_000 : 300_000 }, async (t) => {
  const rnd = random(SEED);
  const kills = Number(process.env.CROSSCHECK_CRASH_KILLS ?? (LONG ? 10 : 2));
  const articles = LONG && existsSync(CORPUS) ? fromCorpus(10_000) : generated(LONG ? 10_000 : 240, rnd);
  const dir = tempDir();
  const input = join(dir, 'articles.jsonl');
  writeFileSync(input, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const batch = ['--batch-size', LONG ? '100' : '20'];
  // The uninterrupted run.
  const refDb = join(dir, 'ref.db');
  const ref = await runCli(['ingest', '--quiet', ...batch, '--db', refDb, input]);
  assert.equal(ref.code, 0, ref.stderr);
  const total = countArticles(refDb);
  t.diagnostic(`${articles.length} input records, ${total} articles stored by the uninterrupted run in ${(ref.ms / 1000).toFixed(1)} s, seed ${SEED}`);
  const db = join(dir, 'crash.db');
  let killed = 0;
  // The kill moments: one stored-article count a kill, drawn at random and in increasing order over the
  // ingest, each followed by a random delay of up to a second, so that kills land inside a batch's
  // analysis, its transaction and its linking alike; a count past every article stored leaves the kill to
  // the delay, in the final linking pass.
  const targets = Array.from({ length: kills }, () => Math.floor(rnd() * total * 1.02)).sort((a, b) => a - b);
  for (let k = 0; k < kills; k++) {
    const target = Math.min(targets[k], total);
    const delayMs = Math.round(rnd() * 1000);
    const r = await runCli(['ingest', '--quiet', ...batch, '--db', db, input], { when: () => countArticles(db) >= target, delayMs });
    const now = countArticles(db);
    if (r.signal === 'SIGKILL') killed++;
    else assert.equal(r.code, 0, `run ${k} ended on its own but failed: ${r.stderr}`);
    if (!existsSync(db)) {
      // Killed before the store file was created (a slow start on a loaded machine): nothing to check yet.
      t.diagnostic(`kill ${k + 1}: after ${r.ms} ms (${r.signal ?? `exit ${r.code}`}), before the store existed`);
      continue;
    }
    const c = await runCli(['check', '--db', db]);
    t.diagnostic(`kill ${k + 1}: at ${target} articles + ${delayMs} ms, after ${r.ms} ms (${r.signal ?? `exit ${r.code}`}), ${now}/${total} articles stored; check: ${c.code === 0 ? 'all pass' : 'FAILED'}`);
    assert.equal(c.code, 0, `after kill ${k + 1} the store fails its checks:\n${c.stdout}${c.stderr}`);
  }
  const last = await runCli(['ingest', '--quiet', ...batch, '--db', db, input]);
  assert.equal(last.code, 0, last.stderr);
  assert.equal((await runCli(['check', '--db', db])).code, 0);
  const got = records(db);
  const want = records(refDb);
  for (const table of Object.keys(want)) {
    assert.equal(got[table].length, want[table].length, `${table}: ${got[table].length} rows after the kills, ${want[table].length} without`);
    const i = got[table].findIndex((r, j) => r !== want[table][j]);
    assert.equal(i, -1, `${table}: the first record that differs:\n  ${got[table][i]}\n  ${want[table][i]}`);
  }
  t.diagnostic(`${killed} of ${kills} runs killed mid-ingest; ${want.articles.length} articles, ${want.attributions.length} attributions, ${want.quantities.length} quantities, ${want.sources.length} sightings, ${want.reuse.length} reuse pairs, ${want.statements.length} statements, ${want.quantityGroups.length} quantity groups identical`);
  assert.ok(killed >= 1, 'at least one run was killed before it finished');
});
