// `crosscheck quantities`: the numbers of the store with who claims them, where and when the counted event
// happened, and the article, filtered by category.
import type { QuantityCategory } from '../model.js';
import { openStore } from '../store/index.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

const CATEGORIES: QuantityCategory[] = ['killed', 'wounded', 'casualties', 'missing', 'captured', 'displaced', 'detained', 'personnel', 'equipment', 'attendance', 'money', 'other'];

const amount = (q: { value: number | null; low: number | null; high: number | null; approx: string }) => {
  const n = (x: number | null) => (x == null ? '?' : x.toLocaleString('en-US'));
  const v = q.value != null ? n(q.value) : `${n(q.low)}–${n(q.high)}`;
  return q.approx === 'exact' ? v : `${q.approx.replace('_', ' ')} ${v}`;
};

export const quantities: Command = {
  name: 'quantities',
  summary: 'numbers with their claimant, place, date and article, by category',
  usage: `crosscheck quantities [--db PATH] [--category ${CATEGORIES.join('|')}] [--vague]
                     [--limit N] [--offset N] [--format text|jsonl]

Each number: its value (or range) and approximation, who claims it (the speaker of the statement it sits in;
"the article" when no one), the place and date of the event it counts where the text gives them (dates
resolved against the article's date, with their precision), and the article. --vague adds amounts such as
"tens of thousands", kept as ranges.

Examples:
  crosscheck quantities --category killed
  crosscheck quantities --category displaced --format jsonl > displaced.jsonl`,
  options: { ...DB_OPTION, category: { type: 'string' }, vague: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' }, format: { type: 'string', default: 'text' } },
  async run(values, _positionals, io) {
    const category = values.category as QuantityCategory | undefined;
    if (category && !CATEGORIES.includes(category)) { write(io.stderr, `crosscheck quantities: --category must be one of ${CATEGORIES.join(', ')}, not "${category}"`); return 2; }
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck quantities: --format must be text or jsonl, not "${format}"`); return 2; }
    const limit = intOption(values.limit, 'limit', 50, 1, 100000);
    const offset = intOption(values.offset, 'offset', 0, 0, 1e9);
    const store = await openStore(values.db as string);
    try {
      const page = await store.quantities({ category, vague: !!values.vague, limit, offset });
      if (format === 'jsonl') { for (const q of page.items) io.stdout.write(JSON.stringify(q) + '\n'); return 0; }
      write(io.stdout, `${page.total} numbers${category ? ` (${category})` : ''}${page.total > page.items.length ? `, showing ${offset + 1}-${offset + page.items.length}` : ''}`);
      for (const q of page.items) {
        const where = q.place ? `in ${q.place.name}${q.place.text !== q.place.name ? ` ("${q.place.text}")` : ''}` : 'place not given';
        const when = q.date ? `${q.date.date} (${q.date.precision}, "${q.date.text}")` : 'date not given';
        const a = q.article;
        write(io.stdout, `\n${amount(q)} ${q.category}${q.vague ? ' (vague)' : ''}  “${q.text}”\n  claimed by ${q.claimant ?? 'the article'} · ${where} · ${when}\n  ${a.id}  ${a.title ?? '(no title)'}${a.outlet || a.date ? `  (${[a.outlet, a.date].filter(Boolean).join(', ')})` : ''}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
