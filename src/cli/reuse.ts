import { CrosscheckError } from '../errors.js';
import { linkNew } from '../link/index.js';
import { openStore } from '../store/index.js';
import type { ReuseRow, Store } from '../store/store.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

/** Link what is not linked yet (a store filled before linking existed, or an interrupted ingest). */
export async function catchUp(store: Store, io: { stderr: NodeJS.WritableStream }): Promise<void> {
  const s = await linkNew(store);
  if (s.articles) write(io.stderr, `linked ${s.articles} articles not linked before (${s.seconds.toFixed(1)} s)`);
}

export function fraction(value: unknown, name: string, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new CrosscheckError('E_USAGE', `--${name} must be a number from 0 to 1, not "${value}"`);
  return n;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export const reuse: Command = {
  name: 'reuse',
  summary: 'article pairs that share text, with the shared share, passages and which came first',
  usage: `crosscheck reuse [--db PATH] [--min X] [--article ID] [--limit N] [--format text|jsonl] [--full]

Lists pairs of stored articles that share text (six-word shingles): reposts, wire copy re-run, lifted
paragraphs. "shared" is the fraction of the shorter article's text that the other contains; "earlier" says
which article was published first where their dates differ. --min keeps pairs with at least that share
(0 to 1). With --format jsonl each line is {"a", "b", "shared", "earlier"} where a and b are the article URLs
(else source paths); --full adds the article ids, both shares and the shared passages (offsets).

Examples:
  crosscheck reuse --min 0.5
  crosscheck reuse --format jsonl > reuse.jsonl`,
  options: { ...DB_OPTION, min: { type: 'string' }, article: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string', default: 'text' }, full: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const minShared = fraction(values.min, 'min', 0);
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck reuse: --format must be text or jsonl, not "${format}"`); return 2; }
    const limit = intOption(values.limit, 'limit', format === 'jsonl' ? Number.MAX_SAFE_INTEGER : 20, 1, Number.MAX_SAFE_INTEGER);
    const store = await openStore(values.db as string);
    try {
      await catchUp(store, io);
      const page = 1000;
      let shown = 0;
      let total = 0;
      const rows: ReuseRow[] = [];
      for (let offset = 0; shown < limit; offset += page) {
        const p = await store.listReuse({ minShared, article: values.article as string | undefined, passages: !!values.full || format === 'text', limit: Math.min(page, limit - shown), offset });
        total = p.total;
        for (const r of p.items) {
          if (format === 'jsonl') {
            const line: Record<string, unknown> = { a: r.aRef, b: r.bRef, shared: r.shared, earlier: r.earlier };
            if (values.full) Object.assign(line, { aId: r.a, bId: r.b, aInB: r.aInB, bInA: r.bInA, sharedShingles: r.sharedShingles, passages: r.passages });
            io.stdout.write(JSON.stringify(line) + '\n');
          } else rows.push(r);
        }
        shown += p.items.length;
        if (p.items.length < page) break;
      }
      if (format === 'jsonl') return 0;
      write(io.stdout, `${total} article pairs share text${minShared ? ` (at least ${pct(minShared)} of the shorter)` : ''}${total > shown ? `; showing ${shown}` : ''}`);
      for (const r of rows) {
        const first = r.earlier === 'a' ? ' (a first)' : r.earlier === 'b' ? ' (b first)' : '';
        write(io.stdout, `\n${pct(r.shared)} shared${first}: ${r.aInB === r.bInA ? '' : `a in b ${pct(r.aInB)}, b in a ${pct(r.bInA)}, `}${r.passages?.a.length ?? 0} passages
  a ${r.a}  ${[r.aOutlet, r.aDate].filter(Boolean).join(' · ')}  ${r.aRef}
  b ${r.b}  ${[r.bOutlet, r.bDate].filter(Boolean).join(' · ')}  ${r.bRef}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
