import assert from 'node:assert/strict';
import test from 'node:test';
import { clean } from '../../src/ingest/clean.js';
import { toRawOffset } from '../../src/ingest/offsets.js';

test('a caption printed twice is kept once', () => {
  const raw = 'Title line\n\nSoldiers were seen weeping as they spoke to the press.\n\nSoldiers were seen weeping as they spoke to the press.\n\nThe body goes on here.';
  const c = clean(raw);
  assert.equal(c.text.match(/weeping/g)?.length, 1);
  assert.ok(c.removed.some((r) => r.rule === 'repeated'));
});

test('a caption glued to the next paragraph is cut off, the rest kept', () => {
  const raw = 'A crowd gathered at the stadium in the capital city\n\nA crowd gathered at the stadium in the capital cityYou can go out and stop this chaos.\'';
  const c = clean(raw);
  assert.ok(c.text.includes("\n\nYou can go out and stop this chaos.'"));
  assert.ok(c.removed.some((r) => r.rule === 'glued repeat'));
});

test('video player residue and its title line are removed', () => {
  const raw = ['The minister spoke on Monday.', 'Soldiers describe the front line', 'Loaded: 0%', 'Progress: 0%', '0:00', 'Play', 'Mute', 'Current Time0:00', '/', 'Duration Time2:18', 'Fullscreen', 'The report continues here.'].join('\n');
  const c = clean(raw);
  assert.equal(c.text, 'The minister spoke on Monday.\n\nThe report continues here.');
});

test('an upper-case heading with a list of headlines is removed, and "LABEL: headline" lines', () => {
  const raw = 'First paragraph of the story.\n\nDON’T MISS\nFood crisis breakthrough looms\nLeaders meet in secret talks\nForces lose 184 vehicles within week\n\nREAD MORE: Ukraine war latest updates\n\nLast paragraph of the story.';
  const c = clean(raw);
  assert.equal(c.text, 'First paragraph of the story.\n\nLast paragraph of the story.');
});

test('a donation appeal with bank details is removed', () => {
  const raw = [
    'The article ends here.',
    'The Newspaper REFUGEE APPEAL',
    'We are launching an appeal to raise money for refugees.',
    'Readers have always been generous.',
    'All donations will go to charities.',
    'TO MAKE A DONATION ONLINE',
    'Account name: Some Charity',
    'Account number: 48867365',
    'Sort code: 60-00-01',
  ].join('\n\n');
  assert.equal(clean(raw).text, 'The article ends here.');
});

test('blog footers and a "Source:" line are removed; a source domain names the outlet', () => {
  const raw = 'Body of the article, which is long enough.\n\nsource: express.co.uk\n\nNo comments:\n\nPowered by Blogger.';
  const c = clean(raw);
  assert.equal(c.text, 'Body of the article, which is long enough.');
  assert.equal(c.outlet, 'Daily Express');
});

test('hard-wrapped lines are joined; paragraphs stay apart', () => {
  const raw = 'The soldier said that his unit was ordered into Ukraine from Crimea on\nFebruary 24 and that many did not understand the goal.\n\nA second paragraph.';
  assert.equal(clean(raw).text, 'The soldier said that his unit was ordered into Ukraine from Crimea on February 24 and that many did not understand the goal.\n\nA second paragraph.');
});

test('every offset of the clean text maps back to the same character of the raw text', () => {
  const raw = '  Title  \r\n\r\n\r\nFirst   paragraph.\r\nDON’T MISS\nOne headline here\nAnother headline here\n\nLast paragraph.  ';
  const c = clean(raw);
  for (let i = 0; i < c.text.length; i++) {
    const ch = c.text[i];
    if (ch === '\n') continue;
    assert.equal(raw[toRawOffset(c.offsets, i)], ch, `offset ${i}`);
  }
});

test('metadata ranges given by the reader are dropped', () => {
  const raw = 'Title\n20220416\nhttps://example.com/a\nBody.';
  const c = clean(raw, { drop: [{ start: 6, end: 14 }, { start: 15, end: 36 }] });
  assert.equal(c.text, 'Title\n\nBody.');
});
