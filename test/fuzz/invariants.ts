// What must hold for any input, whatever the extractors make of it: offsets inside the text with
// start ≤ end, texts that are what the offsets say, indices that point at records, diagnostics that name
// their file. Each check throws an Error that says what broke.
import { CODES } from '../../src/errors.js';
import type { AnalysisRecord, Diagnostic, OffsetSegment, RemovedBlock } from '../../src/model.js';
import type { ReadItem } from '../../src/ingest/reader.js';

function fail(what: string): never {
  throw new Error(what);
}

export function checkSpan(len: number, start: unknown, end: unknown, what: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) fail(`${what}: offsets are not integers (${start}, ${end})`);
  const s = start as number;
  const e = end as number;
  if (s < 0 || e > len || s > e) fail(`${what}: [${s}, ${e}) is not inside [0, ${len}] with start ≤ end`);
}

const finiteOrNull = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x));

export function checkRecord(text: string, rec: AnalysisRecord): void {
  const n = text.length;
  rec.attributions.forEach((a, i) => {
    const w = `attribution ${i}`;
    checkSpan(n, a.start, a.end, w);
    if (a.content !== text.slice(a.start, a.end)) fail(`${w}: content is not the text at its offsets`);
    if ((a.cueStart == null) !== (a.cueEnd == null)) fail(`${w}: cueStart and cueEnd are not both set`);
    if (a.cueStart != null) {
      checkSpan(n, a.cueStart, a.cueEnd, `${w} cue`);
      if (a.cue !== text.slice(a.cueStart, a.cueEnd!)) fail(`${w}: cue is not the text at its offsets`);
    }
    if (a.speaker) {
      // A speaker carried from an earlier statement has no mention in this one: both offsets are -1.
      if (!(a.speaker.start === -1 && a.speaker.end === -1)) checkSpan(n, a.speaker.start, a.speaker.end, `${w} speaker`);
      if (typeof a.speaker.name !== 'string' || typeof a.speaker.text !== 'string') fail(`${w}: speaker text or name is not a string`);
      if (!(a.speaker.confidence >= 0 && a.speaker.confidence <= 1)) fail(`${w}: speaker confidence ${a.speaker.confidence} is not in 0..1`);
    }
    a.relays.forEach((r, k) => checkSpan(n, r.start, r.end, `${w} relay ${k}`));
    a.hedgeSpans.forEach((h, k) => checkSpan(n, h.start, h.end, `${w} hedge ${k}`));
    if (a.via.length !== a.relays.length) fail(`${w}: via and relays differ in length`);
    if (!(a.confidence >= 0 && a.confidence <= 1)) fail(`${w}: confidence ${a.confidence} is not in 0..1`);
    for (const k of ['continues', 'nestedIn'] as const) {
      const j = a[k];
      if (j != null && (!Number.isInteger(j) || j < 0 || j >= rec.attributions.length || j === i)) fail(`${w}: ${k} = ${j} points at no other attribution`);
    }
  });
  rec.quantities.forEach((q, i) => {
    const w = `quantity ${i}`;
    checkSpan(n, q.start, q.end, w);
    checkSpan(n, q.numberStart, q.numberEnd, `${w} number`);
    if (q.text !== text.slice(q.start, q.end)) fail(`${w}: text is not the text at its offsets`);
    if (!finiteOrNull(q.value) || !finiteOrNull(q.low) || !finiteOrNull(q.high)) fail(`${w}: a value is not a finite number (${q.value}, ${q.low}, ${q.high})`);
    if (q.attribution != null && (q.attribution < 0 || q.attribution >= rec.attributions.length)) fail(`${w}: attribution ${q.attribution} does not exist`);
  });
  rec.quantities.forEach((q, i) => {
    // Where and when the counted event happened: words of the text.
    if (q.place) { checkSpan(n, q.place.start, q.place.end, `quantity ${i} place`); if (q.place.text !== text.slice(q.place.start, q.place.end)) fail(`quantity ${i}: place text is not the text at its offsets`); }
    if (q.date) { checkSpan(n, q.date.start, q.date.end, `quantity ${i} date`); if (q.date.text !== text.slice(q.date.start, q.date.end)) fail(`quantity ${i}: date text is not the text at its offsets`); }
  });
  (rec.mentions ?? []).forEach((m, i) => {
    checkSpan(n, m.start, m.end, `mention ${i}`);
    if (m.text !== text.slice(m.start, m.end)) fail(`mention ${i}: text is not the text at its offsets`);
    if (!m.name || !m.key) fail(`mention ${i}: no name or key`);
    if (!(m.confidence >= 0 && m.confidence <= 1)) fail(`mention ${i}: confidence ${m.confidence} is not in 0..1`);
  });
  (rec.dates ?? []).forEach((d, i) => {
    checkSpan(n, d.start, d.end, `date ${i}`);
    if (d.text !== text.slice(d.start, d.end)) fail(`date ${i}: text is not the text at its offsets`);
  });
  let last = 0;
  rec.sentences.forEach((s, i) => {
    checkSpan(n, s.start, s.end, `sentence ${i}`);
    if (s.start < last) fail(`sentence ${i} starts before the previous one ends`);
    last = s.end;
  });
  // The record must survive the trip to the store and the API.
  const back = JSON.parse(JSON.stringify(rec)) as AnalysisRecord;
  if (back.attributions.length !== rec.attributions.length) fail('the record does not survive JSON');
}

