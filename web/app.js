// The first page of crosscheck: a list of articles (paginated, searchable) and a reader that marks each
// article's statements, speakers, cues and numbers. Article text only ever reaches the page as text nodes.
const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return e;
};
const api = async (path) => {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
};

let state = { offset: 0, limit: 25, q: '' };

function snippetNode(snippet) {
  // \u0002…\u0003 mark the matched words: split on them and build text nodes.
  const span = el('span', { class: 'snippet' });
  const parts = String(snippet).split(/([\u0002\u0003])/);
  let inMark = false;
  for (const p of parts) {
    if (p === '\u0002') { inMark = true; continue; }
    if (p === '\u0003') { inMark = false; continue; }
    span.append(inMark ? el('mark', {}, p) : document.createTextNode(p));
  }
  return span;
}

function listItem(a, extra) {
  return el('button', { class: 'item', 'data-id': a.id, onclick: () => openArticle(a.id) },
    el('div', {}, a.title ?? '(no title)'),
    el('div', { class: 'meta' }, [a.outlet, a.date, `${a.attributions} statements`, `${a.quantities} numbers`].filter(Boolean).join(' · ')),
    extra ?? '');
}

async function showList() {
  const list = $('#list');
  list.replaceChildren(el('p', { class: 'hint' }, 'Loading…'));
  const items = [];
  let total = 0;
  if (state.q) {
    const r = await api(`/api/search?q=${encodeURIComponent(state.q)}&limit=${state.limit}&offset=${state.offset}`);
    total = r.articles.total;
    for (const h of r.articles.items) items.push(listItem(h.article, snippetNode(h.snippet)));
    if (r.attributions.items.length) {
      items.push(el('h3', {}, `${r.attributions.total} statements`));
      for (const h of r.attributions.items) items.push(listItem(h.article, el('div', {}, `${h.attribution.speaker ?? '(no speaker)'}: `, snippetNode(h.snippet))));
    }
  } else {
    const r = await api(`/api/articles?limit=${state.limit}&offset=${state.offset}`);
    total = r.total;
    for (const a of r.items) items.push(listItem(a));
  }
  const pager = el('div', { class: 'pager' },
    el('button', { onclick: () => { state.offset = Math.max(0, state.offset - state.limit); showList(); }, ...(state.offset ? {} : { disabled: '' }) }, '‹ previous'),
    el('span', { class: 'meta' }, `${total ? state.offset + 1 : 0}–${Math.min(total, state.offset + state.limit)} of ${total}`),
    el('button', { onclick: () => { state.offset += state.limit; showList(); }, ...(state.offset + state.limit < total ? {} : { disabled: '' }) }, 'next ›'));
  list.replaceChildren(...items, pager);
}

function markedText(text, rec) {
  // Boundaries of every span; each piece of text between two boundaries gets the classes of the spans over it.
  const spans = [];
  rec.attributions.forEach((a, i) => {
    spans.push({ s: a.start, e: a.end, cls: `content ${a.kind}${a.hedges.length ? ' hedged' : ''}`, i, kind: 'attribution' });
    if (a.speaker && a.speaker.start >= 0 && a.continues == null) spans.push({ s: a.speaker.start, e: a.speaker.end, cls: 'speaker', i, kind: 'speaker' });
    if (a.cueStart != null && a.continues == null) spans.push({ s: a.cueStart, e: a.cueEnd, cls: 'cue', i, kind: 'cue' });
  });
  rec.quantities.forEach((q, i) => spans.push({ s: q.numberStart, e: q.numberEnd, cls: 'number', i, kind: 'quantity' }));
  const cuts = [...new Set([0, text.length, ...spans.flatMap((x) => [x.s, x.e])])].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k], b = cuts[k + 1];
    const over = spans.filter((x) => x.s <= a && x.e >= b);
    const piece = text.slice(a, b);
    if (!over.length) { frag.append(document.createTextNode(piece)); continue; }
    const innermost = over.reduce((m, x) => (x.e - x.s < m.e - m.s ? x : m));
    const node = el('span', { class: [...new Set(over.map((x) => x.cls))].join(' '), 'data-kind': innermost.kind, 'data-index': innermost.i }, piece);
    node.addEventListener('click', (ev) => { ev.stopPropagation(); showRecord(rec, innermost.kind, innermost.i, node); });
    frag.append(node);
  }
  return frag;
}

