// The provenance graph around a statement, an article or an entity: graphology holds it, ForceAtlas2 lays it
// out, and it is drawn as SVG (no WebGL needed; a bounded neighbourhood is at most a few hundred nodes).
// Wheel or the buttons zoom, dragging pans. Articles with an independent origin are filled green circles;
// articles that only echo are hollow grey circles with a dashed ring; speakers, relays and outlets have their own shapes.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { api } from '../api.js';
import { badge, el, plural, short, svg, webLink } from '../dom.js';
import { route } from '../router.js';

/** A seeded generator, so that the same graph is laid out the same way every time. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

export function layout(data) {
  const g = new Graph({ multi: true, type: 'directed', allowSelfLoops: false });
  const rand = seeded(data.nodes.length * 7919 + data.edges.length);
  for (const n of data.nodes) g.addNode(n.key, { ...n, x: rand() * 100, y: rand() * 100 });
  for (const e of data.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.addDirectedEdgeWithKey(e.key, e.source, e.target, { ...e });
  if (g.order > 1) forceAtlas2.assign(g, { iterations: 300, settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: g.order > 300, adjustSizes: false } });
  return g;
}

const SHAPES = {
  speaker: (x, y, r) => svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: 2 }),
  relay: (x, y, r) => svg('polygon', { points: `${x},${y - r * 1.3} ${x + r * 1.3},${y} ${x},${y + r * 1.3} ${x - r * 1.3},${y}` }),
  outlet: (x, y, r) => svg('polygon', { points: `${x - r},${y + r} ${x + r},${y + r} ${x},${y - r * 1.2}` }),
  article: (x, y, r) => svg('circle', { cx: x, cy: y, r }),
};

function draw(g, onPick) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  g.forEachNode((_k, a) => { minX = Math.min(minX, a.x); maxX = Math.max(maxX, a.x); minY = Math.min(minY, a.y); maxY = Math.max(maxY, a.y); });
  const W = 1000, H = 700, pad = 60;
  const sx = (W - 2 * pad) / Math.max(1e-9, maxX - minX || 1), sy = (H - 2 * pad) / Math.max(1e-9, maxY - minY || 1);
  const s = Math.min(sx, sy);
  const px = (a) => pad + (a.x - minX) * s + ((W - 2 * pad) - (maxX - minX) * s) / 2;
  const py = (a) => pad + (a.y - minY) * s + ((H - 2 * pad) - (maxY - minY) * s) / 2;
  const edges = svg('g', { class: 'edges' });
  g.forEachEdge((key, e, source, target, sa, ta) => {
    edges.append(svg('line', { x1: px(sa), y1: py(sa), x2: px(ta), y2: py(ta), class: `edge ${e.kind.replace(/\s+/g, '-')}`, 'marker-end': 'url(#arrow)', 'stroke-width': Math.min(6, 1 + Math.log2(e.count)), 'data-edge': key },
      svg('title', {}, `${sa.label} ${e.kind} ${ta.label}${e.count > 1 ? ` (${e.count})` : ''}`)));
  });
  const nodes = svg('g', { class: 'nodes' });
  g.forEachNode((key, a) => {
    const deg = g.degree(key);
    const r = a.kind === 'article' ? 6 + Math.min(6, deg) : 7 + Math.min(8, deg);
    const shape = SHAPES[a.kind](px(a), py(a), r);
    const label = a.kind === 'article' ? (a.date ? `${a.date}` : '') : short(a.label, 28);
    const node = svg('g', { class: `node ${a.kind}${a.role ? ` ${a.role}` : ''}`, 'data-node': key, 'data-kind': a.kind, 'data-role': a.role ?? '', tabindex: 0,
      onclick: (ev) => { ev.stopPropagation(); onPick(key, a); } },
    shape, svg('title', {}, `${a.kind}: ${a.label}${a.role ? ` (${a.role})` : ''}`),
    label ? svg('text', { x: px(a) + r + 3, y: py(a) + 4, class: 'label' }, label) : '');
    nodes.append(node);
  });
  const defs = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 16, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' })));
  const scene = svg('g', { class: 'scene' }, edges, nodes);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'graph-svg', role: 'img', 'aria-label': 'provenance graph' }, defs, scene);
  return { root, scene, W, H };
}

/** Zoom (wheel, buttons) and pan (drag) by transforming the scene. */
function zoomable(root, scene, W, H) {
  let k = 1, tx = 0, ty = 0;
  const apply = () => { scene.setAttribute('transform', `translate(${tx} ${ty}) scale(${k})`); root.dataset.zoom = k.toFixed(2); };
  const zoomAt = (f, cx = W / 2, cy = H / 2) => { const nk = Math.max(0.2, Math.min(12, k * f)); tx = cx - ((cx - tx) * nk) / k; ty = cy - ((cy - ty) * nk) / k; k = nk; apply(); };
  const toLocal = (ev) => { const b = root.getBoundingClientRect(); return [((ev.clientX - b.left) / b.width) * W, ((ev.clientY - b.top) / b.height) * H]; };
  root.addEventListener('wheel', (ev) => { ev.preventDefault(); const [x, y] = toLocal(ev); zoomAt(ev.deltaY < 0 ? 1.2 : 1 / 1.2, x, y); }, { passive: false });
  let drag = null;
  root.addEventListener('pointerdown', (ev) => { if (ev.target.closest('.node')) return; drag = { x: ev.clientX, y: ev.clientY, tx, ty }; root.setPointerCapture(ev.pointerId); });
  root.addEventListener('pointermove', (ev) => { if (!drag) return; const b = root.getBoundingClientRect(); tx = drag.tx + ((ev.clientX - drag.x) / b.width) * W; ty = drag.ty + ((ev.clientY - drag.y) / b.height) * H; apply(); });
  root.addEventListener('pointerup', () => { drag = null; });
  apply();
  return { in: () => zoomAt(1.4), out: () => zoomAt(1 / 1.4), reset: () => { k = 1; tx = 0; ty = 0; apply(); } };
}

