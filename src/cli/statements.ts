import { openStore } from '../store/index.js';
import type { Statement } from '../model.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';
import { catchUp } from './reuse.js';

function describe(s: Statement): string {
  const lines = [`\n${s.id}  ${s.speaker ?? '(no speaker)'}: “${s.content.replace(/\s+/g, ' ')}”`,
    `  ${s.reports.length} reports, ${s.origins} independent origin${s.origins === 1 ? '' : 's'}, ${s.echoes} echo${s.echoes === 1 ? '' : 'es'}; first ${[s.first.outlet, s.first.date].filter(Boolean).join(' · ') || s.first.article}`];
  for (const r of s.reports) {
    const how = r.role === 'origin' ? 'origin' : `echo (${r.reason})`;
    lines.push(`    ${how.padEnd(20)} ${[r.outlet ?? r.article, r.date].filter(Boolean).join(' · ')}  ${r.chain.join(' → ')}${r.hedges.length ? `  [hedged: ${r.hedges.join(', ')}]` : ''}`);
  }
  return lines.join('\n');
}

export const statements: Command = {
  name: 'statements',
  summary: 'statements reported across articles: speaker, reports, relay chains, origins and echoes',
  usage: `crosscheck statements [--db PATH] [--min-reports N] [--limit N] [--offset N] [--format text|jsonl] [WORDS]

Lists statements (one utterance reported by one or more articles, however reworded), the most reported
first: the speaker, the first appearance, and each report with its outlet, date and relay chain, marked as an
origin (first-hand access) or an echo (it copies or cites another report, or goes back to the same source).
WORDS keep statements whose speaker or content holds them. --format jsonl prints one Statement a line.

Examples:
  crosscheck statements --min-reports 2
  crosscheck statements --format jsonl surrender`,
  options: { ...DB_OPTION, 'min-reports': { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, format: { type: 'string', default: 'text' } },
  async run(values, positionals, io) {
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck statements: --format must be text or jsonl, not "${format}"`); return 2; }
    const minReports = intOption(values['min-reports'], 'min-reports', format === 'jsonl' ? 1 : 2, 1, 1e9);
    const limit = intOption(values.limit, 'limit', format === 'jsonl' ? 1e9 : 20, 1, 1e9);
    const offset = intOption(values.offset, 'offset', 0, 0, 1e9);
    const q = positionals.join(' ').trim() || undefined;
    const store = await openStore(values.db as string);
    try {
      await catchUp(store, io);
      let total = 0;
      let shown = 0;
      for (let at = offset; shown < limit; ) {
        const p = await store.listStatements({ minReports, q, limit: Math.min(500, limit - shown), offset: at });
        total = p.total;
        if (format === 'text' && at === offset) write(io.stdout, `${p.total} statements with at least ${minReports} report${minReports === 1 ? '' : 's'}${q ? ` matching "${q}"` : ''}`);
        for (const s of p.items) io.stdout.write(format === 'jsonl' ? JSON.stringify(s) + '\n' : describe(s) + '\n');
        shown += p.items.length;
        at += p.items.length;
        if (p.items.length < 500) break;
      }
      if (format === 'text' && total > shown + offset) write(io.stdout, `\n(showing ${offset + 1}-${offset + shown}; --offset for more)`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
