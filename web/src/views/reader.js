// The article reader: the text with every record marked where it stands (statements, speakers, cues, relays,
// hedges, numbers, people, units and places), and beside it the record a click selects, explained, with the
// links to the rest of the store (the statement it reports, the conflict a number is in, the speaker's entity).
import { api } from '../api.js';
import { $, badge, el, fmt, plural, short, valueText, webLink } from '../dom.js';
import { route } from '../router.js';

// When spans of the same length overlap, the more specific one takes the click.
const PRIORITY = { quantity: 7, hedge: 6, relay: 5, speaker: 4, cue: 3, mention: 2, attribution: 1 };

/** Every marked span of an analysis record: { s, e, kind, i, j, cls }. */
export function spansOf(rec) {
  const spans = [];
  const ok = (s, e) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s;
  rec.attributions.forEach((a, i) => {
    if (ok(a.start, a.end)) spans.push({ s: a.start, e: a.end, kind: 'attribution', i, cls: `content kind-${a.kind}${a.hedges.length ? ' hedged' : ''}` });
    if (a.speaker && ok(a.speaker.start, a.speaker.end) && a.continues == null) spans.push({ s: a.speaker.start, e: a.speaker.end, kind: 'speaker', i, cls: 'speaker' });
    if (ok(a.cueStart, a.cueEnd) && a.continues == null) spans.push({ s: a.cueStart, e: a.cueEnd, kind: 'cue', i, cls: 'cue' });
    (a.relays ?? []).forEach((r, j) => { if (ok(r.start, r.end)) spans.push({ s: r.start, e: r.end, kind: 'relay', i, j, cls: 'relay' }); });
    (a.hedgeSpans ?? []).forEach((h, j) => { if (ok(h.start, h.end)) spans.push({ s: h.start, e: h.end, kind: 'hedge', i, j, cls: 'hedge-word' }); });
  });
  rec.quantities.forEach((q, i) => { if (ok(q.numberStart, q.numberEnd)) spans.push({ s: q.numberStart, e: q.numberEnd, kind: 'quantity', i, cls: `number cat-${q.category}` }); });
  (rec.mentions ?? []).forEach((m, i) => {
    if (m.kind !== 'outlet' && ok(m.start, m.end)) spans.push({ s: m.start, e: m.end, kind: 'mention', i, cls: `mention kind-${m.kind}` });
  });
  return spans;
}

/** The text cut at every span boundary; each piece carries the classes of the spans over it and clicks to the innermost. */
function markedText(text, rec, onPick) {
  const spans = spansOf(rec).filter((x) => x.e <= text.length);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((x) => [x.s, x.e])])].sort((a, b) => a - b);
  // Spans by start, to find those over each piece without scanning all of them each time.
  const open = [];
  const byStart = [...spans].sort((a, b) => a.s - b.s);
  let next = 0;
  const frag = document.createDocumentFragment();
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k], b = cuts[k + 1];
    while (next < byStart.length && byStart[next].s <= a) open.push(byStart[next++]);
    for (let x = open.length - 1; x >= 0; x--) if (open[x].e <= a) open.splice(x, 1);
    const piece = text.slice(a, b);
    if (!open.length) { frag.append(document.createTextNode(piece)); continue; }
    const inner = open.reduce((m, x) => ((x.e - x.s < m.e - m.s) || (x.e - x.s === m.e - m.s && PRIORITY[x.kind] > PRIORITY[m.kind]) ? x : m));
    const node = el('span', { class: [...new Set(open.map((x) => x.cls))].join(' '), 'data-kind': inner.kind, 'data-index': inner.i, 'data-sub': inner.j }, piece);
    node.addEventListener('click', (ev) => { ev.stopPropagation(); onPick(inner.kind, inner.i, inner.j); });
    frag.append(node);
  }
  return frag;
}

function dl(rows) {
  const d = el('dl');
  for (const [k, v] of rows) {
    if (v == null || v === '' || (Array.isArray(v) && !v.length)) continue;
    d.append(el('dt', {}, k), el('dd', {}, v));
  }
  return d;
}

