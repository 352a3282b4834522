// Numbers: the quantities of the store by category, the conflicts (figures about one thing that disagree,
// as a revision or a disagreement), one conflict with its values charted over time, and any figure over time.
import { api } from '../api.js';
import { badge, el, fmt, listOrEmpty, pager, plural, short, valueText } from '../dom.js';
import { go, route } from '../router.js';
import { figureChart } from './chart.js';

const CATEGORIES = ['killed', 'wounded', 'casualties', 'missing', 'captured', 'displaced', 'detained', 'personnel', 'equipment', 'attendance', 'money', 'other'];

function categorySelect(value, onchange) {
  return el('select', { name: 'category', onchange }, el('option', { value: '' }, 'every category'), CATEGORIES.map((c) => el('option', { value: c, selected: c === value }, c)));
}

function conflictItem(c) {
  return el('li', { class: 'item conflict', 'data-conflict': c.id },
    el('a', { href: route('conflict', c.id), class: 'title' }, `${c.category}${c.place ? ` in ${c.place}` : ''}: `, c.values.map((v) => valueText(v)).join(' vs ')),
    el('div', { class: 'meta' }, badge(c.kind, c.kind), ` ${[c.from, c.to].filter(Boolean).join(' – ')} · ${plural(c.values.length, 'value')}`),
    el('div', {}, short(c.explanation, 240)));
}

export async function numbersView({ params }) {
  const offset = Number(params.offset ?? 0), coffset = Number(params.coffset ?? 0);
  const [qs, cs] = await Promise.all([
    api('/api/quantities', { category: params.category, limit: 25, offset }),
    api('/api/conflicts', { category: params.category, limit: 10, offset: coffset }),
  ]);
  return el('section', { class: 'numbers-view' },
    el('h2', {}, 'Numbers'),
    el('p', {}, 'Category ', categorySelect(params.category, (ev) => go('numbers', null, { category: ev.target.value })), ' ',
      params.category ? el('a', { href: route('figure', null, { category: params.category }), class: 'button' }, `${params.category} figures over time`) : ''),
    el('h3', {}, `Conflicts (${fmt(cs.total)})`),
    listOrEmpty(el('ol', { class: 'items', id: 'conflicts' }, cs.items.map(conflictItem)), 'No figures about the same thing disagree here.'),
    pager(cs, (o) => go('numbers', null, { ...params, coffset: o })),
    el('h3', {}, `Figures (${fmt(qs.total)}), newest articles first`),
    qs.items.length ? quantityTable(qs.items) : el('p', { class: 'hint empty' }, 'No figure of this category.'),
    pager(qs, (o) => go('numbers', null, { ...params, offset: o })));
}

function quantityTable(items) {
  return el('table', { class: 'grid', id: 'quantities' },
    el('thead', {}, el('tr', {}, ['value', 'counted', 'category', 'claimant', 'place', 'date', 'article'].map((h) => el('th', {}, h)))),
    el('tbody', {}, items.map((q) => el('tr', {},
      el('td', { class: 'num' }, valueText(q)), el('td', {}, q.unit ?? ''), el('td', {}, q.category), el('td', {}, q.claimant ?? ''),
      el('td', {}, q.place ? el('a', { href: route('figure', null, { category: q.category, place: q.place.id, placeName: q.place.name }) }, q.place.name) : ''),
      el('td', {}, q.date?.date ?? ''),
      el('td', {}, el('a', { href: route('article', q.article.id) }, [q.article.outlet, q.article.date].filter(Boolean).join(' · ') || short(q.article.title, 40)))))));
}

export async function conflictView({ arg }) {
  const c = await api(`/api/conflicts/${encodeURIComponent(arg)}`);
  const points = c.values.map((v) => ({ date: v.date, low: v.low ?? v.value, high: v.high ?? v.value, label: `${valueText(v)}${v.bound ? ` (${v.bound})` : ''}`, who: v.claimant ?? v.outlet }));
  return el('section', { class: 'conflict-view' },
    el('h2', {}, `Conflict: ${c.category}${c.place ? ` in ${c.place}` : ''} `, badge(c.kind, c.kind)),
    el('p', { class: 'explanation' }, c.explanation),
    el('p', { class: 'meta' }, `About: ${c.about.join(', ') || '—'} · ${[c.from, c.to].filter(Boolean).join(' – ')}`),
    figureChart(points, { title: `${c.category} over time` }),
    el('table', { class: 'grid', id: 'conflict-values' },
      el('thead', {}, el('tr', {}, ['date', 'value', 'as written', 'claimant', 'outlet', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, c.values.map((v) => el('tr', {},
        el('td', {}, v.date ?? ''), el('td', { class: 'num' }, valueText(v)), el('td', {}, v.text, v.bound ? badge(v.bound) : ''), el('td', {}, v.claimant ?? 'the article itself'),
        el('td', {}, v.outlet ?? ''), el('td', {}, el('a', { href: route('article', v.article, { q: v.quantity }) }, 'in the article')))))));
}

export async function figureView({ params }) {
  const p = await api('/api/quantities', { category: params.category, place: params.place, claimant: params.claimant, order: 'date', limit: 500 });
  const points = p.items.map((q) => ({ date: q.date?.date ?? q.article.date, low: q.low ?? q.value, high: q.high ?? q.value, label: valueText(q), who: q.claimant }));
  const title = `${params.category ?? 'all'} figures${params.placeName ? ` in ${params.placeName}` : params.place ? ` at ${params.place}` : ''}${params.claimant ? ` given by ${params.claimant}` : ''}`;
  return el('section', { class: 'figure-view' },
    el('h2', {}, title),
    el('p', { class: 'meta' }, `${plural(p.items.length, 'value')}${p.total > p.items.length ? ` (the first 500 by date of ${fmt(p.total)})` : ''}, by the date of the event where the text gives it, else of the article.`),
    figureChart(points, { title }),
    quantityTable(p.items.slice(0, 100)));
}
