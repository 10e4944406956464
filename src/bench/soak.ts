/**
 * The false-alarm soak: a very large number of generated schedules of each correct model with its
 * default options, split over worker threads (both cores). Every invariant is expected to hold:
 * any violation here is a false alarm `faultline check <model>` would raise in someone's CI. The
 * soak stops at the first one (it is shrunk and reported with its seed and path).
 */
import { runParallel } from "../engine/workers.ts";
import type { AnyModel } from "../model.ts";

export interface SoakRow {
  readonly model: string;
  /** Generated schedules run (all of them unless a violation stopped the soak). */
  readonly runs: number;
  readonly workers: number;
  readonly seed: number;
  readonly millis: number;
  readonly runsPerSecond: number;
  /** 0 or 1: the soak stops at the first violation. */
  readonly violations: number;
  /** The first violation: invariant, and the seed and path that replay it. */
  readonly first: {
    readonly invariant: string;
    readonly seed: number;
    readonly path: string | undefined;
  } | null;
}

export async function soak(model: AnyModel, runs: number, workers: number, seed = 1): Promise<SoakRow> {
  const result = await runParallel(model, { runs, seed, minimize: false }, workers);
  const violation = result.counterexample?.run.violation;
  return {
    model: model.name,
    runs: result.runs,
    workers,
    seed,
    millis: result.millis,
    runsPerSecond: Math.round((result.runs * 1000) / Math.max(result.millis, 1e-3)),
    violations: result.ok ? 0 : 1,
    first: violation ? { invariant: violation.invariant, seed: result.seed, path: result.path } : null,
  };
}
