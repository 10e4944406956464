import { describe, expect, it } from "vitest";
import { check } from "./check.ts";
import { runParallel, splitRuns, workerSeed } from "./workers.ts";

const fixtures = new URL("../fixtures/mutex.ts", import.meta.url).href;

describe("runParallel", () => {
  it("splits the runs over workers with distinct seeds and sums what they did", async () => {
    const result = await runParallel("mutex", { runs: 301, seed: 9 }, 2, fixtures);
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(301);
    expect(result.workers).toEqual([
      { seed: 9, runs: 151, outcome: "passed" },
      { seed: workerSeed(9, 1), runs: 150, outcome: "passed" },
    ]);
    expect(result.witnesses.handover).toBeGreaterThan(0);
  });

  it("one worker does exactly what check does", async () => {
    const parallel = await runParallel("mutex", { runs: 200, seed: 4 }, 1, fixtures);
    const single = check((await import("../fixtures/mutex.ts")).mutex, { runs: 200, seed: 4 });
    expect(parallel.events).toBe(single.events);
  });

  it("returns the first counterexample, shrunk in its worker and replayable from its seed and path", async () => {
    const result = await runParallel("mutex", { runs: 2000, seed: 1, flaws: ["no-check"] }, 2, fixtures);
    expect(result.ok).toBe(false);
    expect(result.counterexample?.run.violation?.invariant).toBe("mutual-exclusion");
    expect(result.counterexample?.schedule).toHaveLength(2);
    const again = check((await import("../fixtures/mutex.ts")).mutex, {
      seed: result.seed,
      path: result.path,
      flaws: ["no-check"],
    });
    expect(again.counterexample?.schedule).toEqual(result.counterexample?.schedule);
  });

  it("rejects with the worker's error for a model the registry does not have", async () => {
    await expect(runParallel("paxos", { runs: 10, seed: 1 }, 2, fixtures)).rejects.toThrow(
      /unknown model 'paxos'/,
    );
  });
});

describe("splitRuns", () => {
  it("spreads the remainder over the first workers", () => {
    expect(splitRuns(10, 3)).toEqual([4, 3, 3]);
  });
});
