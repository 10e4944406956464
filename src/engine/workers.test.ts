import { describe, expect, it } from "vitest";
import { mutex } from "../fixtures/mutex.ts";
import { check } from "./check.ts";
import { rememberSource } from "./model-source.ts";
import { runParallel, splitRuns, workerSeed } from "./workers.ts";

rememberSource(mutex, new URL("../fixtures/mutex.ts", import.meta.url).href);

describe("runParallel", () => {
  it("splits the runs over workers with distinct seeds and sums what they did", async () => {
    const result = await runParallel(mutex, { runs: 301, seed: 9 }, 2);
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(301);
    expect(result.workers).toEqual([
      { seed: 9, runs: 151, outcome: "passed" },
      { seed: workerSeed(9, 1), runs: 150, outcome: "passed" },
    ]);
    expect(result.witnesses.handover).toBeGreaterThan(0);
  });

  it("one worker does exactly what check does", async () => {
    const parallel = await runParallel(mutex, { runs: 200, seed: 4 }, 1);
    const single = check(mutex, { runs: 200, seed: 4 });
    expect(parallel.events).toBe(single.events);
  });

  it("returns the first counterexample, shrunk in its worker and replayable from its seed and path", async () => {
    const result = await runParallel(mutex, { runs: 2000, seed: 1, flaws: ["no-check"] }, 2);
    expect(result.ok).toBe(false);
    expect(result.counterexample?.run.violation?.invariant).toBe("mutual-exclusion");
    expect(result.counterexample?.schedule).toHaveLength(2);
    const again = check(mutex, {
      seed: result.seed,
      path: result.path,
      flaws: ["no-check"],
    });
    expect(again.counterexample?.schedule).toEqual(result.counterexample?.schedule);
  });

  it("refuses, in one line, a model that was built in memory rather than loaded from a module", async () => {
    const inMemory = { ...mutex, name: "paxos" };
    await expect(runParallel(inMemory, { runs: 10, seed: 1 }, 2)).rejects.toThrow(
      /model paxos was not loaded from a module/,
    );
  });
});

describe("splitRuns", () => {
  it("spreads the remainder over the first workers", () => {
    expect(splitRuns(10, 3)).toEqual([4, 3, 3]);
  });
});
