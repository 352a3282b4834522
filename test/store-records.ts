// A PostgreSQL store's records, read with SQL by their natural keys, for comparing two stores record for record
// (test/workers.test.ts, bench/workers.mjs --compare). No test runner here: benchmarks import it too.
import pg from 'pg';

/** Rows of one query on a store's schema (its --db URL). */
export async function query<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema')!;
  u.searchParams.delete('schema');
  const c = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query(sql, values)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Every record of a store by its natural key (no reading times, no serial numbers that a rolled-back transaction may skip). */
export async function storeRecords(url: string): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await query(url, sql)).map((r) => JSON.stringify(r)).sort();
  return {
    articles: await q(`SELECT seq, batch, id, key, version, superseded_by, title, url, outlet, date, source_path, source_line, source_row, raw_hash, text,
      offsets::text, removed::text, warnings::text, meta::text, analyzer, analysis::text FROM articles`),
    attributions: await q('SELECT id, article_seq, idx, start, "end", content, kind, speaker_text, speaker_name, cue, via::text, hedges::text FROM attributions'),
    quantities: await q('SELECT id, article_seq, idx, text, value, low, high, approx, category, claimant, vague, unit, place_id, date FROM quantities'),
    mentions: await q('SELECT id, article_seq, idx, kind, text, name, key, entity_id FROM mentions'),
    entities: await q('SELECT id, kind, name, place_id FROM entities'),
    entityKeys: await q('SELECT id, entity_id, kind, key, block, variant, rule, reason FROM entity_keys'),
    sources: await q('SELECT raw_hash, path, line, "row", article_id FROM sources'),
    reuse: await q('SELECT a_seq, b_seq, a_in_b, b_in_a, shared, shared_shingles, earlier FROM reuse'),
    fingerprints: await q('SELECT article_seq, count(*) AS n, sum(hash::bigint) AS s FROM reuse_fingerprints GROUP BY article_seq'),
    signatures: await q('SELECT article_seq, shingles, fingerprints, md5(shingle_set) FROM reuse_signatures'),
    stops: await q('SELECT hash, postings FROM reuse_stop'),
    statements: await q('SELECT id, speaker, speaker_key, link_key, content, terms, first_attribution, first_date, reports, origins, echoes FROM statements'),
    reports: await q(`SELECT r.attribution_id, s.id AS statement, r.article_seq, r.speaker_key, r.role, r.echo_of, r.reason, r.origin, r.chain::text
      FROM statement_reports r JOIN statements s ON s.seq = r.statement_seq`),
    statementTerms: await q('SELECT t.term, s.id FROM statement_terms t JOIN statements s ON s.seq = t.statement_seq'),
    termCounts: await q('SELECT kind, term, n FROM term_counts'),
    groups: await q('SELECT id, category, about::text, place, date_from, date_to, members, conflict, kind, explanation FROM quantity_groups'),
    members: await q('SELECT m.quantity_id, g.id AS grp, m.article_seq, m.date, m.facts::text FROM quantity_group_members m JOIN quantity_groups g ON g.seq = m.group_seq'),
    quantityTerms: await q('SELECT category, term, date, quantity_id FROM quantity_terms'),
    linkState: await q('SELECT name, value FROM link_state'),
    dirty: await q('SELECT kind, id FROM link_dirty'),
    jobs: await q("SELECT id, state, first_seq, articles FROM jobs"),
  };
}


/** The first record that differs between two stores' records, or null when they agree. */
export function firstDifference(got: Record<string, string[]>, want: Record<string, string[]>): string | null {
  for (const table of Object.keys(want)) {
    if (got[table].length !== want[table].length) return `${table}: ${got[table].length} rows against ${want[table].length}`;
    const i = got[table].findIndex((x, j) => x !== want[table][j]);
    if (i >= 0) return `${table}: the first record that differs:\n  ${got[table][i]}\n  ${want[table][i]}`;
  }
  return null;
}
