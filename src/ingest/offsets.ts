// The map from offsets in the normalised text back to the raw text it was built from.
// The normalised text is built by copying slices of the raw text and inserting separators;
// every copied slice is one segment. Inserted text maps to the raw offset where it was inserted.
import type { OffsetSegment } from '../model.js';

export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly segments: OffsetSegment[] = [];

  constructor(private readonly raw: string) {}

  /** Copy raw[start, end) into the output. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    const last = this.segments[this.segments.length - 1];
    if (last && last.rawStart + last.length === start && last.cleanStart + last.length === this.length) {
      last.length += end - start;
    } else {
      this.segments.push({ cleanStart: this.length, rawStart: start, length: end - start });
    }
    this.parts.push(this.raw.slice(start, end));
    this.length += end - start;
  }

  /** Insert text that is not in the raw input (a paragraph separator, a space joining wrapped lines). */
  insert(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** The raw offset of a normalised-text offset (an offset inside inserted text maps to the next copied character). */
export function toRawOffset(segments: readonly OffsetSegment[], offset: number): number {
  if (segments.length === 0) return offset;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].cleanStart <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = segments[lo];
  if (offset < s.cleanStart) return s.rawStart;
  if (offset <= s.cleanStart + s.length) return s.rawStart + (offset - s.cleanStart);
  const next = segments[lo + 1];
  return next ? next.rawStart : s.rawStart + s.length;
}
