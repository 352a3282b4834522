// Linking across articles: run after each stored batch, over the articles stored since the last run, in the
// order they were stored. Each article is compared with its candidates only (found through indexes), and
// what it adds is written in one transaction with the mark that says it is linked, so an interrupted run
// resumes where it stopped. Statements and quantity groups touched by a batch are then recomputed once.
import type { Store, LinkItem, LinkWrite, StoredReuse } from '../store/store.js';
import { REUSE_DEFAULTS, shares, signature, worthComparing, type ReuseOptions, type ReuseSignature } from './reuse.js';
import { assignStatements, RefreshCache, refreshStatement } from './statements.js';
import { assignQuantities, refreshGroup } from './conflicts.js';

export interface LinkOptions {
  reuse?: Partial<ReuseOptions>;
  /** Articles read from the backlog at a time. */
  batchSize?: number;
  onProgress?: (p: { articles: number; elapsed: number }) => void;
  /**
   * Recompute touched statements and quantity groups after linking (default true). Ingest passes false for
   * each batch and refreshes once at the end, so that a statement reported in every batch is recomputed once.
   */
  refresh?: boolean;
}

export interface LinkSummary {
  articles: number;
  reusePairs: number;
  reports: number;
  quantities: number;
  statementsRefreshed: number;
  groupsRefreshed: number;
  seconds: number;
}

// Reuse signatures made ahead (by the analysis threads), by article id (a hash of the text they are made
// from), for the articles about to be linked: each taken once. Bounded: what is not taken is dropped.
const signatures = new Map<string, Pick<ReuseSignature, 'distinct' | 'fingerprints'>>();

/** Give the reuse signature of an article about to be linked, made elsewhere from its text. */
export function primeSignature(articleId: string, sig: Pick<ReuseSignature, 'distinct' | 'fingerprints'>): void {
  if (signatures.size >= 10_000) signatures.clear();
  signatures.set(articleId, sig);
}

function signatureOf(article: { id: string; text: string }): Pick<ReuseSignature, 'distinct' | 'fingerprints'> {
  const sig = signatures.get(article.id);
  if (!sig) return signature(article.text);
  signatures.delete(article.id);
  return sig;
}

/** Link one article against what is stored: its reuse pairs, the statements its attributions report, the groups of its quantities. */
export async function linkArticle(store: Store, item: LinkItem, options: ReuseOptions = REUSE_DEFAULTS): Promise<LinkWrite> {
  const sig = signatureOf(item.article);
  const found = await store.reuseCandidates(sig.fingerprints, options.maxPostings);
  const candidates = found.candidates
    .filter((c) => c.seq !== item.seq && worthComparing(c, sig.fingerprints.length))
    .sort((x, y) => y.hits - x.hits || x.seq - y.seq)
    .slice(0, options.maxCandidates);
  const pairs: StoredReuse[] = [];
  if (candidates.length) {
    const own = { id: item.article.id, key: item.article.key, date: item.article.date, shingles: sig.distinct };
    for (const other of await store.reuseSignatures(candidates.map((c) => c.seq))) {
      // The stored article is `a`, the new one `b`.
      const r = shares(other, own, options);
      if (r) pairs.push({ ...r, aSeq: other.seq, bSeq: item.seq });
    }
  }
  const statements = await assignStatements(store, item);
  const quantities = await assignQuantities(store, item);
  return { seq: item.seq, reuse: { fingerprints: sig.fingerprints, shingles: sig.distinct, pairs, stopped: found.stopped }, statements, quantities };
}

/** Recompute the statements and quantity groups that linked articles touched. */
export async function refreshDirty(store: Store): Promise<{ statements: number; groups: number }> {
  return store.linkTransaction(async () => {
    const dirty = await store.dirtyLinks();
    const cache = new RefreshCache();
    for (const id of dirty.statements) await refreshStatement(store, id, cache);
    for (const id of dirty.groups) await refreshGroup(store, id);
    return { statements: dirty.statements.length, groups: dirty.groups.length };
  });
}

/** Link every stored article not linked yet. */
export async function linkNew(store: Store, options: LinkOptions = {}): Promise<LinkSummary> {
  const t0 = Date.now();
  const opts = { ...REUSE_DEFAULTS, ...options.reuse };
  const summary: LinkSummary = { articles: 0, reusePairs: 0, reports: 0, quantities: 0, statementsRefreshed: 0, groupsRefreshed: 0, seconds: 0 };
  const refresh = async () => {
    const r = await refreshDirty(store);
    summary.statementsRefreshed += r.statements;
    summary.groupsRefreshed += r.groups;
  };
  const refreshing = options.refresh !== false;
  if (refreshing) await store.linkTransaction(refresh);
  for (;;) {
    // One transaction a batch: the writes of a batch share their index pages, and an interrupted run
    // leaves the whole batch unlinked, to be linked again.
    const n = await store.linkTransaction(async () => {
      const items = await store.linkBacklog(options.batchSize ?? 200);
      for (const item of items) {
        const w = await linkArticle(store, item, opts);
        await store.commitLink(w);
        summary.articles++;
        summary.reusePairs += w.reuse.pairs.length;
        summary.reports += w.statements.reports.length;
        summary.quantities += w.quantities.members.length;
      }
      if (refreshing) await refresh();
      return items.length;
    });
    if (!n) break;
    options.onProgress?.({ articles: summary.articles, elapsed: (Date.now() - t0) / 1000 });
  }
  summary.seconds = (Date.now() - t0) / 1000;
  return summary;
}
