// A figure over time: each value at its date (a range as a bar from low to high), coloured by who gives it,
// on a linear scale with round ticks. SVG, drawn from numbers only.
import { el, fmt, svg } from '../dom.js';

const COLOURS = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#b06000', '#c5221f', '#5f6368', '#1e8e3e'];

function niceTicks(lo, hi, n = 5) {
  if (hi <= lo) hi = lo + 1;
  const step0 = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? 10 * mag;
  const out = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step / 2; v += step) out.push(v);
  return out;
}

/** points: { date: 'YYYY-MM-DD', low, high, label, who } */
export function figureChart(points, { title = '' } = {}) {
  const dated = points.filter((p) => p.date && /^\d{4}/.test(p.date) && p.high != null);
  if (!dated.length) return el('p', { class: 'hint' }, 'No dated values to chart.');
  const t = (d) => Date.parse(d.length === 4 ? `${d}-07-01` : d.length === 7 ? `${d}-15` : d.slice(0, 10));
  const W = 720, H = 300, L = 70, R = 20, T = 20, B = 40;
  const t0 = Math.min(...dated.map((p) => t(p.date))), t1 = Math.max(...dated.map((p) => t(p.date)));
  const yTicks = niceTicks(0, Math.max(...dated.map((p) => p.high)));
  const yMax = yTicks[yTicks.length - 1];
  const x = (d) => (t1 === t0 ? L + (W - L - R) / 2 : L + ((t(d) - t0) / (t1 - t0)) * (W - L - R));
  const y = (v) => T + (1 - v / yMax) * (H - T - B);
  const who = [...new Set(dated.map((p) => p.who ?? 'the article itself'))];
  const colour = (w) => COLOURS[who.indexOf(w ?? 'the article itself') % COLOURS.length];
  const marks = dated.map((p) => {
    const c = colour(p.who);
    const tip = svg('title', {}, `${p.date}: ${p.label} (${p.who ?? 'the article itself'})`);
    return p.low != null && p.low !== p.high
      ? svg('g', { class: 'mark range' }, svg('line', { x1: x(p.date), x2: x(p.date), y1: y(p.low), y2: y(p.high), stroke: c, 'stroke-width': 5, 'stroke-linecap': 'round' }), tip)
      : svg('circle', { class: 'mark', cx: x(p.date), cy: y(p.high), r: 5, fill: c }, tip);
  });
  const days = (t1 - t0) / 86400000;
  const xTicks = t1 === t0 ? [t0] : Array.from({ length: 5 }, (_, i) => t0 + (i * (t1 - t0)) / 4);
  return el('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title || 'values over time' },
      yTicks.map((v) => svg('g', {}, svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }), svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(v)))),
      xTicks.map((v) => svg('text', { x: t1 === t0 ? x(new Date(v).toISOString()) : L + ((v - t0) / (t1 - t0)) * (W - L - R), y: H - B + 18, 'text-anchor': 'middle', class: 'tick' },
        new Date(v).toISOString().slice(0, days > 60 ? 7 : 10))),
      svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }),
      marks),
    el('figcaption', {}, title ? `${title} · ` : '', who.map((w) => el('span', { class: 'key' }, svg('svg', { viewBox: '0 0 10 10', width: 10, height: 10 }, svg('rect', { width: 10, height: 10, fill: colour(w) })), ' ', w))));
}
