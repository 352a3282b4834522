// The queue of ingest jobs and the registry of workers, held in the PostgreSQL store (the tables of migration 3).
// A job is a batch of prepared articles: `crosscheck ingest` reads and cleans them and enqueues them here, with
// their sightings and their storing order (seqs); `crosscheck worker`s claim jobs with FOR UPDATE SKIP LOCKED,
// analyse, store and link them. A claimed job is leased: its worker renews the lease with its heartbeat, and a
// worker that dies (killed, out of memory, its machine gone) stops renewing, so that the job returns to the queue
// when the lease runs out; storing a job and marking it done is one transaction that first checks the lease is
// still this worker's, so a job is stored once however often it was claimed.
import type { AnalysisRecord, Article, PutOutcome, SourceSighting } from '../../model.js';
import { LOCKS } from './db.js';
import type { PostgresStore, QueuedPut } from './index.js';

/** How often a worker says it is alive, and how long without a beat makes it gone. */
export const HEARTBEAT_SECONDS = 5;
export const ALIVE_SECONDS = 3 * HEARTBEAT_SECONDS;

/** One prepared article of a job: a restored one (a crosscheck export) comes with its analysis and sources. */
export interface QueueItem {
  article: Article;
  restored?: { analysis: AnalysisRecord | null; sources: SourceSighting[] };
}

export interface Job {
  id: number;
  firstSeq: number;
  attempts: number;
  items: QueueItem[];
}

export interface WorkerRow {
  id: string;
  host: string;
  pid: number;
  state: string;
  job: number | null;
  jobsDone: number;
  articlesDone: number;
  startedAt: string;
  /** Seconds since its last heartbeat. */
  silentFor: number;
}

export interface QueueStatus {
  jobs: { queued: number; running: number; done: number; failed: number };
  /** Articles in jobs not done. */
  pendingArticles: number;
  workers: WorkerRow[];
  linkedThrough: number;
  lastSeq: number;
  /** Stored articles not yet linked, and statements and groups waiting to be recomputed. */
  unlinked: number;
  dirty: number;
}

export class Queue {
  constructor(private readonly store: PostgresStore) {}

  private get db() {
    return this.store.db;
  }

  /**
   * Enqueue prepared articles as one job, with the sightings read with them. Articles already stored or queued are
   * not enqueued again (their sightings are recorded all the same). Returns the job's id, or null when nothing was new.
   */
  async enqueue(items: QueueItem[], sightings: SourceSighting[]): Promise<{ job: number | null; queued: number; known: number }> {
    const db = this.db;
    try {
      return await db.transaction(async () => {
        // Exclusive: no link bound is read between giving out these seqs and making the job visible.
        await db.lock(LOCKS.allocate);
        const seen = new Set<string>();
        const unique = items.filter((i) => !seen.has(i.article.id) && (seen.add(i.article.id), true));
        const ids = unique.map((i) => i.article.id);
        const known = new Set([
          ...(await db.column<string>('SELECT id FROM articles WHERE id = ANY($1::text[])', [ids])),
          ...(await db.column<string>('SELECT article_id FROM queue_articles WHERE article_id = ANY($1::text[])', [ids])),
        ]);
        const kept = unique.filter((i) => !known.has(i.article.id));
        let job: number | null = null;
        if (kept.length) {
          job = (await db.value<number>("SELECT nextval('batch_seq')"))!;
          const last = (await db.value<number>("SELECT setval('article_seq', nextval('article_seq') + $1 - 1)", [kept.length]))!;
          await db.query('INSERT INTO jobs (id, first_seq, articles, payload) VALUES ($1, $2, $3, $4::json)', [job, last - kept.length + 1, kept.length, JSON.stringify({ items: kept })]);
          await db.query('INSERT INTO queue_articles (article_id, job_id) SELECT unnest($1::text[]), $2', [kept.map((i) => i.article.id), job]);
        }
        await this.store.insertSightings(sightings);
        return { job, queued: kept.length, known: items.length - kept.length };
      });
    } catch (e) {
      throw db.error(e, 'cannot enqueue');
    }
  }

