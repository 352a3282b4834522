// A read article to a stored one: cleaned, normalised, and named by the hash of its normalised text.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { diagnostic } from '../errors.js';
import type { Article, Diagnostic, RawArticle } from '../model.js';
import { clean } from './clean.js';

export const articleId = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

/** What makes two inputs "the same article" across versions: its URL, else its file (and row). */
export function articleKey(raw: RawArticle): string {
  if (raw.url) return raw.url;
  if (raw.source.path === '-') return `stdin:${raw.title ?? ''}`;
  const file = resolve(raw.source.path);
  return raw.source.line != null ? `${file}#L${raw.source.line}` : raw.source.row != null ? `${file}#${raw.source.row}` : file;
}

/**
 * The longest article text analysed, in characters: 200,000 is about 35,000 words, several times the
 * longest news article. Longer inputs are several articles in one, or not articles (a dump, a log), and the
 * analyzer's time grows faster than their length.
 */
export const MAX_ARTICLE_CHARS = 200_000;

export function prepareArticle(raw: RawArticle, maxChars = MAX_ARTICLE_CHARS): Article | Diagnostic {
  // A restored article (from crosscheck's own export) is stored as it was: not cleaned, not analysed again.
  if (raw.restored) return raw.restored.article;
  if (raw.raw.length > maxChars) {
    return diagnostic('E_TOO_LARGE', `the article is ${raw.raw.length.toLocaleString('en')} characters long, more than the limit of ${maxChars.toLocaleString('en')}: is it several articles in one, or not an article? Split it into articles (one a file, or one a JSON line)`, { file: raw.source.path, line: raw.source.line ?? 1 });
  }
  const c = clean(raw.raw, { drop: raw.metadataRanges });
  if (!c.text.trim()) {
    return diagnostic('E_EMPTY', 'nothing is left of the article once its boilerplate is removed', { file: raw.source.path, line: raw.source.line });
  }
  const warnings: Diagnostic[] = [...(raw.warnings ?? [])];
  return {
    id: articleId(c.text),
    key: articleKey(raw),
    version: 1,
    title: raw.title,
    url: raw.url,
    outlet: raw.outlet ?? c.outlet,
    date: raw.date,
    text: c.text,
    source: raw.source,
    rawHash: raw.rawHash,
    offsets: c.offsets,
    removed: c.removed,
    warnings,
    ...(raw.meta && Object.keys(raw.meta).length ? { meta: raw.meta } : {}),
  };
}

/** The `doc` field of an analysis record: the article URL for corpus rows, the file's base name otherwise. */
export function docName(article: Pick<Article, 'url' | 'source'>): string {
  if (article.source.line != null || article.source.row != null) return article.url ?? `${article.source.path}#${article.source.line ?? article.source.row}`;
  const p = article.source.path;
  return p === '-' ? 'stdin' : p.split(/[\\/]/).pop() ?? p;
}
