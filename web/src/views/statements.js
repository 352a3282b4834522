// Statements (one utterance across articles): the list, most reported first; one statement as a timeline of
// its reports, each with its relay chain and whether it is an independent origin or an echo (and of what);
// and a speaker: everything that person said, across the store.
import { api } from '../api.js';
import { badge, el, fmt, listOrEmpty, marked, pager, plural, short, svg } from '../dom.js';
import { go, route } from '../router.js';
import { chainNode } from './reader.js';

function statementItem(s) {
  return el('li', { class: 'item statement', 'data-statement': s.id },
    el('a', { href: route('statement', s.id), class: 'quote' }, '“', short(s.content, 220), '”'),
    el('div', { class: 'meta' }, el('b', {}, s.speaker ?? 'no speaker named'), ` · ${plural(s.reportCount ?? s.reports.length, 'report')} · `,
      badge(plural(s.origins, 'origin'), 'origin'), ' ', badge(plural(s.echoes, 'echo', 'echoes'), 'echo'),
      s.first?.date ? ` · first ${[s.first.outlet, s.first.date].filter(Boolean).join(', ')}` : ''));
}

export async function statementsView({ params }) {
  const offset = Number(params.offset ?? 0);
  const minReports = params.minReports ?? (params.article || params.q || params.speaker ? 1 : 2);
  const p = await api('/api/statements', { q: params.q, article: params.article, speaker: params.speaker, minReports, reports: 0, limit: 25, offset });
  const form = el('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); const f = new FormData(ev.target); go('statements', null, { q: f.get('q'), minReports: f.get('minReports'), article: params.article }); } },
    el('label', {}, 'Words ', el('input', { name: 'q', value: params.q ?? '', placeholder: 'surrender' })),
    el('label', {}, 'At least ', el('input', { name: 'minReports', type: 'number', min: 1, value: minReports, class: 'narrow' }), ' reports'),
    el('button', {}, 'Filter'));
  return el('section', { class: 'list-view' },
    el('h2', {}, params.article ? 'Statements reported in this article' : 'Statements, most reported first'), form,
    listOrEmpty(el('ol', { class: 'items', start: offset + 1 }, p.items.map(statementItem)), `No statement ${params.q ? `holds “${params.q}”` : 'matches'}${Number(minReports) > 1 ? ` with at least ${minReports} reports (lower the number to see the others)` : ''}.`),
    pager(p, (o) => go('statements', null, { ...params, offset: o })));
}

/** The reports as dots on a time axis: origins filled, echoes hollow. */
function timeline(reports) {
  const dated = reports.filter((r) => r.date);
  if (dated.length < 1) return '';
  const t = (d) => Date.parse(d.slice(0, 10));
  const lo = Math.min(...dated.map((r) => t(r.date))), hi = Math.max(...dated.map((r) => t(r.date)));
  const W = 640, H = 56, pad = 24;
  const x = (d) => (hi === lo ? W / 2 : pad + ((t(d) - lo) / (hi - lo)) * (W - 2 * pad));
  const perDay = new Map();
  const dots = dated.map((r) => {
    const k = r.date.slice(0, 10);
    const n = perDay.get(k) ?? 0;
    perDay.set(k, n + 1);
    return svg('circle', { cx: x(r.date), cy: H - 18 - n * 9, r: 4, class: r.role === 'origin' ? 'dot origin' : 'dot echo' }, svg('title', {}, `${r.date} ${r.outlet ?? r.article}: ${r.role}`));
  });
  return svg('svg', { viewBox: `0 0 ${W} ${H + Math.max(0, ...perDay.values()) * 9}`, class: 'timeline-strip', role: 'img', 'aria-label': 'reports over time' },
    svg('line', { x1: pad, x2: W - pad, y1: H - 8, y2: H - 8, class: 'axis' }),
    svg('text', { x: pad, y: H + 6, class: 'tick' }, new Date(lo).toISOString().slice(0, 10)),
    hi > lo ? svg('text', { x: W - pad, y: H + 6, class: 'tick', 'text-anchor': 'end' }, new Date(hi).toISOString().slice(0, 10)) : '',
    dots);
}

