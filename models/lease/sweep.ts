/**
 * What the lease model adds to `faultline sweep lease`: the safe-parameter map's default grid over
 * (renewDeadline, retryPeriod, clock-rate skew, longest pause) and two analytic columns beside each
 * cell's verdict — client-go's rule of thumb (rate ratio < leaseDuration / renewDeadline) and the
 * margin derived in README.md, which also counts retryPeriod, the API reply delay, pauses and the
 * record's whole-second times. `--wall-clock-steps-back true` maps the record ABA too.
 */
import type { SweepColumn } from "../../src/model.ts";
import type { LeaseConfig } from "./config.ts";

/** Rate bound in parts per thousand so that (1000 + d) / (1000 − d) is the skew. */
export function driftForSkew(skew: number): number {
  return Math.round((1000 * (skew - 1)) / (skew + 1));
}

/** Fastest clock rate / slowest clock rate among the candidates. */
export function skewOf(config: LeaseConfig): number {
  return (1000 + config.maxClockDrift) / (1000 - config.maxClockDrift);
}

/** Seconds: renews within one second of the holder's wall clock serialise to the same record. */
const RECORD_PRECISION = 1;

const round = (n: number) => Math.round(n * 100) / 100;
const within = (skew: number, tolerated: number) =>
  `${round(tolerated).toFixed(2)} ${skew < tolerated ? "✓" : "✗"}`;

export const sweepColumns: readonly SweepColumn<LeaseConfig>[] = [
  { name: "skew", doc: "fastest / slowest clock rate among the candidates", value: (c) => round(skewOf(c)) },
  {
    name: "rule of thumb",
    doc: "client-go's tolerated rate ratio, leaseDuration / renewDeadline; ✓ when the skew is below it",
    value: (c) => within(skewOf(c), c.leaseDuration / c.renewDeadline),
  },
  {
    name: "derived margin",
    doc: "(leaseDuration − API reply delay − 3 × pause) / (renewDeadline + retryPeriod + 1 s of record precision); ✓ when the skew is below it",
    value: (c) =>
      within(
        skewOf(c),
        (c.leaseDuration - c.maxApiDelay - 3 * c.maxPause) /
          (c.renewDeadline + c.retryPeriod + RECORD_PRECISION),
      ),
  },
];

/** 15 s leases; renewDeadline at ½, ⅔ and ⅘ of it; skews 1, 1.1, 1.25, 1.5, 2; two candidates, the smallest cluster where two can act. */
export const sweepGrid = {
  candidates: [2],
  "renew-deadline": [7.5, 10, 12],
  "retry-period": [1, 2, 3],
  "max-clock-drift": [1, 1.1, 1.25, 1.5, 2].map(driftForSkew),
  "max-pause": [0, 4],
} as const;
