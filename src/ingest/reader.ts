// What every format reader is: decoded text in, articles and diagnostics out, one at a time. Formats
// that carry their own character set or are binary (HTML, feeds, WARC) read the bytes instead.
import type { Diagnostic, RawArticle } from '../model.js';

export interface ReadContext {
  /** The path as the user gave it ("-" for standard input). */
  path: string;
  /** sha256 of the input's bytes. */
  rawHash: string;
  /** Largest number of bytes a decompression inside the input (a WARC member, an HTTP body) may give. */
  maxBytes?: number;
}

export type ReadItem = { article: RawArticle } | { error: Diagnostic };

export type Reader = (text: string, ctx: ReadContext) => Iterable<ReadItem>;

export type ByteReader = (bytes: Uint8Array, ctx: ReadContext) => Iterable<ReadItem>;
