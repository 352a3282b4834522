#!/usr/bin/env node
// Runs crosscheck's analyzer on the shared gold sets and prints the scorer's tables.
// Usage: node eval/run.mjs [seeds|dev|test|all] [--json]   (default: seeds and dev; test only when asked)
// The gold and the scorer stay in ../shared/eval; nothing is copied into the project.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CROSSCHECK_SHARED ?? join(root, '..', 'shared');
const bin = join(root, 'bin', 'crosscheck.js');
const args = process.argv.slice(2);
const json = args.includes('--json');
const which = args.find((a) => !a.startsWith('--')) ?? 'default';
const bench = join(shared, 'benchmarks', 'polnear');
const sets = {
  seeds: { texts: join(shared, 'seeds'), gold: join(shared, 'eval', 'gold', 'seeds') },
  dev: { texts: join(bench, 'dev', 'text'), gold: join(bench, 'dev', 'gold') },
  test: { texts: join(bench, 'test', 'text'), gold: join(bench, 'test', 'gold') },
};
const chosen = which === 'all' ? ['seeds', 'dev', 'test'] : which === 'default' ? ['seeds', 'dev'] : [which];
if (!existsSync(join(shared, 'eval', 'score.mjs'))) {
  console.error(`eval: no scorer at ${join(shared, 'eval', 'score.mjs')}; set CROSSCHECK_SHARED to the shared folder`);
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-eval-'));
const results = {};
try {
  for (const name of chosen) {
    const set = sets[name];
    if (!set) { console.error(`eval: unknown set "${name}" (seeds, dev, test, all)`); process.exit(2); }
    const files = readdirSync(set.texts).filter((f) => f.endsWith('.txt')).sort().map((f) => join(set.texts, f));
    const t0 = Date.now();
    const out = execFileSync(process.execPath, [bin, 'analyze', '--format', 'jsonl', ...files], { maxBuffer: 1 << 30, encoding: 'utf8' });
    const seconds = (Date.now() - t0) / 1000;
    const pred = join(tmp, `${name}.jsonl`);
    writeFileSync(pred, out);
    const scoreArgs = [join(shared, 'eval', 'score.mjs'), '--gold', set.gold, '--pred', pred];
    if (json) results[name] = { ...JSON.parse(execFileSync(process.execPath, [...scoreArgs, '--json'], { encoding: 'utf8' })), seconds };
    else {
      console.log(`== ${name} (${files.length} articles, analysed in ${seconds.toFixed(1)} s)`);
      console.log(execFileSync(process.execPath, scoreArgs, { encoding: 'utf8' }));
    }
  }
  if (json) console.log(JSON.stringify(results));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
