// Plain-text articles in the seeds' shapes: a title line, optionally a date line and a URL line (in either
// order), then the body; or a title and a body; or only a body. The title stays in the text (it is part of
// what the outlet printed); the date and URL lines are metadata and leave the text.
import type { Span } from '../model.js';
import { outletFromUrl } from '../outlets.js';
import { parseDate } from './date.js';
import type { ReadContext, ReadItem } from './reader.js';
import { diagnostic } from '../errors.js';

const URL_LINE = /^(https?:\/\/\S+)$/i;

export function* readPlainText(text: string, ctx: ReadContext): Iterable<ReadItem> {
  if (!text.trim()) {
    yield { error: diagnostic('E_EMPTY', 'the file is empty or holds only white space', { file: ctx.path }) };
    return;
  }
  // Non-blank lines with their ranges.
  const lines: Span[] = [];
  const re = /[^\r\n]+/g;
  for (let m; (m = re.exec(text)) && lines.length < 5; ) {
    if (m[0].trim()) lines.push({ start: m.index, end: m.index + m[0].length });
  }
  const lineText = (s: Span) => text.slice(s.start, s.end).trim();
  let title: string | null = null;
  let date: string | null = null;
  let url: string | null = null;
  const metadataRanges: Span[] = [];
  if (lines.length >= 2) {
    const t = lineText(lines[0]);
    // A title line is a line, not a paragraph: short enough to be a headline.
    if (t.length <= 300) title = t;
    for (const l of lines.slice(1, 3)) {
      const s = lineText(l);
      const u = URL_LINE.exec(s);
      if (u && !url) { url = u[1]; metadataRanges.push(l); continue; }
      const d: string | null = !date ? parseDate(s) : null;
      if (d) { date = d; metadataRanges.push(l); continue; }
      break;
    }
  }
  yield {
    article: {
      raw: text,
      title,
      url,
      date,
      outlet: url ? outletFromUrl(url) : null,
      source: { path: ctx.path },
      rawHash: ctx.rawHash,
      metadataRanges,
    },
  };
}
