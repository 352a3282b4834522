// Runs a fuzz target in a worker thread and watches it: a target that stops announcing inputs for longer
// than the hang bound is terminated and reported with the input it was on. Short mode (npm test) runs a
// few thousand inputs; long mode (npm run fuzz, CROSSCHECK_FUZZ=long) runs 100,000 a target or more.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FuzzJob, FuzzMessage } from './worker.js';

export interface FuzzResult {
  target: string;
  runs: number;
  ms: number;
  slowestMs: number;
  slowest: string;
  seed: number;
}

export const LONG = process.env.CROSSCHECK_FUZZ === 'long';
export const SEED = Number(process.env.CROSSCHECK_FUZZ_SEED ?? 20220224);
/** Inputs a target in this mode: CROSSCHECK_FUZZ_RUNS, else 100,000 in long mode, else the short count. */
export const runsFor = (short: number) => Number(process.env.CROSSCHECK_FUZZ_RUNS ?? (LONG ? 100_000 : short));

export async function fuzz(job: Partial<FuzzJob> & { target: string; runs: number }, hangMs = 60_000): Promise<FuzzResult> {
  const full: FuzzJob = { seed: SEED, perInputMs: 10_000, ...job };
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { fuzz: full } });
  let last: { run: number; input: string } | null = null;
  let lastAt = Date.now();
  return new Promise<FuzzResult>((resolve, reject) => {
    const watch = setInterval(() => {
      if (Date.now() - lastAt < hangMs) return;
      clearInterval(watch);
      void worker.terminate();
      const file = saveInput(full.target, last?.input ?? '');
      reject(new Error(`fuzz ${full.target} (seed ${full.seed}): input ${last?.run} ran for more than ${hangMs} ms (a hang); it is saved in ${file}`));
    }, 1000);
    worker.on('message', (m: FuzzMessage) => {
      lastAt = Date.now();
      if (m.type === 'input') { last = m; return; }
      clearInterval(watch);
      void worker.terminate();
      if (m.failed) {
        const file = saveInput(full.target, m.counterexample);
        reject(new Error(`fuzz ${full.target} failed (seed ${m.seed}, path ${m.path}) after ${m.runs} inputs: ${m.error}\ncounterexample (saved in ${file}): ${JSON.stringify(m.counterexample)}`));
      } else resolve({ target: full.target, runs: m.runs, ms: m.ms, slowestMs: m.slowestMs, slowest: m.slowest, seed: full.seed });
    });
    worker.on('error', (e) => { clearInterval(watch); reject(e); });
    worker.on('exit', (code) => { clearInterval(watch); if (code !== 0 && code !== 1) reject(new Error(`fuzz worker exited with ${code}`)); });
  });
}

function saveInput(name: string, input: string): string {
  const file = `test-results/fuzz-failure-${name}-${Date.now()}.txt`;
  try { mkdirSync('test-results', { recursive: true }); writeFileSync(file, input); } catch { return '(could not save)'; }
  return file;
}

export function describe(r: FuzzResult): string {
  return `${r.target}: ${r.runs} inputs in ${(r.ms / 1000).toFixed(1)} s (seed ${r.seed}); slowest ${r.slowestMs.toFixed(0)} ms`;
}
