// Routes are hashes: #/name/arg?k=v. Views link to each other with route(); the page reads currentRoute().
export function currentRoute() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?');
  const [name = '', ...rest] = path.split('/');
  return { name: decodeURIComponent(name), arg: decodeURIComponent(rest.join('/')), params: Object.fromEntries(new URLSearchParams(query)) };
}

/** route('article', id, { a: 3 }) → #/article/ID?a=3 */
export function route(name, arg, params = {}) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  return `#/${name}${arg != null && arg !== '' ? `/${encodeURIComponent(arg)}` : ''}${qs.size ? `?${qs}` : ''}`;
}

/** Replace the route's parameters without a new history entry when only the page of a list changes. */
export function go(name, arg, params) {
  location.hash = route(name, arg, params);
}