/** The relay chain of an attribution as this article gives it: speaker, the relays farthest first, the outlet. */
export function chainNode(chain) {
  return el('ol', { class: 'chain' }, chain.map((c, k) => el('li', { class: k === 0 ? 'from' : k === chain.length - 1 ? 'to' : 'via' }, c)));
}

export async function readerView({ arg, params }) {
  const d = await api(`/api/articles/${encodeURIComponent(arg)}`);
  const a = d.article;
  const rec = d.analysis ?? { attributions: [], quantities: [], mentions: [] };
  const links = d.links ?? { attributions: [], quantities: [], mentions: [], reuse: 0 };
  const statementOf = new Map(links.attributions.map((x) => [x.index, x]));
  const groupOf = new Map(links.quantities.map((x) => [x.index, x]));
  const entityOf = new Map(links.mentions.map((x) => [x.index, x.entity]));
  const mentions = rec.mentions ?? [];

  /** The entity of a speaker: the person mention its name resolves to in this article. */
  const speakerEntity = (name) => {
    if (!name) return null;
    const i = mentions.findIndex((m) => (m.kind === 'person' || m.kind === 'organisation' || m.kind === 'unit') && m.name.toLowerCase() === name.toLowerCase());
    return i >= 0 ? entityOf.get(i) ?? null : null;
  };
  const side = el('div', { class: 'record', id: 'record' });
  const select = (kind, i, j) => {
    text.querySelectorAll('.selected').forEach((n) => n.classList.remove('selected'));
    const targetKind = kind === 'cue' || kind === 'hedge' ? 'attribution' : kind;
    const nodes = text.querySelectorAll(`[data-kind="${kind}"][data-index="${i}"]`);
    nodes.forEach((n) => n.classList.add('selected'));
    if (targetKind === 'attribution') text.querySelectorAll(`[data-kind="attribution"][data-index="${i}"]`).forEach((n) => n.classList.add('selected'));
    side.replaceChildren(explain(kind, i, j));
    side.dataset.kind = kind;
    side.dataset.index = i;
  };

  function explain(kind, i, j) {
    if (kind === 'quantity') return explainQuantity(i);
    if (kind === 'mention') return explainMention(i);
    if (kind === 'speaker') return explainSpeaker(i);
    return explainAttribution(i, kind === 'relay' ? j : null);
  }

  function explainAttribution(i, relay) {
    const x = rec.attributions[i];
    const s = statementOf.get(i);
    const chain = [x.speaker?.name ?? '(no speaker named)', ...[...x.via].reverse(), a.outlet ?? 'this article'];
    const sp = x.speaker;
    return el('div', {},
      el('h3', {}, relay != null ? 'Relay' : 'Attribution', ' ', badge(x.kind), x.hedges.length ? badge('hedged', 'hedged') : ''),
      el('blockquote', {}, x.content),
      dl([
        ['speaker', sp ? el('a', { href: '#', class: 'speaker-link', onclick: (ev) => { ev.preventDefault(); select('speaker', i); } }, sp.name) : 'no speaker in the text'],
        ['as written', sp && sp.text !== sp.name ? `${sp.text} (${sp.resolution}, confidence ${sp.confidence})` : null],
        ['speaker is', sp?.type],
        ...Object.entries(sp?.attributes ?? {}).map(([k, v]) => [k, String(v)]),
        ['cue', x.cue],
        ['relay chain', chainNode(chain)],
        ['relays', (x.relays ?? []).map((r, k) => el('div', { class: k === relay ? 'picked' : '' }, `${r.name}: “${r.text}”${r.channel ? ` (${r.channel})` : ''}`))],
        ['hedges', x.hedges.length ? el('span', { class: 'hedge-text' }, x.hedges.join(', ')) : 'none: reported as fact'],
        ['confidence', String(x.confidence)],
        ['offsets', `${x.start}–${x.end}`],
      ]),
      s ? el('div', { class: 'statement-box' },
        el('p', {}, `Reported ${plural(s.reports, 'time')} across the store: ${plural(s.origins, 'independent origin')}, ${plural(s.echoes, 'echo', 'echoes')}. This report is ${s.role === 'echo' ? 'an echo' : 'an origin'}.`),
        el('a', { href: route('statement', s.statement), class: 'button', id: 'open-statement' }, 'Open the statement'), ' ',
        el('a', { href: route('graph', null, { statement: s.statement }), class: 'button' }, 'Its provenance graph'))
        : el('p', { class: 'hint' }, 'Not linked to a statement across articles (too short, or not linked yet).'));
  }

  function explainSpeaker(i) {
    const x = rec.attributions[i];
    const name = x.speaker.name;
    const own = rec.attributions.map((y, k) => [y, k]).filter(([y]) => y.speaker && y.speaker.name === name);
    const entity = speakerEntity(name);
    return el('div', {},
      el('h3', {}, 'Speaker: ', name),
      dl([['as written', x.speaker.text], ['resolved by', `${x.speaker.resolution}, confidence ${x.speaker.confidence}`], ['speaker is', x.speaker.type],
        ...Object.entries(x.speaker.attributes ?? {}).map(([k, v]) => [k, String(v)])]),
      el('a', { href: route('speaker', null, { name, entity }), class: 'button', id: 'follow-speaker' }, `Everything ${name} said, across the store`),
      entity ? el('a', { href: route('entity', entity), class: 'button' }, 'Entity and spellings') : '',
      el('h4', {}, `In this article (${own.length})`),
      el('ol', { class: 'said-here' }, own.map(([y, k]) => el('li', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); focus('attribution', k); } }, short(y.content, 140))))));
  }

  function explainQuantity(i) {
    const q = rec.quantities[i];
    const g = groupOf.get(i);
    return el('div', {},
      el('h3', {}, 'Number ', badge(q.category)),
      el('blockquote', {}, q.text),
      dl([
        ['value', valueText(q)], ['approximation', q.approx], ['vague', q.vague ? 'yes: a range with no number in it' : null], ['counted', q.unit],
        ['claimant', q.claimant ?? 'the article itself'], ['place', q.place ? `${q.place.name} (“${q.place.text}”, ${q.place.id})` : null],
        ['date', q.date ? `${q.date.date} (“${q.date.text}”, ${q.date.precision})` : null], ['offsets', `${q.numberStart}–${q.numberEnd}`],
      ]),
      g ? el('div', { class: 'statement-box' },
        el('p', {}, g.conflict ? `Conflicts with other figures about the same thing (${plural(g.members, 'figure')}).` : `One of ${plural(g.members, 'figure')} about the same thing; they agree.`),
        g.conflict ? el('a', { href: route('conflict', g.group), class: 'button', id: 'open-conflict' }, 'Open the conflict') : '') : '',
      el('a', { href: route('figure', null, { category: q.category, place: q.place?.id }), class: 'button' }, `${q.category} figures${q.place ? ` in ${q.place.name}` : ''} over time`));
  }

  function explainMention(i) {
    const m = mentions[i];
    const entity = entityOf.get(i);
    return el('div', {},
      el('h3', {}, m.name, ' ', badge(m.kind)),
      dl([['as written', m.text], ['resolved by', `${m.resolution}, confidence ${m.confidence}`], ['title', m.title], ['role', m.role],
        ['place', m.place ? `${m.place.name}, ${m.place.country} (${m.place.lat.toFixed(2)}, ${m.place.lon.toFixed(2)})` : null]]),
      entity ? el('a', { href: route('entity', entity), class: 'button' }, 'The entity: spellings and articles') : '',
      m.kind === 'person' ? el('a', { href: route('speaker', null, { name: m.name, entity }), class: 'button' }, `What ${m.name} said`) : '');
  }

  // On a narrow screen the record is below the text: a click on a passage brings it into view, and the record
  // has a way back to the passage.
  const stacked = () => side.getBoundingClientRect().top >= text.getBoundingClientRect().bottom - 1;
  const pickInText = (kind, i, j) => {
    select(kind, i, j);
    if (!stacked()) return;
    const picked = text.querySelector('.selected');
    side.prepend(el('button', { class: 'back-to-text', onclick: () => picked?.scrollIntoView({ block: 'center' }) }, '↑ back to the passage'));
    side.scrollIntoView({ block: 'start' });
  };
  const text = el('div', { class: 'reader-text', lang: a.meta?.language ?? 'en' }, markedText(a.text, rec, pickInText));
  const focus = (kind, i) => {
    select(kind, i);
    text.querySelector(`[data-kind="${kind}"][data-index="${i}"]`)?.scrollIntoView({ block: 'center' });
  };

  const records = el('div', { class: 'records' },
    el('h3', {}, `Attributions (${rec.attributions.length})`),
    el('ol', { class: 'record-list' }, rec.attributions.map((x, i) => el('li', { class: x.hedges.length ? 'hedged' : '' },
      el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); focus('attribution', i); } }, el('b', {}, x.speaker?.name ?? '—'), ': ', short(x.content, 90)),
      x.via.length ? el('span', { class: 'meta' }, ` via ${x.via.join(', ')}`) : '',
      statementOf.get(i)?.reports > 1 ? badge(`${statementOf.get(i).reports} reports`) : ''))),
    el('h3', {}, `Numbers (${rec.quantities.length})`),
    el('ol', { class: 'record-list' }, rec.quantities.map((q, i) => el('li', {},
      el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); focus('quantity', i); } }, el('b', {}, valueText(q)), ` ${q.unit ?? ''} · ${q.category}`),
      groupOf.get(i)?.conflict ? badge('conflict', 'conflict') : ''))));

  const legend = el('p', { class: 'legend' },
    el('span', { class: 'content' }, 'statement'), el('span', { class: 'speaker' }, 'speaker'), el('span', { class: 'cue' }, 'cue'),
    el('span', { class: 'relay' }, 'relay'), el('span', { class: 'hedge-word' }, 'hedge'), el('span', { class: 'number' }, 'number'),
    el('span', { class: 'mention kind-person' }, 'person'), el('span', { class: 'mention kind-unit' }, 'unit'), el('span', { class: 'mention kind-place' }, 'place'));

  const view = el('div', { class: 'reader' },
    el('article', {},
      el('h2', { id: 'article-title' }, a.title ?? '(no title)'),
      el('p', { class: 'meta' }, [a.outlet, a.date, `version ${a.version}`, `id ${a.id}`].filter(Boolean).join(' · '), ' ', webLink(a.url, 'original')),
      el('p', { class: 'meta' },
        el('a', { href: route('graph', null, { article: a.id }) }, 'Provenance graph of its statements'), ' · ',
        el('a', { href: route('statements', null, { article: a.id }) }, 'Its statements across articles'), ' · ',
        links.reuse ? el('a', { href: route('reuse', a.id) }, `${plural(links.reuse, 'article')} sharing text`) : 'no reuse found',
        d.versions.length > 1 ? ` · ${d.versions.length} versions` : ''),
      legend, text),
    el('aside', {}, side, records));
  side.append(el('p', { class: 'hint' }, d.analysis ? `${plural(rec.attributions.length, 'attribution')} and ${plural(rec.quantities.length, 'number')}. Click a marked passage to see its record.` : 'This article was not analysed.'));
  // A link to one record (#/article/ID?a=3, ?q=2) opens it selected.
  setTimeout(() => {
    if (params.a != null && rec.attributions[Number(params.a)]) focus('attribution', Number(params.a));
    else if (params.q != null && rec.quantities[Number(params.q)]) focus('quantity', Number(params.q));
  }, 0);
  return view;
}
