// What every command is: a name, a one-line summary, a usage text with an example, its options, and a
// run function that writes to the given streams and returns an exit status. Only bin/ calls process.exit.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CrosscheckError } from '../errors.js';

export interface IO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], io: IO): Promise<number>;
}

export const DB_OPTION: Options = { db: { type: 'string', default: 'crosscheck.db' } };

export function parse(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CrosscheckError('E_USAGE', `${(e as Error).message}; see crosscheck ${cmd.name} --help`);
  }
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : text + '\n');
}

/** An integer option with bounds, or a usage error that names it. */
export function intOption(value: unknown, name: string, dflt: number, min: number, max: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CrosscheckError('E_USAGE', `--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