function field(dl, name, value) {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return;
  dl.append(el('dt', {}, name), el('dd', {}, Array.isArray(value) ? value.join(' → ') : String(value)));
}

function showRecord(rec, kind, i, node) {
  document.querySelectorAll('.selected').forEach((n) => n.classList.remove('selected'));
  node?.classList.add('selected');
  const side = $('#detail');
  if (kind === 'quantity') {
    const q = rec.quantities[i];
    const dl = el('dl');
    field(dl, 'value', q.value != null ? q.value.toLocaleString() : `${q.low?.toLocaleString()}–${q.high?.toLocaleString()}`);
    field(dl, 'approx', q.approx);
    field(dl, 'category', q.category);
    field(dl, 'counted', q.unit);
    field(dl, 'claimant', q.claimant ?? 'the article itself');
    field(dl, 'phrase', q.text);
    side.replaceChildren(el('h2', {}, 'Number'), dl);
    return;
  }
  const a = rec.attributions[i];
  const dl = el('dl');
  field(dl, 'kind', a.kind);
  field(dl, 'speaker', a.speaker ? a.speaker.name : 'no speaker in the text');
  if (a.speaker && a.speaker.text !== a.speaker.name) field(dl, 'as written', `${a.speaker.text} (${a.speaker.resolution}, confidence ${a.speaker.confidence})`);
  if (a.speaker?.attributes) for (const [k, v] of Object.entries(a.speaker.attributes)) field(dl, k, v);
  field(dl, 'cue', a.cue);
  field(dl, 'via', a.via.length ? a.via : ['(first-hand, or no relay named)']);
  const hedge = el('dd', { class: a.hedges.length ? 'hedge' : '' }, a.hedges.length ? a.hedges.join(', ') : 'none');
  dl.append(el('dt', {}, 'hedges'), hedge);
  field(dl, 'confidence', a.confidence);
  const others = a.speaker ? rec.attributions.map((x, j) => [x, j]).filter(([x]) => x.speaker && x.speaker.name === a.speaker.name) : [];
  const list = el('ol', {}, ...others.map(([x, j]) => el('li', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); const n = document.querySelector(`[data-kind="attribution"][data-index="${j}"]`); n?.scrollIntoView({ block: 'center' }); showRecord(rec, 'attribution', j, n); } }, x.content.slice(0, 120)))));
  side.replaceChildren(el('h2', {}, 'Statement'), el('blockquote', {}, a.content), dl, el('h2', {}, `Everything ${a.speaker ? a.speaker.name : 'this speaker'} said here`), list);
}

async function openArticle(id) {
  document.querySelectorAll('nav .item').forEach((n) => n.classList.toggle('active', n.dataset.id === id));
  const d = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = d.article;
  const reader = $('#reader');
  const meta = el('p', { class: 'meta' }, [a.outlet, a.date, `id ${a.id}`, `version ${a.version}`].filter(Boolean).join(' · '));
  const link = a.url && /^https?:\/\//i.test(a.url) ? el('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.url) : '';
  reader.replaceChildren(el('h2', {}, a.title ?? '(no title)'), meta, link, el('div', { class: 'text' }, d.analysis ? markedText(a.text, d.analysis) : a.text));
  $('#detail').replaceChildren(el('p', { class: 'hint' }, d.analysis ? `${d.analysis.attributions.length} statements and ${d.analysis.quantities.length} numbers. Click a marked passage to see its record.` : 'Not analysed.'));
  history.replaceState(null, '', `#${a.id}`);
}

$('#search').addEventListener('submit', (ev) => { ev.preventDefault(); state.q = $('#q').value.trim(); state.offset = 0; showList(); });
api('/api/stats').then((s) => { $('#stats').textContent = `${s.articles} articles · ${s.attributions} statements · ${s.quantities} numbers`; });
showList().then(() => { if (location.hash.length > 1) openArticle(location.hash.slice(1)); });
