// People, organisations, outlets, units and places: one entity however it is spelt, with its variants, the
// merges that made it (rule and reason), the articles that mention it and what it said.
import { api } from '../api.js';
import { badge, el, fmt, pager, plural } from '../dom.js';
import { go, route } from '../router.js';

const KINDS = ['person', 'unit', 'organisation', 'outlet', 'place'];

export async function entitiesView({ params }) {
  const kind = params.kind ?? 'person';
  const offset = Number(params.offset ?? 0);
  const p = await api('/api/entities', { kind, q: params.q, limit: 50, offset });
  return el('section', { class: 'list-view' },
    el('h2', {}, { person: 'People', unit: 'Military units', organisation: 'Organisations', outlet: 'Outlets', place: 'Places' }[kind] ?? 'Entities'),
    el('p', { class: 'tabs' }, KINDS.map((k) => el('a', { href: route('entities', null, { kind: k }), class: k === kind ? 'tab active' : 'tab' }, k))),
    el('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); go('entities', null, { kind, q: new FormData(ev.target).get('q') }); } },
      el('input', { name: 'q', value: params.q ?? '', placeholder: 'a name or a spelling' }), el('button', {}, 'Find')),
    p.items.length ? '' : el('p', { class: 'hint empty' }, params.q ? `No ${kind} is written with “${params.q}”.` : `No ${kind} is mentioned in the store.`),
    el('table', { class: 'grid', id: 'entities', hidden: !p.items.length },
      el('thead', {}, el('tr', {}, ['name', 'mentions', 'articles', 'written as'].map((h) => el('th', {}, h)))),
      el('tbody', {}, p.items.map((e) => el('tr', {},
        el('td', {}, el('a', { href: route('entity', e.id) }, e.name)), el('td', { class: 'num' }, fmt(e.mentions)), el('td', { class: 'num' }, fmt(e.articles)),
        el('td', { class: 'variants' }, e.variants.slice(0, 6).map((v) => `${v.text} ×${v.count}`).join(' · ')))))),
    pager(p, (o) => go('entities', null, { ...params, offset: o })));
}

export async function entityView({ arg }) {
  const e = await api(`/api/entities/${encodeURIComponent(arg)}`);
  const [articles, said] = await Promise.all([
    api('/api/articles', { entity: e.id, limit: 10 }),
    e.kind === 'person' || e.kind === 'organisation' || e.kind === 'unit' ? api('/api/attributions', { entity: e.id, limit: 1 }) : null,
  ]);
  return el('section', { class: 'entity-view' },
    el('h2', {}, e.name, ' ', badge(e.kind)),
    el('p', { class: 'meta' }, `${plural(e.mentions, 'mention')} in ${plural(e.articles, 'article')}`, e.lat != null ? ` · ${e.lat.toFixed(3)}, ${e.lon.toFixed(3)} (${e.placeId})` : ''),
    el('p', {},
      said ? el('a', { href: route('speaker', null, { entity: e.id, name: e.name }), class: 'button' }, `What ${e.name} said (${fmt(said.total)})`) : '',
      said ? el('a', { href: route('graph', null, { entity: e.id }), class: 'button' }, 'Provenance graph') : '',
      e.kind === 'place' ? el('a', { href: route('map', null, { focus: e.id }), class: 'button' }, 'On the map') : '',
      e.kind === 'place' && e.placeId ? el('a', { href: route('figure', null, { category: 'killed', place: e.placeId, placeName: e.name }), class: 'button' }, 'Deaths counted here over time') : ''),
    el('h3', {}, 'Written as'),
    el('ul', { class: 'chips' }, e.variants.map((v) => el('li', { class: 'chip' }, `${v.text} ×${v.count}`))),
    el('h3', {}, 'Why these spellings are one entity'),
    el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['key', 'first written', 'rule', 'reason'].map((h) => el('th', {}, h)))),
      el('tbody', {}, e.keys.map((k) => el('tr', {}, el('td', {}, k.key), el('td', {}, k.variant), el('td', {}, k.rule), el('td', {}, k.reason))))),
    el('h3', {}, `Articles (${fmt(articles.total)})`),
    el('ol', { class: 'items' }, articles.items.map((a) => el('li', { class: 'item' }, el('a', { href: route('article', a.id) }, a.title ?? '(no title)'), el('div', { class: 'meta' }, [a.outlet, a.date].filter(Boolean).join(' · '))))),
    articles.total > articles.items.length ? el('a', { href: route('articles', null, { entity: e.id }) }, `all ${fmt(articles.total)} articles`) : '');
}
