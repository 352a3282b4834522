import assert from 'node:assert/strict';
import test from 'node:test';
import { main } from '../../src/cli/main.js';
import { classifyReports, type OriginReport } from '../../src/link/origins.js';
import { sameSpeaker, speakerKey } from '../../src/link/statements.js';
import { io } from '../helpers.js';
import { BACKENDS } from '../store/backends.js';
import { article, attribution, BI, BI_QUOTE, CNN, CNN_QUOTE, linkedStore, MAIL, MIRROR, MIRROR_QUOTE, record, YAHOO } from './fixtures.js';

const OTHER = `Grain deal

"Ships carrying grain will leave Odesa within days under the agreement brokered in Istanbul," the minister said.`;

function fixtures() {
  const bi = article(BI, { url: 'https://www.businessinsider.test/soldier', outlet: 'Business Insider', date: '2022-04-16' });
  const yahoo = article(YAHOO, { url: 'https://news.yahoo.test/soldier', outlet: 'Yahoo News', date: '2022-04-17' });
  const mirror = article(MIRROR, { url: 'https://www.mirror.test/soldier', outlet: 'The Mirror', date: '2022-04-16' });
  const mail = article(MAIL, { url: 'https://www.dailymail.test/soldier', outlet: 'Daily Mail', date: '2022-04-17' });
  const cnn = article(CNN, { url: 'https://edition.cnn.test/soldier', outlet: 'CNN', date: '2022-04-20' });
  const other = article(OTHER, { url: 'https://reuters.test/grain', outlet: 'Reuters', date: '2022-04-17' });
  return [
    record(bi, [attribution(BI, BI_QUOTE, { speaker: 'a Russian soldier', via: ['Security Service of Ukraine'] })]),
    record(yahoo, [attribution(YAHOO, BI_QUOTE, { speaker: 'a Russian soldier', via: ['Security Service of Ukraine'] })]),
    record(mirror, [attribution(MIRROR, MIRROR_QUOTE, { speaker: 'the soldier', via: ['Security Service of Ukraine'], hedges: ['could not be independently verified'] })]),
    record(mail, [attribution(MAIL, MIRROR_QUOTE, { speaker: 'A Russian soldier', via: ['The Mirror'] })]),
    record(cnn, [attribution(CNN, CNN_QUOTE, { speaker: 'the soldier', via: ['CNN'] })]),
    record(other, [attribution(OTHER, 'Ships carrying grain will leave Odesa within days under the agreement brokered in Istanbul', { speaker: 'the minister' })]),
  ];
}

for (const backend of BACKENDS) test(`${backend.name}: one statement reported by five outlets: two independent origins, three echoes, each with its reason`, { skip: backend.skip }, async () => {
  // Stored out of order (the Daily Mail before The Mirror, Yahoo before Business Insider) and in three batches.
  const [bi, yahoo, mirror, mail, cnn, other] = fixtures();
  const store = await linkedStore([mail, yahoo, other, bi, mirror, cnn], 3, backend);
  const page = await store.listStatements({ minReports: 2, limit: 10, offset: 0 });
  assert.equal(page.total, 1);
  const s = page.items[0];
  assert.equal(s.reports.length, 5);
  assert.equal(s.origins, 2);
  assert.equal(s.echoes, 3);
  assert.equal(s.first.outlet, 'Business Insider');
  assert.equal(s.first.date, '2022-04-16');
  const by = new Map(s.reports.map((r) => [r.outlet, r]));
  assert.equal(by.get('Business Insider')!.role, 'origin');
  assert.equal(by.get('CNN')!.role, 'origin');
  assert.deepEqual([by.get('Yahoo News')!.role, by.get('Yahoo News')!.reason, by.get('Yahoo News')!.echoOf?.article], ['echo', 'copies', bi.article.id]);
  assert.deepEqual([by.get('The Mirror')!.reason, by.get('The Mirror')!.echoOf?.article], ['same-source', bi.article.id]);
  assert.deepEqual([by.get('Daily Mail')!.reason, by.get('Daily Mail')!.echoOf?.article], ['cites', mirror.article.id]);
  // The Mirror and the Daily Mail go back to the Security Service's release, CNN to its own interview.
  assert.equal(by.get('Daily Mail')!.origin, by.get('Business Insider')!.origin);
  assert.notEqual(by.get('CNN')!.origin, by.get('Business Insider')!.origin);
  assert.deepEqual(by.get('The Mirror')!.chain, ['the soldier', 'Security Service of Ukraine', 'The Mirror']);
  assert.deepEqual(by.get('Daily Mail')!.hedges, []);
  assert.deepEqual(by.get('The Mirror')!.hedges, ['could not be independently verified']);
  // The grain quote stays a statement of its own.
  assert.equal((await store.listStatements({ minReports: 1, limit: 10, offset: 0 })).total, 2);
  const path = store.path;
  await store.close();
  const o = io();
  assert.equal(await main(['statements', '--db', path], o), 0);
  assert.match(o.stdout.text, /5 reports, 2 independent origins, 3 echoes/);
  assert.match(o.stdout.text, /echo \(cites\) +Daily Mail/);
  const j = io();
  assert.equal(await main(['statements', '--db', path, '--format', 'jsonl', 'Chechen'], j), 0);
  assert.equal(j.stdout.text.trim().split('\n').length, 1);
  assert.equal(JSON.parse(j.stdout.text).origins, 2);
});

