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
  {
    version: 3,
    name: 'linking across articles: reuse, statements with their reports, quantity groups and conflicts',
    sql: `
      -- Linking runs after each stored batch over the articles stored since the last run (rowid > linked_through).
      CREATE TABLE link_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO link_state (name, value) VALUES ('linked_through', 0);
      -- Statements and quantity groups touched by linked articles whose roles and conflicts are not yet recomputed.
      CREATE TABLE link_dirty (kind TEXT NOT NULL, rowid INTEGER NOT NULL, PRIMARY KEY (kind, rowid)) WITHOUT ROWID;

      -- Reuse: winnowing fingerprints of each article's six-word shingles, and the pairs that share text.
      CREATE TABLE reuse_fingerprints (
        hash INTEGER NOT NULL,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        PRIMARY KEY (hash, article_rowid)
      ) WITHOUT ROWID;
      -- Fingerprints found in more than maxPostings articles: boilerplate, not followed and no longer indexed.
      CREATE TABLE reuse_stop (hash INTEGER PRIMARY KEY, postings INTEGER NOT NULL);
      CREATE TABLE reuse_signatures (
        article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
        shingles INTEGER NOT NULL,
        fingerprints INTEGER NOT NULL,
        -- The article's distinct shingle hashes, sorted, as little-endian 32-bit integers.
        shingle_set BLOB NOT NULL
      );
      CREATE TABLE reuse (
        a_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        b_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        a_in_b REAL NOT NULL,
        b_in_a REAL NOT NULL,
        shared REAL NOT NULL,
        shared_shingles INTEGER NOT NULL,
        earlier TEXT,
        PRIMARY KEY (a_rowid, b_rowid)
      ) WITHOUT ROWID;
      CREATE INDEX reuse_b ON reuse(b_rowid);

      -- Statements: attributions of one utterance across articles; each report is one attribution.
      CREATE TABLE statements (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        speaker TEXT,
        speaker_key TEXT,
        content TEXT NOT NULL,
        terms TEXT NOT NULL,
        first_attribution_rowid INTEGER,
        first_date TEXT,
        reports INTEGER NOT NULL DEFAULT 0,
        origins INTEGER NOT NULL DEFAULT 0,
        echoes INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX statements_reports ON statements(reports);
      CREATE INDEX statements_speaker ON statements(speaker_key);
      CREATE TABLE statement_reports (
        attribution_rowid INTEGER PRIMARY KEY REFERENCES attributions(rowid) ON DELETE CASCADE,
        statement_rowid INTEGER NOT NULL REFERENCES statements(rowid) ON DELETE CASCADE,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        speaker_key TEXT,
        role TEXT,
        echo_of INTEGER,
        reason TEXT,
        origin TEXT,
        chain TEXT
      );
      CREATE INDEX statement_reports_statement ON statement_reports(statement_rowid);
      CREATE INDEX statement_reports_article ON statement_reports(article_rowid);
      -- The rarest terms of each statement's first report, to find the statements a new attribution may repeat.
      CREATE TABLE statement_terms (
        term TEXT NOT NULL,
        statement_rowid INTEGER NOT NULL,
        PRIMARY KEY (term, statement_rowid)
      ) WITHOUT ROWID;
      -- How many items of a kind ('statement', 'quantity') hold a term: how rare it is.
      CREATE TABLE term_counts (kind TEXT NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, term)) WITHOUT ROWID;

      -- Quantity groups: quantities about the same thing; a group whose values disagree is a conflict.
      CREATE TABLE quantity_groups (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL,
        about TEXT NOT NULL,
        place TEXT,
        date_from TEXT,
        date_to TEXT,
        members INTEGER NOT NULL DEFAULT 0,
        conflict INTEGER NOT NULL DEFAULT 0,
        kind TEXT,
        explanation TEXT
      );
      CREATE INDEX quantity_groups_conflict ON quantity_groups(conflict, category);
      CREATE TABLE quantity_group_members (
        quantity_rowid INTEGER PRIMARY KEY REFERENCES quantities(rowid) ON DELETE CASCADE,
        group_rowid INTEGER NOT NULL REFERENCES quantity_groups(rowid) ON DELETE CASCADE,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        date TEXT,
        facts TEXT NOT NULL
      );
      CREATE INDEX quantity_group_members_group ON quantity_group_members(group_rowid);
      CREATE TABLE quantity_terms (
        category TEXT NOT NULL,
        term TEXT NOT NULL,
        date TEXT NOT NULL,
        quantity_rowid INTEGER NOT NULL,
        PRIMARY KEY (category, term, date, quantity_rowid)
      ) WITHOUT ROWID;
    `,
  },
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
  {
    // What the API's lists and searches read (src/server/api.ts, docs/RESULTS.md "HTTP API at scale"): current
    // articles by date without a table scan, the few superseded ones as a small set, statements most reported
    // first in index order, speakers without case, numbers by place.
    version: 6,
    name: 'indexes for the HTTP API: current articles by date, superseded articles, statements by reports, speakers, quantity places',
    sql: `
      CREATE INDEX articles_current_date ON articles(date) WHERE superseded_by IS NULL;
      CREATE INDEX articles_current_outlet_date ON articles(outlet, date) WHERE superseded_by IS NULL;
      CREATE INDEX articles_superseded ON articles(superseded_by) WHERE superseded_by IS NOT NULL;
      CREATE INDEX statements_by_reports ON statements(reports DESC);
      CREATE INDEX attributions_speaker_nocase ON attributions(speaker_name COLLATE NOCASE);
      CREATE INDEX quantities_place ON quantities(place_id, category) WHERE place_id IS NOT NULL;
    `,
  },
];
