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
import { assertHolds, hunt, schedules } from "../src/testing.ts";

/** Measured with seed 1 (README.md, "Flaws"): the most steps a shrunk story may take. */
const shrunkSteps: Record<string, number> = {
  "commit-previous-term": 25,
  "minority-quorum": 2,
  "forget-vote": 10,
  "no-up-to-date-check": 11,
  "no-truncate": 12,
  "accept-stale-term": 11,
  "ack-before-commit": 7,
};

describe("raft, correct", () => {
  test.prop([schedules(raft)], { numRuns: 2000, seed: 1 })(
    "holds every invariant, never mutating a state",
    (run) => assertHolds(raft, run),
  );

  it("reaches every witness", () => {
    const result = check(raft, { runs: 2000, seed: 2 });
    expect(result.ok).toBe(true);
    for (const witness of raft.witnesses ?? []) {
      if (witness.name !== "majority-entry-overwritten")
        expect(result.witnesses[witness.name], witness.name).toBeGreaterThan(0);
    }
  });

  it("reaches Figure 8 (d1): an uncommitted entry on a majority is overwritten (rare: 3 servers, 3000 runs)", () => {
    const result = check(raft, { runs: 3000, seed: 2, fixed: { nodes: 3 } });
    expect(result.ok).toBe(true);
    expect(result.witnesses["majority-entry-overwritten"]).toBeGreaterThan(0);
  });
});

describe("raft, flawed", () => {
  it("records a shrunk size for every flaw", () => {
    expect(Object.keys(shrunkSteps).sort()).toEqual(raft.flaws.map((f) => f.name).sort());
  });

  for (const flaw of raft.flaws) {
    it(`${flaw.name} is caught by ${flaw.breaks} within 1000 runs`, () => {
      const result = hunt(raft, flaw.name, { seed: 1, runs: 1000 });
      expect(result.ok).toBe(false);
      const cx = result.counterexample!;
      expect(cx.run.violation?.invariant).toBe(flaw.breaks);
      expect(tellStory(raft, cx).steps.length).toBeLessThanOrEqual(shrunkSteps[flaw.name]!);
    });
  }
});
