// HTML pages: bytes in the page's own character set, then its metadata (html-metadata.ts) and its article
// text (html-body.ts). The title leads the raw text, as in the CSV and JSON readers; the byline and the
// language travel as metadata.
import { diagnostic } from '../errors.js';
import type { Diagnostic, RawArticle } from '../model.js';
import { looksBinary } from './decode.js';
import { boundMarkup, MAX_DEPTH, MAX_ELEMENTS, parseDocument } from './dom.js';
import { extractBody } from './html-body.js';
import { pageMetadata, type PageMetadata } from './html-metadata.js';
import type { ReadContext, ReadItem } from './reader.js';

export interface PageExtract extends PageMetadata {
  /** The article text: paragraphs separated by a blank line, the title not included. */
  text: string;
  /** Offset in the markup where elements nested past MAX_DEPTH begin (read flattened), or null. */
  flattenedAt: number | null;
}

/** A page that is not read, with why and where (an offset in the markup). */
export interface PageRefused {
  refused: string;
  at: number;
}

/** The largest page read, in bytes: article pages are well under a megabyte; a larger one is a dump or a bomb. */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;

/** The 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A charset label that TextDecoder knows, or null. */
function decoderFor(label: string | null | undefined): InstanceType<typeof TextDecoder> | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

/** The charset a page declares in its first bytes (<meta charset>, http-equiv Content-Type, an XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m ? m[1] : null;
}

/**
 * Bytes of a page to text: a byte-order mark first, then the charset the transport gave (a WARC record's
 * Content-Type), then the one the page declares, else UTF-8. Bytes that are invalid in that charset become
 * U+FFFD, as in a browser: pages with a few broken bytes are common and still worth reading.
 */
export function decodeHtml(bytes: Uint8Array, transportCharset: string | null = null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const d = decoderFor(transportCharset) ?? decoderFor(declaredCharset(bytes)) ?? new TextDecoder('utf-8');
  return d.decode(bytes);
}

/** Metadata and article text of a page; a page with more than MAX_ELEMENTS elements is refused. `pageUrl`: where the page was fetched from, when known. */
export function extractPage(html: string, pageUrl: string | null = null): PageExtract | PageRefused {
  const bounded = boundMarkup(html);
  if (bounded.tooManyAt != null) {
    return { refused: `the page has more than ${MAX_ELEMENTS.toLocaleString('en')} elements (article pages have a few thousand): it is not read`, at: bounded.tooManyAt };
  }
  const doc = parseDocument(html, bounded);
  const meta = pageMetadata(doc, pageUrl);
  const body = extractBody(doc, meta.title);
  return {
    ...meta,
    byline: meta.byline ?? body.byline,
    language: meta.language ?? body.lang,
    text: body.text,
    flattenedAt: bounded.flattenedAt,
  };
}

/** The warning an article carries when its page was flattened past MAX_DEPTH. */
export function flattenedWarning(where: { file: string; line?: number; byte?: number }): Diagnostic {
  return { ...diagnostic('W_HTML_DEPTH', `the page nests elements more than ${MAX_DEPTH} deep; the deeper ones were read as text of the element at that depth`, where), fatal: false };
}

/** The RawArticle of an extracted page: the title, a blank line, then the text. */
export function pageArticle(page: PageExtract, source: RawArticle['source'], rawHash: string, warnings: Diagnostic[] = []): RawArticle {
  const meta: Record<string, string> = {};
  if (page.byline) meta.byline = page.byline;
  if (page.language) meta.language = page.language;
  return {
    raw: page.title ? `${page.title}\n\n${page.text}` : page.text,
    title: page.title,
    url: page.url,
    date: page.date,
    outlet: page.outlet,
    source,
    rawHash,
    meta,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** One HTML page (already gunzipped when it was a .html.gz) to one article. */
export function* readHtml(bytes: Uint8Array, ctx: ReadContext): Iterable<ReadItem> {
  if (bytes.length > MAX_PAGE_BYTES) {
    yield { error: diagnostic('E_TOO_LARGE', `the page is ${bytes.length.toLocaleString('en')} bytes, more than the ${MAX_PAGE_BYTES.toLocaleString('en')} of the largest page read: is it a page (and not a dump, or a compressed bomb)?`, { file: ctx.path, byte: MAX_PAGE_BYTES }) };
    return;
  }
  const bin = looksBinary(bytes);
  if (bin >= 0) {
    yield { error: diagnostic('E_BINARY', `binary data at byte ${bin}, not an HTML page`, { file: ctx.path, byte: bin }) };
    return;
  }
  const html = decodeHtml(bytes);
  const page = extractPage(html);
  if ('refused' in page) {
    yield { error: diagnostic('E_TOO_LARGE', page.refused, { file: ctx.path, line: lineAt(html, page.at) }) };
    return;
  }
  if (!page.text.trim()) {
    yield { error: diagnostic('E_EMPTY', 'no article text was found in the page (is it an index or a script-only page?)', { file: ctx.path, line: 1 }) };
    return;
  }
  const warnings = page.flattenedAt != null ? [flattenedWarning({ file: ctx.path, line: lineAt(html, page.flattenedAt) })] : [];
  yield { article: pageArticle(page, { path: ctx.path }, ctx.rawHash, warnings) };
}
