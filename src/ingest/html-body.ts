// The article text of an HTML page: Mozilla's Readability finds the main content, with general rules
// around it. Before it, what is never article text leaves the page (scripts, navigation, captions, share
// bars, related-story lists, found by element and by class or id words). After it, the content is cut
// into blocks, and blocks that are mostly links, photo credits, or runs of short lines at the edges go.
// No rule names a site.
import { Readability } from '@mozilla/readability';
import { all, boundMarkup, isElement, parseDocument, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './dom.js';

/** Elements that never hold article text. */
const NEVER = 'script, style, noscript, template, svg, canvas, iframe, object, embed, video, audio, source, picture, button, input, select, textarea, label, nav, figcaption, dialog, menu';

/** Words in a class or id that mark boilerplate (matched as whole words of the name, split at - _ and case changes). */
const BOILERPLATE_WORDS = new Set([
  'share', 'sharing', 'sharebar', 'social', 'related', 'recommended', 'recommendations', 'newsletter', 'subscribe', 'subscription', 'signup',
  'comment', 'comments', 'caption', 'captions', 'credit', 'credits', 'byline', 'breadcrumb', 'breadcrumbs', 'promo', 'advert', 'advertisement',
  'ad', 'ads', 'sponsor', 'sponsored', 'sidebar', 'widget', 'cookie', 'cookies', 'popup', 'modal', 'overlay', 'toolbar', 'navigation', 'navbar', 'menu',
  'outbrain', 'taboola', 'disqus', 'trending', 'popular', 'masthead', 'copyright', 'timestamp', 'dateline', 'tags', 'tagline', 'author', 'authors',
  'print', 'login', 'banner', 'hidden', 'visually', 'sr', 'skip',
]);
/** Words that mark content: an element that has one of them is kept even when it also has a boilerplate word. */
const CONTENT_WORDS = new Set(['article', 'body', 'content', 'main', 'entry', 'story', 'text', 'post', 'blog']);

function nameWords(el: DomElement): string[] {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isBoilerplateByName(el: DomElement): boolean {
  const tag = el.tagName.toLowerCase();
  if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article') return false;
  const ws = nameWords(el);
  if (!ws.some((w) => BOILERPLATE_WORDS.has(w))) return false;
  return !ws.some((w) => CONTENT_WORDS.has(w));
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Text containers that say nothing when they hold nothing (void elements such as img and br are not among them). */
const EMPTY_WHEN_CHILDLESS = new Set(['p', 'div', 'span', 'font', 'b', 'i', 'em', 'strong', 'section', 'li', 'blockquote']);
/**
 * More empty containers than this and they are removed before Readability: a page of thousands of "<p>" or
 * "</p>" (each an empty paragraph once parsed) otherwise costs it seconds for nothing it could show. Real
 * pages have a few dozen (at most 208 on the 181 pages of the extraction benchmark), which Readability's
 * scoring of their wrappers uses, so below the bound they stay.
 */
const MAX_EMPTY_CONTAINERS = 1000;

/** Remove from the page what is never article text. */
export function prune(doc: DomDocument): void {
  for (const el of all(doc, NEVER)) el.remove();
  const body = doc.body;
  if (!body) return;
  const total = (body.textContent ?? '').length || 1;
  const elements = Array.from(all(body, '*'));
  const empty = elements.filter((el) => el.childNodes.length === 0 && EMPTY_WHEN_CHILDLESS.has(el.tagName.toLowerCase()));
  if (empty.length > MAX_EMPTY_CONTAINERS) for (const el of empty) el.remove();
  for (const el of elements) {
    if (!el.parentNode) continue;
    if (isHidden(el)) { el.remove(); continue; }
    // An element that holds most of the page is a layout wrapper, whatever its name says.
    if (isBoilerplateByName(el) && (el.textContent ?? '').length < total * 0.5) el.remove();
  }
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'br', 'caption',
]);

interface Block {
  text: string;
  /** Characters of the block inside links. */
  linked: number;
  tag: string;
}

/** The text of an element as blocks (paragraphs, headings, list items), white space collapsed. */
export function blocks(root: DomElement): Block[] {
  const out: Block[] = [];
  let text = '';
  let linked = 0;
  let tag = 'p';
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) out.push({ text: t, linked: Math.min(linked, t.length), tag });
    text = '';
    linked = 0;
  };
  const walk = (n: DomNode, inLink: boolean) => {
    if (n.nodeType === TEXT_NODE) {
      const s = n.textContent ?? '';
      text += s;
      if (inLink) linked += s.replace(/\s+/g, ' ').trim().length;
      return;
    }
    if (!isElement(n)) return;
    const name = n.tagName.toLowerCase();
    const block = BLOCK.has(name);
    if (block) { flush(); tag = name; }
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i], inLink || name === 'a');
    if (block) { flush(); tag = 'p'; }
  };
  walk(root, false);
  flush();
  return out;
}

const SENTENCE_END = /[.!?…:;"'”’)\]。！？」』）]$/u;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const CREDIT = /^(?:(?:photo|image|picture|video|credit|source|illustration|graphic)s?(?:\s+credit)?\s*:|\(?(?:photo|image|picture)\s+(?:by|courtesy)\b|advertisement$|story continues below|continue reading)/i;

/** Drop blocks that are not article text: link lists, photo credits, runs of short lines at the start and the end. */
export function filterBlocks(bs: Block[], title: string | null): Block[] {
  const normTitle = title ? title.replace(/\s+/g, ' ').trim().toLowerCase() : null;
  let kept = bs.filter((b) => {
    if (CREDIT.test(b.text)) return false;
    if (b.linked / b.text.length > 0.6 && words(b.text) < 30) return false;
    if (normTitle && b.text.toLowerCase() === normTitle) return false;
    return true;
  });
  const short = (b: Block) => words(b.text) <= 6 && b.text.length < 50 && !SENTENCE_END.test(b.text);
  let s = 0;
  while (s < kept.length && short(kept[s])) s++;
  let e = kept.length;
  while (e > s && short(kept[e - 1])) e--;
  kept = kept.slice(s, e);
  return kept;
}

export interface BodyResult {
  text: string;
  /** What Readability found besides the content (used for metadata when the page gives nothing better). */
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  lang: string | null;
  siteName: string | null;
  publishedTime: string | null;
}

/** The article text of a parsed page. The document is changed (pruned, then taken apart by Readability). */
export function extractBody(doc: DomDocument, title: string | null): BodyResult {
  prune(doc);
  let parsed: ReturnType<Readability<DomElement>['parse']> = null;
  try {
    parsed = new Readability<DomElement>(doc as never, { serializer: (n) => n as unknown as DomElement }).parse();
  } catch {
    parsed = null;
  }
  const root = parsed?.content ?? doc.body;
  const bs = root ? filterBlocks(blocks(root), title ?? parsed?.title ?? null) : [];
  return {
    text: bs.map((b) => b.text).join('\n\n'),
    title: parsed?.title ?? null,
    byline: parsed?.byline ?? null,
    excerpt: parsed?.excerpt ?? null,
    lang: parsed?.lang ?? null,
    siteName: parsed?.siteName ?? null,
    publishedTime: parsed?.publishedTime ?? null,
  };
}

/** The text of an HTML fragment (a feed item's content), block by block, with nothing removed; null when it has more than MAX_ELEMENTS elements. */
export function fragmentText(html: string): string | null {
  const bounded = boundMarkup(html);
  if (bounded.tooManyAt != null) return null;
  const doc = parseDocument(`<html><body>${bounded.html}</body></html>`);
  return doc.body ? blocks(doc.body).map((b) => b.text).join('\n\n') : '';
}
