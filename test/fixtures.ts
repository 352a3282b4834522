// Small inputs written for the tests: an article page, feeds, WARC records, generated news items. Nothing here comes from the
// evaluation data.
import { gzipSync } from 'node:zlib';

export const ARTICLE_PARAGRAPHS = [
  'Ukrainian officials said on Tuesday that 87 people were killed when a missile struck the railway station in the city.',
  '"We saw the flash and then the roof came down," a volunteer told reporters at the scene, asking not to be named.',
  'The claim could not be independently verified. Russia\'s defence ministry denied that its forces had targeted the station.',
];

/** A news page with JSON-LD, Open Graph, a byline, a <time>, and boilerplate around the article. */
export function articlePage(opts: { title?: string; paragraphs?: string[]; canonical?: string | null; charsetMeta?: string } = {}): string {
  const title = opts.title ?? 'Missile strikes railway station';
  const paras = opts.paragraphs ?? ARTICLE_PARAGRAPHS;
  const canonical = opts.canonical === undefined ? 'https://www.reuters.com/world/europe/station-strike-2022-04-08/' : opts.canonical;
  return `<!doctype html>
<html lang="en-GB"><head>${opts.charsetMeta ?? '<meta charset="utf-8">'}
<title>${title} | Example Wire</title>
${canonical ? `<link rel="canonical" href="${canonical}">` : ''}
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="Example Wire">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title}","datePublished":"2022-04-08T10:15:00+03:00","author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]}</script>
<script>window.tracking = "Home Sign in Subscribe";</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<main><article>
<h1>${title}</h1>
<p class="byline">By Jane Roe and John Doe</p>
<time datetime="2022-04-08T10:15:00+03:00">April 8, 2022</time>
<figure><img src="a.jpg"><figcaption>People gather outside the damaged station on Friday. Photo: Example Wire</figcaption></figure>
${paras.map((p) => `<p>${p}</p>`).join('\n')}
<div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Another story about the war in the east of the country</a></li><li><a href="/b">More coverage of the strikes on the railway</a></li></ul></div>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/c">Something else entirely happened</a></li></ol></aside>
<footer><p>© 2022 Example Wire. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>`;
}

export function rssFeed(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Kyiv Independent</title><link>https://kyivindependent.com/</link><language>en</language>
<item><title>Full story</title><link>https://kyivindependent.com/full-story</link><pubDate>Fri, 08 Apr 2022 09:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
<description>A short summary.</description>
<content:encoded><![CDATA[<p>The governor said 12 people were wounded in the shelling overnight.</p><p>"It was the worst night," he said.</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://kyivindependent.com/summary-only</link><pubDate>Sat, 09 Apr 2022 09:00:00 GMT</pubDate>
<description>The mayor said the water supply had been restored to most districts.</description></item>
<item><title>Empty</title><link>https://kyivindependent.com/empty</link></item>
</channel></rss>`;
}

export function atomFeed(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><link href="https://example.org/"/><id>urn:x</id><updated>2022-04-10T00:00:00Z</updated>
<entry><title>Atom entry</title><link href="https://example.org/atom-entry"/><id>urn:x:1</id><updated>2022-04-10T08:00:00Z</updated><published>2022-04-10T08:00:00Z</published>
<author><name>Ann Other</name></author>
<content type="html">&lt;p&gt;The ministry said 40 tanks had been destroyed.&lt;/p&gt;</content></entry>
</feed>`;
}

/** An HTTP response as a crawler records it. */
export function httpResponse(body: string | Buffer, headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' }, status = '200 OK'): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const head = `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), b]);
}

/** One WARC/1.0 record. */
export function warcRecord(type: string, uri: string, block: Buffer, contentType = type === 'response' ? 'application/http; msgtype=response' : 'text/html'): Buffer {
  const head =
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2022-04-08T12:00:00Z\r\n` +
    `WARC-Record-ID: <urn:uuid:${uri.length}-${block.length}>\r\nContent-Type: ${contentType}\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

/** Records gzip-compressed one member each, as crawlers write .warc.gz files. */
export const gzipMembers = (records: Buffer[]) => Buffer.concat(records.map((r) => gzipSync(r)));

/** n news items (JSON Lines objects) and their echoes: statements, relays, numbers, people spelt several ways, reposts, changed versions and exact repeats. */
export function newsItems(n: number): object[] {
  const who = ['Volodymyr Zelensky', 'President Zelenskiy', 'Dmitry Peskov', 'the governor of Kharkiv', 'a captured soldier', 'Mr Peskov', 'Volodymyr Zelenskyy'];
  const towns = ['Kharkiv', 'Bakhmut', 'Izium', 'Kherson', 'Mariupol'];
  const what = ['killed', 'wounded', 'displaced', 'detained'];
  const out: object[] = [];
  for (let i = 0; i < n; i++) {
    const w = who[i % who.length];
    const town = towns[(i * 7) % towns.length];
    const k = 10 + ((i * 37) % 400);
    const quote = i % 3 === 0 ? 'We will not leave our city and we will not surrender it to anyone' : `The situation near ${town} is difficult but under control, report ${i % 11}`;
    const text = `"${quote}," ${w} said on Monday. ${w[0].toUpperCase() + w.slice(1)} told Reuters that ${k} people were ${what[i % what.length]} near ${town} last week, a figure that could not be independently verified.\n\n` +
      `According to officials in ${town}, at least ${k + 7} more were missing after the shelling of day ${i}. "It is a war crime," the mayor of ${town} said, according to the BBC.`;
    const date = `2022-0${3 + (i % 6)}-${String(10 + (i % 18)).padStart(2, '0')}`;
    out.push({ url: `https://news.example.com/${i}`, title: `Report ${i} from ${town}`, date, outlet: ['Reuters', 'BBC', 'Daily Mail', 'RT'][i % 4], text });
    if (i % 9 === 8) out.push({ url: `https://news.example.com/${i - 4}`, title: `Report ${i - 4}, updated`, date, text: `Updated: ${text}` });
    if (i % 10 === 9) out.push({ url: `https://mirror.example.org/${i}`, title: `Report ${i}`, date, outlet: 'Yahoo News', text: `${text}\n\nThis article was originally published by Reuters.` });
    if (i % 15 === 14) out.push({ url: `https://news.example.com/${i}`, title: `Report ${i} from ${town}`, date, text });
  }
  return out;
}
