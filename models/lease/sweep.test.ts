import { describe, expect, it } from "vitest";
import { pinnedConfig } from "../../src/engine/config.ts";
import { defaultAxes, gridCells } from "../../src/sweep/grid.ts";
import { sweep } from "../../src/sweep/sweep.ts";
import type { LeaseConfig } from "./config.ts";
import { lease } from "./model.ts";
import { driftForSkew, skewOf } from "./sweep.ts";

const budget = { runs: 300, seed: 1, maxSteps: lease.maxSteps };
const at = (values: Partial<LeaseConfig>) => ({ ...pinnedConfig(lease, {}, []), candidates: 2, ...values });

describe("lease sweep", () => {
  it("turns a clock-rate skew into a drift bound whose extremes have that ratio", () => {
    expect(driftForSkew(1)).toBe(0);
    expect(skewOf({ ...lease.defaults, maxClockDrift: driftForSkew(2) })).toBeCloseTo(2, 2);
  });

  it("spans the default grid: 3 renew deadlines × 3 retry periods × 5 skews × 2 pauses", () => {
    expect(gridCells(defaultAxes(lease), lease.defaults)).toHaveLength(90);
  });

  it("reports a cell NewLeaderElector rejects without checking it", async () => {
    const [cell] = await sweep(lease, [at({ renewDeadline: 7.5, retryPeriod: 7 })], budget, 1);
    expect(cell!.verdict).toBe("rejected");
    expect(cell!.reason).toMatch(/JitterFactor/);
  });

  it("finds the skewed cell unsafe and passes the client-go defaults, with the analytic columns beside", async () => {
    const [defaults, skewed] = await sweep(
      lease,
      [at({ maxClockDrift: 0 }), at({ maxClockDrift: driftForSkew(2) })],
      budget,
      1,
    );
    expect(defaults!.verdict).toBe("safe");
    expect(defaults!.columns["rule of thumb"]).toBe("1.50 ✓");
    expect(skewed!.verdict).toBe("unsafe");
    expect(skewed!.result!.counterexample!.run.violation!.invariant).toBe("single-active-leader");
    expect(skewed!.columns["rule of thumb"]).toBe("1.50 ✗");
  });
});
