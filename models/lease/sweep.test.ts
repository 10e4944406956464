import { describe, expect, it } from "vitest";
import type { LeaseEvent } from "./events.ts";
import { lease } from "./model.ts";
import { cells, defaultBudget, defaultGrid, driftForSkew, runCell } from "./sweep.ts";

const budget = { ...defaultBudget, runs: 300 };

describe("lease sweep grid", () => {
  it("turns a clock-rate skew into a drift bound whose extremes have that ratio", () => {
    expect(driftForSkew(1)).toBe(0);
    const d = driftForSkew(2);
    expect((1000 + d) / (1000 - d)).toBeCloseTo(2, 2);
  });

  it("spans the grid and marks exactly the 15/10/2 cell without skew or pause as the defaults", () => {
    const all = cells(defaultGrid, budget);
    expect(all).toHaveLength(3 * 3 * 5 * 2);
    const marked = all.filter((c) => c.isDefault);
    expect(
      marked.map((c) => [c.config.renewDeadline, c.config.retryPeriod, c.skew, c.config.maxPause]),
    ).toEqual([[10, 2, 1, 0]]);
    expect(marked[0]!.docTolerates).toBe(1.5);
  });

  it("reports a cell NewLeaderElector rejects without checking it", () => {
    const [cell] = cells(
      { ...defaultGrid, renewRatios: [0.5], retryPeriods: [7], skews: [1], pauses: [0] },
      budget,
    );
    const result = runCell(cell!, budget);
    expect(result.rejected).toMatch(/JitterFactor/);
    expect(result.result).toBeUndefined();
  });

  it("finds the unsafe cell past both boundaries and passes the defaults", () => {
    const grid = { ...defaultGrid, renewRatios: [2 / 3], retryPeriods: [2], skews: [1, 2], pauses: [0] };
    const [defaults, skewed] = cells(grid, budget).map((cell) => runCell(cell, budget));
    expect(defaults!.result!.ok).toBe(true);
    expect(skewed!.result!.ok).toBe(false);
    expect(skewed!.result!.counterexample!.run.violation!.invariant).toBe("single-active-leader");
  });

  it("counts a reducer that throws as a crash, never as an unsafe cell", () => {
    const throwing: typeof lease = {
      ...lease,
      step: (state, event: LeaseEvent, ctx) => {
        if (event.kind === "crash") throw new Error("boom");
        return lease.step(state, event, ctx);
      },
    };
    const [cell] = cells(
      { ...defaultGrid, renewRatios: [2 / 3], retryPeriods: [2], skews: [1], pauses: [0] },
      budget,
    );
    const result = runCell(cell!, budget, throwing);
    expect(result.crashed).toMatch(/the reducer threw: Error: boom/);
    expect(runCell(cell!, budget).crashed).toBeUndefined();
  });

  it("turns wall-clock steps back on in every cell when asked (the record ABA)", () => {
    const grid = { ...defaultGrid, wallClockStepsBack: true };
    expect(cells(grid, budget).every((c) => c.config.wallClockStepsBack)).toBe(true);
    expect(cells(defaultGrid, budget).some((c) => c.config.wallClockStepsBack)).toBe(false);
  });
});
