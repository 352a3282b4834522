// Builds the page: web/src/main.js and what it imports (graphology, its ForceAtlas2 layout, d3-geo,
// topojson-client) bundled by esbuild into dist/web/app.js, one ES module with no inline script, and the base
// map (Natural Earth countries at 1:50m, from the world-atlas package) copied to dist/web/countries.json.
// The server serves these two files from its fixed table (src/server/static.ts). Run by `npm run build`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
await build({
  entryPoints: [join(root, 'web', 'src', 'main.js')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
copyFileSync(require.resolve('world-atlas/countries-50m.json'), join(out, 'countries.json'));
