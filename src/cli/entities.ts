// `crosscheck entities`: the people, organisations, outlets, military units and places of the store, one
// entity however it is spelt, with its variants and mention counts; --show explains an entity's merges and
// --undo takes a merge back.
import { linkEntities } from '../link/entities.js';
import type { MentionKind } from '../model.js';
import { openStore } from '../store/index.js';
import { DB_OPTION, intOption, write, type Command } from './command.js';

const KINDS: MentionKind[] = ['person', 'organisation', 'outlet', 'unit', 'place'];

export const entities: Command = {
  name: 'entities',
  summary: 'people, organisations, outlets, units and places of the store, with their variants and mention counts',
  usage: `crosscheck entities [--db PATH] [--kind person|organisation|outlet|unit|place] [--search WORDS]
                   [--limit N] [--offset N] [--format text|jsonl]
       crosscheck entities [--db PATH] --show ID        the entity's keys: which variants were merged into it and why
       crosscheck entities [--db PATH] --undo KEY-ID    undo one merge (KEY-ID as --show prints it); the variant becomes
                                                        an entity of its own and is never merged back

Every mention the analyzer found is linked to one entity across articles: places by their gazetteer id
(Kiev and Kyiv are one place), people by their name with transliterations and slips allowed
(Zelensky/Zelenskiy/Zelenskyy, "Vladmir Putin"), outlets by the curated table, units by their designation.

Examples:
  crosscheck entities --kind person --limit 20
  crosscheck entities --search Zelensk
  crosscheck entities --show 12
  crosscheck entities --format jsonl --kind place > places.jsonl`,
  options: {
    ...DB_OPTION, kind: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' },
    format: { type: 'string', default: 'text' }, show: { type: 'string' }, undo: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const kind = values.kind as MentionKind | undefined;
    if (kind && !KINDS.includes(kind)) { write(io.stderr, `crosscheck entities: --kind must be one of ${KINDS.join(', ')}, not "${kind}"`); return 2; }
    const format = values.format as string;
    if (format !== 'text' && format !== 'jsonl') { write(io.stderr, `crosscheck entities: --format must be text or jsonl, not "${format}"`); return 2; }
    const limit = intOption(values.limit, 'limit', 50, 1, 100000);
    const offset = intOption(values.offset, 'offset', 0, 0, 1e9);
    const store = await openStore(values.db as string);
    try {
      // Mentions stored before their entities were linked (an interrupted ingest) are linked now.
      await linkEntities(store);
      if (values.undo !== undefined) {
        const id = intOption(values.undo, 'undo', 0, 1, Number.MAX_SAFE_INTEGER);
        const fresh = await store.undoMerge(id);
        if (fresh === null) { write(io.stderr, `crosscheck entities: key ${id} was not merged into an entity (see --show ID for the keys and their ids)`); return 1; }
        write(io.stdout, `merge ${id} undone: its mentions are now entity ${fresh}`);
        return 0;
      }
      if (values.show !== undefined) {
        const id = intOption(values.show, 'show', 0, 1, Number.MAX_SAFE_INTEGER);
        const e = await store.entity(id);
        if (!e) { write(io.stderr, `crosscheck entities: no entity ${id} in ${values.db}`); return 1; }
        if (format === 'jsonl') { write(io.stdout, JSON.stringify(e)); return 0; }
        write(io.stdout, `${e.id}  ${e.name}  (${e.kind}${e.placeId ? `, ${e.placeId} at ${e.lat}, ${e.lon}` : ''})\n  ${e.mentions} mentions in ${e.articles} articles\n  written: ${e.variants.map((v) => `${v.text} ×${v.count}`).join(', ')}\n  keys:`);
        for (const k of e.keys) write(io.stdout, `    [${k.id}] ${k.key}  ${k.rule === 'new' ? 'first key' : `merged (${k.rule})`}: ${k.reason}`);
        return 0;
      }
      const page = await store.entities({ kind, q: values.search as string | undefined, limit, offset });
      if (format === 'jsonl') { for (const e of page.items) io.stdout.write(JSON.stringify(e) + '\n'); return 0; }
      write(io.stdout, `${page.total} entities${page.total > page.items.length ? ` (showing ${offset + 1}-${offset + page.items.length})` : ''}`);
      for (const e of page.items) {
        const shown = e.variants.slice(0, 6).map((v) => `${v.text} ×${v.count}`).join(', ');
        write(io.stdout, `${String(e.id).padStart(6)}  ${e.kind.padEnd(12)} ${e.name}  — ${e.mentions} mentions, ${e.articles} articles${e.placeId ? `, ${e.placeId}` : ''}\n${' '.repeat(22)}${shown}${e.variants.length > 6 ? `, … (${e.variants.length} spellings)` : ''}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
