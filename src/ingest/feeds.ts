// RSS and Atom feeds: one article an item, from its full content (content:encoded, Atom content) or else
// its summary. Parsing is @rowanmanning/feed-parser's (RSS 0.9x-2.0, RDF, Atom, their common extensions).
import { parseFeed } from '@rowanmanning/feed-parser';
import { diagnostic } from '../errors.js';
import { parseDate } from './date.js';
import { decodeHtml } from './html.js';
import { MAX_ELEMENTS } from './dom.js';
import { fragmentText } from './html-body.js';
import { outletFor } from './html-metadata.js';
import type { ReadContext, ReadItem } from './reader.js';

/** True when the start of a text looks like an RSS, RDF or Atom document. */
export function looksLikeFeed(head: string): boolean {
  return /<(?:rss|feed|rdf:RDF)[\s>]/i.test(head.slice(0, 4000));
}

export function* readFeed(bytes: Uint8Array, ctx: ReadContext): Iterable<ReadItem> {
  const xml = decodeHtml(bytes);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch (e) {
    const why = (e as { code?: string }).code === 'INVALID_FEED' ? 'it is XML but not an RSS or Atom feed' : `the XML does not parse (${(e as Error).message})`;
    yield { error: diagnostic('E_FEED', `${why}; give an RSS or Atom file`, { file: ctx.path }) };
    return;
  }
  const items = feed.items;
  if (!items.length) {
    yield { error: diagnostic('E_EMPTY', 'the feed has no items', { file: ctx.path }) };
    return;
  }
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    const body = fragmentText(item.content ?? item.description ?? '');
    const url = item.url ?? null;
    const source = { path: ctx.path, row: k, ...(url ? { url } : {}) };
    if (body === null) {
      yield { error: diagnostic('E_TOO_LARGE', `item ${k + 1}: its content has more than ${MAX_ELEMENTS.toLocaleString('en')} elements (an article has a few thousand); it was skipped`, { file: ctx.path }) };
      continue;
    }
    if (!body.trim()) {
      yield { error: { ...diagnostic('W_EMPTY_ROW', `item ${k + 1} has neither content nor a summary`, { file: ctx.path }), fatal: false } };
      continue;
    }
    const title = item.title ? item.title.replace(/\s+/g, ' ').trim() : null;
    const byline = item.authors.map((a) => a.name).filter(Boolean).join(', ');
    yield {
      article: {
        raw: title ? `${title}\n\n${body}` : body,
        title,
        url,
        date: parseDate((item.published ?? item.updated)?.toISOString() ?? null),
        outlet: outletFor(url ?? feed.url, feed.title),
        source,
        rawHash: ctx.rawHash,
        meta: { ...(byline ? { byline } : {}), ...(feed.language ? { language: feed.language } : {}), ...(item.content ? {} : { summaryOnly: 'true' }) },
      },
    };
  }
}
