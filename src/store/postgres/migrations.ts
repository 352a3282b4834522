// The PostgreSQL schema, as numbered migrations applied in order, each in its own transaction under an advisory
// lock (two processes opening one store at once migrate it once). Never edit a migration that has shipped: add
// the next one. The tables are SQLite's (src/store/sqlite/migrations.ts) with PostgreSQL's types, and:
// - an article's `seq` is its storing order, given out by the sequence article_seq (to a queued job when it is
//   enqueued, so that the order is the input's whatever worker stores it); `batch` is the put or job it came in;
// - attributions, quantities and mentions have the id seq·2^20 + index: the same ids however the rows were
//   written, which keeps linking independent of which worker stored what when (see docs/SCALING.md);
// - full-text search is a generated tsvector column with a GIN index (configuration `crosscheck`: simple, with
//   unaccent where the extension is there), so the index can never disagree with its row;
// - the queue of ingest jobs and the registry of workers (queue.ts).

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Rows an article may have of each kind: ids are seq * ID_SPAN + index. */
export const ID_SPAN = 1 << 20;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, attributions, quantities, mentions, entities, sources, full-text search',
    sql: `
      DO $$
      DECLARE ns text;
      BEGIN
        BEGIN
          CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'unaccent is not available (%): full-text search will not fold diacritics', SQLERRM;
        END;
        SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
        CREATE TEXT SEARCH CONFIGURATION crosscheck (COPY = pg_catalog.simple);
        IF ns IS NOT NULL THEN
          EXECUTE format('ALTER TEXT SEARCH CONFIGURATION crosscheck ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, simple', ns);
        END IF;
      END $$;

      CREATE SEQUENCE article_seq;
      -- Numbers of puts and jobs: a job's number is its batch.
      CREATE SEQUENCE batch_seq;

      CREATE TABLE articles (
        seq bigint PRIMARY KEY,
        batch bigint NOT NULL,
        -- Byte order (C), so that an id prefix is a range of the index.
        id text COLLATE "C" NOT NULL UNIQUE,
        key text NOT NULL,
        version integer NOT NULL,
        superseded_by text,
        title text,
        url text,
        outlet text,
        date text,
        source_path text NOT NULL,
        source_line integer,
        source_row integer,
        source_byte bigint,
        source_url text,
        source_fetched_at text,
        raw_hash text NOT NULL,
        text text NOT NULL,
        offsets json NOT NULL,
        removed json NOT NULL,
        warnings json NOT NULL,
        meta json,
        ingested_at text NOT NULL,
        analyzer text,
        analysis json,
        fts tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('crosscheck', coalesce(title, '')), 'A') || setweight(to_tsvector('crosscheck', text), 'D')
        ) STORED
      );
      CREATE INDEX articles_key ON articles (key, version);
      CREATE INDEX articles_outlet_date ON articles (outlet, date);
      CREATE INDEX articles_date ON articles (date);
      CREATE INDEX articles_batch ON articles (batch);
      CREATE INDEX articles_fts ON articles USING gin (fts);

      CREATE TABLE attributions (
        id bigint PRIMARY KEY,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx integer NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        content text NOT NULL,
        kind text NOT NULL,
        speaker_text text,
        speaker_name text,
        cue text,
        via json NOT NULL,
        hedges json NOT NULL,
        fts tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('crosscheck', content), 'A') || setweight(to_tsvector('crosscheck', coalesce(speaker_name, '')), 'B')
        ) STORED,
        CHECK (id = article_seq * ${ID_SPAN} + idx AND idx >= 0 AND idx < ${ID_SPAN})
      );
      CREATE INDEX attributions_article ON attributions (article_seq);
      CREATE INDEX attributions_speaker ON attributions (speaker_name);
      CREATE INDEX attributions_fts ON attributions USING gin (fts);

      CREATE TABLE quantities (
        id bigint PRIMARY KEY,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx integer NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        text text NOT NULL,
        value double precision,
        low double precision,
        high double precision,
        approx text NOT NULL,
        category text NOT NULL,
        claimant text,
        vague boolean NOT NULL DEFAULT false,
        unit text,
        place_id text,
        place_name text,
        place_text text,
        lat double precision,
        lon double precision,
        date text,
        date_precision text,
        date_text text,
        CHECK (id = article_seq * ${ID_SPAN} + idx AND idx >= 0 AND idx < ${ID_SPAN})
      );
      CREATE INDEX quantities_article ON quantities (article_seq);
      CREATE INDEX quantities_category ON quantities (category);

      CREATE TABLE entities (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        place_id text,
        lat double precision,
        lon double precision,
        created_at text NOT NULL
      );
      CREATE INDEX entities_kind_name ON entities (kind, name);

      CREATE TABLE mentions (
        id bigint PRIMARY KEY,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        idx integer NOT NULL,
        kind text NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        text text NOT NULL,
        name text NOT NULL,
        key text NOT NULL,
        resolution text NOT NULL,
        confidence double precision NOT NULL,
        title text,
        role text,
        place_id text,
        lat double precision,
        lon double precision,
        entity_id bigint REFERENCES entities (id) ON DELETE SET NULL,
        CHECK (id = article_seq * ${ID_SPAN} + idx AND idx >= 0 AND idx < ${ID_SPAN})
      );
      CREATE INDEX mentions_article ON mentions (article_seq);
      CREATE INDEX mentions_unlinked ON mentions (id) WHERE entity_id IS NULL;
      CREATE INDEX mentions_entity ON mentions (entity_id);
      CREATE INDEX mentions_key ON mentions (kind, key);

      -- Every key an entity owns, with how it came to own it: the first key ('new'), or a merge with its rule and reason.
      CREATE TABLE entity_keys (
        id bigserial PRIMARY KEY,
        entity_id bigint NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        kind text NOT NULL,
        key text NOT NULL,
        block text NOT NULL,
        variant text NOT NULL,
        rule text NOT NULL,
        reason text NOT NULL,
        created_at text NOT NULL,
        UNIQUE (kind, key)
      );
      CREATE INDEX entity_keys_block ON entity_keys (kind, block);
      CREATE INDEX entity_keys_entity ON entity_keys (entity_id);

      -- Merges that were undone: this key never joins this entity again.
      CREATE TABLE entity_blocks (
        kind text NOT NULL,
        key text NOT NULL,
        entity_id bigint NOT NULL,
        created_at text NOT NULL,
        PRIMARY KEY (kind, key, entity_id)
      );

      -- A sighting is a fact (these bytes, read from this place, gave this article): one row each.
      CREATE TABLE sources (
        id bigserial PRIMARY KEY,
        raw_hash text NOT NULL,
        path text NOT NULL,
        line integer,
        "row" integer,
        byte bigint,
        url text,
        fetched_at text,
        read_at text NOT NULL,
        article_id text NOT NULL
      );
      CREATE INDEX sources_article ON sources (article_id);
      CREATE INDEX sources_hash ON sources (raw_hash);
      CREATE UNIQUE INDEX sources_sighting ON sources (raw_hash, path, coalesce(line, -1), coalesce("row", -1), article_id);
    `,
  },
  {
    version: 2,
    name: 'linking across articles: reuse, statements with their reports, quantity groups and conflicts',
    sql: `
      -- Linking runs over the articles stored since the last run (seq > linked_through), in storing order.
      CREATE TABLE link_state (name text PRIMARY KEY, value bigint NOT NULL);
      INSERT INTO link_state (name, value) VALUES ('linked_through', 0);
      -- Statements ('statement', its seq) and quantity groups ('group', its seq) whose derived fields wait for recomputation.
      CREATE TABLE link_dirty (kind text NOT NULL, id bigint NOT NULL, PRIMARY KEY (kind, id));

      -- Reuse: winnowing fingerprints (32-bit hashes stored as signed integers), the pairs that share text.
      CREATE TABLE reuse_fingerprints (
        hash integer NOT NULL,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        PRIMARY KEY (hash, article_seq)
      );
      CREATE TABLE reuse_stop (hash integer PRIMARY KEY, postings integer NOT NULL);
      CREATE TABLE reuse_signatures (
        article_seq bigint PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
        shingles integer NOT NULL,
        fingerprints integer NOT NULL,
        -- The article's distinct shingle hashes, sorted, as little-endian 32-bit integers.
        shingle_set bytea NOT NULL
      );
      CREATE TABLE reuse (
        a_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        b_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        a_in_b double precision NOT NULL,
        b_in_a double precision NOT NULL,
        shared double precision NOT NULL,
        shared_shingles integer NOT NULL,
        earlier text,
        PRIMARY KEY (a_seq, b_seq)
      );
      CREATE INDEX reuse_b ON reuse (b_seq);

      -- Statements: attributions of one utterance across articles. link_key is the speaker key linking matches
      -- on (the first report's, or the first name a report gives): unlike speaker_key, which recomputation
      -- rewrites, it never changes once set, so that when recomputation runs cannot change what linking finds.
      CREATE TABLE statements (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        speaker text,
        speaker_key text,
        link_key text,
        content text NOT NULL,
        terms text NOT NULL,
        first_attribution bigint,
        first_date text,
        reports integer NOT NULL DEFAULT 0,
        origins integer NOT NULL DEFAULT 0,
        echoes integer NOT NULL DEFAULT 0
      );
      CREATE INDEX statements_reports ON statements (reports);
      CREATE INDEX statements_speaker ON statements (speaker_key);
      CREATE TABLE statement_reports (
        attribution_id bigint PRIMARY KEY REFERENCES attributions (id) ON DELETE CASCADE,
        statement_seq bigint NOT NULL REFERENCES statements (seq) ON DELETE CASCADE,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        speaker_key text,
        role text,
        echo_of bigint,
        reason text,
        origin text,
        chain json
      );
      CREATE INDEX statement_reports_statement ON statement_reports (statement_seq);
      CREATE INDEX statement_reports_article ON statement_reports (article_seq);
      CREATE TABLE statement_terms (
        term text NOT NULL,
        statement_seq bigint NOT NULL,
        PRIMARY KEY (term, statement_seq)
      );
      CREATE TABLE term_counts (kind text NOT NULL, term text NOT NULL, n integer NOT NULL, PRIMARY KEY (kind, term));

      CREATE TABLE quantity_groups (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        category text NOT NULL,
        about json NOT NULL,
        place text,
        date_from text,
        date_to text,
        members integer NOT NULL DEFAULT 0,
        conflict boolean NOT NULL DEFAULT false,
        kind text,
        explanation text
      );
      CREATE INDEX quantity_groups_conflict ON quantity_groups (conflict, category);
      CREATE TABLE quantity_group_members (
        quantity_id bigint PRIMARY KEY REFERENCES quantities (id) ON DELETE CASCADE,
        group_seq bigint NOT NULL REFERENCES quantity_groups (seq) ON DELETE CASCADE,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        date text,
        facts json NOT NULL
      );
      CREATE INDEX quantity_group_members_group ON quantity_group_members (group_seq);
      CREATE TABLE quantity_terms (
        category text NOT NULL,
        term text NOT NULL,
        date text NOT NULL,
        quantity_id bigint NOT NULL,
        PRIMARY KEY (category, term, date, quantity_id)
      );
    `,
  },
  {
    version: 3,
    name: 'the queue of ingest jobs and the registry of workers',
    sql: `
      -- One job: prepared articles (read and cleaned by crosscheck ingest) to analyse, store and link. Its id is
      -- its batch number; its articles have the seqs first_seq .. first_seq + articles - 1, given out when it was
      -- enqueued. A running job is leased: a worker that stops renewing its lease loses the job to the next.
      CREATE TABLE jobs (
        id bigint PRIMARY KEY,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        first_seq bigint NOT NULL,
        articles integer NOT NULL,
        payload json,
        attempts integer NOT NULL DEFAULT 0,
        claimed_by text,
        lease_until timestamptz,
        error text,
        enqueued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX jobs_pending ON jobs (id) WHERE state IN ('queued', 'running');
      CREATE INDEX jobs_first_seq ON jobs (first_seq) WHERE state IN ('queued', 'running');
      -- The articles of jobs not yet done: an article is queued once, and a sighting of it is not an orphan.
      CREATE TABLE queue_articles (article_id text PRIMARY KEY, job_id bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE);
      CREATE INDEX queue_articles_job ON queue_articles (job_id);
      -- Workers say they are alive every few seconds; one whose heartbeat is older than a few beats is gone.
      CREATE TABLE workers (
        id text PRIMARY KEY,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL,
        job bigint,
        jobs_done integer NOT NULL DEFAULT 0,
        articles_done integer NOT NULL DEFAULT 0
      );
    `,
  },
  {
    // What the HTTP API's lists and searches read (as the SQLite store's migration 6): current articles by date,
    // the few superseded ones, statements most reported first, speakers without case, numbers by place.
    version: 4,
    name: 'indexes for the HTTP API: current articles by date, superseded articles, statements by reports, speakers, quantity places',
    sql: `
      CREATE INDEX articles_current_date ON articles (date) WHERE superseded_by IS NULL;
      CREATE INDEX articles_current_outlet_date ON articles (outlet, date) WHERE superseded_by IS NULL;
      CREATE INDEX articles_superseded ON articles (superseded_by) WHERE superseded_by IS NOT NULL;
      CREATE INDEX statements_by_reports ON statements (reports DESC);
      CREATE INDEX attributions_speaker_lower ON attributions (lower(speaker_name));
      CREATE INDEX quantities_place ON quantities (place_id, category) WHERE place_id IS NOT NULL;
    `,
  },
];
