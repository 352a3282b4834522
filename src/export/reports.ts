// Statements as the statement exports (claimreview.ts, prov.ts) read them: the statements in the scope the
// user asked for, a page at a time, and for each report what the Statement record does not carry but the
// report's article does: its title, language and bylines, and, from its analysis, what kind of agent the
// speaker and each relay is (a person, an organisation, an outlet, a group) and the channel each relay used
// (an interview, a press conference). Articles are read through a small cache: most statements are reported
// once, and the statements that one article starts are stored, and so listed, one after another.
import type { Attribution, Mention, Statement, StatementReport } from '../model.js';
import { outletByName } from '../outlets.js';
import { sourceName } from '../link/origins.js';
import { speakerKey } from '../link/statements.js';
import type { Store } from '../store/store.js';
import type { ExportScope } from './exporter.js';

/** What kind of agent a speaker or relay is, as far as the article's analysis tells. */
export type AgentKind = 'person' | 'organisation' | 'outlet' | 'group' | 'unknown';

export interface Agent {
  /**
   * What identifies the agent across statements and articles: the outlet table's name for an outlet, else the
   * name folded as statements compare speakers (titles dropped, transliterations folded). Null for a
   * description or a group ("a captured soldier", "Russian troops"), which is no one in particular.
   */
  key: string | null;
  /** The name, or the description, as the report gives it. */
  name: string;
  kind: AgentKind;
  /** A role or rank the text gives the speaker ("spokesman", "soldier"). */
  role?: string;
  /**
   * The organisation or outlet the agent speaks or writes for, where the text says so: a spokesperson or a
   * correspondent whose own words name it ("State Department spokesman Ned Price", "CNN National
   * Correspondent Suzanne Malveaux"), or an outlet for the authors of its article's byline.
   */
  onBehalfOf?: Agent;
  /** An outlet's home page, from the outlet table's first domain. */
  homepage?: string;
}

export interface RelayHop {
  agent: Agent;
  /** How the statement passed through this relay where the text says: "interview", "press conference", … */
  channel: string | null;
  /** The words that name the relay ("in audio released by Ukrainian intelligence"). */
  text: string | null;
}

export interface ReportDetail {
  report: StatementReport;
  /** The speaker as this report names them; null when it names none. */
  speaker: Agent | null;
  /** The relays between the speaker and the outlet, the one nearest the speaker first (the chain's order). */
  relays: RelayHop[];
  /** The outlet that published the report's article, as an agent. */
  outlet: Agent | null;
  title: string | null;
  language: string | null;
  /** The article's authors from its byline, each on behalf of the outlet. */
  bylines: Agent[];
}

export interface StatementDetail {
  statement: Statement;
  /** The statement's speaker (the name most reports give), as an agent; null when no report names one. */
  speaker: Agent | null;
  /** The reports in the order they appeared (the Statement's own order: by date, then storing order). */
  reports: ReportDetail[];
}

const PAGE = 1000;

/** The statements an export covers: the ones named, else every one with at least minReports reports, the most reported first. */
export async function* statementsInScope(store: Store, scope: ExportScope = {}): AsyncGenerator<Statement> {
  if (scope.statements) {
    for (const id of new Set(scope.statements)) {
      const s = await store.getStatement(id);
      if (s) yield s;
    }
    return;
  }
  const limit = scope.limit ?? Number.MAX_SAFE_INTEGER;
  for (let offset = 0; offset < limit; ) {
    const want = Math.min(PAGE, limit - offset);
    const page = await store.listStatements({ minReports: scope.minReports ?? 1, limit: want, offset });
    yield* page.items;
    offset += page.items.length;
    if (page.items.length < want) break;
  }
}

/** What an export needs of an article: its metadata and the two lists of its analysis that name agents. */
interface ArticleFacts {
  title: string | null;
  language: string | null;
  bylines: string[];
  attributions: Attribution[];
  mentions: Mention[];
  /** Speakers of the article who speak for an organisation its text names beside them (see Agent.onBehalfOf), by name. */
  delegations: Map<string, Agent>;
}

/** Roles whose holder speaks or reports for the organisation the phrase names. */
const DELEGATE = /^(?:spokes(?:man|woman|person)|correspondent)$/;

const KINDS: Record<string, AgentKind> = { person: 'person', organisation: 'organisation', outlet: 'outlet', group: 'group', unit: 'organisation' };
const INSTITUTION: Record<string, AgentKind> = { organisation: 'organisation', outlet: 'outlet', unit: 'organisation' };

const bare = (s: string) => s.toLowerCase().replace(/^the\s+/, '').trim();

/**
 * An agent from its name, its kind, and whether the name is a name (the article's mentions of people,
 * organisations and outlets hold it) rather than a description ("a Russian soldier", "Ukrainian officials"):
 * only a name gets a key, and so one identity across statements. Outlets of the outlet table always do.
 */
export function agent(name: string, kind: AgentKind, named: boolean, role?: string): Agent {
  const outlet = outletByName(name) ?? outletByName(name.replace(/^the\s+/i, ''));
  if (outlet) return { key: outlet.name.toLowerCase(), name: outlet.name, kind: 'outlet', ...(outlet.domains[0] ? { homepage: `https://${outlet.domains[0]}/` } : {}) };
  if (kind === 'outlet') return { key: bare(sourceName(name)), name: sourceName(name), kind };
  const key = named && kind !== 'group' ? speakerKey(name) ?? bare(name) : null;
  return { key, name, kind, ...(role ? { role } : {}) };
}

