// What a page says about itself: title, byline, publication date, canonical URL, outlet and language, from
// JSON-LD (schema.org NewsArticle and its kin), Open Graph and other <meta> tags, <link rel=canonical>,
// <time> and byline elements. Each field takes the first source that gives a usable value, in the order
// publishers fill them most reliably: JSON-LD, then Open Graph, then the rest of the page.
import { outletByHost, outletFromText, outletFromUrl } from '../outlets.js';
import { parseDate } from './date.js';
import { all, type DomDocument, type DomElement } from './dom.js';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  url: string | null;
  outlet: string | null;
  language: string | null;
  description: string | null;
}

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => {
  if (typeof v === 'string') {
    const s = v.replace(/\s+/g, ' ').trim();
    return s || null;
  }
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === 'object') return text((v as Json).name ?? (v as Json)['@value']);
  return null;
};

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|LiveBlogPosting|SocialMediaPosting)$/;

/** Every object in the page's JSON-LD blocks, @graph and arrays flattened. Blocks that do not parse are skipped. */
export function jsonLd(doc: DomDocument): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Json;
    out.push(o);
    if (o['@graph']) visit(o['@graph']);
  };
  for (const s of all(doc, 'script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse((s.textContent ?? '').trim().replace(/^<!--|-->$/g, '')));
    } catch {
      // A broken block is common on real pages; the other sources still count.
    }
  }
  return out;
}

const types = (o: Json): string[] => {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
};

/** The page's article object in JSON-LD: the first whose type is an Article (NewsArticle, BlogPosting, …). */
export function articleLd(objects: Json[]): Json | null {
  return objects.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t))) ?? null;
}

function meta(doc: DomDocument, ...names: string[]): string | null {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"], meta[http-equiv="${n}"]`);
    const v = text(el?.getAttribute('content'));
    if (v) return v;
  }
  return null;
}

function authors(v: unknown): string | null {
  const list = (Array.isArray(v) ? v : [v]).map((a) => text(a)).filter((a): a is string => !!a && !/^https?:\/\//.test(a));
  return list.length ? [...new Set(list)].join(', ') : null;
}

/** "By Jane Doe and John Roe | Reuters" → "Jane Doe and John Roe | Reuters"; long text is not a byline. */
export function cleanByline(s: string | null): string | null {
  if (!s) return null;
  const t = s.replace(/\s+/g, ' ').replace(/^(?:by|written by|posted by|von|par|por|di)\s*:?\s+/i, '').trim();
  return t && t.length <= 120 ? t : null;
}

/** An outlet's name: the outlet table's for the URL's host, else the name the publisher gives, else the host. */
export function outletFor(url: string | null, siteName: string | null): string | null {
  let host: string | null = null;
  try {
    host = url ? new URL(url).hostname : null;
  } catch {
    host = null;
  }
  const known = host ? outletByHost(host)?.name : undefined;
  if (known) return known;
  if (siteName) return outletFromText(siteName) ?? siteName;
  return url ? outletFromUrl(url) : null;
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function firstDate(...values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const d = parseDate(v ?? null);
    if (d) return d;
  }
  return null;
}

/** A date written into an article's address (/2019/11/19/, /2019-11-19-), the last resort. */
export function dateInUrl(url: string | null): string | null {
  const m = url ? /\/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:[/-]|$)/.exec(url) : null;
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

function elementText(el: DomElement | null): string | null {
  return el ? text(el.textContent) : null;
}

/**
 * The metadata of a parsed page. `pageUrl` is where the page came from when that is known (a WARC record's
 * target URI): it resolves relative canonical links and names the outlet when the page does not.
 */
export function pageMetadata(doc: DomDocument, pageUrl: string | null = null): PageMetadata {
  const ld = jsonLd(doc);
  const art = articleLd(ld);
  const publisherOf = (o: Json | null) => (o ? text(o.publisher) ?? text((o.isPartOf as Json | undefined)?.name) : null);
  const org = ld.find((o) => types(o).some((t) => t === 'NewsMediaOrganization' || t === 'Organization')) ?? null;
  const website = ld.find((o) => types(o).includes('WebSite')) ?? null;

  const title =
    text(art?.headline) ?? meta(doc, 'og:title', 'twitter:title') ?? elementText(doc.querySelector('h1')) ?? text(doc.title);

  const mainEntity = art?.mainEntityOfPage;
  const ldUrl = text(art?.url) ?? (typeof mainEntity === 'string' ? mainEntity : text((mainEntity as Json | undefined)?.['@id']));
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const url = absolute(canonical, pageUrl) ?? absolute(meta(doc, 'og:url'), pageUrl) ?? absolute(ldUrl, pageUrl) ?? pageUrl;

  const time = doc.querySelector('article time[datetime], time[pubdate], time[datetime]');
  const date = firstDate(
    text(art?.datePublished),
    meta(doc, 'article:published_time', 'datePublished', 'og:published_time', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'DC.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date'),
    doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'),
    time?.getAttribute('datetime'),
    text(art?.dateCreated),
    dateInUrl(url),
  );

  const byline = cleanByline(
    authors(art?.author) ??
      authors(art?.creator) ??
      meta(doc, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator') ??
      elementText(doc.querySelector('[itemprop="author"] [itemprop="name"], [itemprop="author"], [rel="author"], .byline, .author-name, .author')),
  );
  const bylineValue = byline && !/^https?:\/\//.test(byline) ? byline : null;

  const siteName = publisherOf(art) ?? meta(doc, 'og:site_name', 'application-name') ?? text(org?.name) ?? text(website?.name);
  const outlet = outletFor(url, siteName);

  const lang = doc.documentElement?.getAttribute('lang') ?? meta(doc, 'og:locale', 'content-language', 'language') ?? text(art?.inLanguage);
  const language = lang ? lang.trim().replace(/_/g, '-').toLowerCase() || null : null;

  const description = meta(doc, 'og:description', 'description', 'twitter:description') ?? text(art?.description);
  return { title, byline: bylineValue, date, url, outlet, language, description };
}
