import assert from 'node:assert/strict';
import test from 'node:test';
import { decideLinks, type EntityCandidate, type MentionToLink } from '../../src/link/entities.js';

const m = (id: number, kind: MentionToLink['kind'], key: string, name: string): MentionToLink => ({ id, kind, key, name, placeId: null, lat: null, lon: null });

test('a new key joins an entity by transliteration or a slip, with the rule and the reason', () => {
  const candidates: EntityCandidate[] = [{ id: 7, kind: 'person', name: 'Volodymyr Zelensky', keys: ['person:volodymyr zelensky'], blocked: [] }];
  const [d] = decideLinks([m(1, 'person', 'person:volodymyr zelenskiy', 'Volodymyr Zelenskiy')], candidates);
  assert.equal(d.entity, 7);
  assert.equal(d.rule, 'transliteration');
  assert.match(d.reason, /Zelenskiy.*Zelensky/);
  const [e] = decideLinks([m(2, 'person', 'person:vladmir putin', 'Vladmir Putin')], [{ id: 3, kind: 'person', name: 'Vladimir Putin', keys: ['person:vladimir putin'], blocked: [] }]);
  assert.equal(e.entity, 3);
  assert.ok(e.rule === 'spelling' || e.rule === 'transliteration');
});

test('different people with one surname stay apart; an undone merge is not made again', () => {
  const candidates: EntityCandidate[] = [{ id: 1, kind: 'person', name: 'Dmitry Peskov', keys: ['person:dmitry peskov'], blocked: ['person:dmitri peskov'] }];
  assert.equal(decideLinks([m(1, 'person', 'person:anna peskova', 'Anna Peskova')], candidates)[0].entity, null);
  assert.equal(decideLinks([m(2, 'person', 'person:igor peskov', 'Igor Peskov')], candidates)[0].entity, null);
  const [blocked] = decideLinks([m(3, 'person', 'person:dmitri peskov', 'Dmitri Peskov')], candidates);
  assert.equal(blocked.entity, null);
  assert.equal(blocked.rule, 'new');
});

test('keys of one batch that are one person share the entity the first creates', () => {
  const ds = decideLinks([m(1, 'person', 'person:alexei navalny', 'Alexei Navalny'), m(2, 'person', 'person:aleksei navalny', 'Aleksei Navalny'), m(3, 'place', 'geonames:703448', 'Kyiv')], []);
  assert.equal(ds[0].rule, 'new');
  assert.equal(ds[1].joins, 0);
  assert.equal(ds[2].rule, 'new');
});

test('"Vladimir Zelensky" is Volodymyr Zelenskyy: a Russian first-name form and a transliteration', () => {
  const [d] = decideLinks([m(1, 'person', 'person:vladimir zelensky', 'Vladimir Zelensky')], [{ id: 5, kind: 'person', name: 'Volodymyr Zelenskyy', keys: ['person:volodymyr zelenskyy'], blocked: [] }]);
  assert.equal(d.entity, 5);
  assert.equal(d.rule, 'transliteration');
});
