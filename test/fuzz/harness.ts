// Runs fuzz targets in a worker thread and watches it: a worker that stops announcing inputs for longer
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
/** Of a test file's targets, those to run: the ones CROSSCHECK_FUZZ_TARGETS names (comma-separated), else all;
 *  so a long run can go on from the targets it had not passed. */
export function selected(all: string[]): string[] {
  const wanted = (process.env.CROSSCHECK_FUZZ_TARGETS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return wanted.length ? all.filter((t) => wanted.includes(t)) : all;
}

type Job = Partial<FuzzJob> & { target: string; runs: number };

/** Run the jobs one after another in one worker; resolves with a result a job, rejects on the first failure or hang. */
export async function fuzz(jobs: Job[], hangMs = 60_000): Promise<FuzzResult[]> {
  const full: FuzzJob[] = jobs.map((j) => ({ seed: SEED, perInputMs: 10_000, ...j }));
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { fuzz: full } });
  const results: FuzzResult[] = [];
  let last: { target: string; run: number; input: string } | null = null;
  let lastAt = Date.now();
  return new Promise<FuzzResult[]>((resolve, reject) => {
    const finish = (e?: Error) => {
      clearInterval(watch);
      void worker.terminate();
      if (e) reject(e);
      else resolve(results);
    };
    const watch = setInterval(() => {
      if (Date.now() - lastAt < hangMs) return;
      const file = saveInput(last?.target ?? 'unknown', last?.input ?? '');
      finish(new Error(`fuzz ${last?.target}: input ${last?.run} ran for more than ${hangMs} ms (a hang); it is saved in ${file}`));
    }, 1000);
    worker.on('message', (m: FuzzMessage) => {
      lastAt = Date.now();
      if (m.type === 'input') { last = m; return; }
      const job = full.find((j) => j.target === m.target)!;
      if (m.failed) {
        const file = saveInput(m.target, m.counterexample);
        finish(new Error(`fuzz ${m.target} failed (seed ${m.seed}, path ${m.path}) after ${m.runs} inputs: ${m.error}\ncounterexample (saved in ${file}): ${JSON.stringify(m.counterexample)}`));
        return;
      }
      results.push({ target: m.target, runs: m.runs, ms: m.ms, slowestMs: m.slowestMs, slowest: m.slowest, seed: job.seed });
      if (results.length === full.length) finish();
    });
    worker.on('error', (e) => finish(e));
    worker.on('exit', (code) => { if (results.length < full.length) finish(new Error(`the fuzz worker exited (code ${code}) before it finished`)); });
  });
}

function saveInput(name: string, input: string): string {
  const file = `test-results/fuzz-failure-${name}-${Date.now()}.txt`;
  try { mkdirSync('test-results', { recursive: true }); writeFileSync(file, input); } catch { return '(could not save)'; }
  return file;
}

export function describe(r: FuzzResult): string {
  return `${r.target}: ${r.runs} inputs in ${(r.ms / 1000).toFixed(1)} s (seed ${r.seed}); slowest input ${r.slowestMs.toFixed(0)} ms of CPU`;
}
