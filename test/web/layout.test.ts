// The page's layout measured in a real browser (Debian's Chromium), at a laptop's size (1280×800) and a
// phone's (390×844), on every view: nothing makes the page wider than the screen (the page never scrolls
// sideways; a wide table scrolls inside itself), the marks of the reader are visible and not covered, the
// record panel never lies over the text, a statement's reports get the timeline's width, map labels do not
// overlap and are big enough to read, and an empty answer says so. The server reads through reader threads here, as `crosscheck serve` does.
// A screenshot of each view at each size goes to test-results/layout-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SHOTS, startSite, type FixtureArticle, type Site } from './site.js';

// The functions given to page.evaluate run in the page; the test's compilation has no DOM types.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: (e: any) => any;
type Element = any;

// Text that tests the layout: a long title, a long unbroken token, a URL in the text, a quote and a figure.
const FIXTURES: FixtureArticle[] = [
  {
    title: 'Officials in Zaporizhzhia-Oblast-Administration-Headquarters say the evacuation of Enerhodar is continuing despite shelling overnight',
    date: '2022-08-20', outlet: 'Layout Test Daily', url: 'https://example.test/very/long/path/that/goes/on/and/on/for/ever/and/ever/zaporizhzhia-evacuation',
    text: 'The regional governor said "about 1,200 residents of Enerhodar have left the town since Friday" and that buses would run again on Sunday.\n\n' +
      'Details were posted at https://example.test/announcements/zaporizhzhia/evacuation/enerhodar/2022-08-20/buses-and-routes-for-residents-leaving-the-town-full-list and shared widely.\n\n' +
      'A local official told reporters that Supercalifragilisticexpialidociouslylongunbrokenwordthatnobrowsercanwrapwithouthelpfromthestylesheet was the name of the operation.',
  },
  {
    title: 'Evacuation from Enerhodar continues', date: '2022-08-21', outlet: 'Second Outlet', url: 'https://example.test/second',
    text: 'The regional governor said "about 1,200 residents of Enerhodar have left the town since Friday", according to Layout Test Daily.',
  },
];

