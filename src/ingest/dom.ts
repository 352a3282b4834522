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
 * A document from HTML. linkedom builds <html> and <body> only when the text has them, so a page that
 * omits them (as HTML allows) or a fragment is wrapped first, and every document has a body.
 */
export function parseDocument(html: string): DomDocument {
  const head = html.slice(0, 5000);
  let full = html;
  if (!/<html[\s>]/i.test(head)) full = /<(?:head|body)[\s>]/i.test(head) ? `<html>${html}</html>` : `<html><body>${html}</body></html>`;
  return (parseHTML(full) as unknown as { document: DomDocument }).document;
}

export const isElement = (n: DomNode): n is DomElement => n.nodeType === ELEMENT_NODE;

/** Elements matching a selector, as an array (a snapshot: safe to remove while iterating). */
export const all = (root: DomDocument | DomElement, selector: string): DomElement[] => Array.from(root.querySelectorAll(selector));
