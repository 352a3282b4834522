// The API reference as Markdown (docs/API.md), rendered from the OpenAPI document.
type Schema = Record<string, any>;

const refName = (s: Schema | undefined): string | null => (s && typeof s.$ref === 'string' ? s.$ref.split('/').pop()! : null);
function typeText(s: Schema | undefined): string {
  if (!s) return '';
  const r = refName(s);
  if (r) return `[${r}](#${r.toLowerCase()})`;
  if (s.type === 'array') return `${typeText(s.items)}[]`;
  if (s.enum) return s.enum.map((x: string) => `\`${x}\``).join(' \\| ');
  if (s.type === 'object' && s.properties?.items && s.properties?.total) return `page of ${typeText(s.properties.items.items)}`;
  return `${s.type ?? 'any'}${s.nullable ? ' or null' : ''}`;
}
const cell = (s: unknown) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function apiMarkdown(doc: Schema): string {
  const out: string[] = [`# crosscheck HTTP API ${doc.info.version}`, '', '<!-- Generated from /api/openapi.json by scripts/api-doc.mjs: do not edit by hand. -->', '', doc.info.description, '',
    '`crosscheck serve` serves it on 127.0.0.1:7311; the document itself is at `/api/openapi.json` and a browsable page at `/api/docs`.', ''];
  for (const tag of doc.tags) {
    out.push(`## ${tag.name}`, '', tag.description, '');
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.tags[0] !== tag.name) continue;
        out.push(`### \`${method.toUpperCase()} ${path}\``, '', `${op.summary}.${op.description ? ` ${op.description}` : ''}`, '');
        if (op.parameters?.length) {
          out.push('| parameter | in | type | description |', '|---|---|---|---|');
          for (const p of op.parameters) out.push(`| \`${p.name}\`${p.required ? ' (required)' : ''} | ${p.in} | ${cell(typeText(p.schema))}${p.schema.default != null ? `, default ${p.schema.default}` : ''} | ${cell(p.description)} |`);
          out.push('');
        }
        out.push('Answers: ' + Object.entries(op.responses as Record<string, Schema>).map(([code, r]) => `**${code}** ${r.content?.['application/json']?.schema ? `${typeText(r.content['application/json'].schema)} ` : ''}${r.description}`).join('; '), '');
      }
    }
  }
  out.push('## Schemas', '');
  for (const [name, s] of Object.entries(doc.components.schemas as Record<string, Schema>)) {
    out.push(`### ${name}`, '');
    if (s.description) out.push(s.description, '');
    out.push('| field | type | description |', '|---|---|---|');
    for (const [k, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) out.push(`| \`${k}\`${(s.required ?? []).includes(k) ? '' : ' (optional)'} | ${cell(typeText(p))} | ${cell(p.description)} |`);
    out.push('');
  }
  return out.join('\n');
}
