import { test } from "@fast-check/vitest";
import { assertHolds, itCatchesEveryFlaw, schedules } from "faultline/vitest";
import { describe } from "vitest";
import { twopc } from "./model.ts";

describe("two-phase commit", () => {
  test.prop([schedules(twopc)], { numRuns: 500, seed: 1 })("holds every invariant", (run) =>
    assertHolds(twopc, run),
  );

  itCatchesEveryFlaw(twopc, { "commit-on-majority": 6, "forget-vote": 8 }, { runs: 10_000 });
});
