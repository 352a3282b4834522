// The page's files: a fixed table from URL to file, read once and kept in memory. No route maps a URL to a
// path it computes, so no URL reaches a file outside this table. The sources are in web/; the bundle that
// scripts/build-web.mjs writes (the page's script and the base map) is in dist/web/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StaticFile {
  /** Where the file is: the page's sources (web/) or the built bundle (dist/web/). */
  root: 'web' | 'build';
  file: string;
  type: string;
}

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export const STATIC_FILES: Record<string, StaticFile> = {
  '/': { root: 'web', file: 'index.html', type: HTML },
  '/index.html': { root: 'web', file: 'index.html', type: HTML },
  '/style.css': { root: 'web', file: 'style.css', type: CSS },
  '/app.js': { root: 'build', file: 'app.js', type: JS },
  '/api/docs': { root: 'web', file: 'api.html', type: HTML },
  '/api-docs.js': { root: 'web', file: 'api-docs.js', type: JS },
  '/countries.json': { root: 'build', file: 'countries.json', type: JSON_TYPE },
};

/** Reads each file of the table on first use; a missing build says how to make it. */
export function staticFiles(webRoot: string, buildRoot: string) {
  const cache = new Map<string, Promise<Buffer>>();
  return (url: string): { body: Promise<Buffer>; type: string } | null => {
    const f = STATIC_FILES[url];
    if (!f) return null;
    let body = cache.get(url);
    if (!body) {
      const at = join(f.root === 'web' ? webRoot : buildRoot, f.file);
      body = readFile(at).catch((e: NodeJS.ErrnoException) => {
        cache.delete(url);
        throw Object.assign(new Error(e.code === 'ENOENT' ? `${at} is missing: run npm run build` : e.message), { statusCode: 500 });
      });
      cache.set(url, body);
    }
    return { body, type: f.type };
  };
}
