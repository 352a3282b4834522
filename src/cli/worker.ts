// `crosscheck worker`: take ingest jobs from a PostgreSQL store's queue, analyse, store and link them
// (src/workers.ts); --status shows the queue and the workers, --retry-failed puts failed jobs back.
import { CrosscheckError } from '../errors.js';
import { redact } from '../store/postgres/db.js';
import { PostgresStore } from '../store/postgres/index.js';
import { HEARTBEAT_SECONDS, Queue } from '../store/postgres/queue.js';
import { isPostgresUrl } from '../store/index.js';
import { runWorker, type WorkerEvent } from '../workers.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

export const worker: Command = {
  name: 'worker',
  summary: 'take ingest jobs from a PostgreSQL store and analyse, store and link them',
  usage: `crosscheck worker --db postgres://USER@HOST/DATABASE [--drain] [--lease SECONDS] [--max-attempts N] [--id NAME] [--quiet]
       crosscheck worker --db postgres://… --status | --retry-failed

Runs until stopped (Ctrl-C or SIGTERM finishes the current job first; a second one stops at once): claims
the earliest job of the queue, analyses its articles, stores them and links them across the store, then the
next. Start as many as you like, on as many machines as reach the database: while a worker's heartbeat is
fresh (every ${HEARTBEAT_SECONDS} s), crosscheck ingest --db on the same database enqueues instead of ingesting itself. A worker
that dies mid-job loses nothing: the job's lease (--lease, default 60 s) runs out and another worker takes
it; a job whose worker was lost --max-attempts times (default 3) is marked failed (crosscheck check lists
it; --retry-failed puts it back). --drain stops once no job is left and everything is linked.
Sizing, costs and the next bottleneck: docs/SCALING.md.

Examples:
  crosscheck worker --db postgres://crosscheck@db.example.org/news
  crosscheck worker --db postgres://crosscheck@db.example.org/news --status`,
  options: {
    ...DB_OPTION, drain: { type: 'boolean' }, lease: { type: 'string' }, 'max-attempts': { type: 'string' }, id: { type: 'string' },
    status: { type: 'boolean' }, 'retry-failed': { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' },
  },
  async run(values, _positionals, io) {
    const db = values.db as string;
    if (!isPostgresUrl(db)) throw new CrosscheckError('E_USAGE', `workers share a PostgreSQL store: give --db postgres://USER@HOST/DATABASE, not "${db}" (a SQLite file has one writer; ingest into it directly)`);
    const lease = intOption(values.lease, 'lease', 60, 2, 86_400);
    const maxAttempts = intOption(values['max-attempts'], 'max-attempts', 3, 1, 1000);
    const store = await PostgresStore.open(db);
    try {
      const queue = new Queue(store);
      if (values['retry-failed']) {
        write(io.stdout, `${await queue.retryFailed()} failed jobs put back in the queue`);
        return 0;
      }
      if (values.status) {
        const s = await queue.status();
        write(io.stdout, `jobs: ${s.jobs.queued} queued, ${s.jobs.running} running, ${s.jobs.done} done, ${s.jobs.failed} failed; ${s.pendingArticles} articles waiting`);
        write(io.stdout, `linked through article ${s.linkedThrough} of ${s.lastSeq}: ${s.unlinked} stored articles waiting to be linked, ${s.dirty} statements and groups waiting to be recomputed`);
        write(io.stdout, `${s.workers.length} workers running${s.workers.length ? ':' : ''}`);
        for (const w of s.workers) write(io.stdout, `  ${w.id}  ${w.state}${w.job != null ? ` job ${w.job}` : ''}  ${w.jobsDone} jobs, ${w.articlesDone} articles since ${w.startedAt}, last heard ${w.silentFor.toFixed(0)} s ago`);
        return 0;
      }
      const stop = new AbortController();
      const onSignal = () => {
        if (!values.quiet) write(io.stderr, 'stopping after the current job (again to stop at once)');
        stop.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const log = (e: WorkerEvent) => {
        if (e.type === 'error') { write(io.stderr, `worker ${e.worker}: job ${e.job} failed (${e.state === 'failed' ? 'marked failed' : 'back in the queue'}): ${e.message}`); return; }
        if (e.type === 'trouble') { write(io.stderr, `worker ${e.worker}: ${e.message}; trying again in ${e.retryInSeconds} s`); return; }
        if (values.quiet && e.type !== 'stop') return;
        if (e.type === 'start') write(io.stderr, `worker ${e.worker}: taking jobs from ${redact(db)}`);
        else if (e.type === 'job') write(io.stderr, `worker ${e.worker}: job ${e.job}: ${e.articles} articles (${e.new} new, ${e.versions} new versions, ${e.unchanged} unchanged) in ${e.seconds.toFixed(1)} s`);
        else if (e.type === 'lost') write(io.stderr, `worker ${e.worker}: job ${e.job} was taken over by another worker (its lease ran out); nothing of it was stored here`);
        else if (e.type === 'stop') {
          write(io.stderr, `worker ${e.worker}: stopped after ${e.jobs} jobs, ${e.articles} articles in ${e.seconds.toFixed(1)} s ` +
            `(analysing ${e.analyseSeconds.toFixed(1)} s, storing ${e.storeSeconds.toFixed(1)} s, linking ${e.linkSeconds.toFixed(1)} s)`);
        }
      };
      try {
        await runWorker(store, { leaseSeconds: lease, maxAttempts, drain: !!values.drain, id: values.id as string | undefined, signal: stop.signal, onEvent: log });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
