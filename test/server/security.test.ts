// The server on a shared machine: loopback by default, headers and a content security policy on every
// answer, writes only with the token (compared in constant time), limits on size and rate, no way from a
// URL to a file outside the page, and article text that never becomes markup in the browser.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { WEB_ROOT } from '../../src/cli/serve.js';
import { buildServer } from '../../src/server/index.js';
import { CONTENT_SECURITY_POLICY, isLoopback, sameToken } from '../../src/server/security.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers.js';

const TOKEN = 'test-token-0123456789abcdef';
const HOSTILE = 'The soldier said 3 tanks were lost. <script>alert(1)</script><img src=x onerror=alert(2)> "><svg onload=alert(3)>';

function setup(options: Parameters<typeof buildServer>[1] extends infer O ? Partial<O> : never = {}) {
  const store = new SqliteStore(join(tempDir(), 's.db'));
  const app = buildServer(store, { webRoot: WEB_ROOT, token: TOKEN, ...options });
  return { store, app, close: async () => { await app.close(); await store.close(); } };
}

const post = (app: ReturnType<typeof buildServer>, body: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/ingest', payload: body, headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}`, ...headers } });

test('every answer carries the security headers and the content security policy', async () => {
  const { app, close } = setup();
  for (const url of ['/', '/app.js', '/api/stats', '/api/articles/zzzz', '/nosuch', '/api/search']) {
    const r = await app.inject({ url });
    assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY, url);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(r.headers['x-frame-options'], 'DENY', url);
    assert.equal(r.headers['referrer-policy'], 'no-referrer', url);
    if (url.startsWith('/api/')) assert.equal(r.headers['cache-control'], 'no-store', url);
  }
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*/);
  await close();
});

test('POST /api/ingest: off without a token, 401 without the right one, stores articles with it', async () => {
  const off = setup({ token: null });
  const body = JSON.stringify({ title: 'Posted', text: HOSTILE, url: 'https://www.example.com/posted' });
  assert.equal((await post(off.app, body)).statusCode, 403);
  assert.match((await post(off.app, body)).json().message, /--token or CROSSCHECK_TOKEN/);
  await off.close();
  const { app, store, close } = setup();
  const none = await post(app, body, { authorization: '' });
  assert.equal(none.statusCode, 401);
  assert.match(none.headers['www-authenticate'] as string, /Bearer/);
  assert.equal((await post(app, body, { authorization: `Bearer ${TOKEN}x` })).statusCode, 401);
  assert.equal((await post(app, body, { authorization: `Basic ${TOKEN}` })).statusCode, 401);
  assert.equal((await store.stats()).articles, 0, 'nothing stored by refused requests');
  const ok = await post(app, body + '\n{not json\n' + JSON.stringify({ title: 'Second', text: 'The mayor said 4 people were hurt.' }));
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().new, 2);
  assert.equal(ok.json().diagnostics[0].line, 2);
  assert.equal(ok.json().diagnostics[0].code, 'E_JSON');
  assert.equal((await post(app, body)).json().unchanged, 1, 'posting again changes nothing');
  const arr = await post(app, JSON.stringify([{ text: 'The governor said 9 drones were downed.' }]), { 'content-type': 'application/json; charset=utf-8' });
  assert.equal(arr.json().new, 1);
  assert.equal((await app.inject({ url: '/api/search?q=drones' })).json().articles.total, 1);
  assert.equal((await post(app, 'x', { 'content-type': 'text/plain' })).statusCode, 415);
  assert.equal((await post(app, 'text=x', { 'content-type': 'application/x-www-form-urlencoded' })).statusCode, 415);
  assert.equal((await post(app, '{"title":"no text"}')).statusCode, 422);
  await close();
});

test('request size and rate limits', async () => {
  const { app, close } = setup({ maxIngestBytes: 10_000, readsPerMinute: 5, writesPerMinute: 2 });
  const big = JSON.stringify({ text: 'x'.repeat(20_000) });
  assert.equal((await post(app, big)).statusCode, 413);
  assert.equal((await app.inject({ url: `/api/search?q=${'a'.repeat(600)}` })).statusCode, 400);
  const codes: number[] = [];
  for (let i = 0; i < 7; i++) codes.push((await app.inject({ url: '/api/stats' })).statusCode);
  assert.deepEqual(codes.slice(0, 4), [200, 200, 200, 200]);
  const limited = await app.inject({ url: '/api/stats' });
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json().error, 'E_RATE_LIMIT');
  assert.ok(limited.headers['retry-after']);
  // Writes have their own, smaller budget (the 413 above was the first).
  assert.equal((await post(app, JSON.stringify({ text: 'The general said 5 soldiers died.' }))).statusCode, 200);
  assert.equal((await post(app, JSON.stringify({ text: 'Again.' }))).statusCode, 429);
  await close();
});

