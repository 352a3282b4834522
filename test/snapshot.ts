// The rows of a SQLite store, table by table, to show that what was stored before a batch is still
// there, unchanged, after it (a batch may only add).
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';

export type Snapshot = Map<string, Map<number, string>>;

export const TABLES = ['articles', 'attributions', 'quantities', 'sources', 'mentions', 'entities', 'entity_keys', 'entity_blocks', 'schema_migrations'] as const;

export function snapshot(db: Database.Database): Snapshot {
  const out: Snapshot = new Map();
  for (const t of TABLES) {
    const rows = db.prepare(`SELECT rowid AS _rowid, * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[];
    out.set(t, new Map(rows.map((r) => [r._rowid as number, JSON.stringify(r)])));
  }
  return out;
}

/** Every row of `before` is in `after`, the same. */
export function assertKept(before: Snapshot, after: Snapshot): void {
  for (const [t, rows] of before) {
    const now = after.get(t)!;
    for (const [rowid, row] of rows) assert.equal(now.get(rowid), row, `${t} row ${rowid} changed or vanished`);
  }
}
