import { describe, expect, it } from "vitest";
import { mutex } from "../fixtures/mutex.ts";
import type { AnyModel } from "../model.ts";
import { check, NondeterminismError, replayTwice } from "./check.ts";

describe("check", () => {
  it("passes the correct model and counts runs, events and witnesses", () => {
    const result = check(mutex, { runs: 200, seed: 7 });
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(200);
    expect(result.events + result.skipped).toBeGreaterThan(200);
    expect(result.witnesses.handover).toBeGreaterThan(0);
    expect(result.counterexample).toBeUndefined();
  });

  it("finds a flaw through generated schedules and shrinks it to the two grants that break it", () => {
    const result = check(mutex, { runs: 200, seed: 7, flaws: ["no-check"] });
    expect(result.ok).toBe(false);
    const cx = result.counterexample!;
    expect(cx.run.violation?.invariant).toBe("mutual-exclusion");
    expect(cx.schedule.map((e) => e.kind)).toEqual(["acquire", "acquire"]);
    expect(new Set(cx.schedule.map((e) => (e as unknown as { client: number }).client))).toEqual(
      new Set([1, 2]),
    );
    expect(cx.config).toEqual({ clients: 2 });
  });

  it("replays a counterexample from its seed and path alone", () => {
    const found = check(mutex, { runs: 200, seed: 11, flaws: ["no-check"] });
    const again = check(mutex, { seed: found.seed, path: found.path, flaws: ["no-check"] });
    expect(again.counterexample?.schedule).toEqual(found.counterexample?.schedule);
    expect(again.counterexample?.config).toEqual(found.counterexample?.config);
  });

  it("fixed config values are never varied", () => {
    const result = check(mutex, { runs: 50, seed: 3, fixed: { clients: 3 }, flaws: ["no-check"] });
    expect(result.counterexample?.config.clients).toBe(3);
  });

  it("the same seed gives the same result", () => {
    const a = check(mutex, { runs: 100, seed: 5, flaws: ["no-check"] });
    const b = check(mutex, { runs: 100, seed: 5, flaws: ["no-check"] });
    expect(b.counterexample?.schedule).toEqual(a.counterexample?.schedule);
    expect(b.runs).toBe(a.runs);
  });

  it("rejects an unknown flaw", () => {
    expect(() => check(mutex, { flaws: ["nope"] })).toThrow(/unknown flaw 'nope'/);
  });
});

describe("a reducer that throws", () => {
  it("is a counterexample like any other: found, shrunk to the throwing event, reported as step-completes", () => {
    const fragile: AnyModel = {
      ...mutex,
      step: (s, e, c) => {
        if (e.kind === "release" && e.client === 2) throw new RangeError("client 2 cannot release");
        return mutex.step(s, e as never, c);
      },
    };
    const result = check(fragile, { runs: 200, seed: 1 });
    expect(result.ok).toBe(false);
    expect(result.counterexample?.schedule).toEqual([{ kind: "release", client: 2 }]);
    expect(result.counterexample?.run.violation).toMatchObject({
      invariant: "step-completes",
      message: "the reducer threw: RangeError: client 2 cannot release",
    });
  });
});

describe("the determinism guard", () => {
  it("refuses a model whose reducer gives two traces for one schedule", () => {
    let calls = 0;
    const leaky: AnyModel = {
      ...mutex,
      step: (s, e, c) => ({ ...mutex.step(s, e as never, c), calls: calls++ }),
    };
    expect(() => replayTwice(leaky, { clients: 2 }, [], [{ kind: "acquire", client: 1 }] as never)).toThrow(
      NondeterminismError,
    );
  });
});
