// What keeps the server safe on a shared machine: security headers and a content security policy on every
// response, per-client rate limits, a bearer token for every write (compared in constant time; writes are
// off when no token is set), and bounds on what a request may ask. The routes stay in index.ts; each
// decides only whether it reads or writes.
import rateLimit from '@fastify/rate-limit';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface SecurityOptions {
  /** The token that write endpoints require (Authorization: Bearer TOKEN); writes are disabled without one. */
  token?: string | null;
  /** Requests a minute one client may make to read endpoints; 0 turns the limit off. */
  readsPerMinute?: number;
  /** Requests a minute one client may make to write endpoints; 0 turns the limit off. */
  writesPerMinute?: number;
}

export const DEFAULT_READS_PER_MINUTE = 1200;
export const DEFAULT_WRITES_PER_MINUTE = 30;
/** Shortest token accepted: a guessable token is no protection. */
export const MIN_TOKEN_LENGTH = 16;
/** Longest search query, in characters. */
export const MAX_QUERY_CHARS = 500;

/**
 * The page's policy: scripts, styles and requests only from this server, no inline script, no plugins, no
 * framing, no forms posting elsewhere. Article text reaches the page as JSON and becomes text nodes, so even
 * markup in an article cannot run; this policy is the second wall.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Headers on every response, errors included; API answers are never cached by a shared proxy. */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}

/** Per-client limits (by address): reads at `readsPerMinute`, writes (any method but GET and HEAD) at `writesPerMinute`. */
export function addRateLimits(app: FastifyInstance, options: SecurityOptions): void {
  const reads = options.readsPerMinute ?? DEFAULT_READS_PER_MINUTE;
  const writes = options.writesPerMinute ?? DEFAULT_WRITES_PER_MINUTE;
  if (!reads && !writes) return;
  // Registered on the root (the plugin is not encapsulated), before the routes' plugin: it applies to all of them.
  void app.register(rateLimit, {
    global: true,
    max: (req: FastifyRequest) => (isWrite(req) ? writes || Number.MAX_SAFE_INTEGER : reads || Number.MAX_SAFE_INTEGER),
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => `${isWrite(req) ? 'w' : 'r'}:${req.ip}`,
    cache: 10_000,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'E_RATE_LIMIT', message: `more than ${ctx.max} requests a minute from this client; wait ${Math.ceil(ctx.ttl / 1000)} s` }),
  });
}

const isWrite = (req: FastifyRequest) => req.method !== 'GET' && req.method !== 'HEAD';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Whether two tokens are equal, in time that depends on neither (both are hashed to the same length first). */
export function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** A preHandler for write routes: 403 when writes are off (no token set), 401 without the right bearer token. */
export function requireToken(token: string | null | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!token) {
      return reply.code(403).send({ error: 'E_WRITE_DISABLED', message: 'writing is disabled on this server: start it with --token or CROSSCHECK_TOKEN set to enable it' });
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m || !sameToken(m[1], token)) {
      reply.header('WWW-Authenticate', 'Bearer realm="crosscheck"');
      return reply.code(401).send({ error: 'E_UNAUTHORIZED', message: 'this endpoint needs the header "Authorization: Bearer TOKEN" with the server\'s token' });
    }
  };
}

/** Whether a host name or address is loopback only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
