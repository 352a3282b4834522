import { formatDiagnostic } from '../errors.js';
import { prepareArticle } from '../ingest/article.js';
import { expandPaths, readInput } from '../ingest/index.js';
import { analyzeArticle } from '../pipeline.js';
import { write, type Command } from './command.js';
import { describeRecord, markText } from './render.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'print the analysis of articles without storing them',
  usage: `crosscheck analyze [--format text|jsonl] PATH...

Cleans and analyses each article and prints it: with --format jsonl, one analysis record a line (the
format of ../shared/eval/README.md: attributions with speaker, cue, via and hedges; quantities with
category and claimant; every item with start/end offsets into the cleaned text); by default, the text
with statements ⟦…⟧, speakers ⟨…⟩, cues ‹…› and numbers {…} marked, then each of them explained.

Examples:
  crosscheck analyze article.txt
  crosscheck analyze --format jsonl articles/*.txt > records.jsonl`,
  options: { format: { type: 'string', default: 'text' }, color: { type: 'boolean' } },
  async run(values, positionals, io) {
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck analyze: --format must be text or jsonl, not "${format}"`); return 2; }
    if (!positionals.length) { write(io.stderr, 'crosscheck analyze: give at least one file (or - for standard input); see --help'); return 2; }
    const color = (values.color as boolean | undefined) ?? (!!io.stdout.isTTY && !process.env.NO_COLOR);
    let failed = 0;
    const report = (d: Parameters<typeof formatDiagnostic>[0]) => { failed++; write(io.stderr, formatDiagnostic(d)); };
    for await (const file of expandPaths(positionals, () => {}, report)) {
      for await (const item of readInput(file)) {
        if ('error' in item) { report(item.error); continue; }
        const article = prepareArticle(item.article);
        if (!('id' in article)) { report(article); continue; }
        const rec = analyzeArticle(article);
        if (format === 'jsonl') io.stdout.write(JSON.stringify(rec) + '\n');
        else {
          const head = `${article.title ?? rec.doc}${article.outlet ? ` · ${article.outlet}` : ''}${article.date ? ` · ${article.date}` : ''}`;
          write(io.stdout, `${color ? '\x1b[1m' : ''}${head}${color ? '\x1b[0m' : ''}\n\n${markText(article.text, rec, color)}\n\n${describeRecord(rec, color)}\n`);
        }
      }
    }
    return failed ? 1 : 0;
  },
};
