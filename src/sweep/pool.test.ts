import { describe, expect, it } from "vitest";
import { cells, defaultBudget, defaultGrid } from "../../models/lease/sweep.ts";
import { runCells } from "./pool.ts";

describe("sweep worker pool", () => {
  it("gives the same verdicts in grid order on two workers as on one", async () => {
    const budget = { ...defaultBudget, runs: 100 };
    const grid = { ...defaultGrid, renewRatios: [2 / 3], retryPeriods: [2, 3], skews: [1, 2], pauses: [0] };
    const verdicts = async (workers: number) =>
      (await runCells(cells(grid, budget), budget, workers)).map((r) => [
        r.config.retryPeriod,
        r.skew,
        r.result?.ok,
        r.result?.runs,
      ]);
    const parallel = await verdicts(2);
    expect(parallel).toEqual(await verdicts(1));
    expect(parallel.map(([, skew, ok]) => [skew, ok])).toEqual([
      [1, true],
      [2, false],
      [1, true],
      [2, false],
    ]);
  });
});
