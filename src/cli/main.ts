// The command line: `crosscheck COMMAND [options]`. Each command is one file in this folder.
import { CrosscheckError, formatDiagnostic } from '../errors.js';
import { analyzeCommand } from './analyze.js';
import { check } from './check.js';
import { parse, write, type Command, type IO } from './command.js';
import { exportCommand } from './export.js';
import { extract } from './extract.js';
import { entities } from './entities.js';
import { ingest } from './ingest.js';
import { quantities } from './quantities.js';
import { conflicts } from './conflicts.js';
import { reuse } from './reuse.js';
import { search } from './search.js';
import { serve } from './serve.js';
import { show } from './show.js';
import { statements } from './statements.js';
import { worker } from './worker.js';

export const COMMANDS: Command[] = [ingest, analyzeCommand, extract, exportCommand, search, show, reuse, statements, conflicts, serve, entities, quantities, check, worker];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `crosscheck: who said it, through whom, how hedged, how many independent origins

Usage: crosscheck COMMAND [options]   (crosscheck COMMAND --help for each)

${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command that reads the store takes --db PATH (default ./crosscheck.db), or --db postgres://… for a PostgreSQL store.`;
}

export async function main(argv: string[], io: IO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { write(io.stdout, help()); return name ? 0 : 2; }
  if (name === '--version') { write(io.stdout, '0.1.0'); return 0; }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) { write(io.stderr, `crosscheck: no command "${name}"\n\n${help()}`); return 2; }
  try {
    const { values, positionals } = parse(cmd, rest);
    if (values.help) { write(io.stdout, `${cmd.summary}\n\nUsage: ${cmd.usage}`); return 0; }
    return await cmd.run(values as Record<string, string | boolean | undefined>, positionals, io);
  } catch (e) {
    if (e instanceof CrosscheckError) { write(io.stderr, `crosscheck ${name}: ${formatDiagnostic(e.toDiagnostic())}`); return e.code === 'E_USAGE' ? 2 : 1; }
    throw e;
  }
}
