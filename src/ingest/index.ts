// Inputs to articles: paths (files, folders walked recursively) and standard input, each read by the
// reader of its format. Problems come back as diagnostics with the file and the line; nothing is thrown
// past one input, so one bad file never stops a batch.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CrosscheckError, diagnostic } from '../errors.js';
import type { Diagnostic } from '../model.js';
import { gunzipSync } from 'node:zlib';
import { readCsv } from './csv.js';
import { decode } from './decode.js';
import { looksLikeFeed, readFeed } from './feeds.js';
import { readHtml } from './html.js';
import { readJson, readJsonLines } from './jsonl.js';
import { readPlainText } from './plaintext.js';
import { recognise } from './recognise.js';
import type { ByteReader, ReadItem, Reader } from './reader.js';
import { gzipHead, isGzip, isTooLarge, readWarc } from './warc.js';

export type Format = 'text' | 'csv' | 'jsonl' | 'json' | 'html' | 'feed' | 'warc';

export const FORMATS: readonly Format[] = ['text', 'csv', 'jsonl', 'json', 'html', 'feed', 'warc'];

const BY_EXTENSION: Record<string, Format> = {
  '.txt': 'text', '.text': 'text', '.md': 'text', '.csv': 'csv', '.tsv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.rss': 'feed', '.atom': 'feed', '.xml': 'feed', '.warc': 'warc', '.arc': 'warc',
};

const READERS: Record<'text' | 'csv' | 'jsonl' | 'json', Reader> = { text: readPlainText, csv: readCsv, jsonl: readJsonLines, json: readJson };
/** Formats that read bytes: they carry their own character set, or are binary. */
const BYTE_READERS: Record<'html' | 'feed' | 'warc', ByteReader> = { html: readHtml, feed: readFeed, warc: readWarc };

export interface ReadOptions {
  /** Largest input read, in bytes. */
  maxBytes?: number;
  /** Force a format instead of guessing from the extension or the content. */
  format?: Format;
}

const DEFAULT_MAX = 256 * 1024 * 1024;

/** Guess a format from the content, for standard input and files with no known extension. */
export function sniff(text: string): Format {
  const head = text.trimStart().slice(0, 2000);
  if (head.startsWith('WARC/')) return 'warc';
  if (head.startsWith('<')) {
    if (looksLikeFeed(head)) return 'feed';
    if (/<(?:!doctype html|html|head|body|article|p)[\s>]/i.test(head)) return 'html';
  }
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) return 'jsonl';
  const firstLine = head.split(/\r?\n/, 1)[0].toLowerCase();
  if (/(^|[,\t;])"?(text|body|content|article)"?([,\t;]|$)/.test(firstLine) && /[,\t;]/.test(firstLine)) return 'csv';
  return 'text';
}

/** The format of a path by its extension; a .gz is the format of the name under it (page.html.gz, crawl.warc.gz). */
export function formatOf(path: string): Format | undefined {
  const lower = path.toLowerCase();
  const inner = lower.endsWith('.gz') ? lower.slice(0, -3) : lower;
  return BY_EXTENSION[extname(inner)];
}

export interface InputFile {
  path: string;
  /** Named by the user (read whatever it is) or found in a folder (read only known formats). */
  explicit: boolean;
}

/** Expand paths into files: folders recursively (sorted, hidden entries skipped), "-" for standard input. */
export async function* expandPaths(paths: string[], skipped: (path: string) => void, errors: (d: Diagnostic) => void): AsyncGenerator<InputFile> {
  for (const p of paths) {
    if (p === '-') { yield { path: '-', explicit: true }; continue; }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      errors(diagnostic('E_NOT_FOUND', `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`, { file: p }));
      continue;
    }
    if (st.isDirectory()) yield* walk(p, skipped, errors);
    else yield { path: p, explicit: true };
  }
}

async function* walk(dir: string, skipped: (path: string) => void, errors: (d: Diagnostic) => void): AsyncGenerator<InputFile> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors(diagnostic('E_READ', `cannot list the folder: ${(e as Error).message}`, { file: dir }));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) yield* walk(full, skipped, errors);
    else if (e.isFile()) {
      if (formatOf(full)) yield { path: full, explicit: false };
      else skipped(full);
    }
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Read one input into articles and diagnostics. */
export async function* readInput(file: InputFile, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const max = options.maxBytes ?? DEFAULT_MAX;
  let bytes: Buffer;
  try {
    if (file.path === '-') bytes = await readStdin();
    else {
      const st = await stat(file.path);
      if (st.size > max) {
        yield { error: diagnostic('E_TOO_LARGE', `the file is ${st.size} bytes, more than the limit of ${max}; split it or raise --max-bytes`, { file: file.path, byte: max }) };
        return;
      }
      bytes = await readFile(file.path);
    }
  } catch (e) {
    yield { error: diagnostic('E_READ', `cannot read: ${(e as Error).message}`, { file: file.path }) };
    return;
  }
  if (bytes.length === 0) {
    yield { error: diagnostic('E_EMPTY', 'the file is empty (0 bytes)', { file: file.path, byte: 0 }) };
    return;
  }
  const rawHash = createHash('sha256').update(bytes).digest('hex');
  const ctx = { path: file.path, rawHash, maxBytes: max };
  // A gzip file is read as what it holds, except a WARC, which is read member by member (record offsets).
  const named = options.format ?? (file.path === '-' ? undefined : formatOf(file.path));
  if (named === 'warc' || (!named && isGzip(bytes) && sniff(gzipHead(bytes)) === 'warc')) { yield* BYTE_READERS.warc(bytes, ctx); return; }
  let content: Buffer = bytes;
  if (isGzip(bytes)) {
    try {
      // No more than the limit is inflated: a gzip bomb stops there.
      content = gunzipSync(bytes, { maxOutputLength: max });
    } catch (e) {
      if (isTooLarge(e)) {
        yield { error: diagnostic('E_TOO_LARGE', `the file decompresses to more than ${max.toLocaleString('en')} bytes, the limit (a compressed bomb? if not, split it or raise --max-bytes)`, { file: file.path, byte: 0 }) };
      } else {
        const cut = /unexpected end/i.test((e as Error).message);
        yield { error: diagnostic('E_GZIP', `the file is gzip-compressed but cannot be decompressed (${(e as Error).message}); ${cut ? 'it ends before its compressed data does: copy or download it again' : 'is it complete?'}`, { file: file.path, byte: cut ? bytes.length : 0 }) };
      }
      return;
    }
  }
  // A file no reader claims by its name: say what it is if its first bytes tell (an archive, a PDF, another compression).
  const recognised = named ? null : recognise(content);
  if (recognised) {
    yield { error: diagnostic('E_FORMAT', `${recognised.what}, which crosscheck cannot read: ${recognised.todo}`, { file: file.path, byte: 0, line: 1 }) };
    return;
  }
  const format = named ?? sniff(content.subarray(0, 4096).toString('utf8'));
  if (format === 'warc') { yield* BYTE_READERS.warc(content, ctx); return; }
  if (format === 'html' || format === 'feed') { yield* BYTE_READERS[format](content, ctx); return; }
  let text: string;
  try {
    text = decode(content, file.path).text;
  } catch (e) {
    if (e instanceof CrosscheckError) { yield { error: e.toDiagnostic() }; return; }
    throw e;
  }
  yield* READERS[format](text, ctx);
}
