/**
 * `check` across worker threads: each worker runs fast-check on its own seed and share of the
 * runs; the first counterexample to arrive wins (already shrunk in its worker) and the other
 * workers are stopped. The winner's seed and path replay it single-threaded with `check`.
 */
import { Worker } from "node:worker_threads";
import { type CheckOptions, type CheckResult, randomSeed } from "./check.ts";

export interface WorkerShare {
  readonly seed: number;
  readonly runs: number;
  /** How the worker ended: all its runs passed, it found the counterexample, or it was stopped. */
  readonly outcome: "passed" | "failed" | "stopped";
}

export interface ParallelResult extends CheckResult {
  readonly workers: readonly WorkerShare[];
}

const DEFAULT_REGISTRY = new URL("../../models/index.ts", import.meta.url).href;
const ENTRY = new URL("./worker-entry.mjs", import.meta.url);

/** Worker 0 keeps the base seed (one worker is exactly `check`); the others get well-spread distinct seeds. */
export function workerSeed(base: number, worker: number): number {
  return (base + Math.imul(worker, 0x9e3779b9)) | 0;
}

/** Splits `runs` as evenly as possible over `workers`. */
export function splitRuns(runs: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, i) => Math.floor(runs / workers) + (i < runs % workers ? 1 : 0));
}

/**
 * Runs `check(model, options)` over `workers` threads. `registry` is the module (URL) the workers
 * import to find the model by name: its `models` list, or any export with that name.
 */
export function runParallel(
  modelName: string,
  options: CheckOptions,
  workers: number,
  registry: string = DEFAULT_REGISTRY,
): Promise<ParallelResult> {
  if (options.path !== undefined) workers = 1; // a path replays one seed's runs
  const base = options.seed ?? randomSeed();
  const runs = splitRuns(options.runs ?? 1000, workers).filter((n) => n > 0);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const threads: Worker[] = [];
    const results: (CheckResult | undefined)[] = runs.map(() => undefined);
    let settled = false;
    const stopAll = () => {
      settled = true;
      for (const thread of threads) void thread.terminate();
    };
    const finish = (winner: CheckResult | undefined) => {
      stopAll();
      resolve(merge(modelName, base, runs, results, winner, performance.now() - started));
    };
    runs.forEach((share, i) => {
      const workerData = {
        modelName,
        registry,
        options: { ...options, runs: share, seed: workerSeed(base, i) },
      };
      const thread = new Worker(ENTRY, { workerData });
      threads.push(thread);
      thread.on("message", (result: CheckResult) => {
        if (settled) return;
        results[i] = result;
        if (!result.ok) finish(result);
        else if (results.every((r) => r !== undefined)) finish(undefined);
      });
      thread.on("error", (error) => {
        if (settled) return;
        stopAll();
        reject(error);
      });
    });
  });
}

function merge(
  model: string,
  base: number,
  runs: readonly number[],
  results: readonly (CheckResult | undefined)[],
  winner: CheckResult | undefined,
  millis: number,
): ParallelResult {
  const finished = results.filter((r): r is CheckResult => r !== undefined);
  const sum = (pick: (r: CheckResult) => number) => finished.reduce((total, r) => total + pick(r), 0);
  const witnesses: Record<string, number> = {};
  for (const r of finished)
    for (const [name, n] of Object.entries(r.witnesses)) witnesses[name] = (witnesses[name] ?? 0) + n;
  return {
    model,
    ok: winner === undefined,
    seed: winner?.seed ?? base,
    path: winner?.path,
    runs: sum((r) => r.runs),
    events: sum((r) => r.events),
    skipped: sum((r) => r.skipped),
    generation: winner?.generation ?? finished[0]?.generation ?? "uniform",
    millis,
    millisToDetection: winner?.millisToDetection,
    witnesses,
    counterexample: winner?.counterexample,
    profile: winner?.profile,
    shrink: winner?.shrink,
    workers: runs.map((share, i) => {
      const r = results[i];
      return {
        seed: workerSeed(base, i),
        runs: r ? r.runs : share,
        outcome: r === undefined ? "stopped" : r.ok ? "passed" : "failed",
      };
    }),
  };
}
