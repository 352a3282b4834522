// The fuzzing worker: runs targets one after another on seeded inputs with fast-check and reports to the
// harness, which watches from the main thread and stops the worker if one input runs away (a synchronous
// hang cannot be interrupted from inside). Announces each input before running it, so that a hang is
// reported with its input. Imported on the main thread (as node --test does with every file here) it does nothing.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface FuzzJob {
  target: string;
  seed: number;
  runs: number;
  /** Largest CPU time one input may take before it counts as a runaway (a bound against hangs, not a speed test). */
  perInputMs: number;
}

export type FuzzMessage =
  | { type: 'input'; target: string; run: number; input: string }
  | { type: 'done'; target: string; runs: number; ms: number; slowestMs: number; slowest: string; failed: false }
  | { type: 'done'; target: string; runs: number; ms: number; slowestMs: number; slowest: string; failed: true; error: string; counterexample: string; seed: number; path?: string };

const clip = (s: string, n = 4000) => (s.length > n ? `${s.slice(0, n)}… (${s.length} characters)` : s);

interface Details { failed: boolean; numRuns: number; errorInstance?: unknown; counterexample: unknown[] | null; seed: number; counterexamplePath: string | null }

/** A fixed list of inputs, run in order, reported in fast-check's shape. */
function checkList<T>(inputs: T[], run: (x: T) => void): Details {
  for (let i = 0; i < inputs.length; i++) {
    try {
      run(inputs[i]);
    } catch (e) {
      return { failed: true, numRuns: i + 1, errorInstance: e, counterexample: [inputs[i]], seed: 0, counterexamplePath: `list:${i}` };
    }
  }
  return { failed: false, numRuns: inputs.length, counterexample: null, seed: 0, counterexamplePath: null };
}

async function work(jobs: FuzzJob[]): Promise<void> {
  const fc = (await import('fast-check')).default;
  const { target } = await import('./targets.js');
  for (const job of jobs) {
    const t = target(job.target);
    const show = (x: unknown) => (t.show ? t.show(x) : typeof x === 'string' ? x : JSON.stringify(x));
    let run = 0;
    let slowestMs = 0;
    let slowest = '';
    const one = (input: unknown) => {
      const shown = show(input);
      parentPort!.postMessage({ type: 'input', target: job.target, run: run++, input: clip(shown, 200_000) } satisfies FuzzMessage);
      // The bound is on CPU time (the process's: the main thread only waits for messages meanwhile), so that
      // a machine shared with other work does not make a slow input of a fast one; the harness's watchdog
      // still stops a worker silent for longer than its wall-clock hang bound.
      const s = performance.now();
      const c = process.cpuUsage();
      t.run(input);
      const used = process.cpuUsage(c);
      const ms = (used.user + used.system) / 1000;
      if (ms > slowestMs) { slowestMs = ms; slowest = clip(shown, 300); }
      if (ms > job.perInputMs) throw new Error(`one input took ${ms.toFixed(0)} ms of CPU (${(performance.now() - s).toFixed(0)} ms of wall time), more than the ${job.perInputMs} ms bound against runaways`);
    };
    const t0 = performance.now();
    const details: Details = t.inputs ? checkList(t.inputs(), one) : fc.check(fc.property(t.arbitrary(), one), { seed: job.seed, numRuns: job.runs });
    const ms = performance.now() - t0;
    if (details.failed) {
      const err = details.errorInstance as Error | undefined;
      parentPort!.postMessage({
        type: 'done', target: job.target, runs: details.numRuns, ms, slowestMs, slowest, failed: true,
        error: err ? `${err.message}\n${err.stack ?? ''}` : 'failed', counterexample: clip(details.counterexample ? show(details.counterexample[0]) : '(none)', 600), seed: details.seed, path: details.counterexamplePath ?? undefined,
      } satisfies FuzzMessage);
      return;
    }
    parentPort!.postMessage({ type: 'done', target: job.target, runs: details.numRuns, ms, slowestMs, slowest, failed: false } satisfies FuzzMessage);
  }
}

if (!isMainThread && workerData?.fuzz) await work(workerData.fuzz as FuzzJob[]);
