// WARC files (ISO 28500, WARC/1.0 and 1.1), plain or as .warc.gz (one gzip member a record, as crawlers
// write them): every HTML page among the records — `response` records holding an HTTP response, and
// `resource` records holding a page — goes through the HTML extractor. Each article keeps the record's
// index, its byte offset in the file (of its gzip member in a .warc.gz), its target URI and its date.
// A truncated or malformed record is reported with the file and byte offset; the records before it are kept.
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { diagnostic } from '../errors.js';
import type { Diagnostic } from '../model.js';
import { decodeHtml, extractPage, flattenedWarning, MAX_PAGE_BYTES, pageArticle } from './html.js';
import type { ReadContext, ReadItem } from './reader.js';

export interface WarcRecord {
  /** 0-based index of the record in the file. */
  index: number;
  /** Byte offset of the record in the file (of the gzip member that holds it, for a compressed file). */
  offset: number;
  /** Header names lower-cased. */
  headers: Map<string, string>;
  block: Uint8Array;
}

const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');
const MAGIC = Buffer.from('WARC/');

export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** What a decompression inside a WARC file (a gzip member, an HTTP body) may give at most, unless the reader is told. */
export const DEFAULT_MAX_INFLATE = 256 * 1024 * 1024;
/** Whether an error is zlib's for output past maxOutputLength (a bomb, or a record larger than the limit). */
export const isTooLarge = (e: unknown) => (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';

/** The first bytes a gzip file holds, as text, even when the file is cut short (for sniffing its format). */
export function gzipHead(b: Uint8Array): string {
  try {
    return gunzipSync(b.subarray(0, 16384), { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 4096).toString('utf8');
  } catch {
    return '';
  }
}

/** Where the header block that starts at `from` ends (the index after its blank line), or -1. */
function headerEnd(buf: Buffer, from: number): number {
  const a = buf.indexOf(CRLF2, from);
  const b = buf.indexOf(LF2, from);
  if (a < 0 && b < 0) return -1;
  if (a < 0 || (b >= 0 && b < a)) return b + 2;
  return a + 4;
}

function parseHeaders(text: string): { first: string; headers: Map<string, string> } {
  const lines = text.split(/\r?\n/);
  const headers = new Map<string, string>();
  let last = '';
  for (const l of lines.slice(1)) {
    if (!l) continue;
    if (/^[ \t]/.test(l) && last) { headers.set(last, `${headers.get(last)} ${l.trim()}`); continue; }
    const i = l.indexOf(':');
    if (i <= 0) continue;
    last = l.slice(0, i).trim().toLowerCase();
    headers.set(last, l.slice(i + 1).trim());
  }
  return { first: lines[0].trim(), headers };
}

type Piece = { record: Omit<WarcRecord, 'index'> } | { error: Diagnostic };

/**
 * The records of an uncompressed WARC stream. `at(pos)` gives the file offset to report for a position in
 * `buf` (the identity for a plain file; the gzip member's offset for a decompressed one).
 */
function* parseRecords(buf: Buffer, path: string, at: (pos: number) => number): Generator<Piece> {
  let pos = 0;
  const n = buf.length;
  while (pos < n) {
    while (pos < n && (buf[pos] === 0x0d || buf[pos] === 0x0a)) pos++;
    if (pos >= n) return;
    if (pos + MAGIC.length > n || buf.compare(MAGIC, 0, MAGIC.length, pos, pos + MAGIC.length) !== 0) {
      yield { error: diagnostic('E_WARC', `no WARC record starts at byte ${at(pos)} (expected "WARC/"); the rest of the file was not read`, { file: path, byte: at(pos) }) };
      return;
    }
    const end = headerEnd(buf, pos);
    if (end < 0) {
      yield { error: diagnostic('E_WARC', `the WARC record at byte ${at(pos)} is truncated inside its header; the records before it were read (the file was probably cut short: copy or download it again to read the rest)`, { file: path, byte: at(pos) }) };
      return;
    }
    const { headers } = parseHeaders(buf.subarray(pos, end).toString('latin1'));
    const length = Number(headers.get('content-length'));
    if (!Number.isInteger(length) || length < 0) {
      yield { error: diagnostic('E_WARC', `the WARC record at byte ${at(pos)} has no valid Content-Length; the rest of the file was not read`, { file: path, byte: at(pos) }) };
      return;
    }
    if (end + length > n) {
      yield { error: diagnostic('E_WARC', `the WARC record at byte ${at(pos)} is truncated: it declares ${length} bytes of content but only ${n - end} follow; the records before it were read (the file was probably cut short: copy or download it again to read the rest)`, { file: path, byte: at(pos) }) };
      return;
    }
    yield { record: { offset: at(pos), headers, block: buf.subarray(end, end + length) } };
    pos = end + length;
  }
}

/** Length of the gzip header at `p` (RFC 1952), or -1 when it is not one. */
function gzipHeaderLength(b: Buffer, p: number): number {
  if (p + 10 > b.length || b[p] !== 0x1f || b[p + 1] !== 0x8b || b[p + 2] !== 8) return -1;
  const flags = b[p + 3];
  let q = p + 10;
  if (flags & 4) { if (q + 2 > b.length) return -1; q += 2 + b.readUInt16LE(q); }
  if (flags & 8) { while (q < b.length && b[q] !== 0) q++; q++; }
  if (flags & 16) { while (q < b.length && b[q] !== 0) q++; q++; }
  if (flags & 2) q += 2;
  return q <= b.length ? q - p : -1;
}

/** The records of a .warc.gz, member by member, so each record knows its member's offset. */
function* parseGzipRecords(buf: Buffer, path: string, max: number): Generator<Piece> {
  let p = 0;
  while (p < buf.length) {
    const h = gzipHeaderLength(buf, p);
    if (h < 0) {
      yield { error: diagnostic('E_WARC', `no gzip member starts at byte ${p}; the records before it were read`, { file: path, byte: p }) };
      return;
    }
    let out: Buffer;
    let consumed: number;
    try {
      const r = inflateRawSync(buf.subarray(p + h), { info: true, maxOutputLength: max }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      out = r.buffer;
      consumed = r.engine.bytesWritten;
    } catch (e) {
      if (isTooLarge(e)) {
        yield { error: diagnostic('E_TOO_LARGE', `the gzip member at byte ${p} decompresses to more than ${max.toLocaleString('en')} bytes (a record larger than the limit, or a compressed bomb); the records before it were read, the rest of the file was not (raise --max-bytes to read larger records)`, { file: path, byte: p }) };
        return;
      }
      yield { error: diagnostic('E_WARC', `the gzip member at byte ${p} is truncated or corrupt (${(e as Error).message}); the records before it were read (the file was probably cut short: copy or download it again to read the rest)`, { file: path, byte: p }) };
      return;
    }
    const memberStart = p;
    if (p + h + consumed + 8 > buf.length) {
      yield { error: diagnostic('E_WARC', `the gzip member at byte ${p} is truncated (its trailer is missing); the records before it were read`, { file: path, byte: p }) };
      return;
    }
    p += h + consumed + 8;
    yield* parseRecords(out, path, () => memberStart);
  }
}

/** Every record of a WARC file, compressed or not, with the errors where reading had to stop. */
export function* warcRecords(bytes: Uint8Array, path: string, max = DEFAULT_MAX_INFLATE): Generator<{ record: WarcRecord } | { error: Diagnostic }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let index = 0;
  for (const piece of isGzip(buf) ? parseGzipRecords(buf, path, max) : parseRecords(buf, path, (x) => x)) {
    if ('error' in piece) yield piece;
    else yield { record: { ...piece.record, index: index++ } };
  }
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let p = 0;
  while (p < body.length) {
    const eol = body.indexOf('\r\n', p);
    if (eol < 0) break;
    const size = parseInt(body.subarray(p, eol).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    p = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export interface HttpPayload {
  status: number;
  contentType: string | null;
  charset: string | null;
  body: Buffer;
}

/** The HTTP response in a `response` record's block, with its transfer and content encodings undone (each to at most `max` bytes). */
export function httpPayload(block: Uint8Array, max = DEFAULT_MAX_INFLATE): HttpPayload | null {
  const buf = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const end = headerEnd(buf, 0);
  if (end < 0 || !/^HTTP\/\d/.test(buf.subarray(0, 8).toString('latin1'))) return null;
  const { first, headers } = parseHeaders(buf.subarray(0, end).toString('latin1'));
  const status = Number(first.split(/\s+/)[1]);
  let body: Buffer = buf.subarray(end);
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const enc = (headers.get('content-encoding') ?? '').toLowerCase().trim();
  if (enc === 'gzip' || enc === 'x-gzip') body = gunzipSync(body, { maxOutputLength: max });
  else if (enc === 'deflate') body = inflateSync(body, { maxOutputLength: max });
  else if (enc === 'br') body = brotliDecompressSync(body, { maxOutputLength: max });
  const ct = headers.get('content-type') ?? null;
  return { status, contentType: ct, charset: ct ? /charset\s*=\s*"?([\w.:-]+)/i.exec(ct)?.[1] ?? null : null, body };
}

const isHtmlType = (ct: string | null, body: Buffer) =>
  ct ? /text\/html|application\/xhtml\+xml/i.test(ct) : /^\s*(?:<!doctype html|<html)/i.test(body.subarray(0, 512).toString('latin1'));

export function* readWarc(bytes: Uint8Array, ctx: ReadContext): Iterable<ReadItem> {
  let pages = 0;
  let records = 0;
  let broken = false;
  const max = ctx.maxBytes ?? DEFAULT_MAX_INFLATE;
  for (const item of warcRecords(bytes, ctx.path, max)) {
    if ('error' in item) { broken = true; yield item; continue; }
    records++;
    const { record } = item;
    const type = (record.headers.get('warc-type') ?? '').toLowerCase();
    const uri = record.headers.get('warc-target-uri')?.replace(/^<|>$/g, '') ?? null;
    let payload: { body: Buffer; charset: string | null } | null = null;
    try {
      if (type === 'response' && /application\/http/i.test(record.headers.get('content-type') ?? 'application/http')) {
        const http = httpPayload(record.block, max);
        if (http && http.status >= 200 && http.status < 300 && isHtmlType(http.contentType, http.body)) payload = http;
      } else if (type === 'resource') {
        const body = Buffer.from(record.block);
        const ct = record.headers.get('content-type') ?? null;
        if (isHtmlType(ct, body)) payload = { body, charset: ct ? /charset\s*=\s*"?([\w.:-]+)/i.exec(ct)?.[1] ?? null : null };
      }
    } catch (e) {
      const why = isTooLarge(e) ? `its HTTP body decompresses to more than ${max.toLocaleString('en')} bytes (a compressed bomb, or raise --max-bytes)` : `its HTTP body cannot be decoded (${(e as Error).message})`;
      yield { error: diagnostic(isTooLarge(e) ? 'E_TOO_LARGE' : 'E_WARC', `record ${record.index} at byte ${record.offset}${uri ? ` (${uri})` : ''}: ${why}; it was skipped`, { file: ctx.path, byte: record.offset }) };
      continue;
    }
    if (!payload) continue;
    pages++;
    if (payload.body.length > MAX_PAGE_BYTES) {
      yield { error: diagnostic('E_TOO_LARGE', `record ${record.index} at byte ${record.offset}${uri ? ` (${uri})` : ''}: the page is ${payload.body.length.toLocaleString('en')} bytes, more than the ${MAX_PAGE_BYTES.toLocaleString('en')} of the largest page read; it was skipped`, { file: ctx.path, byte: record.offset }) };
      continue;
    }
    const page = extractPage(decodeHtml(payload.body, payload.charset), uri);
    if ('refused' in page) {
      yield { error: diagnostic('E_TOO_LARGE', `record ${record.index} at byte ${record.offset}${uri ? ` (${uri})` : ''}: ${page.refused}; it was skipped`, { file: ctx.path, byte: record.offset }) };
      continue;
    }
    const source = {
      path: ctx.path,
      row: record.index,
      byte: record.offset,
      ...(uri ? { url: uri } : {}),
      ...(record.headers.get('warc-date') ? { fetchedAt: record.headers.get('warc-date')! } : {}),
    };
    if (!page.text.trim()) {
      yield { error: { ...diagnostic('W_EMPTY_ROW', `the page ${uri ?? ''} in record ${record.index} (byte ${record.offset}) has no article text; it was skipped`, { file: ctx.path, byte: record.offset }), fatal: false } };
      continue;
    }
    const warnings = page.flattenedAt != null ? [flattenedWarning({ file: ctx.path, byte: record.offset })] : [];
    yield { article: pageArticle(page, source, ctx.rawHash, warnings) };
  }
  if (records > 0 && pages === 0) yield { error: { ...diagnostic('W_EMPTY_ROW', `none of the ${records} WARC records holds an HTML page`, { file: ctx.path }), fatal: false } };
  if (records === 0 && !broken) yield { error: diagnostic('E_EMPTY', 'the file holds no complete WARC record', { file: ctx.path }) };
}