test('no URL reaches a file outside the page', async () => {
  const { app, close } = setup();
  const urls = ['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/app.js/../../package.json', '/web/../package.json',
    '//etc/passwd', '/..\\package.json', '/index.html%00.js', '/api/articles/..%2f..%2fpackage.json', '/api/articles/%2e%2e', '/style.css?../../package.json', '/app.js%2f..%2f..%2fpackage.json'];
  for (const url of urls) {
    const r = await app.inject({ url });
    assert.ok(r.statusCode === 404 || r.statusCode === 400 || (url.startsWith('/style.css') && r.statusCode === 200), `${url}: ${r.statusCode}`);
    assert.doesNotMatch(r.body, /"name": "crosscheck"|root:x:0/, url);
  }
  await close();
});

test('article content never executes: JSON from the API, text nodes in the page', async () => {
  const { app, close } = setup();
  await post(app, JSON.stringify({ title: '<b>title</b>', text: HOSTILE }));
  const list = (await app.inject({ url: '/api/articles' })).json();
  const detail = await app.inject({ url: `/api/articles/${list.items[0].id}` });
  assert.match(detail.headers['content-type'] as string, /^application\/json/);
  assert.ok(detail.json().article.text.includes('<script>'), 'stored as text, as written');
  await close();
  // The page's scripts build the DOM from text: no HTML sinks, no eval, no inline script in the HTML.
  const files = readdirSync(WEB_ROOT, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
  assert.ok(files.some((f) => f.endsWith('reader.js')) && files.some((f) => f.endsWith('dom.js')), 'the page\'s sources are scanned');
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    if (f.endsWith('.js')) {
      for (const sink of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new\s+Function\s*\(/, /setTimeout\s*\(\s*['"`]/, /setInterval\s*\(\s*['"`]/, /createContextualFragment/, /DOMParser/, /srcdoc/, /javascript:/i]) {
        assert.doesNotMatch(src, sink, `${f} uses ${sink}`);
      }
      // Links built from article data are http(s) only: every href goes through the page's routes or an http(s) check.
      for (const m of src.matchAll(/href:\s*([^,}]+)/g)) assert.ok(m[1].includes('#') || /route\(/.test(m[1]) || /https\?/.test(src.slice(Math.max(0, m.index! - 200), m.index!)), `${f}: href from ${m[1]} is not checked to be http(s)`);
      // Inline styles are refused by the policy (style-src 'self'): the page must not depend on them.
      assert.doesNotMatch(src, /\bstyle:\s*[`'"]/, `${f}: inline style attribute`);
    }
    if (f.endsWith('.html')) {
      for (const m of src.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) assert.equal(m[1].trim(), '', `${f}: inline script`);
      assert.doesNotMatch(src, /\son[a-z]+\s*=/i, `${f}: inline event handler`);
    }
  }
});

test('serve binds to 127.0.0.1 unless told otherwise', async () => {
  assert.ok(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost'));
  assert.ok(!isLoopback('0.0.0.0') && !isLoopback('192.168.1.2') && !isLoopback('::'));
  assert.ok(sameToken('a'.repeat(20), 'a'.repeat(20)) && !sameToken('a'.repeat(20), 'a'.repeat(21)) && !sameToken('', 'x'));
  const db = join(tempDir(), 's.db');
  const child = spawn(process.execPath, [join(WEB_ROOT, '..', 'bin', 'crosscheck.js'), 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CROSSCHECK_TOKEN: '' } });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => { out += c; if (out.includes('\n')) resolve(out); });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      setTimeout(() => reject(new Error('serve printed nothing in 60 s')), 60_000);
    });
    assert.match(line, /at http:\/\/127\.0\.0\.1:\d+\/ \(writes: off, no token set\)/);
  } finally {
    child.kill('SIGTERM');
  }
});
