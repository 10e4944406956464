// examples/readme/extend-raft.test.ts

import { test } from "@fast-check/vitest";
import { assertHolds, hunt, schedules, withOnly } from "faultline/vitest";
import { expect, it } from "vitest";
import { raftPlus } from "./extend-raft.ts";

test.prop([schedules(raftPlus, { fixed: { nodes: 3 } })], { numRuns: 300, seed: 1 })(
  "raft-plus holds every invariant, its own included",
  (run) => assertHolds(raftPlus, run),
);

it("generated schedules catch commit-without-entries on commit-within-log, alone and beside raft's own", () => {
  const alone = hunt(withOnly(raftPlus, "commit-within-log"), "commit-without-entries");
  expect(alone.counterexample?.run.violation?.invariant).toBe("commit-within-log");
  const beside = hunt(raftPlus, "commit-without-entries").counterexample?.run.violation;
  const broken = [beside?.invariant, ...(beside?.also ?? []).map((a) => a.invariant)];
  expect(broken).toContain("commit-within-log");
});
