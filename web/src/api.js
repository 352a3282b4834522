// The page's calls to the HTTP API (JSON only); an error answer becomes an Error with the server's message.
export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') qs.set(k, String(v));
  const url = qs.size ? `${path}?${qs}` : path;
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw Object.assign(new Error(body.message ?? `${url}: ${r.status}`), { status: r.status });
  return body;
}
