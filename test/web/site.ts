// The site the browser tests look at: a store ingested from the seed articles in examples/ and the articles
// given (written for each test file), served by the real server on loopback, and a headless Chromium page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { ingestPaths } from '../../src/pipeline.js';
import { buildServer } from '../../src/server/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { SqliteReaders, withReaders } from '../../src/store/sqlite/readers.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers.js';
import { launchBrowser } from './chromium.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where the browser tests save their screenshots (git-ignored). */
export const SHOTS = join(ROOT, 'test-results');

export interface FixtureArticle { title: string; date: string; outlet: string; url: string; text: string }

export interface Site { page: Page; base: string; store: Store; problems: string[]; close: () => Promise<void> }

/** Starts the site; with `readers`, the server reads through that many reader threads, as `crosscheck serve` does. */
export async function startSite(articles: FixtureArticle[], options: { readers?: number; viewport?: { width: number; height: number } } = {}): Promise<Site> {
  const dir = tempDir();
  const input = join(dir, 'input');
  mkdirSync(input);
  writeFileSync(join(input, 'fixtures.jsonl'), articles.map((f) => JSON.stringify(f)).join('\n') + '\n');
  const sqlite = new SqliteStore(join(dir, 'ui.db'));
  await ingestPaths(sqlite, [join(ROOT, 'examples'), input]);
  const store = options.readers ? withReaders(sqlite, await SqliteReaders.open(sqlite.path, options.readers)) : sqlite;
  const app = buildServer(store, { webRoot: WEB_ROOT, readsPerMinute: 0, writesPerMinute: 0 });
  const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const problems: string[] = [];
  // The page-level flag the hostile article would set if any of its markup ran; a dialog would be a script too.
  await page.addInitScript('window.__pwned = 0;');
  page.setDefaultTimeout(20_000);
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.location().url)) problems.push(`console: ${m.text()}`); });
  mkdirSync(SHOTS, { recursive: true });
  return { page, base, store, problems, close: async () => { await browser.close(); await app.close(); await store.close(); } };
}
