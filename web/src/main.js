// crosscheck's page: a router over the hash (#/article/ID, #/statement/ID, #/graph?statement=ID, …), a search
// box on every view, and one module a view. Each view fetches pages of the API; nothing loads the whole store.
import { api } from './api.js';
import { $, el, fmt } from './dom.js';
import { articlesView, reuseView, searchView } from './views/articles.js';
import { readerView } from './views/reader.js';
import { statementsView, statementView, speakerView } from './views/statements.js';
import { graphView } from './views/graph.js';
import { numbersView, conflictView, figureView } from './views/numbers.js';
import { entitiesView, entityView } from './views/entities.js';
import { mapView } from './views/map.js';
import { currentRoute, route } from './router.js';

const ROUTES = {
  '': articlesView,
  articles: articlesView,
  search: searchView,
  reuse: reuseView,
  article: readerView,
  statements: statementsView,
  statement: statementView,
  speaker: speakerView,
  graph: graphView,
  numbers: numbersView,
  conflict: conflictView,
  figure: figureView,
  entities: entitiesView,
  entity: entityView,
  map: mapView,
};

let rendering = 0;
async function render() {
  const r = currentRoute();
  const view = ROUTES[r.name];
  const main = $('#view');
  const ticket = ++rendering;
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === (r.name || 'articles')));
  if (r.name === 'search') $('#q').value = r.params.q ?? '';
  if (!view) { main.replaceChildren(el('p', { class: 'error' }, `No page "${r.name}". `, el('a', { href: '#/' }, 'Back to the articles'))); return; }
  main.replaceChildren(el('p', { class: 'hint loading' }, 'Loading…'));
  try {
    const content = await view(r);
    if (ticket !== rendering) return;
    main.replaceChildren(content);
    document.body.dataset.view = r.name || 'articles';
    document.dispatchEvent(new CustomEvent('crosscheck:rendered', { detail: r }));
  } catch (e) {
    if (ticket !== rendering) return;
    main.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

$('#search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = $('#q').value.trim();
  if (q) location.hash = route('search', null, { q });
});
window.addEventListener('hashchange', render);
api('/api/stats').then((s) => {
  $('#stats').textContent = `${fmt(s.articles)} articles · ${fmt(s.attributions)} attributions · ${fmt(s.quantities)} numbers · ${fmt(s.entities ?? 0)} entities`;
}, () => {});
render();
