// The integrity checks of a SQLite store, each a named query that finds what is wrong: the file itself
// (SQLite's integrity_check and foreign keys), the full-text indexes against their tables, rows that point
// at nothing (attributions, quantities, mentions), each article's own source among its sightings (with the record offset, URL and fetch date of
// migration 5), counts that must agree, the chain of versions of each article, and the schema's migrations.
// `crosscheck check` prints them; the crash tests run them after every kill.
import type Database from 'better-sqlite3';
import type { CheckResult } from '../store.js';
import { MIGRATIONS } from './migrations.js';

type Db = Database.Database;

const SHOW = 5;
const list = (rows: unknown[]) => rows.slice(0, SHOW).map((r) => (typeof r === 'object' ? JSON.stringify(r) : String(r))).join('; ') + (rows.length > SHOW ? `; … (${rows.length} in all)` : '');

function rowsCheck(name: string, db: Db, sql: string, okDetail: () => string): CheckResult {
  const rows = db.prepare(sql).all();
  return rows.length ? { name, ok: false, detail: list(rows) } : { name, ok: true, detail: okDetail() };
}

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

function ftsCheck(db: Db, table: string, content: string): CheckResult {
  const name = `full-text index ${table} matches ${content}`;
  try {
    // FTS5's own check compares the index with the content table (rank 1: external content).
    db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run();
  } catch (e) {
    return { name, ok: false, detail: `${(e as Error).message}; rebuild it with: INSERT INTO ${table}(${table}) VALUES ('rebuild')` };
  }
  const indexed = count(db, `SELECT count(*) FROM ${table}_docsize`);
  const rows = count(db, `SELECT count(*) FROM ${content}`);
  if (indexed !== rows) return { name, ok: false, detail: `${indexed} rows indexed, ${rows} in ${content}` };
  return { name, ok: true, detail: `${rows} rows` };
}

