import { createWriteStream, mkdirSync, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { CrosscheckError } from '../errors.js';
import { DEFAULT_MAX_ELEMENTS } from '../export/graph-export.js';
import { EXPORTERS, exporterFor, type ExportScope } from '../export/index.js';
import { GraphTooLarge } from '../link/graph.js';
import { openStore } from '../store/index.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';
import { catchUp, fraction } from './reuse.js';

/** The scope options, by the ExportScope field each sets. */
const SCOPE_OPTIONS: Record<keyof ExportScope, string> = {
  statements: 'statement',
  minReports: 'min-reports',
  limit: 'limit',
  minShared: 'min-shared',
  maxElements: 'max-elements',
};

function scopeOf(values: Record<string, unknown>): ExportScope {
  const scope: ExportScope = {};
  if (values.statement !== undefined) scope.statements = values.statement as string[];
  if (values['min-reports'] !== undefined) scope.minReports = intOption(values['min-reports'], 'min-reports', 1, 1, 1e9);
  if (values.limit !== undefined) scope.limit = intOption(values.limit, 'limit', 0, 1, 1e12);
  if (values['min-shared'] !== undefined) scope.minShared = fraction(values['min-shared'], 'min-shared', 0.5);
  if (values['max-elements'] !== undefined) scope.maxElements = intOption(values['max-elements'], 'max-elements', DEFAULT_MAX_ELEMENTS, 1, 1e12);
  return scope;
}

/** Close a file of the export: resolves when its bytes are written, rejects with its error (a full disk). */
async function close(s: WriteStream): Promise<void> {
  s.end();
  await finished(s);
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the store in a format other tools read',
  usage: `crosscheck export --format FORMAT [--out PATH] [--db PATH] [--min-reports N] [--limit N] [--statement ID]… [--min-shared X] [--max-elements N]

Formats:
${EXPORTERS.map((e) => `  ${e.format.padEnd(12)} ${e.summary}${e.output === 'folder' ? ' (--out names a folder)' : ''}`).join('\n')}

A file format goes to standard output unless --out names a file (written beside it and renamed when
complete, so a failed export leaves no partial file). jsonl is the whole store, and "crosscheck ingest" reads
it back into another store unchanged (same ids, texts, analyses and sources). csv writes articles.csv,
attributions.csv, quantities.csv and sources.csv into the folder --out names (created if missing).

claimreview, prov, gexf and graphml export statements (the store is linked first if an ingest left articles
unlinked): every statement unless narrowed by
  --min-reports N     statements reported at least N times
  --limit N           the N most reported
  --statement ID      this statement (repeat for more)
gexf and graphml also take
  --min-shared X      "copied from" edges for article pairs sharing at least X of the shorter text (default 0.5)
  --max-elements N    refuse a graph of more than N nodes and edges together (default ${DEFAULT_MAX_ELEMENTS.toLocaleString('en')}): the
                      graph is built in memory, and Gephi and the others do not lay out much more
docs/EXPORTS.md says what each file holds.

Examples:
  crosscheck export --format jsonl --out store.jsonl
  crosscheck export --format csv --out tables/
  crosscheck export --format claimreview --min-reports 2 --out claims.jsonld
  crosscheck export --format prov --statement 800f691fc05548a8-4 --out chain.jsonld
  crosscheck export --format gexf --min-reports 2 --out provenance.gexf`,
  options: {
    ...DB_OPTION,
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    statement: { type: 'string', multiple: true },
    'min-reports': { type: 'string' },
    limit: { type: 'string' },
    'min-shared': { type: 'string' },
    'max-elements': { type: 'string' },
  },
  async run(values, _positionals, io) {
    const format = values.format as string | undefined;
    const exporter = format ? exporterFor(format) : undefined;
    if (!exporter) {
      write(io.stderr, `crosscheck export: --format must be one of ${EXPORTERS.map((e) => e.format).join(', ')}${format ? `, not "${format}"` : ''}; see --help`);
      return 2;
    }
    const out = values.out as string | undefined;
    if (exporter.output === 'folder' && !out) {
      write(io.stderr, `crosscheck export: ${exporter.format} writes one file per record type; give --out FOLDER`);
      return 2;
    }
    const unread = (Object.keys(SCOPE_OPTIONS) as (keyof ExportScope)[]).filter((k) => values[SCOPE_OPTIONS[k]] !== undefined && !exporter.scope.includes(k));
    if (unread.length) {
      write(io.stderr, `crosscheck export: ${exporter.format} ${exporter.scope.length ? `takes only ${exporter.scope.map((k) => `--${SCOPE_OPTIONS[k]}`).join(', ')}` : 'exports the whole store'}, not ${unread.map((k) => `--${SCOPE_OPTIONS[k]}`).join(', ')}`);
      return 2;
    }
    const scope = scopeOf(values);
    if (scope.statements && (scope.minReports != null || scope.limit != null)) {
      write(io.stderr, 'crosscheck export: --statement names the statements to export; it does not go with --min-reports or --limit, which choose among all of them');
      return 2;
    }
    // Each file is written under a temporary name and renamed when the export is complete.
    const opened: { stream: WriteStream; partial: string; path: string }[] = [];
    const open = (name: string): NodeJS.WritableStream => {
      if (!out) return io.stdout;
      const path = exporter.output === 'folder' ? join(out, name) : out;
      const had = opened.find((o) => o.path === path);
      if (had) return had.stream;
      const partial = `${path}.partial-${process.pid}`;
      let fd: number;
      try {
        fd = openSync(partial, 'w');
      } catch (e) {
        throw new CrosscheckError('E_EXPORT', `cannot write the export: ${(e as Error).message}`, { file: path });
      }
      const stream = createWriteStream(partial, { fd });
      // A write error (a full disk) fails the export through put() and finished(); it must not crash the process.
      stream.on('error', () => undefined);
      opened.push({ stream, partial, path });
      return stream;
    };
    if (exporter.output === 'folder') {
      try {
        mkdirSync(out!, { recursive: true });
      } catch (e) {
        throw new CrosscheckError('E_READ', `cannot create the folder for the export: ${(e as Error).message}`, { file: out });
      }
    }
    // Interrupted (Ctrl-C, a kill), the export removes its partial files and then ends as the signal would.
    const interrupted = (signal: NodeJS.Signals) => {
      for (const o of opened) rmSync(o.partial, { force: true });
      process.kill(process.pid, signal);
    };
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const sig of signals) process.once(sig, interrupted);
    const store = await openStore(values.db as string);
    try {
      if (exporter.linked) await catchUp(store, io);
      const counts = await exporter.write(store, { open }, scope);
      await Promise.all(opened.map((o) => close(o.stream)));
      for (const o of opened) renameSync(o.partial, o.path);
      write(io.stderr, `exported ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} from ${values.db} as ${exporter.format}${out ? ` → ${out}` : ''}`);
      return 0;
    } catch (e) {
      await Promise.all(opened.map((o) => close(o.stream).catch(() => undefined)));
      for (const o of opened) rmSync(o.partial, { force: true });
      if (e instanceof GraphTooLarge) {
        throw new CrosscheckError(e.code, `${e.message.replace(/; narrow it .*$/, '')}; narrow it with --min-reports 2 (statements reported more than once), --limit N (the most reported), --statement ID or --min-shared X, or raise --max-elements`, { file: out });
      }
      if (e instanceof CrosscheckError) throw e;
      throw new CrosscheckError('E_EXPORT', `the export failed: ${(e as Error).message}`, { file: out });
    } finally {
      for (const sig of signals) process.off(sig, interrupted);
      await store.close();
    }
  },
};
