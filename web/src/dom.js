// Building the page from data: elements and text nodes only. Nothing here parses a string as markup, so text
// from an article (which may hold "<script>" or "<img onerror=…>") always shows as the characters it is.
export const $ = (sel, root = document) => root.querySelector(sel);

/** An element with attributes, listeners (on…) and children (nodes, or strings that become text nodes). */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'href') e.setAttribute('href', routeOrWeb(v));
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Only the page's own routes (#/…) and http(s) addresses become links; any other scheme (script or data URLs) becomes '#'. */
export function routeOrWeb(href) {
  const s = String(href);
  if (s.startsWith('#')) return s;
  return /^https?:\/\//i.test(s) ? s : '#';
}

/** A link to an article's address, when it is an http(s) address; else the address as text. */
export function webLink(url, label) {
  if (!url) return '';
  if (!/^https?:\/\//i.test(url)) return el('span', { class: 'meta' }, url);
  return el('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'ext' }, label ?? url);
}

const SVG = 'http://www.w3.org/2000/svg';
/** An SVG element; attributes are set one by one, never parsed. */
export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  append(e, children);
  return e;
}

/** Text with the search engine's marks (U+0002 … U+0003) as <mark> elements. */
export function marked(snippet) {
  const span = el('span', { class: 'snippet' });
  let inMark = false;
  for (const p of String(snippet ?? '').split(/([\u0002\u0003])/)) {
    if (p === '\u0002') { inMark = true; continue; }
    if (p === '\u0003') { inMark = false; continue; }
    if (p) span.append(inMark ? el('mark', {}, p) : document.createTextNode(p));
  }
  return span;
}

export const fmt = (n) => (n == null ? '' : Number(n).toLocaleString('en-GB'));
export const plural = (n, one, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
export const short = (s, n = 160) => { const t = String(s ?? '').replace(/\s+/g, ' '); return t.length > n ? `${t.slice(0, n - 1)}…` : t; };

/** A quantity's value as a person reads it: 87, 10,000–20,000, about 300. */
export function valueText(q) {
  const v = q.value != null ? fmt(q.value) : `${fmt(q.low)}–${fmt(q.high)}`;
  const approx = { exact: '', about: 'about ', more_than: 'more than ', at_least: 'at least ', less_than: 'less than ', at_most: 'at most ', up_to: 'up to ' }[q.approx] ?? '';
  return `${approx}${v}`;
}

/** A list, or when it has no item a line saying so (an empty list shows nothing a reader can tell from a failure). */
export function listOrEmpty(list, message) {
  return list.children.length ? list : el('p', { class: 'hint empty' }, message);
}

/** Pager for a page answer ({ total, limit, offset }); go(offset) shows another page. Nothing when all fits in one page. */
export function pager(p, go) {
  const { total, limit, offset } = p;
  if (total <= limit && offset === 0) return '';
  return el('div', { class: 'pager' },
    el('button', { onclick: () => go(Math.max(0, offset - limit)), disabled: offset <= 0, 'data-page': 'previous' }, '‹ previous'),
    el('span', { class: 'meta' }, `${total ? offset + 1 : 0}–${Math.min(total, offset + limit)} of ${fmt(total)}`),
    el('button', { onclick: () => go(offset + limit), disabled: offset + limit >= total, 'data-page': 'next' }, 'next ›'));
}

export function badge(text, cls = '') {
  return el('span', { class: `badge ${cls}` }, text);
}