export async function graphView({ params }) {
  const focus = params.statement ? { statement: params.statement } : params.article ? { article: params.article } : params.entity ? { entity: params.entity } : null;
  if (!focus) return el('p', { class: 'hint' }, 'Open the graph from a statement, an article or a person.');
  const data = await api('/api/graph', { ...focus, statements: params.statements ?? 10, reports: params.reports ?? 60 });
  const info = el('div', { class: 'record', id: 'graph-info' }, el('p', { class: 'hint' }, 'Click a node to see what it is.'));
  const g = layout(data);
  const pick = (key, a) => {
    const out = [el('h3', {}, a.kind === 'article' ? 'Article' : a.label, ' ', badge(a.kind), a.role ? badge(a.role, a.role) : '')];
    if (a.kind === 'article') {
      out.push(el('p', {}, [a.date, a.url ? '' : null].filter(Boolean).join(' ')), webLink(a.url, a.url), el('p', {}, el('a', { href: route('article', key.replace(/^article:/, '')), class: 'button' }, 'Read the article')));
    } else {
      const ins = g.inEdges(key).map((e) => `${g.getNodeAttribute(g.source(e), 'label')} ${g.getEdgeAttribute(e, 'kind')} it`);
      const outs = g.outEdges(key).map((e) => `${g.getEdgeAttribute(e, 'kind')} ${g.getNodeAttribute(g.target(e), 'kind') === 'article' ? 'an article' : g.getNodeAttribute(g.target(e), 'label')}`);
      out.push(el('ul', {}, [...new Set([...ins, ...outs])].slice(0, 30).map((t) => el('li', {}, t))));
      if (a.kind === 'speaker') out.push(el('a', { href: route('speaker', null, { name: a.label }), class: 'button' }, `Everything ${a.label} said`));
    }
    info.replaceChildren(...out);
  };
  const { root, scene, W, H } = draw(g, pick);
  const z = zoomable(root, scene, W, H);
  const origins = data.nodes.filter((n) => n.role === 'origin').length, echoes = data.nodes.filter((n) => n.role === 'echo').length;
  return el('section', { class: 'graph-view' },
    el('h2', {}, 'Provenance graph'),
    el('p', { class: 'meta' }, `${plural(data.statements.length, 'statement')}, ${plural(data.nodes.length, 'node')}, ${plural(data.edges.length, 'edge')}: ${plural(origins, 'article')} with an independent origin, ${plural(echoes, 'article')} that only echo.`,
      data.truncated ? ' Some statements or reports are left out by the limits.' : ''),
    el('div', { class: 'graph-layout' },
      el('div', { class: 'graph-box' },
        el('div', { class: 'graph-tools' },
          el('button', { onclick: z.in, title: 'zoom in', id: 'zoom-in' }, '+'), el('button', { onclick: z.out, title: 'zoom out' }, '−'), el('button', { onclick: z.reset, title: 'fit' }, 'fit'),
          el('span', { class: 'legend' }, el('span', { class: 'lg origin' }, 'origin article'), el('span', { class: 'lg echo' }, 'echo article'), el('span', { class: 'lg speaker' }, 'speaker'), el('span', { class: 'lg relay' }, 'relay'), el('span', { class: 'lg outlet' }, 'outlet'))),
        root),
      el('aside', {}, info,
        el('h3', {}, 'Statements'),
        el('ol', { class: 'record-list' }, data.statements.map((s) => el('li', {}, el('a', { href: route('statement', s.id) }, el('b', {}, s.speaker ?? '—'), ': ', short(s.content, 100)), ` ${s.origins}/${s.reportCount}`))))));
}
