/**
 * The HA control plane under generated fault schedules: the correct model holds every invariant
 * in both topologies, reaches every witness, and each flaw is caught by its invariant with a
 * shrunk story no longer than the one recorded in models/ha/README.md.
 */
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ha } from "../models/ha/model.ts";
import { check } from "../src/engine/check.ts";
import { tellStory } from "../src/report/story.ts";
import { assertHolds, hunt, itCatchesEveryFlaw, schedules, withOnly } from "../src/testing.ts";

describe.each(["stacked", "external"] as const)("ha, %s topology", (topology) => {
  test.prop([schedules(ha, { fixed: { topology } })], { numRuns: 2000, seed: 1 })(
    "every invariant holds over generated fault schedules",
    (run) => assertHolds(ha, run),
  );

  test("every witness is reached", () => {
    const result = check(ha, { runs: 500, seed: 2, fixed: { topology } });
    expect(result.ok).toBe(true);
    for (const w of ha.witnesses!) expect(result.witnesses[w.name], w.name).toBeGreaterThan(0);
  });
});

/** Flaw → the longest minimal story (steps) we accept; measured sizes are in the README. */
const storyBound: Record<string, number> = {
  "quorum-of-half": 4,
  "no-leader-election": 1,
  "keep-leading-without-renew": 3,
  "lb-routes-to-dead": 3,
  "lb-checks-livez": 3,
  "election-only-on-crash": 4,
};

describe("ha flaws are caught by generated schedules", () => {
  itCatchesEveryFlaw(ha, storyBound, { seed: 1, runs: 5000 });
});

describe("ha, invariants no flaw names first", () => {
  // A write to a dead apiserver usually shows lb-routes-to-dead first; a read to one is the same flaw.
  it("reads-stay-available alone catches lb-routes-to-dead", () => {
    const only = withOnly(ha, "reads-stay-available");
    const result = hunt(only, "lb-routes-to-dead", { seed: 1, runs: 5000 });
    expect(result.counterexample?.run.violation?.invariant).toBe("reads-stay-available");
    expect(tellStory(only, result.counterexample!).steps.length).toBeLessThanOrEqual(3);
  });
});
