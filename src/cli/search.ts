import { openStore } from '../store/index.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

const hl = (s: string, color: boolean) => s.replace(/\u0002/g, color ? '\x1b[1;33m' : '[').replace(/\u0003/g, color ? '\x1b[0m' : ']');

export const search: Command = {
  name: 'search',
  summary: 'full-text search over articles and attributed statements',
  usage: `crosscheck search [--db PATH] [--limit N] [--offset N] [--format text|jsonl] WORDS

Words are all required; "quoted words" are a phrase, a trailing * searches a prefix, OR between words
accepts either. Prints the matching articles with a snippet, then the matching statements with their speaker.

Examples:
  crosscheck search deserters
  crosscheck search '"mass graves" Putin'`,
  options: { ...DB_OPTION, limit: { type: 'string' }, offset: { type: 'string' }, format: { type: 'string', default: 'text' } },
  async run(values, positionals, io) {
    const q = positionals.join(' ').trim();
    if (!q) { write(io.stderr, 'crosscheck search: give the words to search for; see --help'); return 2; }
    const limit = intOption(values.limit, 'limit', 10, 1, 1000);
    const offset = intOption(values.offset, 'offset', 0, 0, 1e9);
    const store = await openStore(values.db as string);
    try {
      const r = await store.search({ q, limit, offset });
      if (values.format === 'jsonl') {
        for (const h of [...r.articles.items, ...r.attributions.items]) io.stdout.write(JSON.stringify({ ...h, snippet: h.snippet.replace(/[\u0002\u0003]/g, '') }) + '\n');
        return 0;
      }
      const color = !!io.stdout.isTTY && !process.env.NO_COLOR;
      write(io.stdout, `${r.articles.total} articles match "${q}"${r.articles.total > limit ? ` (showing ${offset + 1}-${offset + r.articles.items.length})` : ''}`);
      for (const h of r.articles.items) {
        const a = h.article;
        write(io.stdout, `\n${a.id}  ${a.title ?? '(no title)'}\n  ${[a.outlet, a.date].filter(Boolean).join(' · ')}  ${a.attributions} statements, ${a.quantities} numbers\n  ${hl(h.snippet.replace(/\s+/g, ' '), color)}`);
      }
      write(io.stdout, `\n${r.attributions.total} statements match`);
      for (const h of r.attributions.items) {
        write(io.stdout, `\n${h.article.id}  ${h.attribution!.speaker ?? '(no speaker)'}: “${hl(h.snippet, color)}”\n  in ${h.article.title ?? h.article.id}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
