// The article list (filtered by outlet, date and entity, a page at a time) and search everywhere: entities,
// attributed statements and articles, with the matched words marked.
import { api } from '../api.js';
import { el, fmt, listOrEmpty, marked, pager, plural } from '../dom.js';
import { go, route } from '../router.js';

export function articleItem(a, extra) {
  return el('li', { class: 'item', 'data-article': a.id },
    el('a', { href: route('article', a.id), class: 'title' }, a.title ?? '(no title)'),
    el('div', { class: 'meta' }, [a.outlet, a.date, plural(a.attributions, 'attribution'), plural(a.quantities, 'number')].filter(Boolean).join(' · ')),
    extra ?? '');
}

export async function articlesView({ params }) {
  const offset = Number(params.offset ?? 0);
  const filters = { outlet: params.outlet, from: params.from, to: params.to, entity: params.entity };
  const [p, entity] = await Promise.all([
    api('/api/articles', { ...filters, limit: 25, offset }),
    params.entity ? api(`/api/entities/${encodeURIComponent(params.entity)}`).catch(() => null) : null,
  ]);
  const form = el('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    go('articles', null, { outlet: f.get('outlet'), from: f.get('from'), to: f.get('to'), entity: params.entity });
  } },
  el('label', {}, 'Outlet ', el('input', { name: 'outlet', value: params.outlet ?? '', placeholder: 'Reuters' })),
  el('label', {}, 'From ', el('input', { name: 'from', type: 'date', value: params.from ?? '' })),
  el('label', {}, 'To ', el('input', { name: 'to', type: 'date', value: params.to ?? '' })),
  el('button', {}, 'Filter'),
  entity ? el('span', { class: 'chip' }, `mentioning ${entity.name} `, el('a', { href: route('articles', null, { ...filters, entity: null }) }, '×')) : '');
  return el('section', { class: 'list-view' },
    el('h2', {}, 'Articles'), form,
    listOrEmpty(el('ol', { class: 'items', start: offset + 1 }, p.items.map((a) => articleItem(a))), p.total ? 'No article on this page.' : 'No article matches these filters.'),
    pager(p, (o) => go('articles', null, { ...filters, offset: o })));
}

export async function searchView({ params }) {
  const q = params.q ?? '';
  if (!q.trim()) return el('p', { class: 'hint empty' }, 'Type words to search for in the box above.');
  const offset = Number(params.offset ?? 0);
  const sort = params.sort === 'date' ? 'date' : 'relevance';
  const [r, entities] = await Promise.all([
    api('/api/search', { q, limit: 20, offset, sort: sort === 'date' ? 'date' : null }),
    offset ? { items: [] } : api('/api/entities', { q: q.replace(/["*]/g, '').trim(), limit: 8 }).catch(() => ({ items: [] })),
  ]);
  const attributionHits = r.attributions.items.map((h) => el('li', { class: 'item hit', 'data-article': h.article.id },
    el('a', { href: route('article', h.article.id, { a: h.attribution.index }), class: 'quote' }, '“', marked(h.snippet), '”'),
    el('div', { class: 'meta' }, [h.attribution.speaker ?? 'no speaker named', h.article.outlet, h.article.date, h.article.title].filter(Boolean).join(' · '))));
  const articleHits = r.articles.items.map((h) => articleItem(h.article, el('div', { class: 'snippet-line' }, marked(h.snippet))));
  const total = Math.max(r.articles.total, r.attributions.total);
  const count = (p, one, many) => `${fmt(p.total)}${p.totalExact === false ? '+' : ''} ${p.total === 1 && p.totalExact !== false ? one : many}`;
  const none = !r.articles.total && !r.attributions.total;
  const sortLink = (value, label) => (value === sort ? el('b', { class: 'tab active', 'aria-current': 'true' }, label)
    : el('a', { class: 'tab', href: route('search', null, { q, sort: value === 'date' ? 'date' : null }) }, label));
  return el('section', { class: 'search-view' },
    el('h2', {}, `Search: ${q}`),
    entities.items.length ? el('div', { class: 'entity-hits' }, el('h3', {}, 'People, places and organisations'),
      el('ul', { class: 'chips' }, entities.items.map((e) => el('li', {}, el('a', { href: route('entity', e.id), class: `chip kind-${e.kind}` }, `${e.name} · ${e.kind} · ${fmt(e.mentions)}`))))) : '',
    none ? el('p', { class: 'hint empty' }, `No article or attributed statement holds “${q}”. Words are all required: try fewer, or a prefix with * (drone*), or OR between spellings (Kyiv OR Kiev).`)
      : [
        el('p', { class: 'tabs sort', id: 'search-sort' }, 'Order: ', sortLink('relevance', 'best matches'), sortLink('date', 'newest first')),
        el('div', { class: 'columns' },
          el('div', {}, el('h3', {}, count(r.attributions, 'attributed statement', 'attributed statements')), listOrEmpty(el('ol', { class: 'items', id: 'attribution-hits', start: offset + 1 }, attributionHits), 'No attributed statement holds these words.')),
          el('div', {}, el('h3', {}, count(r.articles, 'article', 'articles')), listOrEmpty(el('ol', { class: 'items', id: 'article-hits', start: offset + 1 }, articleHits), 'No article holds these words.'))),
        pager({ total, limit: 20, offset }, (o) => go('search', null, { q, sort: sort === 'date' ? 'date' : null, offset: o }))]);
}

/** The articles that share text with one article, the most shared first, with which came first. */
export async function reuseView({ arg, params }) {
  const offset = Number(params.offset ?? 0);
  const p = await api('/api/reuse', { article: arg, limit: 25, offset });
  const pct = (x) => `${Math.round(x * 100)} %`;
  return el('section', {},
    el('h2', {}, 'Articles sharing text'),
    el('p', {}, el('a', { href: route('article', arg) }, '← back to the article')),
    el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['shared', 'first', 'then', 'who came first'].map((h) => el('th', {}, h)))),
      el('tbody', {}, p.items.map((r) => el('tr', {},
        el('td', {}, pct(r.shared)),
        el('td', {}, el('a', { href: route('article', r.a) }, [r.aOutlet, r.aDate].filter(Boolean).join(' · ') || r.aRef)),
        el('td', {}, el('a', { href: route('article', r.b) }, [r.bOutlet, r.bDate].filter(Boolean).join(' · ') || r.bRef)),
        el('td', {}, r.earlier === 'a' ? 'the first copied by the second' : r.earlier === 'b' ? 'the second copied by the first' : 'same day or undated'))))),
    pager(p, (o) => go('reuse', arg, { offset: o })));
}