/**
 * What the article's mentions say about a name: the kind of a mention of a person, organisation, outlet or
 * unit where the name stands (within `at`) or that the article resolves to the same name elsewhere (a relay
 * named by a pronoun, a speaker named by a surname), or nothing when no mention names it.
 */
function identify(name: string, mentions: Mention[], at: { start: number; end: number } | null = null): AgentKind | null {
  const folded = bare(name);
  if (!folded) return null;
  if (at) {
    for (const m of mentions) {
      if (m.end <= at.start || m.start >= at.end || !KINDS[m.kind]) continue;
      const text = bare(m.text);
      if (text && (folded.includes(text) || text.includes(folded))) return KINDS[m.kind];
    }
  }
  const same = mentions.find((m) => KINDS[m.kind] && bare(m.name) === folded);
  return same ? KINDS[same.kind] : null;
}

/** The organisation or outlet named inside a span, other than the agent itself. */
function institutionIn(span: { start: number; end: number }, self: string, mentions: Mention[]): Agent | undefined {
  const m = mentions.find((m) => INSTITUTION[m.kind] && m.start >= span.start && m.end <= span.end && !bare(self).includes(bare(m.name)));
  return m ? agent(m.name, INSTITUTION[m.kind], true) : undefined;
}

function delegations(attributions: Attribution[], mentions: Mention[]): Map<string, Agent> {
  const out = new Map<string, Agent>();
  for (const a of attributions) {
    const sp = a.speaker;
    if (!sp || out.has(sp.name) || !DELEGATE.test(sp.attributes?.role ?? '')) continue;
    const org = institutionIn(sp, sp.name, mentions);
    if (org) out.set(sp.name, org);
  }
  return out;
}

/** The names in a byline ("By Jane Roe and John Doe", "Jane Roe, John Doe"). */
export function bylineNames(byline: string | undefined): string[] {
  if (!byline) return [];
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:[,;&|]|\band\b)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s && /\p{L}/u.test(s));
}

/** Reads the reports of statements with what their articles say about them, through a cache of recent articles. */
export class ReportReader {
  private cache = new Map<string, ArticleFacts | null>();

  constructor(private readonly store: Store, private readonly cacheSize = 256) {}

  private async facts(articleId: string): Promise<ArticleFacts | null> {
    if (this.cache.has(articleId)) {
      const hit = this.cache.get(articleId)!;
      this.cache.delete(articleId);
      this.cache.set(articleId, hit);
      return hit;
    }
    const d = await this.store.get(articleId);
    const facts: ArticleFacts | null = d && d.article.id === articleId
      ? {
          title: d.article.title,
          language: d.article.meta?.language ?? null,
          bylines: bylineNames(d.article.meta?.byline),
          attributions: d.analysis?.attributions ?? [],
          mentions: d.analysis?.mentions ?? [],
          delegations: delegations(d.analysis?.attributions ?? [], d.analysis?.mentions ?? []),
        }
      : null;
    this.cache.set(articleId, facts);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return facts;
  }

  async report(r: StatementReport): Promise<ReportDetail> {
    const f = await this.facts(r.article);
    const a = f?.attributions[r.attribution];
    // The attribution the report names, when the analysis still holds it as stored.
    const own = a && a.start === r.start && a.end === r.end ? a : null;
    const name = r.speaker ?? null;
    const mentions = f?.mentions ?? [];
    let speaker: Agent | null = null;
    if (name) {
      const said = own?.speaker ? KINDS[own.speaker.type ?? ''] : undefined;
      const mentioned = identify(name, mentions);
      speaker = agent(name, said ?? mentioned ?? 'unknown', mentioned != null, own?.speaker?.attributes?.role);
      const org = f?.delegations.get(name);
      if (org && speaker.kind !== 'outlet') speaker.onBehalfOf = org;
    }
    const relays: RelayHop[] = r.via
      .map((v, i) => {
        const relay = own?.relays[i]?.name === v ? own.relays[i] : null;
        const kind = identify(v, mentions, relay);
        const hop = agent(sourceName(v), kind ?? 'unknown', kind != null);
        if (relay && hop.kind === 'person') {
          const org = institutionIn(relay, v, mentions);
          if (org) hop.onBehalfOf = org;
        }
        return { agent: hop, channel: relay?.channel ?? null, text: relay?.text ?? null };
      })
      .reverse();
    const outlet = r.outlet ? agent(r.outlet, 'outlet', true) : null;
    return {
      report: r,
      speaker,
      relays,
      outlet,
      title: f?.title ?? null,
      language: f?.language ?? null,
      bylines: (f?.bylines ?? []).map((b) => {
        const author = agent(b, 'person', true);
        if (outlet && author.kind !== 'outlet') author.onBehalfOf = outlet;
        return author;
      }),
    };
  }

  async statement(s: Statement): Promise<StatementDetail> {
    const reports: ReportDetail[] = [];
    for (const r of s.reports) reports.push(await this.report(r));
    // The statement's speaker is the name most reports give: its kind is that of a report that gives that name.
    const named = s.speaker ? reports.find((d) => d.report.speaker === s.speaker && d.speaker)?.speaker ?? agent(s.speaker, 'unknown', false) : null;
    return { statement: s, speaker: named, reports };
  }
}
