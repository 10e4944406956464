/**
 * The one worker-thread pool: `check`, `sweep` and `bench` hand it check jobs; each worker imports
 * the models' modules again (a model holds functions and cannot be sent) and runs its share of
 * jobs in order. A caller may stop the pool early (the first counterexample of a parallel check).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnyModel } from "../model.ts";
import type { CheckOptions, CheckResult } from "./check.ts";
import { sourceOf } from "./model-source.ts";
import type { Job, JobResult, WorkerInput } from "./worker-task.ts";

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);
const TASK = new URL(`./worker-task${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url).href;

export interface PoolJob {
  readonly model: AnyModel;
  readonly options: CheckOptions;
}

/** Two workers, or one on a single-core machine. */
export function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

export class NoSourceError extends Error {}

export interface PoolHooks {
  /** Called as each result arrives (a progress display). */
  readonly onResult?: (result: CheckResult, done: number) => void;
  /** True ends the pool at once: the other results stay undefined (the first counterexample wins). */
  readonly stop?: (result: CheckResult) => boolean;
}

/** Runs the jobs over up to `workers` threads, job i on thread i mod workers. Results keep the jobs' order. */
export function runPool(
  jobs: readonly PoolJob[],
  workers: number,
  hooks: PoolHooks = {},
): Promise<(CheckResult | undefined)[]> {
  const modules = [...new Set(jobs.map(({ model }) => moduleOf(model)))];
  const threads = Math.max(1, Math.min(workers, jobs.length));
  const shares: Job[][] = Array.from({ length: threads }, () => []);
  jobs.forEach(({ model, options }, index) => {
    shares[index % threads]!.push({ index, model: model.name, options });
  });
  const results: (CheckResult | undefined)[] = jobs.map(() => undefined);
  return new Promise((resolve, reject) => {
    const running: Worker[] = [];
    let pending = jobs.length;
    let settled = false;
    const end = (then: () => void) => {
      if (settled) return;
      settled = true;
      for (const thread of running) void thread.terminate();
      then();
    };
    if (pending === 0) return end(() => resolve(results));
    for (const share of shares) {
      const workerData: WorkerInput & { task: string } = { task: TASK, modules, jobs: share };
      const thread = new Worker(ENTRY, { workerData });
      running.push(thread);
      thread.on("message", ({ index, result }: JobResult) => {
        if (settled) return;
        results[index] = result;
        pending--;
        hooks.onResult?.(result, jobs.length - pending);
        if (hooks.stop?.(result) || pending === 0) end(() => resolve(results));
      });
      thread.on("error", (error) => end(() => reject(error)));
    }
  });
}

function moduleOf(model: AnyModel): string {
  const source = sourceOf(model);
  if (!source)
    throw new NoSourceError(
      `model ${model.name} was not loaded from a module, so worker threads cannot load it; run it with one worker`,
    );
  return source;
}
