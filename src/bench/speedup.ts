/** Wall time of one correct-model check in this thread versus split over worker threads. */
import { check } from "../engine/check.ts";
import { runParallel } from "../engine/workers.ts";
import type { AnyModel } from "../model.ts";

export interface Speedup {
  readonly runs: number;
  readonly singleMillis: number;
  /** Worker count → wall time, thread start-up (loading TypeScript) included. */
  readonly workerMillis: Readonly<Record<number, number>>;
  /** Single-thread time over the time with the most workers. */
  readonly speedup: number;
  /** Wall time of a 1-run check over the most workers: thread start-up and loading the model. */
  readonly startupMillis: number;
  /**
   * Runs from which the most workers beat one thread: start-up over the time each worker saves per
   * run (null when they never do, their per-run time being no better).
   */
  readonly breakEvenRuns: number | null;
}

export async function workersSpeedup(
  model: AnyModel,
  runs: number,
  workerCounts: readonly number[],
): Promise<Speedup> {
  const started = performance.now();
  check(model, { runs, seed: 1 });
  const singleMillis = performance.now() - started;
  const workerMillis: Record<number, number> = {};
  for (const workers of workerCounts) {
    const result = await runParallel(model, { runs, seed: 1 }, workers);
    workerMillis[workers] = result.millis;
  }
  const most = Math.max(...workerCounts);
  const startupMillis = (await runParallel(model, { runs: most, seed: 1 }, most)).millis;
  const singlePerRun = singleMillis / runs;
  const workerPerRun = Math.max(workerMillis[most]! - startupMillis, 0) / runs;
  const saved = singlePerRun - workerPerRun;
  return {
    runs,
    singleMillis,
    workerMillis,
    speedup: singleMillis / workerMillis[most]!,
    startupMillis,
    breakEvenRuns: saved > 0 ? Math.ceil(startupMillis / saved) : null,
  };
}
