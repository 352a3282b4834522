// Entity resolution across articles: one entity per person, organisation, outlet, military unit and place
// in the store, however it is spelt. Each mention comes with a key from the analyzer (a gazetteer id, an
// outlet's canonical name, a unit designation, a folded name); a key already linked goes to its entity, and a
// new key joins an existing entity only by a rule that is written down with it: the same gazetteer id, a
// transliteration of the same name (Zelensky/Zelenskiy/Zelenskyy, Alexei/Aleksei), a slip (Vladmir/Vladimir),
// a Cyrillic spelling. Every such merge is stored with the variant, the rule and the reason, and can be
// undone: the key then becomes an entity of its own and is never merged into that entity again.
// Incremental: linking a batch costs the look-ups of its keys, not a pass over the store.
import type { MentionKind } from '../model.js';
import { foldName, sameFirstName, sameWord, softForm, variantKey } from '../names.js';

/** A mention waiting for its entity. */
export interface MentionToLink {
  id: number;
  kind: MentionKind;
  key: string;
  /** The name the article resolved the mention to. */
  name: string;
  placeId: string | null;
  lat: number | null;
  lon: number | null;
}

/** An entity as linking sees it: its keys and its canonical name. */
export interface EntityCandidate {
  id: number;
  kind: MentionKind;
  name: string;
  keys: string[];
  /** Keys that were split off this entity and must not join it again. */
  blocked: string[];
}

export type LinkRule = 'new' | 'same key' | 'transliteration' | 'spelling' | 'cyrillic' | 'surname';

/** What to do with the mentions of one key. */
export interface LinkDecision {
  kind: MentionKind;
  key: string;
  /** The blocking key candidates are found under. */
  block: string;
  /** The name as the mentions give it. */
  variant: string;
  mentionIds: number[];
  /** An existing entity, or null for a new one named `variant` (or the one `joins` creates). */
  entity: number | null;
  /** The index, in the same list, of the decision whose new entity this key joins. */
  joins?: number;
  rule: LinkRule;
  /** Why, in words: which variants and which rule. */
  reason: string;
  placeId: string | null;
  lat: number | null;
  lon: number | null;
}

/** What a store does for linking. */
export interface EntityLinkStore {
  unlinkedMentions(limit: number): Promise<MentionToLink[]>;
  /** Entities of a kind that own one of these keys or have a key under one of these blocks. */
  entityCandidates(kind: MentionKind, keys: string[], blocks: string[]): Promise<EntityCandidate[]>;
  applyLinks(decisions: LinkDecision[]): Promise<void>;
}

const nameOfKey = (key: string) => key.replace(/^[a-z]+:/, '');

/** The blocking key of a mention: people by their surname's skeleton, others by their own key's skeleton. */
export function blockOf(kind: MentionKind, key: string, name: string): string {
  if (kind === 'place' || kind === 'outlet' || kind === 'unit') return `${kind}:${key}`;
  const words = foldName(name).split(' ').filter(Boolean);
  const last = words[words.length - 1] ?? nameOfKey(key);
  return `${kind}:${variantKey(last)}`;
}

/**
 * Whether a person's name and an entity's name are one person: the same surname (or a variant of it) and
 * first names that agree (a variant, an initial, or one side without a first name).
 */
function samePerson(a: string, b: string): LinkRule | null {
  // Pure, and asked of the same two names batch after batch (each person key against the candidates of its block).
  const k = `${a}\u0000${b}`;
  let r = samePersonMemo.get(k);
  if (r === undefined) {
    r = samePersonOf(a, b);
    if (samePersonMemo.size >= 300_000) samePersonMemo.clear();
    samePersonMemo.set(k, r);
  }
  return r;
}
const samePersonMemo = new Map<string, LinkRule | null>();

