// The part of the DOM that the HTML extractor uses, typed here because the project compiles without the
// browser's DOM library. linkedom's parseHTML gives documents of this shape.
import { parseHTML } from 'linkedom';

export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: DomElement | null;
  childNodes: ArrayLike<DomNode>;
  remove(): void;
}

export interface DomElement extends DomNode {
  tagName: string;
  id: string;
  className: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  innerHTML: string;
}

export interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  head: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/**
 * Elements nested deeper than this are read as part of the one at this depth: their tags are dropped before
 * parsing and their text kept (browsers flatten past 512 the same way). Article pages nest a few dozen deep;
 * the extractor's work grows faster than the depth (a page nested 1,000 deep took over a minute).
 */
export const MAX_DEPTH = 128;
/** The most elements (once flattened) in a page that is read: a long article page has a few thousand; 100,000 take seconds. */
export const MAX_ELEMENTS = 100_000;

export interface BoundedMarkup {
  /** The markup without the tags of elements past MAX_DEPTH (a space where one stood between two words). */
  html: string;
  /** Offset in the markup of the first tag past MAX_DEPTH, or null when the page is not so deep. */
  flattenedAt: number | null;
  /** Offset of the opening tag past MAX_ELEMENTS (the markup is then left as it is), or null. */
  tooManyAt: number | null;
}

/** Elements with no closing tag, or whose closing tag may be left out (the parser closes them itself): not counted in the depth. */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp',
  'html', 'head', 'body',
]);
/** Elements whose content is text, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'plaintext']);

/**
 * The markup with its nesting bounded by MAX_DEPTH, in one pass over the tags (counted as the parser nests
 * them, near enough: elements that close themselves are not counted). Linear in the length of the markup.
 */
export function boundMarkup(html: string): BoundedMarkup {
  // A tag ends at the next ">" or before the next "<": a stray "<a" scans no further than the next tag.
  const tag = /<!--|<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*(>?)/g;
  const parts: string[] = [];
  let last = 0;
  let depth = 0;
  let suppressed = 0;
  let elements = 0;
  let flattenedAt: number | null = null;
  // A dropped tag between two characters of text leaves a space (words stay apart); between tags, nothing.
  const apart = (c: string | undefined) => c !== undefined && !/[\s<>]/.test(c);
  const drop = (at: number, end: number) => { parts.push(html.slice(last, at), apart(html[at - 1]) && apart(html[end]) ? ' ' : ''); last = end; };
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      tag.lastIndex = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = m[2].toLowerCase();
    if (m[1] === '/') {
      if (NOT_NESTING.has(name)) continue;
      if (suppressed > 0) { suppressed--; drop(m.index, tag.lastIndex); } else if (depth > 0) depth--;
      continue;
    }
    const nests = !RAW_TEXT.has(name) && !NOT_NESTING.has(name) && !m[0].endsWith('/>');
    if (nests && depth >= MAX_DEPTH) {
      // Past the depth: the tag goes (its text stays), and it is no element of the parsed page.
      suppressed++;
      flattenedAt ??= m.index;
      drop(m.index, tag.lastIndex);
      continue;
    }
    if (++elements > MAX_ELEMENTS) return { html, flattenedAt, tooManyAt: m.index };
    if (nests) depth++;
    else if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s>]`, 'ig');
      close.lastIndex = tag.lastIndex;
      tag.lastIndex = close.exec(html)?.index ?? html.length;
    }
  }
  if (!parts.length) return { html, flattenedAt: null, tooManyAt: null };
  parts.push(html.slice(last));
  return { html: parts.join(''), flattenedAt, tooManyAt: null };
}

/**
 * A document from HTML, its nesting bounded (boundMarkup; pass its result when it is at hand). linkedom
 * builds <html> and <body> only when the text has them, so a page that omits them (as HTML allows) or a
 * fragment is wrapped first, and every document has a body.
 */
export function parseDocument(html: string, bounded: BoundedMarkup = boundMarkup(html)): DomDocument {
  const markup = bounded.html;
  const head = markup.slice(0, 5000);
  let full = markup;
  if (!/<html[\s>]/i.test(head)) full = /<(?:head|body)[\s>]/i.test(head) ? `<html>${markup}</html>` : `<html><body>${markup}</body></html>`;
  const parse = (h: string) => (parseHTML(h) as unknown as { document: DomDocument }).document;
  const doc = parse(full);
  // A page cut inside its first tag ("<!doctype html><html ") leaves linkedom with no root element, and one
  // whose "<html>" stands after another element (or inside its raw text: "<style><html>") with that element
  // as the root; either way its body getter throws (at once, or once the root is pruned): such a page is
  // read as a fragment instead.
  return doc.documentElement?.tagName.toLowerCase() === 'html' ? doc : parse(`<html><body>${markup}</body></html>`);
}

export const isElement = (n: DomNode): n is DomElement => n.nodeType === ELEMENT_NODE;

/** Elements matching a selector, as an array (a snapshot: safe to remove while iterating). */
export const all = (root: DomDocument | DomElement, selector: string): DomElement[] => Array.from(root.querySelectorAll(selector));
