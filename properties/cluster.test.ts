/**
 * The node lifecycle model under generated fault schedules: the correct model holds every
 * invariant (taint-based and legacy eviction, overlapping budgets), reaches every witness, and
 * each flaw is caught by its invariant with a shrunk story no longer than the one recorded in
 * models/cluster/README.md.
 */
import { test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { cluster } from "../models/cluster/model.ts";
import { check } from "../src/engine/check.ts";
import { assertHolds, itCatchesEveryFlaw, schedules } from "../src/testing.ts";

describe("the correct cluster model", () => {
  test.prop([schedules(cluster)], { numRuns: 2000, seed: 1 })(
    "holds every invariant over generated schedules",
    (run) => assertHolds(cluster, run),
  );

  test.each([
    ["legacy eviction (--pod-eviction-timeout)", { evictionMode: "legacy" }],
    ["two budgets over the web pods", { overlappingPdb: true }],
    [
      "pre-1.32 grace period and AlwaysAllow budgets",
      { nodeMonitorGracePeriod: 40, unhealthyPodEvictionPolicy: "AlwaysAllow" },
    ],
  ])("holds with %s", (_, fixed) => {
    const result = check(cluster, { runs: 500, seed: 3, fixed });
    expect(result.counterexample?.run.violation).toBeUndefined();
  });

  test("reaches every witness", () => {
    const result = check(cluster, { runs: 500, seed: 2 });
    expect(result.ok).toBe(true);
    for (const w of cluster.witnesses!) expect(result.witnesses[w.name], w.name).toBeGreaterThan(0);
  });
});

/** The shrunk story's steps measured with seed 1 (README.md, "Flaws"). */
const storyBound: Record<string, number> = {
  "kubelet-keeps-orphans": 1,
  "evict-before-timeout": 2,
  "schedule-on-cordoned": 1,
  "drain-ignores-pdb": 1,
  "drain-deletes-unmanaged": 1,
  "statefulset-eager-replace": 2,
  "drain-partial-evict": 1,
  "replicaset-counts-terminating": 2,
  "drain-blocked-reported-done": 1,
};

describe("cluster flaws are caught by generated schedules", () => {
  itCatchesEveryFlaw(cluster, storyBound, { seed: 1, runs: 5000 });
});
