import { openStore } from '../store/index.js';
import { DB_OPTION, write, type Command } from './command.js';
import { describeArticle, describeRecord, markText } from './render.js';

export const show: Command = {
  name: 'show',
  summary: 'one article with everything extracted from it',
  usage: `crosscheck show [--db PATH] [--format text|json] ID

ID is an article id or a unique prefix of one (as printed by ingest, search and the web page).

Example:
  crosscheck show 8a453fd8`,
  options: { ...DB_OPTION, format: { type: 'string', default: 'text' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) { write(io.stderr, 'crosscheck show: give one article id; see --help'); return 2; }
    const store = await openStore(values.db as string);
    try {
      const d = await store.get(positionals[0]);
      if (!d) { write(io.stderr, `crosscheck show: no article with id "${positionals[0]}" in ${values.db} (give a longer prefix if several match)`); return 1; }
      if (values.format === 'json') { write(io.stdout, JSON.stringify(d)); return 0; }
      const color = !!io.stdout.isTTY && !process.env.NO_COLOR;
      const versions = d.versions.length > 1 ? `\nversions: ${d.versions.map((v) => `${v.version}=${v.id}`).join(', ')}` : '';
      write(io.stdout, `${describeArticle(d.article)}${versions}\n\n${d.analysis ? markText(d.article.text, d.analysis, color) : d.article.text}\n\n${d.analysis ? describeRecord(d.analysis, color) : '(not analysed)'}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