export function checkDiagnostic(d: Diagnostic, file: string, what: string): void {
  if (!(d.code in CODES)) fail(`${what}: unknown diagnostic code ${d.code}`);
  if (d.file !== file) fail(`${what}: the diagnostic names "${d.file}", not the file "${file}"`);
  if (!d.message || typeof d.message !== 'string') fail(`${what}: the diagnostic has no message`);
  if (d.line != null && (!Number.isInteger(d.line) || d.line < 1)) fail(`${what}: line ${d.line} is not a line number`);
  if (d.byte != null && (!Number.isInteger(d.byte) || d.byte < 0)) fail(`${what}: byte ${d.byte} is not an offset`);
}

/** Items of a reader over a text: articles with text and the file's path, errors naming the file and a line inside it. */
export function checkReadItems(items: ReadItem[], text: string, file: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  items.forEach((it, i) => {
    if ('error' in it) {
      checkDiagnostic(it.error, file, `item ${i}`);
      if (it.error.line != null && it.error.line > lines) fail(`item ${i}: line ${it.error.line} is past the last line ${lines}`);
      return;
    }
    const a = it.article;
    if (typeof a.raw !== 'string' || !a.raw.trim()) fail(`item ${i}: an article with no text`);
    if (a.source.path !== file) fail(`item ${i}: the article's source is "${a.source.path}", not "${file}"`);
    if (a.source.line != null && (a.source.line < 1 || a.source.line > lines)) fail(`item ${i}: source line ${a.source.line} is outside the file`);
    for (const r of a.metadataRanges ?? []) checkSpan(a.raw.length, r.start, r.end, `item ${i} metadata range`);
    if (a.date != null && !/^\d{4}-\d{2}-\d{2}/.test(a.date)) fail(`item ${i}: date "${a.date}" is not ISO`);
  });
}

/** The clean text is made of slices of the raw text, exactly where the offset map says. */
export function checkClean(raw: string, text: string, offsets: OffsetSegment[], removed: RemovedBlock[]): void {
  let covered = 0;
  let prevEnd = 0;
  for (const s of offsets) {
    checkSpan(text.length, s.cleanStart, s.cleanStart + s.length, 'offset segment (clean side)');
    checkSpan(raw.length, s.rawStart, s.rawStart + s.length, 'offset segment (raw side)');
    if (s.cleanStart < prevEnd) fail('offset segments overlap');
    prevEnd = s.cleanStart + s.length;
    if (text.slice(s.cleanStart, s.cleanStart + s.length) !== raw.slice(s.rawStart, s.rawStart + s.length)) fail(`offset segment at ${s.cleanStart} does not copy the raw text`);
    covered += s.length;
  }
  // What is not copied is inserted separators: white space only.
  if (covered < text.length) {
    let k = 0;
    for (const s of offsets) {
      if (text.slice(k, s.cleanStart).trim()) fail(`clean text [${k}, ${s.cleanStart}) is not from the raw text and not white space`);
      k = s.cleanStart + s.length;
    }
    if (text.slice(k).trim()) fail('the clean text ends with text that is not from the raw text');
  }
  for (const r of removed) checkSpan(raw.length, r.start, r.end, `removed block (${r.rule})`);
}