  /** Claim the earliest job that is queued or whose lease ran out; jobs whose workers were lost maxAttempts times fail instead. */
  async claim(worker: string, leaseSeconds: number, maxAttempts: number): Promise<Job | null> {
    const db = this.db;
    await db.query(`UPDATE jobs SET state = 'failed', lease_until = NULL,
        error = 'its worker stopped during the job ' || attempts || ' times (killed, out of memory, or its connection lost); see the workers'' logs, then crosscheck worker --retry-failed'
      WHERE state = 'running' AND lease_until < now() AND attempts >= $1`, [maxAttempts], 'fail_lost');
    const r = await db.one(`UPDATE jobs j SET state = 'running', claimed_by = $1, attempts = j.attempts + 1, lease_until = now() + make_interval(secs => $2), started_at = now()
      FROM (SELECT id FROM jobs WHERE state = 'queued' OR (state = 'running' AND lease_until < now()) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) c
      WHERE j.id = c.id RETURNING j.id, j.first_seq, j.attempts, j.payload`, [worker, leaseSeconds], 'claim');
    if (!r) return null;
    return { id: r.id as number, firstSeq: r.first_seq as number, attempts: r.attempts as number, items: (r.payload as { items: QueueItem[] }).items };
  }

  /** Extend the lease of a job this worker holds; false when it is no longer this worker's. */
  async renew(job: Job, worker: string, leaseSeconds: number): Promise<boolean> {
    const n = await this.db.column(`UPDATE jobs SET lease_until = now() + make_interval(secs => $4) WHERE id = $1 AND claimed_by = $2 AND attempts = $3 AND state = 'running' RETURNING id`,
      [job.id, worker, job.attempts, leaseSeconds], 'renew');
    return n.length > 0;
  }

  /**
   * Store a job's analysed articles and mark it done, in one transaction; null (and nothing written) when the
   * job is no longer this worker's (its lease ran out and another worker took it).
   */
  async complete(job: Job, worker: string, items: QueuedPut[]): Promise<PutOutcome[] | null> {
    const db = this.db;
    try {
      return await db.transaction(async () => {
        const r = await db.one('SELECT state, claimed_by, attempts FROM jobs WHERE id = $1 FOR UPDATE', [job.id], 'job_owner');
        if (!r || r.state !== 'running' || r.claimed_by !== worker || r.attempts !== job.attempts) return null;
        const outcomes = await this.store.putQueued(items, job.id);
        await db.query('DELETE FROM queue_articles WHERE job_id = $1', [job.id], 'unqueue');
        await db.query("UPDATE jobs SET state = 'done', finished_at = now(), lease_until = NULL, payload = NULL, error = NULL WHERE id = $1", [job.id], 'job_done');
        await db.query('UPDATE workers SET jobs_done = jobs_done + 1, articles_done = articles_done + $2 WHERE id = $1', [worker, items.length], 'worker_done');
        return outcomes;
      });
    } catch (e) {
      throw db.error(e, `cannot store job ${job.id}`);
    }
  }

  /** Give a job back after an error: to the queue, or failed once it was tried maxAttempts times. */
  async release(job: Job, worker: string, error: string, maxAttempts: number): Promise<'queued' | 'failed' | null> {
    return (await this.db.value<'queued' | 'failed'>(`UPDATE jobs SET state = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'queued' END, error = $3, lease_until = NULL, claimed_by = NULL
      WHERE id = $1 AND claimed_by = $2 AND state = 'running' RETURNING state`, [job.id, worker, error.slice(0, 2000), maxAttempts])) ?? null;
  }

  /** Put failed jobs back in the queue; returns how many. */
  async retryFailed(): Promise<number> {
    return (await this.db.column(`UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, claimed_by = NULL WHERE state = 'failed' RETURNING id`)).length;
  }

  async register(w: { id: string; host: string; pid: number }): Promise<void> {
    await this.db.query(`DELETE FROM workers WHERE heartbeat_at < now() - interval '1 hour'`);
    await this.db.query(`INSERT INTO workers (id, host, pid, state) VALUES ($1, $2, $3, 'starting')
      ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), state = 'starting'`, [w.id, w.host, w.pid]);
  }

