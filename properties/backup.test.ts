/**
 * Backup and restore under generated schedules: the correct model holds every invariant with
 * etcdutl's defaults, with --bump-revision + --mark-compacted and with a new cluster token; without
 * the flags, generated schedules find the documented counterexamples (a watcher sees the revision
 * go backwards; the default token gives the restored cluster the replaced one's IDs); each
 * flaw is caught by its invariant within the story size recorded in models/backup/README.md.
 */
import { test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { noOldMemberRejoins, watchRevisionMonotonic } from "../models/backup/invariants.ts";
import { backup } from "../models/backup/model.ts";
import type { BackupConfig, BackupState } from "../models/backup/state.ts";
import { check } from "../src/engine/check.ts";
import type { Invariant } from "../src/model.ts";
import { tellStory } from "../src/report/story.ts";
import { assertHolds, itCatchesEveryFlaw, schedules } from "../src/testing.ts";

const bumped = { bumpRevision: 1_000_000_000, markCompacted: true };

describe.each<[string, Partial<BackupConfig>]>([
  ["etcdutl defaults", {}],
  ["--bump-revision 1000000000 --mark-compacted", bumped],
  ["--initial-cluster-token new", { restoreToken: "new" }],
])("backup with %s", (_, fixed) => {
  test.prop([schedules(backup, { fixed })], { numRuns: 2000, seed: 1 })(
    "every invariant holds over generated schedules",
    (run) => assertHolds(backup, run),
  );

  test("every witness is reached", () => {
    const result = check(backup, { runs: 500, seed: 2, fixed });
    expect(result.ok).toBe(true);
    for (const w of backup.witnesses!) expect(result.witnesses[w.name], w.name).toBeGreaterThan(0);
  });
});

/** The backup model with one invariant stated without its premise, and its documented counterexample found. */
function unconditionally(invariant: Invariant<BackupConfig, BackupState>, storySteps: number) {
  const model = {
    ...backup,
    invariants: backup.invariants.map((i) => (i.name === invariant.name ? invariant : i)),
  };
  test(`generated schedules break ${invariant.name} within ${storySteps} steps`, () => {
    const result = check(model, { runs: 2000, seed: 1 });
    expect(result.ok).toBe(false);
    const cx = result.counterexample!;
    expect(cx.run.violation?.invariant).toBe(invariant.name);
    expect(tellStory(model, cx).steps.length).toBeLessThanOrEqual(storySteps);
  });
  return model;
}

describe("the documented counterexample: restoring without --bump-revision", () => {
  // The same property without its premise: every watcher's revision never goes backwards, whatever the flags.
  const unconditional = unconditionally(watchRevisionMonotonic(false), 5);

  test("with both flags it fails only after a restore that did not bump past the old revision", () => {
    // Restoring an old snapshot a second time: the bump is relative to the snapshot, not to what watchers saw.
    const result = check(unconditional, { runs: 2000, seed: 1, fixed: bumped });
    expect(result.ok).toBe(false);
    const final = result.counterexample!.run.trace!.at(-1)!.state as BackupState;
    expect(final.history.revisionRegressed).toBe(true);
  });
});

describe("the documented counterexample: restoring with the default --initial-cluster-token", () => {
  // The same property without its premise: whatever the token, no replaced member comes back.
  const unconditional = unconditionally(noOldMemberRejoins(false), 2);

  test("with a new token per restore the unconditional property holds", () => {
    const result = check(unconditional, { runs: 2000, seed: 1, fixed: { restoreToken: "new" } });
    expect(result.counterexample?.run.violation).toBeUndefined();
  });
});

const storyBound: Record<string, number> = {
  "restore-keeps-cluster-id": 2,
  "restore-keeps-learners": 3,
  "restore-merges-later-writes": 3,
  "bump-without-compact": 5,
  "gc-ignores-ttl": 2,
};

describe("backup flaws are caught by generated schedules", () => {
  itCatchesEveryFlaw(backup, storyBound, { seed: 1, runs: 5000 });
});