export async function statementView({ arg, params }) {
  const offset = Number(params.offset ?? 0);
  const s = await api(`/api/statements/${encodeURIComponent(arg)}`, { limit: 50, offset });
  const total = s.reportCount ?? s.reports.length;
  const reports = s.reports.map((r) => el('li', { class: `report ${r.role}`, 'data-role': r.role },
    el('div', { class: 'when' }, r.date ?? 'undated'),
    el('div', { class: 'what' },
      el('div', {}, badge(r.role === 'origin' ? 'origin' : `echo: ${r.reason}`, r.role), ' ', el('b', {}, r.outlet ?? 'unknown outlet'), ' ',
        el('a', { href: route('article', r.article, { a: r.attribution }) }, 'read it in the article'),
        r.echoOf ? el('span', { class: 'meta' }, ' · echoes ', el('a', { href: route('article', r.echoOf.article, { a: r.echoOf.attribution }) }, 'this report')) : ''),
      el('blockquote', {}, r.content),
      el('div', { class: 'meta' }, 'relay chain: '), chainNode(r.chain.length ? r.chain : [r.speaker ?? '?', ...r.via.slice().reverse(), r.outlet ?? '?']),
      r.hedges.length ? el('div', { class: 'hedge-text' }, `hedged: ${r.hedges.join(', ')}`) : el('div', { class: 'meta' }, 'not hedged'),
      el('div', { class: 'meta' }, `origin ${r.origin}`))));
  return el('section', { class: 'statement-view' },
    el('h2', {}, s.speaker ?? 'No speaker named', ': ', el('q', {}, short(s.content, 300))),
    el('p', {}, `${plural(total, 'report')}: `, badge(plural(s.origins, 'independent origin'), 'origin'), ' ', badge(plural(s.echoes, 'echo', 'echoes'), 'echo'),
      ` · first ${[s.first.outlet, s.first.date].filter(Boolean).join(', ') || 'undated'} · `,
      el('a', { href: route('graph', null, { statement: s.id }), class: 'button', id: 'open-graph' }, 'Provenance graph')),
    timeline(s.reports),
    el('ol', { class: 'timeline' }, reports),
    pager({ total, limit: 50, offset }, (o) => go('statement', s.id, { offset: o })));
}

export async function speakerView({ params }) {
  const offset = Number(params.offset ?? 0);
  const who = params.entity ? { entity: params.entity } : { speaker: params.name };
  const [said, statements, entity] = await Promise.all([
    api('/api/attributions', { ...who, limit: 25, offset }),
    offset ? null : api('/api/statements', { ...who, reports: 0, limit: 10 }),
    params.entity ? api(`/api/entities/${encodeURIComponent(params.entity)}`).catch(() => null) : null,
  ]);
  const name = entity?.name ?? params.name ?? 'this speaker';
  return el('section', { class: 'speaker-view' },
    el('h2', {}, `Everything ${name} said`),
    entity ? el('p', { class: 'meta' }, `Written as ${entity.variants.slice(0, 8).map((v) => `${v.text} ×${v.count}`).join(', ')} · `, el('a', { href: route('entity', entity.id) }, 'the entity'), ' · ',
      el('a', { href: route('graph', null, { entity: entity.id }) }, 'provenance graph')) : '',
    statements && statements.items.length ? el('div', {}, el('h3', {}, `Statements (${fmt(statements.total)}), most reported first`), el('ol', { class: 'items' }, statements.items.map(statementItem))) : '',
    el('h3', {}, `${fmt(said.total)} attributions, newest first`),
    listOrEmpty(el('ol', { class: 'items', id: 'speaker-attributions', start: offset + 1 }, said.items.map((x) => el('li', { class: 'item' },
      el('a', { href: route('article', x.article.id, { a: x.index }), class: 'quote' }, '“', short(x.content, 240), '”'),
      el('div', { class: 'meta' }, [x.article.outlet, x.article.date, x.cue, x.via.length ? `via ${x.via.join(', ')}` : null].filter(Boolean).join(' · '), ' ',
        x.hedges.length ? badge(`hedged: ${x.hedges.join(', ')}`, 'hedged') : '',
        x.statement && x.statement.reports > 1 ? el('a', { href: route('statement', x.statement.id) }, ` · ${plural(x.statement.reports, 'report')}`) : '')))), `No attribution names ${name} as the speaker.`),
    pager(said, (o) => go('speaker', null, { ...params, offset: o })));
}
export { marked };
