import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { diagnostic, formatDiagnostic } from '../errors.js';
import { decodeHtml, extractPage, lineAt, MAX_PAGE_BYTES } from '../ingest/html.js';
import { expandPaths, formatOf } from '../ingest/index.js';
import { isGzip, isTooLarge } from '../ingest/warc.js';
import type { Diagnostic } from '../model.js';
import { write, type Command } from './command.js';

export const extract: Command = {
  name: 'extract',
  summary: 'print the article text and metadata of HTML pages, without storing them',
  usage: `crosscheck extract [--format text|jsonl] PAGE...

Reads HTML pages (.html, .htm, .html.gz; folders are walked for them) and prints for each its title,
byline, publication date, canonical URL, outlet, language and article text, found in the page itself
(JSON-LD, Open Graph, <time>, bylines; the text by Readability and crosscheck's boilerplate rules).
With --format jsonl, one JSON object a page: {"file", "title", "byline", "date", "url", "outlet", "language", "text"},
"file" being the path as given.

Examples:
  crosscheck extract page.html
  crosscheck extract --format jsonl pages/ > pages.jsonl`,
  options: { format: { type: 'string', default: 'text' } },
  async run(values, positionals, io) {
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck extract: --format must be text or jsonl, not "${format}"`); return 2; }
    if (!positionals.length) { write(io.stderr, 'crosscheck extract: give at least one HTML file or folder; see --help'); return 2; }
    let failed = 0;
    const report = (d: Diagnostic) => { failed++; write(io.stderr, formatDiagnostic(d)); };
    for await (const file of expandPaths(positionals, () => {}, report)) {
      if (file.path === '-' || (!file.explicit && formatOf(file.path) !== 'html')) continue;
      let bytes: Buffer;
      try {
        bytes = await readFile(file.path);
        if (isGzip(bytes)) bytes = gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES + 1 });
      } catch (e) {
        report(isTooLarge(e)
          ? diagnostic('E_TOO_LARGE', `the page decompresses to more than the ${MAX_PAGE_BYTES.toLocaleString('en')} bytes of the largest page read (a compressed bomb?)`, { file: file.path, byte: 0 })
          : diagnostic('E_READ', `cannot read the page: ${(e as Error).message}`, { file: file.path }));
        continue;
      }
      if (bytes.length > MAX_PAGE_BYTES) {
        report(diagnostic('E_TOO_LARGE', `the page is ${bytes.length.toLocaleString('en')} bytes, more than the ${MAX_PAGE_BYTES.toLocaleString('en')} of the largest page read`, { file: file.path, byte: MAX_PAGE_BYTES }));
        continue;
      }
      const html = decodeHtml(bytes);
      const page = extractPage(html);
      if ('refused' in page) {
        report(diagnostic('E_TOO_LARGE', page.refused, { file: file.path, line: lineAt(html, page.at) }));
        continue;
      }
      // The record is printed all the same (with an empty text), so a scorer sees every page.
      if (!page.text) report(diagnostic('E_EMPTY', 'no article text was found in the page', { file: file.path }));
      const record = { file: file.path, title: page.title, byline: page.byline, date: page.date, url: page.url, outlet: page.outlet, language: page.language, text: page.text };
      if (format === 'jsonl') io.stdout.write(JSON.stringify(record) + '\n');
      else {
        const meta = [page.byline, page.outlet, page.date, page.language, page.url].filter(Boolean).join(' · ');
        write(io.stdout, `${file.path}\n${page.title ?? '(no title)'}\n${meta}\n\n${page.text}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};
