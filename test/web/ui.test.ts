// The page in a real browser (Debian's Chromium, driven by playwright-core) over a store ingested from the seed
// articles in examples/ and three articles written for this test: a statement relayed from one outlet to
// another, two figures that disagree, and an article whose text is hostile markup. Goes through the main paths
// (search, open an article, click a quote, follow its speaker, open a statement, open the graph, open a
// conflict, the map) and saves a screenshot of each under test-results/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SHOTS, startSite, type FixtureArticle } from './site.js';

const FIXTURES: FixtureArticle[] = [
  {
    title: 'Intercepted call: soldier says unit was ordered to shell Klimovo', date: '2022-04-15', outlet: 'Kyiv Independent', url: 'https://kyivindependent.com/intercept-klimovo',
    text: "Ukraine's Security Service released an intercepted call on Friday. In the call, a Russian soldier said his unit had been ordered to shell the Russian border town of Klimovo to blame Ukraine for the attack.\n\nThe soldier told his wife that seven people were wounded in Klimovo. It is not possible to verify the recording independently.",
  },
  {
    title: 'Russian troops shelled their own town, soldier claims', date: '2022-04-17', outlet: 'Daily Mail', url: 'https://www.dailymail.co.uk/news/klimovo-claim',
    text: 'A Russian soldier said his unit had been ordered to shell the Russian border town of Klimovo to blame Ukraine, according to the Kyiv Independent.\n\nRussian officials said 12 people were wounded in Klimovo.',
  },
  {
    title: 'Hostile <b>markup</b> <img src=x onerror=window.__pwned=4>', date: '2022-04-18', outlet: 'Test Outlet', url: 'javascript:window.__pwned=5',
    text: 'An official said "<img src=x onerror=window.__pwned=2> we will respond to the shelling of Klimovo" on Monday. <script>window.__pwned=1</script>\n\n' +
      'Read more at <a href="javascript:window.__pwned=3">javascript:window.__pwned=3</a> and <svg onload=window.__pwned=6>. Five people were killed.',
  },
];

let page: Page;
let base: string;
let closeAll: () => Promise<void>;
let problems: string[] = [];

before(async () => {
  const site = await startSite(FIXTURES);
  ({ page, base, problems } = site);
  closeAll = site.close;
});

after(async () => closeAll?.());

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const rendered = () => page.waitForFunction("!document.querySelector('#view .loading')");

test('search finds statements and articles, with the matched words marked', async () => {
  await page.goto(`${base}/`);
  await page.waitForSelector('#view .items .item');
  await page.fill('#q', 'Klimovo');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#attribution-hits .item');
  assert.ok(await page.locator('#attribution-hits mark').count() > 0, 'matched words are marked');
  assert.match(await page.locator('#article-hits').innerText(), /Russian troops shelled their own town/);
  assert.match(await page.locator('.entity-hits').innerText(), /Klimovo/);
  await shot('1-search');
});

test('an article shows its quotes, speakers, relays, hedges and numbers marked in the text', async () => {
  await page.goto(`${base}/#/search?q=${encodeURIComponent('"blowing up their own"')}`);
  await page.click('#article-hits .item a.title');
  await page.waitForSelector('.reader-text');
  await rendered();
  assert.match(await page.locator('#article-title').innerText(), /A Russian soldier says Putins troops have been blowing up their own/);
  const count = (kind: string) => page.locator(`.reader-text [data-kind="${kind}"]`).count();
  for (const kind of ['attribution', 'speaker', 'cue', 'relay', 'quantity']) assert.ok(await count(kind) > 0, `${kind} marked`);
  assert.ok(await page.locator('.reader-text .hedged').count() > 0, 'hedged statements marked');
  assert.equal(await page.locator('.reader-text [data-kind="quantity"]').first().innerText(), 'millions');
  assert.match((await page.locator('.reader-text .relay').allInnerTexts()).join(''), /Security Service of Ukraine released an audio/, 'the relay is marked');
  await shot('2-reader');
});

