// HTML pages: bytes in the page's own character set, then its metadata (html-metadata.ts) and its article
// text (html-body.ts). The title leads the raw text, as in the CSV and JSON readers; the byline and the
// language travel as metadata.
import { diagnostic } from '../errors.js';
import type { RawArticle } from '../model.js';
import { looksBinary } from './decode.js';
import { parseDocument } from './dom.js';
import { extractBody } from './html-body.js';
import { pageMetadata, type PageMetadata } from './html-metadata.js';
import type { ReadContext, ReadItem } from './reader.js';

export interface PageExtract extends PageMetadata {
  /** The article text: paragraphs separated by a blank line, the title not included. */
  text: string;
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

/** Metadata and article text of a page. `pageUrl`: where the page was fetched from, when known. */
export function extractPage(html: string, pageUrl: string | null = null): PageExtract {
  const doc = parseDocument(html);
  const meta = pageMetadata(doc, pageUrl);
  const body = extractBody(doc, meta.title);
  return {
    ...meta,
    byline: meta.byline ?? body.byline,
    language: meta.language ?? body.lang,
    text: body.text,
  };
}

/** The RawArticle of an extracted page: the title, a blank line, then the text. */
export function pageArticle(page: PageExtract, source: RawArticle['source'], rawHash: string): RawArticle {
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
  };
}

/** One HTML page (already gunzipped when it was a .html.gz) to one article. */
export function* readHtml(bytes: Uint8Array, ctx: ReadContext): Iterable<ReadItem> {
  const bin = looksBinary(bytes);
  if (bin >= 0) {
    yield { error: diagnostic('E_BINARY', `binary data at byte ${bin}, not an HTML page`, { file: ctx.path, byte: bin }) };
    return;
  }
  const page = extractPage(decodeHtml(bytes));
  if (!page.text.trim()) {
    yield { error: diagnostic('E_EMPTY', 'no article text was found in the page (is it an index or a script-only page?)', { file: ctx.path }) };
    return;
  }
  yield { article: pageArticle(page, { path: ctx.path }, ctx.rawHash) };
}
