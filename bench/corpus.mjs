// The benchmark corpus: the distinct cleaned articles of the CSV files of a folder, in file and row order,
// as ingest would store them (prepareArticle), read once. Shared by the analyzer benchmarks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareArticle } from '../dist/src/ingest/article.js';
import { readCsv } from '../dist/src/ingest/csv.js';

/** Articles { id, text, outlet, date } of the CSV files in `dir`, at most `limit`. */
export function readCorpus(dir, limit = Infinity) {
  const articles = [];
  const seen = new Set();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    for (const item of readCsv(readFileSync(join(dir, f), 'utf8'), { path: f, rawHash: '' })) {
      if (!('article' in item)) continue;
      const a = prepareArticle(item.article);
      if (!('id' in a) || seen.has(a.id)) continue;
      seen.add(a.id);
      articles.push({ id: a.id, text: a.text, outlet: a.outlet, date: a.date });
      if (articles.length >= limit) return articles;
    }
  }
  return articles;
}
