import { formatDiagnostic } from '../errors.js';
import { FORMATS, type Format } from '../ingest/index.js';
import type { Diagnostic } from '../model.js';
import { defaultAnalysisThreads } from '../analysis.js';
import { ingestPaths } from '../pipeline.js';
import { openStore } from '../store/index.js';
import { PostgresStore } from '../store/postgres/index.js';
import { Queue } from '../store/postgres/queue.js';
import { enqueuePaths } from '../workers.js';
import { DB_OPTION, intOption, write, type Command, type IO } from './command.js';
import { progressLine } from './progress.js';

export const ingest: Command = {
  name: 'ingest',
  summary: 'read articles from files, folders or standard input into the store',
  usage: `crosscheck ingest [--db PATH|postgres://…] [--format text|csv|jsonl|json|html|feed|warc] [--batch-size N] [--threads N] [--wait] PATH...

Reads plain-text articles, CSV files with a header (Title, Text, URL, Date, … in any order), JSON Lines
and JSON, HTML pages (.html, .htm), RSS and Atom feeds (.rss, .atom, .xml), WARC files (.warc), each also
gzip-compressed (.gz), and crosscheck's own JSON Lines export (restored as it was); folders are read
recursively; "-" reads standard input. Each article is cleaned, analysed and
stored; an article already stored is left as it is, and a changed one is kept as a new version.
Problems are reported with the file and line; the rest of the batch goes on. Exit status 1 if any input failed.
Articles are stored N at a time (--batch-size, default 200), each batch in one transaction: an ingest that is
stopped (Ctrl-C, a crash, a full disk) keeps every batch before it, and ingesting again resumes.
--threads N analyses articles in N threads beside the one that stores and links them (default 1 on a
machine with more than one core, else 0; the records are the same either way). (Worker processes are
another thing: crosscheck worker, on a PostgreSQL store.)
With --db postgres://… while crosscheck workers are running on that database, the articles are read,
cleaned and enqueued as jobs of N (default 100) for the workers to analyse, store and link, and the command
returns (--wait: once they are stored and linked); with no worker running it ingests them itself.

Examples:
  crosscheck ingest ~/articles/ corpus.csv
  crosscheck ingest --db postgres://crosscheck@db.example.org/news --wait feed.jsonl`,
  options: { ...DB_OPTION, format: { type: 'string' }, 'max-bytes': { type: 'string' }, 'batch-size': { type: 'string' }, threads: { type: 'string' }, workers: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, wait: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (!positionals.length) { write(io.stderr, 'crosscheck ingest: give at least one file or folder (or - for standard input); see --help'); return 2; }
    const format = values.format as Format | undefined;
    if (format && !FORMATS.includes(format)) { write(io.stderr, `crosscheck ingest: --format must be one of ${FORMATS.join(', ')}, not "${format}"`); return 2; }
    const maxBytes = intOption(values['max-bytes'], 'max-bytes', 256 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER);
    // --workers was this option's first name; it is still read, with a note, so that scripts keep working.
    if (values.workers !== undefined && !values.quiet) write(io.stderr, 'crosscheck ingest: --workers is now --threads (analysis threads; crosscheck worker runs worker processes)');
    const analysisThreads = intOption(values.threads ?? values.workers, 'threads', defaultAnalysisThreads(), 0, 64);
    const store = await openStore(values.db as string);
    if (store instanceof PostgresStore) {
      const queue = new Queue(store);
      const workers = await queue.workersRunning();
      if (workers) {
        try {
          return await enqueue(store, queue, workers, positionals, { format, maxBytes, batchSize: intOption(values['batch-size'], 'batch-size', 100, 1, 100_000) }, values, io);
        } finally {
          await store.close();
        }
      }
      const pending = await queue.pending();
      if (pending) write(io.stderr, `${pending} jobs are queued and no worker is running: the articles ingested now are linked after them, once a worker runs (crosscheck worker --db …)`);
    }
    const batchSize = intOption(values['batch-size'], 'batch-size', 200, 1, 100_000);
    const bar = progressLine(io.stderr);
    // Warnings (rows with no text) are many and alike: print them once per file and code, with their lines.
    const warnings = new Map<string, { d: Diagnostic; lines: number[] }>();
    try {
      const s = await ingestPaths(store, positionals, {
        format, maxBytes, batchSize, analysisThreads,
        onProgress: (p) => bar.update(p),
        onDiagnostic: (d) => {
          if (d.fatal === false) {
            const key = `${d.file}\u0000${d.code}`;
            const w = warnings.get(key) ?? { d, lines: [] };
            if (d.line != null) w.lines.push(d.line);
            warnings.set(key, w);
            return;
          }
          bar.done();
          if (!values.quiet) write(io.stderr, formatDiagnostic(d));
        },
      });
      bar.done();
      if (!values.quiet) {
        for (const { d, lines } of warnings.values()) {
          const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? `, … (${lines.length - 8} more)` : '');
          write(io.stderr, `${d.file}: [${d.code}] ${lines.length > 1 ? `${lines.length} rows: ` : ''}${d.message}${lines.length ? ` (line${lines.length > 1 ? 's' : ''} ${shown})` : ''}`);
        }
      }
      const rate = s.seconds > 0 ? ((s.new + s.versions) / s.seconds).toFixed(0) : '-';
      write(io.stderr, `${s.new} new, ${s.unchanged} unchanged, ${s.versions} new versions, ${s.failed} failed${s.skippedRows ? `, ${s.skippedRows} empty rows skipped` : ''}` +
        `${s.skippedFiles ? `, ${s.skippedFiles} files skipped (unknown format)` : ''} — ${s.files} files in ${s.seconds.toFixed(1)} s (${rate} articles/s) → ${values.db}`);
      return s.failed ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};

/** Read, clean and enqueue for the running workers; with --wait, until they have stored and linked it all. */
async function enqueue(store: PostgresStore, queue: Queue, workers: number, paths: string[], options: Parameters<typeof enqueuePaths>[2], values: Record<string, unknown>, io: IO): Promise<number> {
  const bar = progressLine(io.stderr);
  const s = await enqueuePaths(store, paths, {
    ...options,
    onProgress: (p) => bar.update(p),
    onDiagnostic: (d) => {
      if (d.fatal === false || values.quiet) return;
      bar.done();
      write(io.stderr, formatDiagnostic(d));
    },
  });
  bar.done();
  const warnings = s.diagnostics.filter((d) => d.fatal === false).length;
  write(io.stderr, `${s.queued} articles queued in ${s.jobs.length} jobs for ${workers} running workers, ${s.known} already stored or queued, ${s.failed} failed` +
    `${s.skippedRows ? `, ${s.skippedRows} empty rows skipped` : ''}${warnings && !values.quiet ? ` (${warnings} warnings)` : ''}` +
    `${s.skippedFiles ? `, ${s.skippedFiles} files skipped (unknown format)` : ''} — ${s.files} files in ${s.seconds.toFixed(1)} s → ${values.db}`);
  if (values.wait && s.jobs.length) {
    const t0 = Date.now();
    for (;;) {
      const r = await queue.settled(s.jobs);
      if (r.settled || (await queue.workersRunning()) === 0) {
        write(io.stderr, r.settled
          ? `stored and linked in ${((Date.now() - t0) / 1000).toFixed(1)} s more${r.failed ? `; ${r.failed} jobs failed (crosscheck check lists them)` : ''}`
          : 'the workers stopped before linking was done: start one (crosscheck worker --db …) to finish');
        return s.failed || r.failed || !r.settled ? 1 : 0;
      }
      await new Promise((res) => setTimeout(res, 500));
    }
  }
  return s.failed ? 1 : 0;
}
