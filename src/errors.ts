// Errors with codes that say where and what to do. Inputs report problems as Diagnostic data;
// CrosscheckError is for what stops one command (a bad option, a store that cannot open).
import type { Diagnostic } from './model.js';

export const CODES = {
  E_USAGE: 'the command line is not understood',
  E_NOT_FOUND: 'a path or record does not exist',
  E_BINARY: 'the input is a binary file, not text',
  E_ENCODING: 'the input is not valid UTF-8 or UTF-16 text',
  E_EMPTY: 'the input holds no article text',
  E_CSV: 'a CSV row cannot be read',
  E_CSV_HEADER: 'a CSV file has no column the article text can come from',
  E_JSON: 'a JSON line does not parse or lacks the article text',
  E_TOO_LARGE: 'the input is larger than the limit',
  E_FORMAT: 'the input is in a format crosscheck does not read (an archive, a document, a compression other than gzip)',
  E_READ: 'the input cannot be read',
  E_STORE: 'the store cannot be opened or written',
  E_ANALYZE: 'the analysis of an article failed',
  E_FEED: 'a feed file is not RSS or Atom, or its XML does not parse',
  E_WARC: 'a WARC record is truncated or malformed',
  E_GZIP: 'a gzip-compressed input cannot be decompressed',
  E_EXPORT: 'an export could not be written',
  E_GRAPH_TOO_LARGE: 'the graph asked for has more nodes and edges than the bound; narrow it or raise the bound',
  W_EMPTY_ROW: 'a row of a corpus has no article text (skipped, not a failure)',
  W_HTML_DEPTH: 'a page nests elements deeper than crosscheck reads them; the deeper ones were read flattened (the article is kept)',
} as const;

export type ErrorCode = keyof typeof CODES;

export class CrosscheckError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly byte?: number;
  constructor(code: ErrorCode | string, message: string, where: { file?: string; line?: number; byte?: number } = {}) {
    super(message);
    this.name = 'CrosscheckError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.byte = where.byte;
  }
  toDiagnostic(): Diagnostic {
    return { code: this.code, message: this.message, file: this.file, line: this.line, byte: this.byte, fatal: true };
  }
}

/** "file:line: [CODE] message" (or file, byte offset), the way compilers print it. */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file ?? '';
  if (d.line != null) where += `:${d.line}`;
  else if (d.byte != null) where += ` (byte ${d.byte})`;
  return `${where ? where + ': ' : ''}[${d.code}] ${d.message}`;
}

export function diagnostic(code: ErrorCode | string, message: string, where: { file?: string; line?: number; byte?: number } = {}): Diagnostic {
  return { code, message, ...where, fatal: true };
}