function samePersonOf(a: string, b: string): LinkRule | null {
  const wa = a.split(/\s+/).filter(Boolean);
  const wb = b.split(/\s+/).filter(Boolean);
  if (!wa.length || !wb.length) return null;
  const last = sameWord(wa[wa.length - 1], wb[wb.length - 1]);
  if (!last) return null;
  let first: ReturnType<typeof sameWord> = 'same';
  if (wa.length > 1 && wb.length > 1) {
    first = sameWord(wa[0], wb[0]) ?? (sameFirstName(wa[0], wb[0]) ? 'transliteration' : null);
    if (!first && !(wa[0][0] === wb[0][0] && (wa[0].length <= 2 || wb[0].length <= 2))) return null;
  }
  const cyr = /[\u0400-\u04ff]/;
  if (cyr.test(a) !== cyr.test(b)) return 'cyrillic';
  if (last === 'spelling' || first === 'spelling') return 'spelling';
  if (last === 'transliteration' || first === 'transliteration') return 'transliteration';
  return wa.length !== wb.length ? 'surname' : 'same key';
}

/** Decide where the mentions of each key go, given the candidate entities. Pure: no store access. */
export function decideLinks(mentions: MentionToLink[], candidates: EntityCandidate[]): LinkDecision[] {
  const groups = new Map<string, MentionToLink[]>();
  for (const m of mentions) {
    const k = `${m.kind}\u0000${m.key}`;
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  const out: LinkDecision[] = [];
  // Entities created in this batch are candidates for the rest of it.
  const pending: { decision: LinkDecision; index: number }[] = [];
  // The first candidate (in the order given) that owns each key, by kind.
  const owners = new Map<string, EntityCandidate>();
  for (const c of candidates) for (const key of c.keys) if (!owners.has(`${c.kind}\u0000${key}`)) owners.set(`${c.kind}\u0000${key}`, c);
  // Only candidates whose (last) name can be the same word by sameWord are compared: those sharing its soft
  // form, its variant key or its first and last letters (each rule of sameWord needs one of these), in their order.
  const persons = new WordIndex();
  const organisations = new WordIndex();
  candidates.forEach((c, i) => {
    if (c.kind === 'person') persons.add(lastWord(c.name), i);
    else if (c.kind === 'organisation') organisations.add(foldName(c.name), i);
  });
  const pendingPersons = new WordIndex();
  const orgWord = new Map<string, ReturnType<typeof sameWord>>();
  for (const g of groups.values()) {
    const m = g[0];
    const names = new Map<string, number>();
    for (const x of g) names.set(x.name, (names.get(x.name) ?? 0) + 1);
    const variant = [...names].sort((a, b) => b[1] - a[1])[0][0];
    const block = blockOf(m.kind, m.key, variant);
    const base = { kind: m.kind, key: m.key, block, variant, mentionIds: g.map((x) => x.id), placeId: m.placeId, lat: m.lat, lon: m.lon };
    const exact = owners.get(`${m.kind}\u0000${m.key}`);
    if (exact) { out.push({ ...base, entity: exact.id, rule: 'same key', reason: `key ${m.key} is already ${exact.name}` }); continue; }
    let decided: LinkDecision | null = null;
    if (m.kind === 'person') {
      const word = lastWord(variant);
      for (const i of persons.near(word)) {
        const c = candidates[i];
        if (c.kind !== 'person' || c.blocked.includes(m.key)) continue;
        const rule = samePerson(variant, c.name);
        if (rule) { decided = { ...base, entity: c.id, rule, reason: reasonFor(rule, variant, c.name) }; break; }
      }
      if (!decided) {
        const k = pendingPersons.near(word).find((i) => samePerson(variant, pending[i].decision.variant));
        const p = k === undefined ? undefined : pending[k];
        if (p) {
          const rule = samePerson(variant, p.decision.variant)!;
          decided = { ...base, entity: null, joins: p.index, rule, reason: reasonFor(rule, variant, p.decision.variant) };
        }
      }
    } else if (m.kind === 'organisation') {
      for (const i of organisations.near(foldName(nameOfKey(m.key)))) {
        const c = candidates[i];
        if (c.kind !== 'organisation' || c.blocked.includes(m.key)) continue;
        const pair = `${m.key}\u0000${c.name}`;
        let r = orgWord.get(pair);
        if (r === undefined) orgWord.set(pair, (r = sameWord(nameOfKey(m.key), foldName(c.name))));
        if (r && r !== 'same') { decided = { ...base, entity: c.id, rule: r, reason: reasonFor(r, variant, c.name) }; break; }
      }
    }
    if (!decided) {
      decided = { ...base, entity: null, rule: 'new', reason: m.kind === 'place' && m.placeId ? `gazetteer place ${m.placeId}` : `first seen as ${variant}` };
      if (decided.kind === 'person') pendingPersons.add(lastWord(variant), pending.length);
      pending.push({ decision: decided, index: out.length });
    }
    out.push(decided);
  }
  return out;
}

/** The folded last word of a name, as samePerson compares surnames. */
function lastWord(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return words.length ? foldName(words[words.length - 1]) : '';
}

/**
 * Items (by index, added in increasing order) under the keys by which sameWord can find a folded word the
 * same: its soft form, its variant key, its first and last letters. `near` gives, in order, every item that
 * sameWord can call the same as a word, and others.
 */
class WordIndex {
  private readonly buckets = new Map<string, number[]>();
  private static keys(folded: string): string[] {
    if (!folded) return [];
    return [`s ${softForm(folded)}`, `v ${variantKey(folded)}`, `e ${folded[0]}${folded.at(-1)}`];
  }
  add(folded: string, i: number): void {
    for (const k of WordIndex.keys(folded)) {
      const b = this.buckets.get(k);
      if (!b) this.buckets.set(k, [i]);
      else if (b[b.length - 1] !== i) b.push(i);
    }
  }
  near(folded: string): number[] {
    const lists = WordIndex.keys(folded).map((k) => this.buckets.get(k) ?? []);
    const all = new Set<number>();
    for (const l of lists) for (const i of l) all.add(i);
    return [...all].sort((a, b) => a - b);
  }
}

function reasonFor(rule: LinkRule, variant: string, name: string): string {
  switch (rule) {
    case 'transliteration': return `"${variant}" and "${name}" are transliterations of one name`;
    case 'spelling': return `"${variant}" is a misspelling of "${name}" (one letter apart)`;
    case 'cyrillic': return `"${variant}" and "${name}" are the Cyrillic and Latin spellings of one name`;
    case 'surname': return `"${variant}" and "${name}" share the surname and agree on what else they give`;
    default: return `"${variant}" is "${name}"`;
  }
}

/** Link every mention the store has not linked yet, in batches. Returns how many mentions were linked. */
export async function linkEntities(store: EntityLinkStore, batchSize = 2000): Promise<{ mentions: number; entities: number; merges: number }> {
  let mentions = 0;
  let entities = 0;
  let merges = 0;
  for (;;) {
    const batch = await store.unlinkedMentions(batchSize);
    if (!batch.length) break;
    const byKind = new Map<MentionKind, MentionToLink[]>();
    for (const m of batch) { const l = byKind.get(m.kind); if (l) l.push(m); else byKind.set(m.kind, [m]); }
    const decisions: LinkDecision[] = [];
    for (const [kind, ms] of byKind) {
      const keys = [...new Set(ms.map((m) => m.key))];
      const blocks = [...new Set(ms.map((m) => blockOf(kind, m.key, m.name)))];
      const candidates = await store.entityCandidates(kind, keys, blocks);
      const offset = decisions.length;
      decisions.push(...decideLinks(ms, candidates).map((d) => (d.joins != null ? { ...d, joins: d.joins + offset } : d)));
    }
    await store.applyLinks(decisions);
    mentions += batch.length;
    entities += decisions.filter((d) => d.rule === 'new').length;
    merges += decisions.filter((d) => d.rule !== 'new' && d.rule !== 'same key').length;
    if (batch.length < batchSize) break;
  }
  return { mentions, entities, merges };
}
