/**
 * Helpers for property suites with @fast-check/vitest:
 *
 *   test.prop([schedules(raft)], { numRuns: 2000, seed: 1 })("raft holds", (run) => assertHolds(raft, run));
 *
 * A failure throws an error whose message is the readable trace, and fast-check shrinks it.
 */
import type { Arbitrary } from "fast-check";
import { type CheckOptions, type CheckResult, check, makeContext, resolveFlaws } from "./engine/check.ts";
import type { ConfigValues } from "./engine/config.ts";
import { type GeneratedRun, runArbitrary } from "./engine/generate.ts";
import { runSchedule } from "./engine/runner.ts";
import type { Generation } from "./engine/schedule.ts";
import type { AnyModel, ModelEvent } from "./model.ts";
import { renderTrace } from "./report/text.ts";

export type { GeneratedRun };

export interface ScheduleOptions {
  readonly fixed?: ConfigValues;
  readonly flaws?: readonly string[];
  readonly maxSteps?: number;
  readonly generation?: Generation;
}

/** Generated config + fault schedule for a model, the same arbitrary `faultline check` uses. */
export function schedules(model: AnyModel, options: ScheduleOptions = {}): Arbitrary<GeneratedRun> {
  return runArbitrary(model, {
    fixed: options.fixed ?? {},
    flaws: resolveFlaws(model, options.flaws ?? []),
    maxSteps: options.maxSteps ?? model.maxSteps,
    generation: options.generation ?? "uniform",
  });
}

/** Runs the schedule (freezing states, so a mutating reducer fails too) and throws a readable trace on any violation. */
export function assertHolds(
  model: AnyModel,
  run: { readonly config: ConfigValues; readonly schedule: readonly ModelEvent[] },
  flaws: readonly string[] = [],
): void {
  const result = runSchedule(model, makeContext(run.config, flaws), run.schedule, {
    record: true,
    freeze: true,
  });
  if (result.violation) {
    throw new Error(renderTrace(model, { config: run.config, flaws, schedule: run.schedule, run: result }));
  }
}

/** Checks a flawed model and returns the result; a suite asserts it failed on the flaw's invariant. */
export function hunt(model: AnyModel, flaw: string, options: Omit<CheckOptions, "flaws"> = {}): CheckResult {
  return check(model, { runs: 5000, seed: 1, ...options, flaws: [flaw] });
}