const SIZES = [{ name: 'laptop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }];

let site: Site;
let page: Page;

before(async () => {
  site = await startSite(FIXTURES, { readers: 2 });
  page = site.page;
});
after(async () => site?.close());

// A view is rendered when #view holds something other than its Loading… line (a selector: the page's CSP allows no eval).
const rendered = () => page.waitForSelector('#view > :not(.loading)');

async function open(hash: string): Promise<void> {
  await page.goto(`${site.base}/${hash}`);
  await rendered();
}

/** Elements wider than the screen's right edge, outside any box that scrolls them itself. */
async function overflowing(): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e: Element | null): boolean => {
      for (let x = e?.parentElement; x && x !== document.body; x = x.parentElement) if (/(auto|scroll|hidden)/.test(getComputedStyle(x).overflowX)) return true;
      return false;
    };
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
    for (const e of document.querySelectorAll('body *') as Element[]) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > width + 1 && !scrolls(e)) out.push(`${e.tagName.toLowerCase()}.${(e.getAttribute('class') ?? '').replace(/ /g, '.')} ends at ${Math.round(r.right)}px: "${(e.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return out.slice(0, 8);
  });
}

interface Box { top: number; bottom: number; left: number; right: number; width: number; height: number }
const box = (sel: string) => page.locator(sel).first().evaluate((e: Element) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; }) as Promise<Box>;
const intersects = (a: Box, b: Box) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

async function ids(): Promise<{ article: string; statement: string; conflict: string | null; person: number; quoted: string }> {
  const get = async <T>(p: string) => (await (await fetch(`${site.base}${p}`)).json()) as T;
  const statements = await get<{ items: { id: string; first: { article: string } }[] }>('/api/statements?limit=1&minReports=2');
  const conflicts = await get<{ items: { id: string }[] }>('/api/conflicts?limit=1');
  const people = await get<{ items: { id: number }[] }>('/api/entities?kind=person&limit=1');
  const search = await get<{ articles: { items: { article: { id: string } }[] } }>('/api/search?q=Supercalifragilisticexpialidociouslylongunbrokenwordthatnobrowsercanwrapwithouthelpfromthestylesheet');
  return { article: search.articles.items[0].article.id, statement: statements.items[0].id, conflict: conflicts.items[0]?.id ?? null, person: people.items[0].id, quoted: statements.items[0].first.article };
}

for (const size of SIZES) {
  test(`${size.name} (${size.width}×${size.height}): no view is wider than the screen`, async () => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const x = await ids();
    const views: [string, string][] = [
      ['articles', '#/articles'], ['search', '#/search?q=Enerhodar'], ['search-by-date', '#/search?q=Enerhodar&sort=date'], ['reader', `#/article/${x.article}`],
      ['statements', '#/statements'], ['statement', `#/statement/${encodeURIComponent(x.statement)}`], ['graph', `#/graph?statement=${encodeURIComponent(x.statement)}`],
      ['numbers', '#/numbers'], ['people', '#/entities?kind=person'], ['entity', `#/entity/${x.person}`], ['speaker', `#/speaker?entity=${x.person}`], ['map', '#/map'],
      ...(x.conflict ? [['conflict', `#/conflict/${encodeURIComponent(x.conflict)}`] as [string, string]] : []),
    ];
    const problems: string[] = [];
    for (const [name, hash] of views) {
      await open(hash);
      await page.waitForTimeout(name === 'graph' || name === 'map' ? 800 : 100);
      for (const p of await overflowing()) problems.push(`${name}: ${p}`);
      // Every heading is whole on the screen's width (not cut at either side).
      const cut = await page.locator('#view h2, #view h3').evaluateAll((hs: Element[], w) => hs.filter((h: Element) => { const r = h.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > (w as number) + 1 || h.scrollWidth > h.clientWidth + 1); }).map((h: Element) => h.textContent), size.width);
      for (const h of cut) problems.push(`${name}: heading "${h}" is cut`);
      await page.screenshot({ path: join(SHOTS, `layout-${size.name}-${name}.png`) });
    }
    assert.deepEqual(problems, []);
  });

  test(`${size.name}: the reader's marks are visible and uncovered, and the record panel is beside or below the text, never over it`, async () => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const x = await ids();
    await open(`#/article/${x.quoted}`);
    const textBox = await box('.reader-text');
    for (const kind of ['attribution', 'speaker', 'cue', 'quantity']) {
      const mark = page.locator(`.reader-text [data-kind="${kind}"]`).first();
      await mark.scrollIntoViewIfNeeded();
      const seen = await mark.evaluate((e: Element) => {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        const plain = getComputedStyle(e.closest('.reader-text')!);
        const painted = (s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== plain.backgroundColor) || s.boxShadow !== 'none' || (s.borderBottomStyle !== 'none' && parseFloat(s.borderBottomWidth) > 0);
        // What is drawn at the middle of the mark's first line is the mark (or what it holds), not something over it.
        const line = e.getClientRects()[0];
        const at = document.elementFromPoint(line.left + Math.min(line.width / 2, 20), line.top + line.height / 2);
        return { width: r.width, height: r.height, left: r.left, right: r.right, painted, uncovered: !!at && (e === at || e.contains(at) || at.contains(e)), text: e.textContent };
      });
      assert.ok(seen.width > 0 && seen.height > 0, `${kind} mark "${seen.text}" has a size`);
      assert.ok(seen.painted, `${kind} mark "${seen.text}" looks different from the plain text`);
      assert.ok(seen.uncovered, `${kind} mark "${seen.text}" is not covered by another element`);
      assert.ok(seen.left >= textBox.left - 1 && seen.right <= textBox.right + 1, `${kind} mark "${seen.text}" stays within the text column`);
    }
    // Click a quote: its record shows, and the panel lies beside the text (laptop) or below it (phone).
    const quote = page.locator('.reader-text [data-kind="attribution"]').first();
    await quote.scrollIntoViewIfNeeded();
    await quote.click();
    await page.locator('#record blockquote').waitFor();
    const aside = await box('.reader aside');
    const article = await box('.reader article');
    assert.ok(!intersects(aside, article), `the record panel (${JSON.stringify(aside)}) does not lie over the text (${JSON.stringify(article)})`);
    if (size.width >= 1000) assert.ok(aside.left >= article.right - 1, 'on a wide screen the record is beside the text');
    else assert.ok(aside.top >= article.bottom - 1, 'on a narrow screen the record is below the text');
    // And the record is on the screen after the click, with no scrolling by hand.
    const record = await box('#record blockquote');
    assert.ok(record.bottom > 0 && record.top < size.height, `the record is on the screen after the click (top ${Math.round(record.top)})`);
    if (size.width < 1000) {
      await page.click('#record .back-to-text');
      const picked = await box('.reader-text .selected');
      assert.ok(picked.bottom > 0 && picked.top < size.height, 'back to the passage brings it on the screen');
    }
    await page.screenshot({ path: join(SHOTS, `layout-${size.name}-record.png`) });
  });

  test(`${size.name}: a statement's reports take the timeline's width, and map labels do not overlap and can be read`, async () => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const x = await ids();
    await open(`#/statement/${encodeURIComponent(x.statement)}`);
    const timeline = await box('.timeline');
    for (const w of await page.locator('.timeline .report .what').evaluateAll((xs: Element[]) => xs.map((e: Element) => e.getBoundingClientRect().width))) {
      assert.ok(w >= 0.6 * timeline.width, `a report is ${Math.round(w)}px wide in a ${Math.round(timeline.width)}px timeline`);
    }
    await open('#/map');
    await page.waitForSelector('.map-svg .place-label');
    const labels = await page.locator('.map-svg .place-label').evaluateAll((ls: Element[]) => ls.map((l: Element) => { const r = l.getBoundingClientRect(); return { text: l.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; }));
    assert.ok(labels.length >= 3, 'places are labelled');
    const map = await box('.map-svg');
    for (const l of labels) {
      assert.ok(l.height >= 8, `map label "${l.text}" is ${l.height.toFixed(1)}px tall: too small to read`);
      assert.ok(l.left >= map.left - 1 && l.right <= map.right + 1, `map label "${l.text}" is cut by the map's edge`);
    }
    for (let i = 0; i < labels.length; i++) for (let j = 0; j < i; j++) assert.ok(!intersects(labels[i], labels[j]), `map labels "${labels[i].text}" and "${labels[j].text}" overlap`);
  });
}

test('an empty answer says so, in search, the article list, the statement list and the people', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const hash of ['#/search?q=qqqzzzxxx', '#/articles?outlet=Nobody%20At%20All', '#/statements?q=qqqzzzxxx', '#/entities?kind=person&q=qqqzzzxxx']) {
    await open(hash);
    assert.match(await page.locator('#view .empty').first().innerText(), /^No /, `${hash} says there is nothing`);
    assert.equal(await page.locator('#view .pager').count(), 0, `${hash} shows no pager for nothing`);
  }
  assert.deepEqual(site.problems, [], 'no page error or console error');
});