for (const backend of BACKENDS) test(`${backend.name}: rewordings and translations of one utterance are one statement; other words or another speaker are not`, { skip: backend.skip }, async () => {
  const text = `Captured soldier says deserters are killed

He said by the time soldiers understand the situation, only option is surrender.

'By the time we understood the situation, they didn't let us go back. They told us they'd kill us if we went back. The only thing we could really do, was surrender.'

'They took away our phones so we didn't see the news about the situation in Ukraine.'`;
  const other = `Minister on surrender

'By the time the soldiers understand the situation, the only option is surrender,' Sergei Shoigu said.`;
  const a = article(text, { date: '2022-03-12', outlet: 'Daily Mail' });
  const b = article(other, { date: '2022-03-13', outlet: 'RT' });
  const store = await linkedStore([
    record(a, [
      attribution(text, 'by the time soldiers understand the situation, only option is surrender', { speaker: 'a captured Russian soldier' }),
      attribution(text, "By the time we understood the situation, they didn't let us go back. They told us they'd kill us if we went back. The only thing we could really do, was surrender.", { speaker: 'Mr Zheleznyak' }),
      attribution(text, "They took away our phones so we didn't see the news about the situation in Ukraine.", { speaker: 'Mr Zheleznyak' }),
    ]),
    record(b, [attribution(other, 'By the time the soldiers understand the situation, the only option is surrender', { speaker: 'Sergei Shoigu' })]),
  ], 1, backend);
  const all = (await store.listStatements({ minReports: 1, limit: 10, offset: 0 })).items;
  const sizes = all.map((s) => s.reports.length).sort();
  assert.deepEqual(sizes, [1, 1, 2]);
  const surrender = all.find((s) => s.reports.length === 2)!;
  assert.deepEqual(surrender.reports.map((r) => r.attribution).sort(), [0, 1]);
  assert.equal(surrender.speaker, 'Mr Zheleznyak');
  await store.close();
});

test('speaker keys fold titles and transliterations; descriptions can be anyone', () => {
  assert.equal(speakerKey('President Volodymyr Zelenskiy'), speakerKey('Volodymyr Zelensky'));
  assert.equal(speakerKey('Zelenskyy'), 'zelensky');
  assert.equal(speakerKey('a captured Russian soldier'), null);
  assert.equal(speakerKey('he'), null);
  assert.ok(sameSpeaker(speakerKey('Mr Zelensky'), speakerKey('Volodymyr Zelenskiy')));
  assert.ok(!sameSpeaker(speakerKey('Sergei Shoigu'), speakerKey('Mr Zheleznyak')));
  assert.ok(sameSpeaker(null, speakerKey('Sergei Shoigu')));
});

test('origins: one article quoting twice is one origin; a report citing an outlet not in the store keeps its own origin', () => {
  const r = (id: number, seq: number, outlet: string, via: string[], date = '2022-03-01'): OriginReport => ({ id, article: `a${seq}`, seq, index: id, outlet, date, speaker: 'X', via, start: 0, end: 10 });
  const out = classifyReports([r(1, 1, 'BBC', []), r(2, 1, 'BBC', []), r(3, 2, 'Daily Mail', ['The Sun']), r(4, 3, 'Metro', ['The Sun'], '2022-03-02')], []);
  const role = new Map(out.map((o) => [o.id, o]));
  assert.deepEqual([role.get(1)!.role, role.get(2)!.role, role.get(2)!.reason], ['origin', 'echo', 'same-source']);
  assert.equal(role.get(3)!.role, 'origin');
  assert.deepEqual([role.get(4)!.role, role.get(4)!.reason, role.get(4)!.echoOf], ['echo', 'same-source', 3]);
  assert.equal(new Set(out.map((o) => o.origin)).size, 2);
});
