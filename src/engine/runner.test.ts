import { describe, expect, it } from "vitest";
import { extendModel } from "../extend.ts";
import { mutex } from "../fixtures/mutex.ts";
import { makeContext } from "./context.ts";
import { runSchedule } from "./runner.ts";

const ctx = makeContext({ clients: 2 }, []);
const acquire = (client: number) => ({ kind: "acquire" as const, client });
const release = (client: number) => ({ kind: "release" as const, client });

describe("runSchedule", () => {
  it("records each step, marking events that are not enabled as skipped", () => {
    const run = runSchedule(mutex, ctx, [acquire(1), acquire(2), release(1), acquire(2)], { record: true });
    expect(run.trace?.map((s) => [s.index, s.skipped])).toEqual([
      [1, false],
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(run.applied).toBe(3);
    expect(run.skipped).toBe(1);
    expect(run.violation).toBeUndefined();
  });

  it("a skipped step leaves the very same state object", () => {
    const run = runSchedule(mutex, ctx, [acquire(1), acquire(2)], { record: true });
    expect(run.trace?.[1]?.state).toBe(run.trace?.[0]?.state);
  });

  it("stops at the first violation and names the step and the invariant", () => {
    const run = runSchedule(
      mutex,
      makeContext({ clients: 3 }, ["no-check"]),
      [acquire(1), acquire(3), acquire(2)],
      {
        record: true,
      },
    );
    expect(run.violation).toEqual({
      step: 2,
      invariant: "mutual-exclusion",
      message: "clients 1 and 3 hold the lock at the same time",
      also: [],
    });
    expect(run.trace).toHaveLength(2);
  });

  it("events naming a node outside the drawn config are skipped, so shrinking can drop them", () => {
    const run = runSchedule(mutex, ctx, [acquire(4)], { record: true });
    expect(run.trace?.[0]?.skipped).toBe(true);
  });

  it("counts witnesses reached", () => {
    const run = runSchedule(mutex, ctx, [acquire(1), release(1), acquire(2)]);
    expect([...run.reached]).toEqual(["handover"]);
  });

  it("with freeze on, a reducer that mutates its input is a step-completes violation at that step", () => {
    const run = runSchedule(mutex, makeContext({ clients: 2 }, ["mutate"]), [acquire(1), acquire(2)], {
      freeze: true,
    });
    expect(run.violation).toMatchObject({ step: 1, invariant: "step-completes" });
    expect(run.violation?.message).toMatch(/the reducer threw: TypeError/);
  });
});

describe("several invariants broken at one step", () => {
  it("names the model's first as the headline and every other one beside it", () => {
    const twice = extendModel(mutex, {
      name: "mutex-twice",
      invariants: [
        {
          name: "one-grant-at-a-time",
          doc: "the grant count never passes the holder count",
          check: (s) => (s.holders.length > 1 ? `${s.holders.length} holders` : undefined),
        },
      ],
    });
    const run = runSchedule(twice, makeContext({ clients: 2 }, ["no-check"] as const), [
      { kind: "acquire" as const, client: 1 },
      { kind: "acquire" as const, client: 2 },
    ]);
    expect(run.violation).toEqual({
      step: 2,
      invariant: "mutual-exclusion",
      message: "clients 1 and 2 hold the lock at the same time",
      also: [{ invariant: "one-grant-at-a-time", message: "2 holders" }],
    });
  });
});
