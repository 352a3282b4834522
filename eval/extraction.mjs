#!/usr/bin/env node
// Scores `crosscheck extract` on the article-extraction benchmark with ../shared/eval/extraction-score.mjs.
// Usage: node eval/extraction.mjs [--json]   (the pages and the true texts stay in ../shared; nothing is copied)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CROSSCHECK_SHARED ?? join(root, '..', 'shared');
const bench = join(shared, 'benchmarks', 'article-extraction');
// Exit status 1 only says that some page gave no text: those pages score 0, as they should.
const run = spawnSync(process.execPath, [join(root, 'bin', 'crosscheck.js'), 'extract', '--format', 'jsonl', join(bench, 'html')], { maxBuffer: 1 << 30, encoding: 'utf8' });
if (run.status !== 0 && run.status !== 1) { process.stderr.write(run.stderr); process.exit(run.status ?? 2); }
if (run.stderr) process.stderr.write(run.stderr);
const out = run.stdout;
const pred = {};
for (const line of out.split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  pred[basename(r.file).replace(/\.html?(\.gz)?$/, '')] = { articleBody: r.text };
}
const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-extraction-'));
try {
  const file = join(tmp, 'pred.json');
  writeFileSync(file, JSON.stringify(pred));
  const args = [join(shared, 'eval', 'extraction-score.mjs'), '--truth', join(bench, 'ground-truth.json'), '--pred', file];
  if (process.argv.includes('--json')) args.push('--json');
  process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
