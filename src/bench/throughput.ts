/**
 * Events per second three ways on the same generated schedules: through `check` (fast-check
 * generation + runner + invariants), through the runner alone, and folding the bare reducer.
 * The ratios say what checking and generation cost over the model itself.
 */
import fc from "fast-check";
import { aimOf, check } from "../engine/check.ts";
import { makeContext } from "../engine/context.ts";
import { runArbitrary } from "../engine/generate.ts";
import { runSchedule } from "../engine/runner.ts";
import type { Generation } from "../engine/schedule.ts";
import type { AnyModel, ModelEvent } from "../model.ts";

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
  /** Share of generated events the reducer skipped: drawn as before, and aimed (src/engine/aim.ts). */
  readonly skippedBefore: number;
  readonly skippedAimed: number;
  /** `check --aim` time over the bare reducer's time on the landed (aimed) schedules. */
  readonly aimedCheckedOverBare: number;
}

export function throughput(model: AnyModel, runs: number, seed: number, generation: Generation): Throughput {
  const shape = { fixed: {}, flaws: [], maxSteps: model.maxSteps, generation };
  const generated = fc
    .sample(runArbitrary(model, shape), { seed, numRuns: runs })
    .map((s) => ({ ctx: makeContext(s.config, []), schedule: s.schedule }));
  // The same runs aimed, and the events they landed on: what the bare reducer folds to compare with `check --aim`.
  const landed = fc.sample(runArbitrary(model, { ...shape, aim: true }), { seed, numRuns: runs }).map((s) => {
    const ctx = makeContext(s.config, []);
    const run = runSchedule(model, ctx, s.schedule, { record: true, ...aimOf(s) });
    return { ctx, schedule: (run.trace ?? []).map((step) => step.event), skipped: run.skipped };
  });
  const bare = bareFold(model, generated);
  const bareLanded = bareFold(model, landed);
  const viaRunner = () => {
    for (const { ctx, schedule } of generated) runSchedule(model, ctx, schedule);
  };
  // One unmeasured pass each, so the JIT has compiled the model before any clock starts.
  viaRunner();
  const applied = bare();
  const bareMillis = timed(bare);
  const runnerMillis = timed(viaRunner);
  const bareLandedMillis = timed(bareLanded);
  const checked = check(model, { runs, seed, generation });
  const aimed = check(model, { runs, seed, generation, aim: true });
  const rate = (millis: number) => Math.round((applied * 1000) / Math.max(millis, 1e-3));
  const drawnEvents = generated.reduce((sum, g) => sum + g.schedule.length, 0);
  const landedEvents = landed.reduce((sum, g) => sum + g.schedule.length, 0);
  return {
    runs,
    events: applied,
    checkedPerSecond: Math.round((checked.events * 1000) / Math.max(checked.millis, 1e-3)),
    runnerPerSecond: rate(runnerMillis),
    barePerSecond: rate(bareMillis),
    runnerOverBare: runnerMillis / Math.max(bareMillis, 1e-3),
    checkedOverBare: checked.millis / Math.max(bareMillis, 1e-3),
    skippedBefore: (drawnEvents - applied) / Math.max(drawnEvents, 1),
    skippedAimed: landed.reduce((sum, g) => sum + g.skipped, 0) / Math.max(landedEvents, 1),
    aimedCheckedOverBare: aimed.millis / Math.max(bareLandedMillis, 1e-3),
  };
}

/** Folding the bare reducer over the schedules; returns the events applied (not skipped). */
function bareFold(
  model: AnyModel,
  runs: readonly { ctx: ReturnType<typeof makeContext>; schedule: readonly ModelEvent[] }[],
): () => number {
  return () => {
    let applied = 0;
    for (const { ctx, schedule } of runs) {
      let state = model.init(ctx);
      for (const event of schedule) {
        const next = model.step(state, event, ctx);
        if (next !== state) applied++;
        state = next;
      }
    }
    return applied;
  };
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}
