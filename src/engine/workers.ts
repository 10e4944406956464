/**
 * `check` across worker threads: each worker runs fast-check on its own seed and share of the
 * runs; the first counterexample to arrive wins (already shrunk in its worker) and the other
 * workers are stopped. The winner's seed and path replay it single-threaded with `check`.
 */
import type { AnyModel } from "../model.ts";
import { type CheckOptions, type CheckResult, randomSeed } from "./check.ts";
import { runPool } from "./pool.ts";

export interface WorkerShare {
  readonly seed: number;
  readonly runs: number;
  /** How the worker ended: all its runs passed, it found the counterexample, or it was stopped. */
  readonly outcome: "passed" | "failed" | "stopped";
}

export interface ParallelResult extends CheckResult {
  readonly workers: readonly WorkerShare[];
}

/** Worker 0 keeps the base seed (one worker is exactly `check`); the others get well-spread distinct seeds. */
export function workerSeed(base: number, worker: number): number {
  return (base + Math.imul(worker, 0x9e3779b9)) | 0;
}

/** Splits `runs` as evenly as possible over `workers`. */
export function splitRuns(runs: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, i) => Math.floor(runs / workers) + (i < runs % workers ? 1 : 0));
}

/** Runs `check(model, options)` over `workers` threads; the first counterexample wins and stops the rest. */
export async function runParallel(
  model: AnyModel,
  options: CheckOptions,
  workers: number,
): Promise<ParallelResult> {
  if (options.path !== undefined) workers = 1; // a path replays one seed's runs
  const base = options.seed ?? randomSeed();
  const runs = splitRuns(options.runs ?? 1000, workers).filter((n) => n > 0);
  const started = performance.now();
  const jobs = runs.map((share, i) => ({
    model,
    options: { ...options, runs: share, seed: workerSeed(base, i) },
  }));
  const results = await runPool(jobs, jobs.length, { stop: (result) => !result.ok });
  const winner = results.find((r) => r !== undefined && !r.ok);
  return merge(model.name, base, runs, results, winner, performance.now() - started);
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
    aimed: sum((r) => r.aimed),
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
