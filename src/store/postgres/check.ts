// The integrity checks of a PostgreSQL store, each a named query that finds what is wrong. The same checks as
// the SQLite store's (../sqlite/check.ts) where they mean the same, under the same names; PostgreSQL keeps its
// own pages sound and enforces foreign keys itself, so in their place come: every index valid (a failed
// CREATE INDEX CONCURRENTLY or REINDEX leaves one that is not), the full-text columns generated as defined, and
// the queue (jobs that failed, articles queued under no pending job).
import type { CheckResult } from '../store.js';
import type { PgDb } from './db.js';
import { MIGRATIONS } from './migrations.js';

const SHOW = 5;
const list = (rows: unknown[]) => rows.slice(0, SHOW).map((r) => (typeof r === 'object' ? JSON.stringify(r) : String(r))).join('; ') + (rows.length > SHOW ? `; … (${rows.length} in all)` : '');

export async function checkPostgres(db: PgDb): Promise<CheckResult[]> {
  const count = async (sql: string) => (await db.value<number>(sql))!;
  const rowsCheck = async (name: string, sql: string, okDetail: () => Promise<string>): Promise<CheckResult> => {
    const rows = await db.query(sql);
    return rows.length ? { name, ok: false, detail: list(rows) } : { name, ok: true, detail: await okDetail() };
  };
  const out: CheckResult[] = [];
  const version = await db.value<string>('SHOW server_version');
  const where = await db.one<{ db: string; schema: string }>('SELECT current_database() AS db, current_schema() AS schema');
  out.push({ name: 'PostgreSQL server', ok: true, detail: `${version}, database ${where?.db}, schema ${where?.schema}` });

  const known = new Set(MIGRATIONS.map((m) => m.version));
  const applied = await db.column<number>('SELECT version FROM schema_migrations ORDER BY version');
  const unknown = applied.filter((v) => !known.has(v));
  const missing = [...known].filter((v) => !applied.includes(v));
  out.push({
    name: 'schema migrations',
    ok: !unknown.length && !missing.length,
    detail: unknown.length ? `migrations ${unknown.join(', ')} are from a newer crosscheck: use that version` : missing.length ? `migrations ${missing.join(', ')} are not applied` : `versions ${applied.join(', ')}`,
  });
  out.push(await rowsCheck('indexes are valid', `
    SELECT c.relname AS index, t.relname AS "table" FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND (NOT i.indisvalid OR NOT i.indisready)`,
  async () => `${await count("SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = current_schema()::regnamespace")} indexes; rebuild one that is not with REINDEX INDEX name`));
  for (const [table, columns] of [['articles', 'title, text'], ['attributions', 'content, speaker_name']] as const) {
    const name = `full-text index ${table}_fts matches ${table}`;
    const def = await db.one<{ generated: string; indexed: boolean }>(`SELECT a.attgenerated AS generated,
        EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am m ON m.oid = c.relam
          WHERE i.indrelid = a.attrelid AND m.amname = 'gin' AND a.attnum = ANY(i.indkey)) AS indexed
      FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attname = 'fts' AND NOT a.attisdropped`, [table]);
    if (!def) out.push({ name, ok: false, detail: `${table} has no fts column: the schema is damaged; restore it from a backup or an export` });
    else if (def.generated !== 's') out.push({ name, ok: false, detail: `${table}.fts is not generated from ${columns} any more; restore the schema from a backup or an export` });
    else if (!def.indexed) out.push({ name, ok: false, detail: `${table}.fts has no GIN index: CREATE INDEX ${table}_fts ON ${table} USING gin (fts)` });
    else out.push({ name, ok: true, detail: `${await count(`SELECT count(*) FROM ${table}`)} rows, generated from ${columns}` });
  }
  out.push(await rowsCheck('attributions belong to articles', 'SELECT t.id AS attribution FROM attributions t LEFT JOIN articles a ON a.seq = t.article_seq WHERE a.seq IS NULL',
    async () => `${await count('SELECT count(*) FROM attributions')} attributions`));
  out.push(await rowsCheck('quantities belong to articles', 'SELECT q.id AS quantity FROM quantities q LEFT JOIN articles a ON a.seq = q.article_seq WHERE a.seq IS NULL',
    async () => `${await count('SELECT count(*) FROM quantities')} quantities`));
  out.push(await rowsCheck('mentions belong to articles', 'SELECT m.id AS mention FROM mentions m LEFT JOIN articles a ON a.seq = m.article_seq WHERE a.seq IS NULL',
    async () => `${await count('SELECT count(*) FROM mentions')} mentions, ${await count('SELECT count(*) FROM mentions WHERE entity_id IS NULL')} not yet linked to an entity`));
  // A sighting of an article still in the queue is recorded when the article is enqueued, before it is stored.
  out.push(await rowsCheck('sightings name stored articles', `SELECT s.id AS sighting, s.article_id FROM sources s
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id) AND NOT EXISTS (SELECT 1 FROM queue_articles q WHERE q.article_id = s.article_id)`,
  async () => `${await count('SELECT count(*) FROM sources')} sightings, ${await count('SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)')} of queued articles`));
  out.push(await rowsCheck("each article's own source is among its sightings", `
    SELECT a.id, a.source_path AS path, a.source_line AS line, a.source_row AS "row", a.source_byte AS byte FROM articles a WHERE NOT EXISTS (
      SELECT 1 FROM sources s WHERE s.article_id = a.id AND s.raw_hash = a.raw_hash AND s.path = a.source_path AND s.line IS NOT DISTINCT FROM a.source_line
        AND s."row" IS NOT DISTINCT FROM a.source_row AND s.byte IS NOT DISTINCT FROM a.source_byte AND s.url IS NOT DISTINCT FROM a.source_url
        AND s.fetched_at IS NOT DISTINCT FROM a.source_fetched_at)`,
  async () => `${await count('SELECT count(*) FROM articles')} articles`));
  out.push(await rowsCheck('byte offsets are whole numbers from 0', `
    SELECT 'sources' AS "table", id::text AS "row", byte FROM sources WHERE byte < 0
    UNION ALL SELECT 'articles', id, source_byte FROM articles WHERE source_byte < 0`,
  async () => `${await count('SELECT count(*) FROM sources WHERE byte IS NOT NULL')} sightings with one`));
  out.push(await rowsCheck('article metadata is a JSON object', `SELECT id, left(meta::text, 60) AS meta FROM articles WHERE meta IS NOT NULL AND json_typeof(meta) != 'object'`,
    async () => `${await count('SELECT count(*) FROM articles WHERE meta IS NOT NULL')} articles with metadata`));
  out.push(await rowsCheck('attribution and quantity rows agree with each analysis', `
    SELECT a.id, json_array_length(a.analysis->'attributions') AS in_analysis_attributions, (SELECT count(*) FROM attributions t WHERE t.article_seq = a.seq) AS attribution_rows,
      json_array_length(a.analysis->'quantities') AS in_analysis_quantities, (SELECT count(*) FROM quantities q WHERE q.article_seq = a.seq) AS quantity_rows
    FROM articles a WHERE a.analysis IS NOT NULL AND (
      json_array_length(a.analysis->'attributions') != (SELECT count(*) FROM attributions t WHERE t.article_seq = a.seq) OR
      json_array_length(a.analysis->'quantities') != (SELECT count(*) FROM quantities q WHERE q.article_seq = a.seq))`, async () => 'all agree'));
  out.push(await rowsCheck('mention rows agree with each analysis', `
    SELECT a.id, coalesce(json_array_length(a.analysis->'mentions'), 0) AS in_analysis, (SELECT count(*) FROM mentions m WHERE m.article_seq = a.seq) AS "rows"
    FROM articles a WHERE a.analysis IS NOT NULL
      AND coalesce(json_array_length(a.analysis->'mentions'), 0) != (SELECT count(*) FROM mentions m WHERE m.article_seq = a.seq)`, async () => 'all agree'));
  out.push(await rowsCheck('versions of each article run 1..n', `
    SELECT key, count(*) AS versions, min(version) AS first, max(version) AS last, count(DISTINCT version) AS distinct_versions
    FROM articles GROUP BY key HAVING min(version) != 1 OR max(version) != count(*) OR count(DISTINCT version) != count(*)`,
  async () => `${await count('SELECT count(DISTINCT key) FROM articles')} keys`));
  out.push(await rowsCheck('each version points at the next, the last at none', `
    SELECT a.id, a.key, a.version, a.superseded_by FROM articles a
    LEFT JOIN articles n ON n.key = a.key AND n.version = a.version + 1
    WHERE (n.id IS NULL AND a.superseded_by IS NOT NULL) OR (n.id IS NOT NULL AND (a.superseded_by IS NULL OR a.superseded_by != n.id))`,
  async () => `${await count('SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL')} superseded`));
  out.push(await rowsCheck('linking has not run past the stored articles', `
    SELECT value AS linked_through, (SELECT coalesce(max(seq), 0) FROM articles) AS last_article FROM link_state
    WHERE name = 'linked_through' AND value > (SELECT coalesce(max(seq), 0) FROM articles)`,
  async () => `${await count("SELECT count(*) FROM articles WHERE seq > (SELECT value FROM link_state WHERE name = 'linked_through')")} articles waiting to be linked`));
  out.push(await rowsCheck('reuse pairs are ordered and their shares are fractions', `
    SELECT a_seq, b_seq, shared FROM reuse WHERE a_seq >= b_seq OR shared < 0 OR shared > 1 OR a_in_b < 0 OR a_in_b > 1 OR b_in_a < 0 OR b_in_a > 1`,
  async () => `${await count('SELECT count(*) FROM reuse')} pairs`));
  out.push(await rowsCheck("each statement's counts agree with its reports (unless waiting to be recomputed)", `
    SELECT s.id, s.reports, (SELECT count(*) FROM statement_reports r WHERE r.statement_seq = s.seq) AS report_rows, s.origins, s.echoes
    FROM statements s WHERE NOT EXISTS (SELECT 1 FROM link_dirty d WHERE d.kind = 'statement' AND d.id = s.seq)
      AND (s.reports != (SELECT count(*) FROM statement_reports r WHERE r.statement_seq = s.seq) OR s.origins + s.echoes > s.reports)`,
  async () => `${await count('SELECT count(*) FROM statements')} statements, ${await count("SELECT count(*) FROM link_dirty WHERE kind = 'statement'")} waiting`));
  out.push(await rowsCheck("each quantity group's member count agrees with its members (unless waiting)", `
    SELECT g.id, g.members, (SELECT count(*) FROM quantity_group_members m WHERE m.group_seq = g.seq) AS member_rows
    FROM quantity_groups g WHERE NOT EXISTS (SELECT 1 FROM link_dirty d WHERE d.kind = 'group' AND d.id = g.seq)
      AND g.members != (SELECT count(*) FROM quantity_group_members m WHERE m.group_seq = g.seq)`,
  async () => `${await count('SELECT count(*) FROM quantity_groups')} quantity groups`));
  out.push(await rowsCheck('no ingest job has failed', `SELECT id AS job, articles, attempts, left(error, 200) AS error FROM jobs WHERE state = 'failed' ORDER BY id`,
    async () => {
      const r = (await db.one<{ queued: number; running: number; done: number }>(`SELECT count(*) FILTER (WHERE state = 'queued') AS queued,
        count(*) FILTER (WHERE state = 'running') AS running, count(*) FILTER (WHERE state = 'done') AS done FROM jobs`))!;
      return `${r.done} done, ${r.running} running, ${r.queued} queued (crosscheck worker --retry-failed puts failed ones back in the queue)`;
    }));
  // A failed job keeps its articles queued (and their sightings explained) until it is retried.
  out.push(await rowsCheck('queued articles belong to jobs not done', `
    SELECT q.article_id, q.job_id, j.state FROM queue_articles q LEFT JOIN jobs j ON j.id = q.job_id WHERE j.state IS NULL OR j.state = 'done'`,
  async () => `${await count('SELECT count(*) FROM queue_articles')} articles queued`));
  return out;
}
