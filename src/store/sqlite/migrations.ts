// The SQLite schema, as numbered migrations applied in order, each in its own transaction.
// Never edit a migration that has shipped: add the next one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, attributions, quantities, sources, full-text indexes',
    sql: `
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        superseded_by TEXT,
        title TEXT,
        url TEXT,
        outlet TEXT,
        date TEXT,
        source_path TEXT NOT NULL,
        source_line INTEGER,
        source_row INTEGER,
        raw_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        offsets TEXT NOT NULL,
        removed TEXT NOT NULL,
        warnings TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        analyzer TEXT,
        analysis TEXT
      );
      CREATE INDEX articles_key ON articles(key, version);
      CREATE INDEX articles_outlet_date ON articles(outlet, date);
      CREATE INDEX articles_date ON articles(date);

      CREATE TABLE attributions (
        rowid INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        content TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker_text TEXT,
        speaker_name TEXT,
        cue TEXT,
        via TEXT NOT NULL,
        hedges TEXT NOT NULL,
        UNIQUE (article_rowid, idx)
      );
      CREATE INDEX attributions_speaker ON attributions(speaker_name);

      CREATE TABLE quantities (
        rowid INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL,
        low REAL,
        high REAL,
        approx TEXT NOT NULL,
        category TEXT NOT NULL,
        claimant TEXT,
        vague INTEGER NOT NULL DEFAULT 0,
        UNIQUE (article_rowid, idx)
      );
      CREATE INDEX quantities_category ON quantities(category);

      CREATE TABLE sources (
        rowid INTEGER PRIMARY KEY,
        raw_hash TEXT NOT NULL,
        path TEXT NOT NULL,
        line INTEGER,
        row INTEGER,
        read_at TEXT NOT NULL,
        article_id TEXT NOT NULL
      );
      CREATE INDEX sources_article ON sources(article_id);
      CREATE INDEX sources_hash ON sources(raw_hash);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE attributions_fts USING fts5(
        content, speaker_name, content='attributions', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    name: 'mentions and entities (with their keys, merges and blocks); place and date of quantities',
    sql: `
      CREATE TABLE mentions (
        rowid INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        resolution TEXT NOT NULL,
        confidence REAL NOT NULL,
        title TEXT,
        role TEXT,
        place_id TEXT,
        lat REAL,
        lon REAL,
        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
        UNIQUE (article_rowid, idx)
      );
      CREATE INDEX mentions_unlinked ON mentions(entity_id) WHERE entity_id IS NULL;
      CREATE INDEX mentions_entity ON mentions(entity_id);
      CREATE INDEX mentions_key ON mentions(kind, key);

      CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        place_id TEXT,
        lat REAL,
        lon REAL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX entities_kind_name ON entities(kind, name);

      -- Every key an entity owns, with how it came to own it: the first key ('new'), or a merge with its rule and reason.
      CREATE TABLE entity_keys (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        block TEXT NOT NULL,
        variant TEXT NOT NULL,
        rule TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (kind, key)
      );
      CREATE INDEX entity_keys_block ON entity_keys(kind, block);
      CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

      -- Merges that were undone: this key never joins this entity again.
      CREATE TABLE entity_blocks (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (kind, key, entity_id)
      );

      ALTER TABLE quantities ADD COLUMN unit TEXT;
      ALTER TABLE quantities ADD COLUMN place_id TEXT;
      ALTER TABLE quantities ADD COLUMN place_name TEXT;
      ALTER TABLE quantities ADD COLUMN place_text TEXT;
      ALTER TABLE quantities ADD COLUMN lat REAL;
      ALTER TABLE quantities ADD COLUMN lon REAL;
      ALTER TABLE quantities ADD COLUMN date TEXT;
      ALTER TABLE quantities ADD COLUMN date_precision TEXT;
      ALTER TABLE quantities ADD COLUMN date_text TEXT;
    `,
  },
  // Version 3 is taken by work on another branch. Migrations run by version, each once: a store made before
  // version 4 existed (with 1, 2 and 5 applied) gets 4 when it is next opened. Version 4 reads only columns
  // of version 1, so it holds in either order; WARC records and feed items differ by row.
  {
    // A sighting is a fact (these bytes, read from this place, gave this article), not an event: reading the
    // same input again, or resuming an ingest that was killed, must not add rows. Keeps the first read.
    version: 4,
    name: 'sources: one row a sighting (idempotent re-reads)',
    sql: `
      DELETE FROM sources WHERE rowid NOT IN (
        SELECT min(rowid) FROM sources GROUP BY raw_hash, path, ifnull(line, -1), ifnull(row, -1), article_id
      );
      CREATE UNIQUE INDEX sources_sighting ON sources(raw_hash, path, ifnull(line, -1), ifnull(row, -1), article_id);
    `,
  },
  {
    version: 5,
    name: 'where inputs came from: record byte offset, URL and fetch date for sources and articles; article metadata',
    sql: `
      ALTER TABLE sources ADD COLUMN byte INTEGER;
      ALTER TABLE sources ADD COLUMN url TEXT;
      ALTER TABLE sources ADD COLUMN fetched_at TEXT;
      ALTER TABLE articles ADD COLUMN source_byte INTEGER;
      ALTER TABLE articles ADD COLUMN source_url TEXT;
      ALTER TABLE articles ADD COLUMN source_fetched_at TEXT;
      ALTER TABLE articles ADD COLUMN meta TEXT;
    `,
  },
];