export function checkSqlite(db: Db): CheckResult[] {
  const out: CheckResult[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const fine = integrity.length === 1 && integrity[0].integrity_check === 'ok';
  out.push({ name: 'SQLite integrity_check', ok: fine, detail: fine ? 'ok' : list(integrity.map((r) => r.integrity_check)) });
  if (!fine) return out; // the rest would read a damaged file
  out.push(rowsCheck('foreign keys', db, 'SELECT * FROM pragma_foreign_key_check', () => 'none broken'));
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  const unknown = applied.filter((v) => !known.has(v));
  const missing = [...known].filter((v) => !applied.includes(v));
  out.push({
    name: 'schema migrations',
    ok: !unknown.length && !missing.length,
    detail: unknown.length ? `migrations ${unknown.join(', ')} are from a newer crosscheck: use that version` : missing.length ? `migrations ${missing.join(', ')} are not applied` : `versions ${applied.join(', ')}`,
  });
  out.push(ftsCheck(db, 'articles_fts', 'articles'));
  out.push(ftsCheck(db, 'attributions_fts', 'attributions'));
  out.push(rowsCheck('attributions belong to articles', db, 'SELECT t.rowid AS attribution FROM attributions t LEFT JOIN articles a ON a.rowid = t.article_rowid WHERE a.rowid IS NULL', () => `${count(db, 'SELECT count(*) FROM attributions')} attributions`));
  out.push(rowsCheck('quantities belong to articles', db, 'SELECT q.rowid AS quantity FROM quantities q LEFT JOIN articles a ON a.rowid = q.article_rowid WHERE a.rowid IS NULL', () => `${count(db, 'SELECT count(*) FROM quantities')} quantities`));
  out.push(rowsCheck('mentions belong to articles', db, 'SELECT m.rowid AS mention FROM mentions m LEFT JOIN articles a ON a.rowid = m.article_rowid WHERE a.rowid IS NULL', () => `${count(db, 'SELECT count(*) FROM mentions')} mentions, ${count(db, 'SELECT count(*) FROM mentions WHERE entity_id IS NULL')} not yet linked to an entity`));
  out.push(rowsCheck('sightings name stored articles', db, 'SELECT s.rowid AS sighting, s.article_id FROM sources s LEFT JOIN articles a ON a.id = s.article_id WHERE a.id IS NULL', () => `${count(db, 'SELECT count(*) FROM sources')} sightings`));
  // The article's own source (the read that first gave it: file, line or row, WARC record offset, URL, fetch
  // date, and the input's hash) is one of its sightings, written in the same transaction.
  out.push(rowsCheck("each article's own source is among its sightings", db, `
    SELECT a.id, a.source_path AS path, a.source_line AS line, a.source_row AS row, a.source_byte AS byte FROM articles a WHERE NOT EXISTS (
      SELECT 1 FROM sources s WHERE s.article_id = a.id AND s.raw_hash = a.raw_hash AND s.path = a.source_path AND s.line IS a.source_line
        AND s.row IS a.source_row AND s.byte IS a.source_byte AND s.url IS a.source_url AND s.fetched_at IS a.source_fetched_at)`,
  () => `${count(db, 'SELECT count(*) FROM articles')} articles`));
  out.push(rowsCheck('byte offsets are whole numbers from 0', db, `
    SELECT 'sources' AS "table", rowid, byte FROM sources WHERE byte IS NOT NULL AND (typeof(byte) != 'integer' OR byte < 0)
    UNION ALL SELECT 'articles', rowid, source_byte FROM articles WHERE source_byte IS NOT NULL AND (typeof(source_byte) != 'integer' OR source_byte < 0)`,
  () => `${count(db, 'SELECT count(*) FROM sources WHERE byte IS NOT NULL')} sightings with one`));
  out.push(rowsCheck('article metadata is a JSON object', db, `
    SELECT id, substr(meta, 1, 60) AS meta FROM articles WHERE meta IS NOT NULL AND (NOT json_valid(meta) OR json_type(meta) != 'object')`,
  () => `${count(db, 'SELECT count(*) FROM articles WHERE meta IS NOT NULL')} articles with metadata`));
  out.push(rowsCheck('attribution and quantity rows agree with each analysis', db, `
    SELECT a.id,
      json_array_length(a.analysis, '$.attributions') AS in_analysis_attributions, (SELECT count(*) FROM attributions t WHERE t.article_rowid = a.rowid) AS attribution_rows,
      json_array_length(a.analysis, '$.quantities') AS in_analysis_quantities, (SELECT count(*) FROM quantities q WHERE q.article_rowid = a.rowid) AS quantity_rows
    FROM articles a WHERE a.analysis IS NOT NULL AND (
      json_array_length(a.analysis, '$.attributions') != (SELECT count(*) FROM attributions t WHERE t.article_rowid = a.rowid) OR
      json_array_length(a.analysis, '$.quantities') != (SELECT count(*) FROM quantities q WHERE q.article_rowid = a.rowid))`, () => 'all agree'));
  out.push(rowsCheck('mention rows agree with each analysis', db, `
    SELECT a.id, ifnull(json_array_length(a.analysis, '$.mentions'), 0) AS in_analysis, (SELECT count(*) FROM mentions m WHERE m.article_rowid = a.rowid) AS rows
    FROM articles a WHERE a.analysis IS NOT NULL
      AND ifnull(json_array_length(a.analysis, '$.mentions'), 0) != (SELECT count(*) FROM mentions m WHERE m.article_rowid = a.rowid)`, () => 'all agree'));
  out.push(rowsCheck('versions of each article run 1..n', db, `
    SELECT key, count(*) AS versions, min(version) AS first, max(version) AS last, count(DISTINCT version) AS distinct_versions
    FROM articles GROUP BY key HAVING min(version) != 1 OR max(version) != count(*) OR count(DISTINCT version) != count(*)`, () => `${count(db, 'SELECT count(DISTINCT key) FROM articles')} keys`));
  out.push(rowsCheck('each version points at the next, the last at none', db, `
    SELECT a.id, a.key, a.version, a.superseded_by FROM articles a
    LEFT JOIN articles n ON n.key = a.key AND n.version = a.version + 1
    WHERE (n.id IS NULL AND a.superseded_by IS NOT NULL) OR (n.id IS NOT NULL AND (a.superseded_by IS NULL OR a.superseded_by != n.id))`, () => `${count(db, 'SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL')} superseded`));
  // Linking across articles: whatever is not yet linked or recomputed (a killed ingest) is marked as such, and
  // everything else agrees with the rows it counts.
  out.push(rowsCheck('linking has not run past the stored articles', db, `
    SELECT value AS linked_through, (SELECT ifnull(max(rowid), 0) FROM articles) AS last_article FROM link_state
    WHERE name = 'linked_through' AND value > (SELECT ifnull(max(rowid), 0) FROM articles)`,
  () => `${count(db, "SELECT count(*) FROM articles WHERE rowid > (SELECT value FROM link_state WHERE name = 'linked_through')")} articles waiting to be linked`));
  out.push(rowsCheck('reuse pairs are ordered and their shares are fractions', db, `
    SELECT a_rowid, b_rowid, shared FROM reuse WHERE a_rowid >= b_rowid OR shared < 0 OR shared > 1 OR a_in_b < 0 OR a_in_b > 1 OR b_in_a < 0 OR b_in_a > 1`,
  () => `${count(db, 'SELECT count(*) FROM reuse')} pairs`));
  out.push(rowsCheck("each statement's counts agree with its reports (unless waiting to be recomputed)", db, `
    SELECT s.id, s.reports, (SELECT count(*) FROM statement_reports r WHERE r.statement_rowid = s.rowid) AS report_rows, s.origins, s.echoes
    FROM statements s WHERE NOT EXISTS (SELECT 1 FROM link_dirty d WHERE d.kind = 'statement' AND d.rowid = s.rowid)
      AND (s.reports != (SELECT count(*) FROM statement_reports r WHERE r.statement_rowid = s.rowid) OR s.origins + s.echoes > s.reports)`,
  () => `${count(db, 'SELECT count(*) FROM statements')} statements, ${count(db, "SELECT count(*) FROM link_dirty WHERE kind = 'statement'")} waiting`));
  out.push(rowsCheck("each quantity group's member count agrees with its members (unless waiting)", db, `
    SELECT g.id, g.members, (SELECT count(*) FROM quantity_group_members m WHERE m.group_rowid = g.rowid) AS member_rows
    FROM quantity_groups g WHERE NOT EXISTS (SELECT 1 FROM link_dirty d WHERE d.kind = 'group' AND d.rowid = g.rowid)
      AND g.members != (SELECT count(*) FROM quantity_group_members m WHERE m.group_rowid = g.rowid)`,
  () => `${count(db, 'SELECT count(*) FROM quantity_groups')} quantity groups`));
  return out;
}
