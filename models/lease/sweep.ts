/**
 * The safe-parameter map: fuzz the correct elector over a grid of (renewDeadline / leaseDuration,
 * retryPeriod, clock rate skew, longest pause) and set each cell's verdict next to two boundaries:
 * client-go's rule of thumb (rate ratio < leaseDuration / renewDeadline) and the margin derived in
 * README.md, which also counts retryPeriod, the API reply delay, pauses and the record's
 * whole-second times. A reducer that throws in a cell is a model bug, never an unsafe cell.
 */
import { type CheckResult, check } from "../../src/engine/check.ts";
import { STEP_COMPLETES } from "../../src/engine/runner.ts";
import { defaults, type LeaseConfig, validateConfig } from "./config.ts";
import { lease } from "./model.ts";

export interface SweepGrid {
  readonly leaseDuration: number;
  /** renewDeadline as a fraction of leaseDuration. */
  readonly renewRatios: readonly number[];
  readonly retryPeriods: readonly number[];
  /** Fastest clock rate / slowest clock rate among the candidates. */
  readonly skews: readonly number[];
  /** Longest process pause, seconds. */
  readonly pauses: readonly number[];
  /** Let running processes' wall clocks step back in every cell (the record ABA). */
  readonly wallClockStepsBack: boolean;
}

export interface SweepBudget {
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps: number;
  readonly candidates: number;
}

export const defaultGrid: SweepGrid = {
  leaseDuration: defaults.leaseDuration,
  renewRatios: [0.5, 2 / 3, 0.8],
  retryPeriods: [1, 2, 3],
  skews: [1, 1.1, 1.25, 1.5, 2],
  pauses: [0, 4],
  wallClockStepsBack: false,
};

export const defaultBudget: SweepBudget = { runs: 1000, seed: 1, maxSteps: lease.maxSteps, candidates: 2 };

export interface Cell {
  readonly config: LeaseConfig;
  readonly skew: number;
  /** The client-go defaults 15/10/2 with equal clock rates and no pause. */
  readonly isDefault: boolean;
  /** client-go's rule of thumb: rate ratio < leaseDuration / renewDeadline. */
  readonly docTolerates: number;
  /** The derived margin: rate ratio < (leaseDuration − reply delay − 3 × pause) / (renewDeadline + retryPeriod + 1 s). */
  readonly derivedTolerates: number;
}

export interface CellResult extends Cell {
  /** NewLeaderElector would reject this config. */
  readonly rejected: string | undefined;
  /** The reducer threw in this cell (a model bug): what it threw. */
  readonly crashed: string | undefined;
  readonly result: CheckResult | undefined;
}

/** Rate bound in parts per thousand so that (1000 + d) / (1000 − d) is the skew. */
export function driftForSkew(skew: number): number {
  return Math.round((1000 * (skew - 1)) / (skew + 1));
}

/** Seconds: renews within one second of the holder's wall clock serialise to the same record. */
const RECORD_PRECISION = 1;

/** renewDeadline to a tenth of a second, so a ratio like 0.667 gives the 10 s a person means. */
const tenths = (n: number) => Math.round(n * 10) / 10;

export function cells(grid: SweepGrid, budget: SweepBudget): Cell[] {
  const out: Cell[] = [];
  for (const ratio of grid.renewRatios)
    for (const retryPeriod of grid.retryPeriods)
      for (const skew of grid.skews)
        for (const pause of grid.pauses) {
          const renewDeadline = tenths(grid.leaseDuration * ratio);
          const config: LeaseConfig = {
            ...defaults,
            candidates: budget.candidates,
            leaseDuration: grid.leaseDuration,
            renewDeadline,
            retryPeriod,
            maxClockDrift: driftForSkew(skew),
            maxPause: pause,
            wallClockStepsBack: grid.wallClockStepsBack,
          };
          const isDefault =
            grid.leaseDuration === 15 &&
            renewDeadline === 10 &&
            retryPeriod === 2 &&
            skew === 1 &&
            pause === 0;
          const docTolerates = grid.leaseDuration / renewDeadline;
          const derivedTolerates =
            (grid.leaseDuration - config.maxApiDelay - 3 * pause) /
            (renewDeadline + retryPeriod + RECORD_PRECISION);
          out.push({ config, skew, isDefault, docTolerates, derivedTolerates });
        }
  return out;
}

/** `model` is the lease model; tests pass a broken copy to see a crash reported as one. */
export function runCell(cell: Cell, budget: SweepBudget, model: typeof lease = lease): CellResult {
  const rejected = validateConfig(cell.config);
  if (rejected) return { ...cell, rejected, crashed: undefined, result: undefined };
  const result = check(model, {
    runs: budget.runs,
    seed: budget.seed,
    maxSteps: budget.maxSteps,
    fixed: cell.config as unknown as Record<string, unknown>,
  });
  const violation = result.counterexample?.run.violation;
  const crashed = violation?.invariant === STEP_COMPLETES.name ? violation.message : undefined;
  return { ...cell, rejected: undefined, crashed, result };
}
