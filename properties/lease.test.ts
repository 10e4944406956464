/**
 * Property suite for lease-based leader election: the client-go elector holds every invariant
 * under generated fault schedules; every flaw and every unsafe parameter region is found by
 * generated schedules (fixed seeds) and shrunk to a short story.
 */
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { lease } from "../models/lease/model.ts";
import { type CheckResult, check } from "../src/engine/check.ts";
import { makeContext } from "../src/engine/context.ts";
import { runSchedule } from "../src/engine/runner.ts";
import { tellStory } from "../src/report/story.ts";
import { assertHolds, hunt, schedules } from "../src/testing.ts";

/** The check failed on `invariant` with a minimal story of at most `steps` steps. */
function expectCaught(result: CheckResult, invariant: string, steps: number): void {
  expect(result.ok).toBe(false);
  const cx = result.counterexample!;
  expect(cx.run.violation?.invariant).toBe(invariant);
  expect(tellStory(lease, cx).steps.length).toBeLessThanOrEqual(steps);
}

describe("lease: the client-go elector", () => {
  test.prop([schedules(lease)], { numRuns: 2000, seed: 1 })(
    "holds every invariant with the 15/10/2 defaults, drift within 10‰, pauses and API delays up to 0.5 s",
    (run) => assertHolds(lease, run),
  );

  test.prop([schedules(lease, { fixed: { clientGo: "1.33" } })], { numRuns: 500, seed: 2 })(
    "holds every invariant with client-go 1.33's elector too",
    (run) => assertHolds(lease, run),
  );

  test.prop([schedules(lease, { fixed: { releaseOnCancel: true, clientGo: "1.33", renewDeadline: 6 } })], {
    numRuns: 500,
    seed: 2,
  })(
    "holds every invariant with ReleaseOnCancel when the release fits the lease (1.33, 15/6/2: 6 + 2 + 3 s HTTP timeout)",
    (run) => assertHolds(lease, run),
  );

  it("reaches every witness, so the passing suites are not vacuous", () => {
    const result = check(lease, { runs: 1000, seed: 3 });
    expect(result.ok).toBe(true);
    for (const witness of lease.witnesses ?? [])
      expect(result.witnesses[witness.name], witness.name).toBeGreaterThan(0);
  });
});

/**
 * Counterexamples of the real client-go, outside the default scope and asserted as expected
 * (README, "Documented counterexamples"), like the all-at-once upgrade strategy.
 */
describe("lease: documented counterexamples of client-go itself", () => {
  it("--wall-clock-steps-back: the record ABA (seed 1: found after 255 runs)", () => {
    const result = check(lease, { seed: 1, runs: 5000, fixed: { wallClockStepsBack: true } });
    expectCaught(result, "single-active-leader", 10);
    const story = tellStory(lease, result.counterexample!).steps.map((step) => step.description);
    expect(story.some((words) => /wall clock is set −[\d.]+ s from real time/.test(words))).toBe(true);
    // The same schedule inside client-go's assumptions: the step back is refused, nothing breaks.
    const inside = { ...result.counterexample!.config, wallClockStepsBack: false };
    expect(
      runSchedule(lease, makeContext(inside, []) as never, result.counterexample!.schedule as never)
        .violation,
    ).toBeUndefined();
  });

  for (const clientGo of ["1.33", "1.34"])
    it(`ReleaseOnCancel (kube-scheduler, client-go ${clientGo}): a leader past its renew deadline acts while its release hangs`, () => {
      const result = check(lease, { seed: 1, runs: 2000, fixed: { releaseOnCancel: true, clientGo } });
      expect(result.ok).toBe(false);
      expect(["single-active-leader", "leader-holds-lease"]).toContain(
        result.counterexample!.run.violation!.invariant,
      );
      expect(tellStory(lease, result.counterexample!).steps.length).toBeLessThanOrEqual(8);
    });
});

/** Measured with seed 1: runs to detection and the shrunk story length (README, "Flaws"). */
const flawBudget: Record<string, { runs: number; steps: number }> = {
  "remote-clock-expiry": { runs: 3, steps: 2 },
  "no-renew-deadline": { runs: 20, steps: 3 },
  "blind-update": { runs: 20, steps: 5 },
  "own-duration-expiry": { runs: 107, steps: 5 },
  "release-before-stop": { runs: 32, steps: 4 },
  "observe-every-read": { runs: 30, steps: 5 },
};

describe("lease: every flaw is caught by its invariant", () => {
  for (const flaw of lease.flaws) {
    it(`${flaw.name} breaks ${flaw.breaks}`, () => {
      const budget = flawBudget[flaw.name]!;
      const result = hunt(lease, flaw.name, { seed: 1, runs: 2000 });
      expectCaught(result, flaw.breaks, budget.steps);
      // A bound, not the exact count: any change to generation shifts which run fails first.
      expect(result.runs).toBeLessThanOrEqual(Math.max(20, 3 * budget.runs));
    });
  }
});

/**
 * Settings client-go accepts that are unsafe, found with the correct elector. Each is a place
 * where the model finds more than the package doc's rule of thumb (rate ratio < leaseDuration / renewDeadline).
 */
describe("lease: unsafe parameter regions", () => {
  const regions = [
    {
      name: "clock rates 0.85 vs 1.15 (ratio 1.35, inside the doc's 15/10 = 1.5)",
      fixed: { candidates: 2, maxClockDrift: 150 },
      seed: 4,
      invariant: "single-active-leader",
      steps: 6,
    },
    {
      name: "a 4 s process pause, past the 3 s margin leaseDuration − renewDeadline − retryPeriod",
      fixed: { candidates: 2, maxPause: 4 },
      seed: 2,
      invariant: "leader-holds-lease",
      steps: 8,
    },
    {
      name: "API calls slower than the HTTP timeout (renewDeadline / 2) round trip: nobody ever acquires",
      fixed: { candidates: 2, maxApiDelay: 3 },
      seed: 2,
      invariant: "failover-bounded",
      steps: 11,
    },
    {
      name: "candidate 1 at leaseDuration 11 s, renewDeadline 10 s (passes NewLeaderElector's checks)",
      fixed: { candidates: 2, candidate1LeaseDuration: 11 },
      seed: 1,
      invariant: "single-active-leader",
      steps: 4,
    },
  ];
  for (const region of regions) {
    it(region.name, () => {
      const result = check(lease, { seed: region.seed, runs: 2000, fixed: region.fixed });
      expectCaught(result, region.invariant, region.steps);
    });
  }
});
