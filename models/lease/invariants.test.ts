/**
 * The invariants' teeth on oracle logs known to be bad, and their silence on logs of a correct
 * handover (client-go tools/leaderelection: a candidate acts only once the API server made it the
 * holder, and stops before anyone else can take over). Each invariant reads only the history, so
 * the logs here are written out; the flaw stories (stories/flaw-*.txt) show them on real runs.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { defaults, type LeaseConfig } from "./config.ts";
import { failoverBound, failoverBounded, leaderHoldsLease, singleActiveLeader } from "./invariants.ts";
import { lease } from "./model.ts";
import type { Failover, Happening, LeaseState } from "./state.ts";

const ctx = makeContext(defaults, []) as never;
const initial = lease.init(ctx) as LeaseState;

function withHistory(log: readonly Happening[], failover?: Failover, now = 0): LeaseState {
  return { ...initial, now, history: { ...initial.history, log, failover } };
}

/** The check's answer once `log` has been appended in one step. */
const afterStep = (check: typeof singleActiveLeader.check, log: readonly Happening[]) =>
  check(withHistory(log), withHistory([]), ctx);

/** A correct handover: 1 acquires, stops at its renew deadline, 2 takes the expired lease later. */
const handover: Happening[] = [
  { at: 0, holder: "host1_1" },
  { at: 0, acts: 1, as: "host1_1" },
  { at: 12_000, stops: 1, why: "renew deadline passed" },
  { at: 16_000, holder: "host2_1" },
  { at: 16_000, acts: 2, as: "host2_1" },
];

describe("single-active-leader", () => {
  it("is silent on a handover where the old leader stopped first", () =>
    expect(afterStep(singleActiveLeader.check, handover)).toBeUndefined());

  it("names both actors and since when the first acted", () => {
    const log = handover.filter((h) => !("stops" in h));
    expect(afterStep(singleActiveLeader.check, log)).toBe(
      "candidates 1 and 2 both act as leader at 16.000 s (1 since 0.000 s)",
    );
  });

  it("only replays when the step added to the log", () => {
    const log = handover.filter((h) => !("stops" in h));
    const s = withHistory(log);
    expect(singleActiveLeader.check(s, s, ctx)).toBeUndefined();
  });
});

describe("leader-holds-lease", () => {
  it("is silent on a correct handover and on a release after the leader stopped", () => {
    expect(afterStep(leaderHoldsLease.check, handover)).toBeUndefined();
    const released: Happening[] = [
      ...handover.slice(0, 3),
      { at: 12_001, holder: "" },
      { at: 14_000, holder: "host2_1" },
      { at: 14_000, acts: 2, as: "host2_1" },
    ];
    expect(afterStep(leaderHoldsLease.check, released)).toBeUndefined();
  });

  it("catches a candidate that starts acting while another process holds the Lease", () => {
    const log: Happening[] = [
      { at: 0, holder: "host1_1" },
      { at: 2_500, acts: 2, as: "host2_1" },
    ];
    expect(afterStep(leaderHoldsLease.check, log)).toBe(
      "candidate 2 starts acting at 2.500 s while the Lease is held by host1_1 (candidate 1)",
    );
  });

  it("catches acting before any Lease exists, reading the empty holder in words", () =>
    expect(afterStep(leaderHoldsLease.check, [{ at: 0, acts: 3, as: "host3_2" }])).toBe(
      'candidate 3 starts acting at 0.000 s while the Lease is held by nobody ("" after a release)',
    ));

  it("catches the Lease passing on while its old holder still acts, and a new process of the same candidate counts as another", () => {
    const log: Happening[] = [
      { at: 0, holder: "host1_1" },
      { at: 0, acts: 1, as: "host1_1" },
      { at: 9_000, holder: "host1_2" },
    ];
    expect(afterStep(leaderHoldsLease.check, log)).toBe(
      "the Lease passes to host1_2 (candidate 1) at 9.000 s while candidate 1 (host1_1) still acts as leader",
    );
  });
});

describe("failover-bounded", () => {
  const bound = failoverBound(defaults);

  it("bounds failover by the longest leaseDuration, 2 × (1 + JitterFactor) × retryPeriod at the slowest clock, and 14 API delays", () => {
    // (15 s + 8.8 s) / 0.99, rounded up to the ms, + 14 × 0.5 s (README, "failover-bounded").
    expect(bound).toBe(31_041);
    const noDrift: LeaseConfig = { ...defaults, maxClockDrift: 0, maxApiDelay: 0 };
    expect(failoverBound(noDrift)).toBe(23_800);
    // The longest duration of any candidate counts, the first's as much as the last's.
    expect(failoverBound({ ...noDrift, candidate1LeaseDuration: 20, candidate1RenewDeadline: 10 })).toBe(
      28_800,
    );
    expect(failoverBound({ ...noDrift, candidate1LeaseDuration: 10, candidate1RenewDeadline: 5 })).toBe(
      23_800,
    );
  });

  it("holds up to the bound itself and breaks one ms past it, counting from the cause", () => {
    const open = (since: number, cause: string): Failover => ({ since, cause, ended: undefined });
    const at = (now: number, f: Failover) => failoverBounded.check(withHistory([], f, now), initial, ctx);
    expect(at(1_000 + bound, open(1_000, "leader 1 crashed"))).toBeUndefined();
    expect(at(1_001 + bound, open(1_000, "leader 1 crashed"))).toBe(
      "no candidate acted as leader for 31.042 s since leader 1 crashed at 1.000 s; the bound is 31.041 s",
    );
    expect(at(bound + 1, open(0, "start"))).toBe(
      "no candidate acted as leader for 31.042 s since the start; the bound is 31.041 s",
    );
  });

  it("judges an ended failover by when a leader acted, not by the time now", () => {
    const ended: Failover = { since: 0, cause: "leader 2 was cut off", ended: 5_000 };
    expect(failoverBounded.check(withHistory([], ended, 10 * bound), initial, ctx)).toBeUndefined();
    const late: Failover = { ...ended, ended: bound + 1 };
    expect(failoverBounded.check(withHistory([], late, bound + 1), initial, ctx)).toMatch(/for 31.042 s/);
  });
});
