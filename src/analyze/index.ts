// The analyzer: a fixed pipeline of extractors, each one file, registered here with what it reads and
// what it adds, so that the pipeline checks its own order when it is built. analyze() touches no disk,
// no network and no global state: it can run in worker threads or on other machines unchanged.
import type { AnalysisRecord, Attribution, Diagnostic, Mention, PlaceMention, Quantity, Speaker, TimeExpression } from '../model.js';
import { findAttributions, type Draft } from './attributions.js';
import { assignClaimants } from './claimants.js';
import { findDates } from './dates.js';
import { findHedges } from './hedges.js';
import { findMentions } from './mentions.js';
import { findPlaces } from './places.js';
import { readDoc, type Doc } from './nlp.js';
import { findQuantities, locateQuantities } from './quantities.js';
import { findQuotes, type Quote } from './quotes.js';
import { findRelays } from './relays.js';
import { Discourse } from './speakers.js';

/** Rules with a learned cue model (data/cue-model.bin); changes whenever the same text can give a different record. */
export const ANALYZER_VERSION = 'crosscheck-rules+cues/0.2';

export interface AnalyzeInput {
  /** The normalised article text. */
  text: string;
  /** What the record's `doc` field says: a file's base name, or the article URL. */
  doc: string;
  /** The article id, when the article is stored. */
  id?: string;
  /** The outlet that published the article (never a relay of its own statements). */
  outlet?: string | null;
  /** The article's publication date (ISO), against which "last week" or "on Monday" are resolved. */
  date?: string | null;
}

interface State {
  input: AnalyzeInput;
  doc?: Doc;
  quotes?: Quote[];
  discourse?: Discourse;
  drafts?: Draft[];
  quantities?: Quantity[];
  places?: PlaceMention[];
  mentions?: Mention[];
  dates?: TimeExpression[];
  warnings: Diagnostic[];
}

interface Step {
  name: string;
  reads: (keyof State)[];
  adds: keyof State;
  run: (s: State) => void;
}

const STEPS: Step[] = [
  { name: 'sentences', reads: ['input'], adds: 'doc', run: (s) => { s.doc = readDoc(s.input.text); } },
  { name: 'quotes', reads: ['doc'], adds: 'quotes', run: (s) => { s.quotes = findQuotes(s.doc!.text, s.doc!.paragraphs); } },
  {
    name: 'attributions', reads: ['doc', 'quotes'], adds: 'drafts',
    run: (s) => { s.discourse = new Discourse(); s.drafts = findAttributions(s.doc!, s.quotes!, s.discourse); },
  },
  { name: 'relays', reads: ['doc', 'drafts'], adds: 'drafts', run: (s) => findRelays(s.doc!, s.drafts!, s.discourse!, { outlet: s.input.outlet ?? null }) },
  {
    name: 'hedges', reads: ['doc', 'drafts'], adds: 'drafts',
    run: (s) => {
      const unscanned = findHedges(s.doc!, s.drafts!, s.discourse!);
      if (unscanned) s.warnings.push({ code: 'W_HEDGE_BOUND', message: `${unscanned} statement contents or disclaimers were not searched for hedges (the text holds more of them than the analyzer reads)` });
    },
  },
  { name: 'places', reads: ['doc'], adds: 'places', run: (s) => { s.places = findPlaces(s.doc!); } },
  { name: 'mentions', reads: ['doc', 'places'], adds: 'mentions', run: (s) => { s.mentions = findMentions(s.doc!, s.places!); } },
  { name: 'dates', reads: ['doc', 'input'], adds: 'dates', run: (s) => { s.dates = findDates(s.doc!, s.input.date); } },
  { name: 'quantities', reads: ['doc', 'drafts', 'places', 'dates'], adds: 'quantities', run: (s) => { s.quantities = findQuantities(s.doc!, s.places!, s.dates!); } },
];

