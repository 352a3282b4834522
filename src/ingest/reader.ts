// What every format reader is: decoded text in, articles and diagnostics out, one at a time.
import type { Diagnostic, RawArticle } from '../model.js';

export interface ReadContext {
  /** The path as the user gave it ("-" for standard input). */
  path: string;
  /** sha256 of the input's bytes. */
  rawHash: string;
}

export type ReadItem = { article: RawArticle } | { error: Diagnostic };

export type Reader = (text: string, ctx: ReadContext) => Iterable<ReadItem>;
