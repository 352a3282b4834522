import { openStore } from '../store/index.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';
import { catchUp } from './reuse.js';

export const conflicts: Command = {
  name: 'conflicts',
  summary: 'numbers about the same thing that disagree: revisions over time and disagreements between sources',
  usage: `crosscheck conflicts [--db PATH] [--category C] [--limit N] [--offset N] [--format text|jsonl]

Lists groups of quantities about the same thing (category, event or place, time window) whose values cannot
all be true: each value with its claimant, outlet and date, and whether it is a revision over time (one source
changing its figure) or a disagreement between sources. --format jsonl prints one Conflict a line.

Examples:
  crosscheck conflicts --category killed
  crosscheck conflicts --format jsonl > conflicts.jsonl`,
  options: { ...DB_OPTION, category: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, format: { type: 'string', default: 'text' } },
  async run(values, _positionals, io) {
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck conflicts: --format must be text or jsonl, not "${format}"`); return 2; }
    const limit = intOption(values.limit, 'limit', format === 'jsonl' ? 1e9 : 20, 1, 1e9);
    const offset = intOption(values.offset, 'offset', 0, 0, 1e9);
    const store = await openStore(values.db as string);
    try {
      await catchUp(store, io);
      let shown = 0;
      for (let at = offset; shown < limit; ) {
        const p = await store.listConflicts({ category: values.category as string | undefined, limit: Math.min(500, limit - shown), offset: at });
        if (format === 'text' && at === offset) write(io.stdout, `${p.total} conflicts${values.category ? ` about ${values.category}` : ''}`);
        for (const c of p.items) {
          if (format === 'jsonl') { io.stdout.write(JSON.stringify(c) + '\n'); continue; }
          write(io.stdout, `\n${c.id}  ${c.category}, ${c.kind}${c.place ? ` at ${c.place}` : ''}${c.from ? `, ${c.from}${c.to && c.to !== c.from ? ` to ${c.to}` : ''}` : ''}  [${c.about.join(' ')}]\n  ${c.explanation}`);
          for (const v of c.values) write(io.stdout, `    ${v.text.replace(/\s+/g, ' ')}  — ${[v.claimant ?? '(unattributed)', v.outlet, v.date].filter(Boolean).join(' · ')}${v.bound ? ` (${v.bound})` : ''}  ${v.article}`);
        }
        shown += p.items.length;
        at += p.items.length;
        if (p.items.length < 500) break;
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
