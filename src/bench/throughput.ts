/**
 * Events per second three ways on the same generated schedules: through `check` (fast-check
 * generation + runner + invariants), through the runner alone, and folding the bare reducer.
 * The ratios say what checking and generation cost over the model itself.
 */
import fc from "fast-check";
import { check } from "../engine/check.ts";
import { makeContext } from "../engine/context.ts";
import { runArbitrary } from "../engine/generate.ts";
import { runSchedule } from "../engine/runner.ts";
import type { Generation } from "../engine/schedule.ts";
import type { AnyModel } from "../model.ts";

export interface Throughput {
  readonly runs: number;
  /** Events applied (not skipped) over those runs: the same count in all three measurements. */
  readonly events: number;
  readonly checkedPerSecond: number;
  readonly runnerPerSecond: number;
  readonly barePerSecond: number;
  /** Time through the runner (invariants, witnesses) over time in the bare reducer. */
  readonly runnerOverBare: number;
  /** Time through `check` (generation too) over time in the bare reducer. */
  readonly checkedOverBare: number;
}

export function throughput(model: AnyModel, runs: number, seed: number, generation: Generation): Throughput {
  const samples = fc.sample(
    runArbitrary(model, { fixed: {}, flaws: [], maxSteps: model.maxSteps, generation }),
    { seed, numRuns: runs },
  );
  const generated = samples.map((s) => ({ ctx: makeContext(s.config, []), schedule: s.schedule }));
  const viaRunner = () => {
    for (const { ctx, schedule } of generated) runSchedule(model, ctx, schedule);
  };
  let applied = 0;
  const bare = () => {
    applied = 0;
    for (const { ctx, schedule } of generated) {
      let state = model.init(ctx);
      for (const event of schedule) {
        const next = model.step(state, event, ctx);
        if (next !== state) applied++;
        state = next;
      }
    }
  };
  // One unmeasured pass each, so the JIT has compiled the model before any clock starts.
  viaRunner();
  bare();
  const bareMillis = timed(bare);
  const runnerMillis = timed(viaRunner);
  const checked = check(model, { runs, seed, generation });
  const rate = (millis: number) => Math.round((applied * 1000) / Math.max(millis, 1e-3));
  return {
    runs,
    events: applied,
    checkedPerSecond: Math.round((checked.events * 1000) / Math.max(checked.millis, 1e-3)),
    runnerPerSecond: rate(runnerMillis),
    barePerSecond: rate(bareMillis),
    runnerOverBare: runnerMillis / Math.max(bareMillis, 1e-3),
    checkedOverBare: checked.millis / Math.max(bareMillis, 1e-3),
  };
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}
