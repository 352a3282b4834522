// An analysis record for a person: the text with statements, speakers, cues and numbers marked, then
// each statement and each number explained. Colours on a terminal, plain brackets elsewhere.
import type { AnalysisRecord, Article } from '../model.js';

interface Mark {
  at: number;
  open: boolean;
  kind: 'content' | 'speaker' | 'cue' | 'number';
  label: string;
  order: number;
}

const COLOR = { content: '\x1b[32m', speaker: '\x1b[1;36m', cue: '\x1b[33m', number: '\x1b[35m', dim: '\x1b[2m', reset: '\x1b[0m' };
const PLAIN = { content: ['⟦', '⟧'], speaker: ['⟨', '⟩'], cue: ['‹', '›'], number: ['{', '}'] } as const;

export function markText(text: string, rec: AnalysisRecord, color: boolean): string {
  const marks: Mark[] = [];
  const add = (start: number, end: number, kind: Mark['kind'], label: string) => {
    if (end <= start) return;
    marks.push({ at: start, open: true, kind, label, order: -(end - start) });
    marks.push({ at: end, open: false, kind, label, order: end - start });
  };
  rec.attributions.forEach((a, i) => {
    add(a.start, a.end, 'content', String(i + 1));
    if (a.continues == null && a.speaker && a.speaker.start >= 0 && (a.speaker.end <= a.start || a.speaker.start >= a.end || a.nestedIn != null)) add(a.speaker.start, a.speaker.end, 'speaker', String(i + 1));
    if (a.continues == null && a.cueStart != null && a.cueEnd != null && (a.cueEnd <= a.start || a.cueStart >= a.end)) add(a.cueStart, a.cueEnd, 'cue', String(i + 1));
  });
  for (const q of rec.quantities) add(q.numberStart, q.numberEnd, 'number', '');
  // Closes before opens at the same offset; wider spans open first and close last.
  marks.sort((x, y) => x.at - y.at || Number(x.open) - Number(y.open) || x.order - y.order);
  let out = '';
  let pos = 0;
  const seen = new Set<string>();
  for (const m of marks) {
    out += text.slice(pos, m.at);
    pos = m.at;
    const key = `${m.kind}:${m.label}:${m.open}:${m.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (color) {
      if (m.open) out += COLOR[m.kind] + (m.kind === 'content' ? `${COLOR.dim}[${m.label}]${COLOR.reset}${COLOR.content}` : '');
      else out += COLOR.reset;
    } else {
      out += m.open ? PLAIN[m.kind][0] + (m.kind === 'content' ? `${m.label}:` : '') : PLAIN[m.kind][1];
    }
  }
  out += text.slice(pos);
  return out;
}

export function describeRecord(rec: AnalysisRecord, color: boolean): string {
  const c = (k: keyof typeof COLOR, s: string) => (color ? COLOR[k] + s + COLOR.reset : s);
  const lines: string[] = [];
  lines.push(c('dim', `${rec.attributions.length} statements, ${rec.quantities.length} numbers`));
  rec.attributions.forEach((a, i) => {
    const who = a.speaker ? (a.speaker.name && a.speaker.name !== a.speaker.text ? `${a.speaker.text} → ${a.speaker.name}` : a.speaker.text) : 'no speaker in the text';
    const parts = [`[${i + 1}] ${a.kind}`, c('speaker', who)];
    if (a.cue) parts.push(`cue ${c('cue', JSON.stringify(a.cue))}`);
    if (a.via.length) parts.push(`via ${a.via.join(' → ')}`);
    if (a.hedges.length) parts.push(`hedged: ${a.hedges.join(', ')}`);
    if (a.nestedIn != null) parts.push(`inside [${a.nestedIn + 1}]`);
    if (a.continues != null) parts.push(`continues [${a.continues + 1}]`);
    parts.push(c('dim', `confidence ${a.confidence}`));
    lines.push(parts.join('  '));
    const attrs = a.speaker?.attributes;
    if (attrs && Object.keys(attrs).length) lines.push('    ' + c('dim', Object.entries(attrs).map(([k, v]) => `${k}: ${v}`).join(', ')));
    lines.push('    ' + c('content', `“${a.content}”`) + c('dim', `  @${a.start}-${a.end}`));
  });
  for (const q of rec.quantities) {
    const value = q.value != null ? q.value.toLocaleString('en-US') : `${q.low?.toLocaleString('en-US')}–${q.high?.toLocaleString('en-US')}`;
    const approx = q.approx === 'exact' ? '' : ` (${q.approx.replace('_', ' ')})`;
    lines.push(`${c('number', value)}${approx}  ${q.category}${q.vague ? ', vague' : ''}  claimant: ${q.claimant ?? 'the article'}  ${c('dim', `“${q.text}” @${q.start}-${q.end}`)}`);
  }
  return lines.join('\n');
}

export function describeArticle(article: Article): string {
  const meta = [article.outlet, article.date, article.url].filter(Boolean).join(' · ');
  return `${article.title ?? '(no title)'}\n${meta}\nid ${article.id}, version ${article.version}, from ${article.source.path}${article.source.line ? `:${article.source.line}` : ''}`;
}