  async heartbeat(w: { id: string; host: string; pid: number }, state: string, job: number | null): Promise<void> {
    const n = await this.db.column('UPDATE workers SET heartbeat_at = now(), state = $2, job = $3 WHERE id = $1 RETURNING id', [w.id, state, job], 'heartbeat');
    if (!n.length) await this.register(w);
  }

  async deregister(worker: string): Promise<void> {
    await this.db.query('DELETE FROM workers WHERE id = $1', [worker]);
  }

  /** Workers whose last heartbeat is recent: how `crosscheck ingest` knows whether to enqueue. */
  async workersRunning(): Promise<number> {
    return (await this.db.value<number>('SELECT count(*) FROM workers WHERE heartbeat_at > now() - make_interval(secs => $1)', [ALIVE_SECONDS]))!;
  }

  /** Jobs not done: queued or running (by this worker or another). */
  async pending(): Promise<number> {
    return (await this.db.value<number>("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')", [], 'pending'))!;
  }

  /** Whether every stored article is linked and nothing waits for recomputation. */
  async quiet(): Promise<boolean> {
    return (await this.db.value<boolean>(`SELECT NOT EXISTS (SELECT 1 FROM articles WHERE seq > (SELECT value FROM link_state WHERE name = 'linked_through'))
      AND NOT EXISTS (SELECT 1 FROM link_dirty)`, [], 'quiet'))!;
  }

  /** Whether these jobs are done (or failed), their articles linked and nothing waits for recomputation. */
  async settled(jobs: number[]): Promise<{ settled: boolean; pending: number; failed: number }> {
    const r = (await this.db.one<{ pending: number; failed: number; unlinked: number; dirty: number }>(`SELECT
        (SELECT count(*) FROM jobs WHERE id = ANY($1::bigint[]) AND state IN ('queued', 'running')) AS pending,
        (SELECT count(*) FROM jobs WHERE id = ANY($1::bigint[]) AND state = 'failed') AS failed,
        (SELECT count(*) FROM articles WHERE batch = ANY($1::bigint[]) AND seq > (SELECT value FROM link_state WHERE name = 'linked_through')) AS unlinked,
        (SELECT count(*) FROM link_dirty) AS dirty`, [jobs]))!;
    return { settled: r.pending === 0 && r.unlinked === 0 && r.dirty === 0, pending: r.pending, failed: r.failed };
  }

  async status(): Promise<QueueStatus> {
    const db = this.db;
    const j = (await db.one<Record<string, number>>(`SELECT count(*) FILTER (WHERE state = 'queued') AS queued, count(*) FILTER (WHERE state = 'running') AS running,
      count(*) FILTER (WHERE state = 'done') AS done, count(*) FILTER (WHERE state = 'failed') AS failed,
      coalesce(sum(articles) FILTER (WHERE state IN ('queued', 'running')), 0) AS pending_articles FROM jobs`))!;
    const workers = (await db.query(`SELECT id, host, pid, state, job, jobs_done, articles_done, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
        extract(epoch FROM now() - heartbeat_at)::float8 AS silent FROM workers WHERE heartbeat_at > now() - make_interval(secs => $1) ORDER BY started_at, id`, [ALIVE_SECONDS]))
      .map((r): WorkerRow => ({ id: r.id as string, host: r.host as string, pid: r.pid as number, state: r.state as string, job: (r.job as number) ?? null,
        jobsDone: r.jobs_done as number, articlesDone: r.articles_done as number, startedAt: r.started_at as string, silentFor: r.silent as number }));
    const l = (await db.one<Record<string, number>>(`SELECT (SELECT value FROM link_state WHERE name = 'linked_through') AS mark, (SELECT coalesce(max(seq), 0) FROM articles) AS last,
      (SELECT count(*) FROM articles WHERE seq > (SELECT value FROM link_state WHERE name = 'linked_through')) AS unlinked, (SELECT count(*) FROM link_dirty) AS dirty`))!;
    return {
      jobs: { queued: j.queued, running: j.running, done: j.done, failed: j.failed },
      pendingArticles: j.pending_articles,
      workers,
      linkedThrough: l.mark,
      lastSeq: l.last,
      unlinked: l.unlinked,
      dirty: l.dirty,
    };
  }
}
