// The places the articles mention, on a base map shipped with the page (Natural Earth countries, 1:50m, from
// the world-atlas package; no tile server). Circles grow with the mentions; wheel or buttons zoom, drag pans.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import { api } from '../api.js';
import { el, fmt, plural, svg } from '../dom.js';
import { route } from '../router.js';

let world = null;
const loadWorld = () => (world ??= fetch('/countries.json').then((r) => { if (!r.ok) throw new Error(`the base map is missing (${r.status}): run npm run build`); return r.json(); }));

export async function mapView({ params }) {
  const [topo, places] = await Promise.all([loadWorld(), api('/api/entities', { kind: 'place', limit: 500 })]);
  const located = places.items.filter((p) => p.lat != null && p.lon != null);
  const W = 960, H = 560;
  const countries = feature(topo, topo.objects.countries);
  // Fit the view to the places mentioned (with a margin), or to the world when there are none.
  const lons = located.map((p) => p.lon), lats = located.map((p) => p.lat);
  const focus = located.length
    ? { type: 'MultiPoint', coordinates: [[Math.max(-180, Math.min(...lons) - 4), Math.max(-85, Math.min(...lats) - 3)], [Math.min(180, Math.max(...lons) + 4), Math.min(85, Math.max(...lats) + 3)]] }
    : countries;
  const projection = geoNaturalEarth1().fitExtent([[40, 30], [W - 40, H - 30]], focus);
  const path = geoPath(projection);
  const max = Math.max(1, ...located.map((p) => p.mentions));
  const info = el('div', { class: 'record', id: 'map-info' }, el('p', { class: 'hint' }, `${plural(located.length, 'place')} with coordinates. Click a circle.`));
  const pick = (p) => {
    info.replaceChildren(el('h3', {}, p.name), el('p', {}, `${plural(p.mentions, 'mention')} in ${plural(p.articles, 'article')}`),
      el('p', { class: 'meta' }, p.variants.slice(0, 6).map((v) => `${v.text} ×${v.count}`).join(' · ')),
      el('a', { href: route('entity', p.id), class: 'button' }, 'The place'), el('a', { href: route('articles', null, { entity: p.id }), class: 'button' }, 'Its articles'));
  };
  const dots = [...located].sort((a, b) => b.mentions - a.mentions).map((p) => {
    const [x, y] = projection([p.lon, p.lat]);
    return svg('circle', { cx: x, cy: y, r: 3 + 14 * Math.sqrt(p.mentions / max), class: `place${String(p.id) === params.focus ? ' focus' : ''}`, 'data-place': p.id, onclick: () => pick(p) },
      svg('title', {}, `${p.name}: ${fmt(p.mentions)} mentions`));
  });
  // Labels for the most mentioned places, each only where it overlaps no label placed before it (the others keep
  // their name in the circle's tooltip): a cluster such as Moscow and the Kremlin shows one readable name.
  // The map is drawn W units wide into the page's width: on a narrow screen its labels are drawn larger in map
  // units, so that they read at about 10 pixels.
  const big = Math.min(3, Math.max(1, W / Math.max(280, Math.min(W, (document.documentElement.clientWidth || W) - 40))));
  const placed = [];
  const labels = [];
  for (const p of [...located].sort((a, b) => b.mentions - a.mentions)) {
    if (labels.length >= 25) break;
    const [x, y] = projection([p.lon, p.lat]);
    // Right of the place, or left of it where the map's edge would cut the name.
    const w = (7 + p.name.length * 6) * big;
    const left = x + w > W - 4;
    const box = left ? { x0: x - w, y0: y - 16 * big, x1: x - 5 * big, y1: y - 3 * big } : { x0: x + 5 * big, y0: y - 16 * big, x1: x + w, y1: y - 3 * big };
    if (placed.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) continue;
    placed.push(box);
    labels.push(svg('text', { x: left ? x - 6 * big : x + 6 * big, y: y - 6 * big, class: 'place-label', 'font-size': 10 * big, 'text-anchor': left ? 'end' : null }, p.name));
  }
  const scene = svg('g', {},
    svg('path', { d: path({ type: 'Sphere' }), class: 'sphere' }),
    svg('path', { d: path(countries), class: 'land' }),
    svg('path', { d: path(mesh(topo, topo.objects.countries, (a, b) => a !== b)), class: 'borders' }),
    svg('g', { class: 'places' }, dots), svg('g', { class: 'labels' }, labels));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map-svg', role: 'img', 'aria-label': 'map of the places mentioned' }, scene);
  let k = 1, tx = 0, ty = 0;
  const apply = () => { scene.setAttribute('transform', `translate(${tx} ${ty}) scale(${k})`); scene.querySelectorAll('circle.place').forEach((c) => c.setAttribute('stroke-width', String(1 / k))); };
  const zoomAt = (f, cx = W / 2, cy = H / 2) => { const nk = Math.max(0.5, Math.min(40, k * f)); tx = cx - ((cx - tx) * nk) / k; ty = cy - ((cy - ty) * nk) / k; k = nk; apply(); };
  root.addEventListener('wheel', (ev) => { ev.preventDefault(); const b = root.getBoundingClientRect(); zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, ((ev.clientX - b.left) / b.width) * W, ((ev.clientY - b.top) / b.height) * H); }, { passive: false });
  let drag = null;
  root.addEventListener('pointerdown', (ev) => { if (ev.target.closest('circle.place')) return; drag = { x: ev.clientX, y: ev.clientY, tx, ty }; root.setPointerCapture(ev.pointerId); });
  root.addEventListener('pointermove', (ev) => { if (!drag) return; const b = root.getBoundingClientRect(); tx = drag.tx + ((ev.clientX - drag.x) / b.width) * W; ty = drag.ty + ((ev.clientY - drag.y) / b.height) * H; apply(); });
  root.addEventListener('pointerup', () => { drag = null; });
  return el('section', { class: 'map-view' },
    el('h2', {}, 'Places mentioned'),
    el('div', { class: 'graph-layout' },
      el('div', { class: 'graph-box' }, el('div', { class: 'graph-tools' }, el('button', { onclick: () => zoomAt(1.5) }, '+'), el('button', { onclick: () => zoomAt(1 / 1.5) }, '−'), el('button', { onclick: () => { k = 1; tx = 0; ty = 0; apply(); } }, 'fit'),
        el('span', { class: 'meta' }, places.total > places.items.length ? `the ${fmt(places.items.length)} most mentioned of ${fmt(places.total)} places` : '')), root),
      el('aside', {}, info)),
    el('p', { class: 'meta' }, 'Base map: Natural Earth 1:50m countries (public domain), via the world-atlas package.'));
}
