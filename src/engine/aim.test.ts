import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withOnly } from "../extend.ts";
import { mutex } from "../fixtures/mutex.ts";
import type { AnyModel } from "../model.ts";
import { compareEvents } from "./aim.ts";
import { aimOf, check } from "./check.ts";
import { makeContext } from "./context.ts";
import { runArbitrary } from "./generate.ts";
import { runSchedule } from "./runner.ts";

const ctx = makeContext({ clients: 3 }, []);
const acquire = (client: number) => ({ kind: "acquire" as const, client });
const release = (client: number) => ({ kind: "release" as const, client });
const both = { acquire: 1, release: 1 };
/** The fixture without `enabled`: aiming then lists events from the declared fields. */
const { enabled: _enabled, ...fieldsOnly } = mutex;
const withoutEnabled = fieldsOnly as AnyModel;
const lock: AnyModel = mutex;

describe("aimed runs", () => {
  for (const [name, model] of [
    ["enabled", mutex],
    ["fields", withoutEnabled],
  ] as const) {
    it(`turns an event that would be skipped into the next landing one of its kind (${name})`, () => {
      const aim = { profile: both, rolls: [0, 0, 0] };
      const run = runSchedule(model, ctx, [acquire(2), acquire(2), release(3)], { record: true, aim });
      // acquire(2) again is skipped: no other client may acquire, so another kind lands — release(2).
      expect(run.trace?.map((s) => s.event)).toEqual([acquire(2), release(2), acquire(1)]);
      expect([run.applied, run.skipped, run.aimed]).toEqual([3, 0, 2]);
    });
  }

  it("keeps a kind the profile switched off out of its aim", () => {
    const run = runSchedule(lock, ctx, [acquire(1), acquire(2)], {
      record: true,
      aim: { profile: { acquire: 1, release: 0 }, rolls: [0, 0] },
    });
    expect(run.trace?.map((s) => [s.event, s.skipped])).toEqual([
      [acquire(1), false],
      [acquire(2), true],
    ]);
  });

  it("never aims an explicit schedule", () => {
    const run = runSchedule(lock, ctx, [acquire(1), acquire(1)], { record: true });
    expect(run.trace?.map((s) => s.skipped)).toEqual([false, true]);
    expect(run.aimed).toBe(0);
  });

  it("skips far fewer generated events, and the same run always lands the same way", () => {
    const runs = fc.sample(
      runArbitrary(mutex, { fixed: {}, flaws: [], maxSteps: 20, generation: "uniform", aim: true }),
      { seed: 4, numRuns: 200 },
    );
    let drawn = 0;
    let aimed = 0;
    for (const run of runs) {
      const c = makeContext(run.config, []);
      drawn += runSchedule(lock, c, run.schedule).skipped;
      const first = runSchedule(lock, c, run.schedule, { record: true, ...aimOf(run) });
      const again = runSchedule(lock, c, run.schedule, { record: true, ...aimOf(run) });
      expect(again.trace?.map((s) => s.event)).toEqual(first.trace?.map((s) => s.event));
      aimed += first.skipped;
    }
    expect(aimed).toBeLessThan(drawn / 4);
  });

  it("reports the events applied: the counterexample replays exactly, unaimed", () => {
    const result = check(withOnly(mutex, "mutual-exclusion"), {
      runs: 300,
      seed: 3,
      flaws: ["no-check"],
      aim: true,
    });
    const cx = result.counterexample!;
    expect(result.ok).toBe(false);
    const replay = runSchedule(lock, makeContext(cx.config, ["no-check"]), cx.schedule);
    expect(replay.violation?.invariant).toBe("mutual-exclusion");
    expect(replay.aimed).toBe(0);
  });

  it("orders events by field values, lists element by element", () => {
    expect(compareEvents(acquire(1), acquire(2))).toBeLessThan(0);
    const cut = (side: number[]) => ({ kind: "partition", side });
    expect(compareEvents(cut([1, 3]), cut([1, 2, 3]))).toBeGreaterThan(0);
    expect(compareEvents(cut([1]), cut([1]))).toBe(0);
  });
});
