// Writes docs/API.md from the OpenAPI document the server serves (src/server/openapi.ts), so that the reference
// and /api/openapi.json cannot disagree; test/server/api.test.ts checks that the file is up to date.
//   npm run build && node scripts/api-doc.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiMarkdown } from '../dist/src/server/api-doc.js';
import { openApiDocument } from '../dist/src/server/openapi.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync(join(root, 'docs', 'API.md'), apiMarkdown(openApiDocument(version)));
console.log('wrote docs/API.md');
