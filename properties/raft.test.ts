/**
 * The Raft property suite: the correct model holds every invariant over generated fault
 * schedules, reaches every witness, and every flaw is caught by generated schedules (fixed
 * seeds) on the invariant its doc names, with a shrunk story no longer than the README records.
 */
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { raft } from "../models/raft/model.ts";
import { check } from "../src/engine/check.ts";
import { tellStory } from "../src/report/story.ts";
import { assertHolds, hunt, itCatchesEveryFlaw, schedules, withOnly } from "../src/testing.ts";

/** Measured with seed 1 (README.md, "Flaws"): the most steps a shrunk story may take. */
const shrunkSteps: Record<string, number> = {
  "commit-previous-term": 19,
  "minority-quorum": 2,
  "forget-vote": 10,
  "no-up-to-date-check": 12,
  "no-truncate": 23,
  "accept-stale-term": 12,
  "ack-before-commit": 7,
};

describe("raft, correct", () => {
  test.prop([schedules(raft)], { numRuns: 2000, seed: 1 })(
    "holds every invariant, never mutating a state",
    (run) => assertHolds(raft, run),
  );

  // The CLI's vacuity gate needs every witness in a default run of 1000; Figure 8 (d1) is the rarest (6–15 per 1000).
  for (const generation of ["uniform", "swarm"] as const) {
    it(`reaches every witness at least 5 times in 1000 runs (${generation})`, () => {
      const result = check(raft, { runs: 1000, seed: 2, generation });
      expect(result.ok).toBe(true);
      for (const witness of raft.witnesses ?? [])
        expect(result.witnesses[witness.name], witness.name).toBeGreaterThanOrEqual(5);
    });
  }
});

describe("raft, flawed: each flaw is caught within 1000 runs", () => {
  itCatchesEveryFlaw(raft, shrunkSteps, { seed: 1, runs: 1000 });
});

describe("raft, invariants no flaw names first", () => {
  // Figure 8's real damage: after the wrong commit, a later leader commits a different entry at the same index.
  it("state-machine-safety alone catches commit-previous-term", () => {
    const only = withOnly(raft, "state-machine-safety");
    const result = hunt(only, "commit-previous-term", { seed: 1, runs: 1000 });
    expect(result.counterexample?.run.violation?.invariant).toBe("state-machine-safety");
    expect(tellStory(only, result.counterexample!).steps.length).toBeLessThanOrEqual(23);
  });
});
