// A store filled from a small mixed folder (text, CSV, HTML, a WARC), for the export tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../../src/pipeline.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { articlePage, httpResponse, warcRecord } from '../fixtures.js';
import { Capture, tempDir } from '../helpers.js';

export async function filledStore(): Promise<{ store: SqliteStore; dir: string }> {
  const dir = tempDir();
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  writeFileSync(join(inputs, 'a.txt'), 'A soldier speaks\n20220416\nhttps://www.example.com/a\n"We were ordered in," the soldier said. He said 12 men, "maybe more", had deserted.');
  writeFileSync(join(inputs, 'b.csv'), 'Title,Text,URL\n"Commas, quotes","The minister said ""87 people"" were killed,\nand 200 wounded.",https://www.reuters.com/b\n');
  writeFileSync(join(inputs, 'c.html'), articlePage());
  writeFileSync(join(inputs, 'd.warc'), warcRecord('response', 'https://example.org/d', httpResponse(articlePage({ title: 'From the crawl', canonical: null, paragraphs: ['The mayor said 3,000 people had left the town since Monday, according to local officials.'] }))));
  const store = new SqliteStore(join(dir, 'a.db'));
  await ingestPaths(store, [inputs]);
  // The same text twice: a second sighting of one article.
  writeFileSync(join(dir, 'again.txt'), 'A soldier speaks\n20220416\nhttps://www.example.com/a\n"We were ordered in," the soldier said. He said 12 men, "maybe more", had deserted.');
  await ingestPaths(store, [join(dir, 'again.txt')]);
  return { store, dir };
}

/** An export output that keeps each named file in memory. */
export function memoryOutput() {
  const files = new Map<string, Capture>();
  return {
    files,
    open(name: string) {
      if (!files.has(name)) files.set(name, new Capture());
      return files.get(name)!;
    },
  };
}