/** Check once, when the module loads, that every step reads only what earlier steps added. */
(function checkPipeline() {
  const have = new Set<keyof State>(['input', 'warnings']);
  for (const step of STEPS) {
    for (const r of step.reads) if (!have.has(r)) throw new Error(`[E_PIPELINE] analyzer step "${step.name}" reads "${String(r)}" before any step adds it`);
    have.add(step.adds);
  }
})();

function toAttribution(text: string, d: Draft, index: Map<Draft, number>): Attribution {
  const speaker: Speaker | null = d.speakerText
    ? {
        text: d.speakerText,
        name: d.name ?? d.speakerText,
        start: d.speakerStart,
        end: d.speakerEnd,
        resolution: d.resolution,
        confidence: round(d.speakerConfidence),
        type: d.entity?.type,
        ...(d.entity && Object.keys(d.entity.attributes).length ? { attributes: { ...d.entity.attributes } } : {}),
      }
    : null;
  const hedges: string[] = [];
  for (const h of d.hedges) if (!hedges.some((x) => x.toLowerCase() === h.text.toLowerCase())) hedges.push(h.text);
  const a: Attribution = {
    content: text.slice(d.start, d.end),
    start: d.start,
    end: d.end,
    kind: d.kind,
    speaker,
    cue: d.cueStart != null && d.cueEnd != null ? text.slice(d.cueStart, d.cueEnd) : null,
    cueStart: d.cueStart,
    cueEnd: d.cueEnd,
    via: d.relays.map((r) => r.name),
    relays: d.relays,
    hedges,
    hedgeSpans: d.hedges,
    confidence: round(d.confidence * (speaker ? 0.5 + speaker.confidence / 2 : 0.6)),
  };
  // A draft never continues or nests in itself (a consumer following the chain would never stop).
  if (d.source && d.source !== d && index.has(d.source)) a.continues = index.get(d.source);
  if (d.outer && d.outer !== d && index.has(d.outer)) a.nestedIn = index.get(d.outer);
  return a;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Optional: accumulate the CPU time of each step here (milliseconds), for benchmarks. */
export type StepTimes = Record<string, number>;

export function analyze(input: AnalyzeInput, times?: StepTimes): AnalysisRecord {
  const state: State = { input, warnings: [] };
  for (const step of STEPS) {
    const t0 = times ? performance.now() : 0;
    try {
      step.run(state);
      if (times) times[step.name] = (times[step.name] ?? 0) + performance.now() - t0;
    } catch (e) {
      // One extractor failing costs its records, not the article's other records.
      if (step.name === 'sentences') throw e;
      state.warnings.push({ code: 'E_ANALYZE', message: `the ${step.name} step failed (${(e as Error).message}); its records are missing from this article` });
      if (step.adds === 'drafts' && step.name === 'attributions') state.drafts = [];
      if (step.adds === 'quotes') state.quotes = [];
      if (step.adds === 'quantities') state.quantities = [];
      if (step.adds === 'places') state.places = [];
      if (step.adds === 'mentions') state.mentions = [];
      if (step.adds === 'dates') state.dates = [];
    }
  }
  const drafts = state.drafts!;
  const index = new Map(drafts.map((d, i) => [d, i]));
  const attributions = drafts.map((d) => toAttribution(input.text, d, index));
  const quantities = state.quantities!;
  const t1 = times ? performance.now() : 0;
  assignClaimants(state.doc!, quantities, attributions, state.mentions ?? []);
  locateQuantities(state.doc!, quantities, attributions, state.places ?? [], state.dates ?? []);
  if (times) times.records = (times.records ?? 0) + performance.now() - t1;
  return {
    doc: input.doc,
    article: input.id ?? '',
    attributions,
    quantities,
    mentions: state.mentions ?? [],
    dates: state.dates ?? [],
    sentences: state.doc!.sentences.map((s) => ({ start: s.start, end: s.end })),
    warnings: state.warnings,
    analyzer: ANALYZER_VERSION,
  };
}
