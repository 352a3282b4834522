import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CrosscheckError } from '../errors.js';
import { EXPORTERS, exporterFor } from '../export/index.js';
import { openStore } from '../store/index.js';
import { DB_OPTION, write, type Command } from './command.js';

const finished = (s: NodeJS.WritableStream) =>
  new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.end(() => resolve());
  });

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the store in a format other tools read',
  usage: `crosscheck export --format FORMAT [--out PATH] [--db PATH]

Formats:
${EXPORTERS.map((e) => `  ${e.format.padEnd(8)} ${e.summary}${e.output === 'folder' ? ' (--out names a folder)' : ''}`).join('\n')}

jsonl goes to standard output unless --out names a file; "crosscheck ingest" reads it back into another
store unchanged (same ids, texts, analyses and sources). csv writes articles.csv, attributions.csv,
quantities.csv and sources.csv into the folder --out names (created if missing).

Examples:
  crosscheck export --format jsonl --out store.jsonl
  crosscheck export --format csv --out tables/`,
  options: { ...DB_OPTION, format: { type: 'string' }, out: { type: 'string', short: 'o' } },
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
    const opened: NodeJS.WritableStream[] = [];
    const open = (name: string): NodeJS.WritableStream => {
      let s: NodeJS.WritableStream;
      if (exporter.output === 'folder') s = createWriteStream(join(out!, name));
      else if (out) s = opened[0] ?? createWriteStream(out);
      else return io.stdout;
      if (!opened.includes(s)) opened.push(s);
      return s;
    };
    if (exporter.output === 'folder') {
      try {
        mkdirSync(out!, { recursive: true });
      } catch (e) {
        throw new CrosscheckError('E_READ', `cannot create the folder for the export: ${(e as Error).message}`, { file: out });
      }
    }
    const store = await openStore(values.db as string);
    try {
      const counts = await exporter.write(store, { open });
      await Promise.all(opened.map(finished));
      write(io.stderr, `exported ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} from ${values.db} as ${exporter.format}${out ? ` → ${out}` : ''}`);
      return 0;
    } catch (e) {
      for (const s of opened) s.end();
      if (e instanceof CrosscheckError) throw e;
      throw new CrosscheckError('E_EXPORT', `the export failed: ${(e as Error).message}`, { file: out });
    } finally {
      await store.close();
    }
  },
};
