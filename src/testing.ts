/**
 * Helpers for property suites with @fast-check/vitest:
 *
 *   test.prop([schedules(raft)], { numRuns: 2000, seed: 1 })("raft holds", (run) => assertHolds(raft, run));
 *
 * A failure throws an error whose message is the readable trace, and fast-check shrinks it.
 */
import type { Arbitrary } from "fast-check";
import { expect, it } from "vitest";
import { aimOf, type CheckOptions, type CheckResult, check } from "./engine/check.ts";
import { type ConfigValues, fixedProblem } from "./engine/config.ts";
import { makeContext, resolveFlaws } from "./engine/context.ts";
import { type GeneratedRun, runArbitrary } from "./engine/generate.ts";
import { runSchedule } from "./engine/runner.ts";
import type { Generation } from "./engine/schedule.ts";
import type { AnyModel, ConfigOf, FlawOf, ModelEvent } from "./model.ts";
import { tellStory } from "./report/story.ts";
import { renderTrace } from "./report/text.ts";

export { withOnly } from "./extend.ts";
export type { GeneratedRun };

export interface ScheduleOptions<M extends AnyModel = AnyModel> {
  /** Config values held constant; a key that is not a param is a type error, and a RangeError at run time. */
  readonly fixed?: Partial<ConfigOf<M>>;
  readonly flaws?: readonly FlawOf<M>[];
  readonly maxSteps?: number;
  readonly generation?: Generation;
  /** Aim events the reducer would skip at ones that happen, as `check --aim` does (default off). */
  readonly aim?: boolean;
}

/** Generated config + fault schedule for a model, the same arbitrary `faultline check` uses. */
export function schedules<M extends AnyModel>(
  model: M,
  options: ScheduleOptions<M> = {},
): Arbitrary<GeneratedRun> {
  const fixed = (options.fixed ?? {}) as ConfigValues;
  const problem = fixedProblem(model, fixed);
  if (problem) throw new RangeError(problem);
  return runArbitrary(model, {
    fixed,
    flaws: resolveFlaws(model, options.flaws ?? []),
    maxSteps: options.maxSteps ?? model.maxSteps,
    generation: options.generation ?? "uniform",
    aim: options.aim ?? false,
  });
}

/**
 * Runs the schedule (freezing states, so a mutating reducer fails too) and throws a readable trace on
 * any violation. A run from `schedules` is aimed as `check` aims it (its trace shows the events
 * applied); a hand-written `{ config, schedule }` runs exactly as written.
 */
export function assertHolds<M extends AnyModel>(
  model: M,
  run: { readonly config: ConfigValues; readonly schedule: readonly ModelEvent[] } | GeneratedRun,
  flaws: readonly FlawOf<M>[] = [],
): void {
  const aim = "rolls" in run && run.rolls ? aimOf(run) : {};
  const result = runSchedule(model, makeContext(run.config, flaws), run.schedule, {
    record: true,
    freeze: true,
    ...aim,
  });
  if (result.violation) {
    const applied = (result.trace ?? []).map((step) => step.event);
    throw new Error(renderTrace(model, { config: run.config, flaws, schedule: applied, run: result }));
  }
}

/**
 * Declares one test per flaw: generated schedules (`hunt`) catch it on the invariant it names,
 * with a shrunk story no longer than `storyBound[flaw]` steps (the size its README records).
 */
export function itCatchesEveryFlaw(
  model: AnyModel,
  storyBound: Readonly<Record<string, number>>,
  options: Omit<CheckOptions, "flaws"> = {},
): void {
  it("records a story bound for every flaw", () => {
    expect(Object.keys(storyBound).sort()).toEqual(model.flaws.map((f) => f.name).sort());
  });
  for (const flaw of model.flaws) {
    it(`${flaw.name} is caught by ${flaw.breaks}`, () => {
      const result = hunt(model, flaw.name, options);
      expect(result.ok).toBe(false);
      expect(result.counterexample?.run.violation?.invariant).toBe(flaw.breaks);
      expect(tellStory(model, result.counterexample!).steps.length).toBeLessThanOrEqual(
        storyBound[flaw.name]!,
      );
    });
  }
}

/** Checks a flawed model and returns the result; a suite asserts it failed on the flaw's invariant. */
export function hunt(model: AnyModel, flaw: string, options: Omit<CheckOptions, "flaws"> = {}): CheckResult {
  return check(model, { runs: 5000, seed: 1, ...options, flaws: [flaw] });
}