test('clicking a quote shows its record: speaker, cue, relay chain, hedges, statement', async () => {
  const quote = page.locator('.reader-text [data-kind="attribution"]', { hasText: 'forces have been opening fire' }).first();
  await quote.click();
  const record = page.locator('#record');
  await record.locator('blockquote').waitFor();
  const text = await record.innerText();
  assert.match(text, /Putin's forces have been opening fire on a Russian town/);
  assert.match(text, /relay chain/);
  assert.match(text, /Security Service of Ukraine/);
  assert.match(text, /Business Insider/);
  await shot('3-quote');
  // A number explains itself too.
  await page.locator('.reader-text [data-kind="quantity"]', { hasText: '4.8 million' }).click();
  assert.match(await record.innerText(), /4,800,000|4\.8 million/);
  assert.match(await record.innerText(), /displaced|other/);
  await shot('3b-number');
});

test('following the speaker shows everything that person said', async () => {
  await page.locator('.reader-text [data-kind="attribution"]', { hasText: 'forces have been opening fire' }).first().click();
  await page.click('#record .speaker-link');
  await page.locator('#follow-speaker').waitFor();
  const name = (await page.locator('#record h3').innerText()).replace(/^Speaker:\s*/, '');
  await page.click('#follow-speaker');
  await page.waitForSelector('#speaker-attributions .item');
  assert.match(await page.locator('.speaker-view h2').innerText(), new RegExp(`Everything .*said`));
  const said = await page.locator('#speaker-attributions .item').count();
  assert.ok(said >= 3, `${name}: ${said} attributions`);
  assert.match(await page.locator('#speaker-attributions').innerText(), /Klimovo/);
  await shot('4-speaker');
});

test('a statement shows its reports as a timeline, each with its relay chain, origin or echo', async () => {
  await page.goto(`${base}/#/statements?q=Klimovo`);
  await page.locator('.items .statement a.quote', { hasText: 'ordered to shell' }).first().click();
  await page.waitForSelector('.timeline .report');
  await rendered();
  const roles = await page.locator('.timeline .report').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-role')));
  assert.ok(roles.includes('origin') && roles.includes('echo'), `roles ${roles}`);
  const text = await page.locator('.timeline').innerText();
  assert.match(text, /echo: cites/);
  assert.match(text, /Kyiv Independent[\s\S]*Daily Mail/);
  assert.ok(await page.locator('.timeline-strip .dot').count() >= 2);
  await shot('5-statement');
});

test('the provenance graph draws origins and echoes differently, and zooms', async () => {
  await page.click('#open-graph');
  await page.waitForSelector('.graph-svg .node');
  assert.ok(await page.locator('.graph-svg .node.article.origin').count() >= 1, 'an origin article');
  assert.ok(await page.locator('.graph-svg .node.article.echo').count() >= 1, 'an echo article');
  assert.ok(await page.locator('.graph-svg .node.speaker').count() >= 1);
  assert.ok(await page.locator('.graph-svg .edge.cites').count() >= 1, 'the citing echo has a cites edge');
  const fill = (sel: string) => page.evaluate(`getComputedStyle(document.querySelector('${sel} circle')).fill`);
  assert.notEqual(await fill('.node.article.origin'), await fill('.node.article.echo'));
  const zoom = await page.locator('.graph-svg').getAttribute('data-zoom');
  await page.click('#zoom-in');
  assert.notEqual(await page.locator('.graph-svg').getAttribute('data-zoom'), zoom);
  await page.click('#zoom-in');
  await page.locator('.graph-svg .node.article.origin circle').first().click({ force: true });
  assert.match(await page.locator('#graph-info').innerText(), /origin/);
  await shot('6-graph');
});

test('a conflict shows its values, who gave them, and a chart over time', async () => {
  await page.goto(`${base}/#/numbers`);
  await page.locator('#conflicts .item a.title', { hasText: 'wounded' }).first().click();
  await page.waitForSelector('#conflict-values tbody tr');
  const text = await page.locator('.conflict-view').innerText();
  assert.match(text, /disagreement/);
  assert.match(text, /12/);
  assert.match(text, /7/);
  assert.equal(await page.locator('#conflict-values tbody tr').count(), 2);
  assert.ok(await page.locator('.chart svg .mark').count() >= 2, 'both values charted');
  await shot('7-conflict');
});

test('people, and a map of the places mentioned on the shipped base map', async () => {
  await page.goto(`${base}/#/entities?kind=person`);
  await page.waitForSelector('#entities tbody tr');
  assert.match(await page.locator('#entities').innerText(), /Zelensk/);
  await shot('8-people');
  await page.goto(`${base}/#/map`);
  await page.waitForSelector('.map-svg circle.place');
  assert.ok(await page.locator('.map-svg path.land').count() === 1);
  assert.ok((await page.locator('.map-svg path.land').getAttribute('d'))!.length > 10_000, 'the countries are drawn');
  assert.ok(await page.locator('.map-svg circle.place').count() >= 5);
  await page.locator('.map-svg circle.place').first().click({ force: true });
  assert.match(await page.locator('#map-info').innerText(), /mention/);
  await shot('9-map');
});

test('hostile article text shows as text and no script of it runs', async () => {
  await page.goto(`${base}/#/search?q=respond`);
  await page.waitForSelector('#article-hits .item');
  await page.click('#article-hits .item a.title');
  await page.waitForSelector('.reader-text');
  await rendered();
  const reader = page.locator('.reader');
  const text = await page.locator('.reader-text').innerText();
  assert.ok(text.includes('<script>window.__pwned=1</script>'), 'the script tag shows as text');
  assert.ok(text.includes('<img src=x onerror=window.__pwned=2>'), 'the img tag shows as text');
  assert.ok(text.includes('<a href="javascript:window.__pwned=3">'), 'the link shows as text');
  assert.match(await page.locator('#article-title').innerText(), /Hostile <b>markup<\/b> <img src=x/);
  assert.equal(await reader.locator('script, img, svg, iframe, object, embed').count(), 0, 'no element was made from the text');
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0, 'no javascript: link anywhere');
  // The quote with markup in it, clicked and shown in the record, is text too.
  await page.locator('.reader-text [data-kind="attribution"]').first().click();
  assert.match(await page.locator('#record blockquote').innerText(), /<img src=x onerror=window.__pwned=2>/);
  await page.locator('.reader-text', { hasText: 'javascript:window.__pwned=3' }).click();
  await page.goto(`${base}/#/search?q=pwned`);
  await page.waitForSelector('#article-hits .item');
  await page.waitForTimeout(300);
  await shot('10-hostile');
  assert.equal(await page.evaluate('window.__pwned'), 0, 'the page-level flag is untouched');
  assert.deepEqual(problems, [], 'no dialog, page error or console error');
});
