// Origins and echoes: which reports of one statement had first-hand access and which repeat another report.
// A report is an echo when it copies another report's article (text reuse beyond the quote itself), when it
// cites an outlet whose own report of the statement is in the store ("according to The Mirror", "told CNN"),
// or when it goes back to the same source as an earlier report (the same released clip or press conference,
// the same outlet's own access). Reports that echo one another form one origin; a statement's count of
// independent origins is the number of such groups: what a fact-checker means by corroboration.
import type { EchoReason, ReportRole, Span } from '../model.js';
import { outletByName } from '../outlets.js';
import { coveredBy } from './reuse.js';

/** A report as origins sees it. */
export interface OriginReport {
  /** Any id unique among the reports (the store's attribution id). */
  id: number;
  /** The article's id and its storing order; reports are ordered by date, then this. */
  article: string;
  seq: number;
  index: number;
  outlet: string | null;
  date: string | null;
  speaker: string | null;
  /** Relays nearest the outlet first, as the attribution gives them. */
  via: string[];
  start: number;
  end: number;
}

/** A reuse pair between two reports' articles, by storing order, with the shared passages where the share alone does not decide. */
export interface OriginReuse {
  aSeq: number;
  bSeq: number;
  shared: number;
  passages?: { a: Span[]; b: Span[] };
}

export interface ReportOrigin {
  id: number;
  role: ReportRole;
  echoOf: number | null;
  reason: EchoReason | null;
  /** The key of the independent origin the report goes back to. */
  origin: string;
  /** Speaker, relays farthest from the outlet first, outlet. */
  chain: string[];
}

export interface OriginsOptions {
  /** Reuse makes a report a copy when the shared passages cover this many characters outside the quote … */
  minContext: number;
  /** … or when the articles share at least this fraction of the shorter one. */
  minShared: number;
}

export const ORIGINS_DEFAULTS: OriginsOptions = { minContext: 80, minShared: 0.5 };

/** A relay or outlet name as a comparable key: the outlet table's name where it knows it. */
export function sourceName(name: string): string {
  return outletByName(name)?.name ?? name.replace(/^the\s+/i, '').trim();
}
const norm = (name: string) => sourceName(name).toLowerCase();

/** The reports in the order they appeared: by date (unknown last), then storing order, then position. */
export function appearanceOrder<T extends Pick<OriginReport, 'date' | 'seq' | 'index'>>(reports: T[]): T[] {
  return [...reports].sort((x, y) => (x.date == null ? 1 : 0) - (y.date == null ? 1 : 0) || (x.date ?? '').localeCompare(y.date ?? '') || x.seq - y.seq || x.index - y.index);
}

/** The relay chain of a report: the speaker, the relays farthest from the outlet first, the outlet. */
export function relayChain(r: Pick<OriginReport, 'speaker' | 'via' | 'outlet' | 'article'>): string[] {
  return [r.speaker ?? '(unnamed)', ...[...r.via].reverse().map(sourceName), r.outlet ?? r.article];
}

/** The source a report claims when it echoes nothing: the relay nearest the speaker, else the outlet's own access. */
function sourceKey(r: OriginReport): string {
  return r.via.length ? `relay:${norm(r.via[r.via.length - 1])}` : `outlet:${r.outlet ? norm(r.outlet) : r.article}`;
}

export function classifyReports(reports: OriginReport[], reuse: OriginReuse[], options: OriginsOptions = ORIGINS_DEFAULTS): ReportOrigin[] {
  const order = appearanceOrder(reports);
  const rank = new Map(order.map((r, i) => [r.id, i]));
  const parent = new Map(order.map((r) => [r.id, r.id]));
  const find = (x: number): number => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)!)!);
      x = parent.get(x)!;
    }
    return x;
  };
  // The root of a group is its earliest report.
  const union = (x: number, y: number) => {
    const a = find(x);
    const b = find(y);
    if (a === b) return;
    if (rank.get(a)! < rank.get(b)!) parent.set(b, a);
    else parent.set(a, b);
  };

  const firstOfSeq = new Map<number, OriginReport>();
  const firstOfOutlet = new Map<string, OriginReport>();
  for (const r of order) {
    if (!firstOfSeq.has(r.seq)) firstOfSeq.set(r.seq, r);
    if (r.outlet && !firstOfOutlet.has(norm(r.outlet))) firstOfOutlet.set(norm(r.outlet), r);
  }
  const partners = new Map<number, OriginReuse[]>();
  for (const p of reuse) {
    for (const seq of [p.aSeq, p.bSeq]) {
      const list = partners.get(seq);
      if (list) list.push(p);
      else partners.set(seq, [p]);
    }
  }
  // r's article copies text beyond r's own quote from the pair's other article.
  const copies = (r: OriginReport, p: OriginReuse): boolean => {
    if (p.shared >= options.minShared) return true;
    if (!p.passages) return false;
    const mine = p.aSeq === r.seq ? p.passages.a : p.passages.b;
    const all = coveredBy(mine, { start: 0, end: Number.MAX_SAFE_INTEGER });
    return all - coveredBy(mine, r) >= options.minContext;
  };

  const echo = new Map<number, { of: number; reason: EchoReason }>();
  const firstOfSource = new Map<string, OriginReport>();
  for (const r of order) {
    const i = rank.get(r.id)!;
    // Copies: the earliest earlier report whose article this one's article shares text with, beyond the quote.
    let copied: OriginReport | undefined;
    for (const p of partners.get(r.seq) ?? []) {
      const q = firstOfSeq.get(p.aSeq === r.seq ? p.bSeq : p.aSeq);
      if (q && rank.get(q.id)! < i && (!copied || rank.get(q.id)! < rank.get(copied.id)!) && copies(r, p)) copied = q;
    }
    // Cites: an outlet named as a relay whose own report is here.
    const cited = copied ? undefined : r.via.map((v) => firstOfOutlet.get(norm(v))).find((q) => q && q.seq !== r.seq);
    if (copied || cited) {
      const q = (copied ?? cited)!;
      echo.set(r.id, { of: q.id, reason: copied ? 'copies' : 'cites' });
      union(r.id, q.id);
    }
    // Reports of one article, and reports that go back to the same source, are one origin.
    union(r.id, firstOfSeq.get(r.seq)!.id);
    const key = sourceKey(r);
    const first = firstOfSource.get(key);
    if (first) union(r.id, first.id);
    else firstOfSource.set(key, r);
  }

  const originOf = new Map<number, string>();
  return order.map((r) => {
    const root = find(r.id);
    const rootReport = order[rank.get(root)!];
    if (!originOf.has(root)) originOf.set(root, `${sourceKey(rootReport)}@${rootReport.article}`);
    const e = echo.get(r.id);
    const isOrigin = !e && root === r.id;
    return {
      id: r.id,
      role: isOrigin ? 'origin' : 'echo',
      echoOf: isOrigin ? null : e?.of ?? root,
      reason: isOrigin ? null : e?.reason ?? 'same-source',
      origin: originOf.get(root)!,
      chain: relayChain(r),
    };
  });
}
