// The browsable API reference: renders /api/openapi.json (operations by tag, their parameters, answers and the
// record schemas) and lets a GET be tried from the page. Built with elements and text nodes only.
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c != null && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};

const refName = (s) => (s && s.$ref ? s.$ref.split('/').pop() : null);
function typeText(s) {
  if (!s) return '';
  const r = refName(s);
  if (r) return r;
  if (s.type === 'array') return `${typeText(s.items)}[]`;
  if (s.enum) return s.enum.join(' | ');
  if (s.type === 'object' && s.properties?.items) return `page of ${typeText(s.properties.items.items)}`;
  return `${s.type ?? 'any'}${s.nullable ? ' or null' : ''}`;
}
function schemaLink(s) {
  const name = refName(s) ?? refName(s?.items) ?? refName(s?.properties?.items?.items);
  return name ? el('a', { href: `#schema-${name}` }, typeText(s)) : typeText(s);
}

function tryIt(path, op) {
  const out = el('pre', { class: 'response' });
  const form = el('form', { class: 'filters', onsubmit: async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    let url = path;
    const qs = new URLSearchParams();
    for (const p of op.parameters ?? []) {
      const v = String(f.get(p.name) ?? '').trim();
      if (!v) continue;
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(v)); else qs.set(p.name, v);
    }
    if (qs.size) url += `?${qs}`;
    out.textContent = `GET ${url} …`;
    const r = await fetch(url);
    const text = await r.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON */ }
    out.textContent = `GET ${url} → ${r.status}\n${shown.length > 20000 ? `${shown.slice(0, 20000)}\n…` : shown}`;
  } },
  (op.parameters ?? []).map((p) => el('label', {}, `${p.name} `, el('input', { name: p.name, placeholder: p.schema?.default != null ? String(p.schema.default) : p.required ? 'required' : '', required: p.required && p.in === 'path' }))),
  el('button', {}, 'Try it'));
  return el('details', {}, el('summary', {}, 'Try it'), form, out);
}

function operation(path, method, op) {
  return el('section', { class: 'operation', id: op.operationId },
    el('h3', {}, el('code', {}, `${method.toUpperCase()} ${path}`), ' ', op.summary),
    op.description ? el('p', {}, op.description) : '',
    op.parameters?.length ? el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['parameter', 'in', 'type', 'description'].map((h) => el('th', {}, h)))),
      el('tbody', {}, op.parameters.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.name), p.required ? ' (required)' : ''), el('td', {}, p.in), el('td', {}, typeText(p.schema)), el('td', {}, p.description))))) : '',
    el('p', {}, 'Answers: ', Object.entries(op.responses).map(([code, r], i) => [i ? ', ' : '', el('b', {}, code), ' ', r.content?.['application/json']?.schema ? schemaLink(r.content['application/json'].schema) : '', ` ${r.description}`])),
    method === 'get' ? tryIt(path, op) : '');
}

function schema(name, s) {
  return el('section', { class: 'schema', id: `schema-${name}` },
    el('h3', {}, name),
    el('table', { class: 'grid' }, el('tbody', {}, Object.entries(s.properties ?? {}).map(([k, p]) => el('tr', {},
      el('td', {}, el('code', {}, k), (s.required ?? []).includes(k) ? '' : ' (optional)'), el('td', {}, schemaLink(p)), el('td', {}, p.description ?? ''))))));
}

const doc = await (await fetch('/api/openapi.json')).json();
const byTag = new Map(doc.tags.map((t) => [t.name, []]));
for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) byTag.get(op.tags[0])?.push(operation(path, method, op));
document.getElementById('doc').replaceChildren(
  el('h2', {}, `${doc.info.title} ${doc.info.version}`),
  el('p', {}, doc.info.description),
  el('nav', { class: 'chips' }, doc.tags.map((t) => el('a', { class: 'chip', href: `#tag-${t.name}` }, t.name)), el('a', { class: 'chip', href: '#schemas' }, 'schemas')),
  doc.tags.map((t) => el('div', { id: `tag-${t.name}` }, el('h2', {}, t.name), el('p', { class: 'meta' }, t.description), byTag.get(t.name))),
  el('h2', { id: 'schemas' }, 'Schemas'),
  Object.entries(doc.components.schemas).map(([n, s]) => schema(n, s)));
