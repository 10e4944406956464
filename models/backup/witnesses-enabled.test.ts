/**
 * Pins the backup model's witnesses, its enabled events and the limits of its event fields to
 * concrete scenarios (etcd's recovery guide, Velero's TTL): each witness is reached by the
 * smallest schedule that shows it and not by its near miss.
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { eventProblem } from "../../src/engine/events.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import { type BackupEvent, duration } from "./events.ts";
import { backup } from "./model.ts";
import type { BackupConfig, BackupState } from "./state.ts";

const ctxOf = (over: Partial<BackupConfig> = {}) => makeContext({ ...backup.defaults, ...over }, []);

function reached(events: readonly BackupEvent[], over: Partial<BackupConfig> = {}): string[] {
  return [...runSchedule(backup, ctxOf(over), events).reached].sort();
}

function stateAfter(events: readonly BackupEvent[], over: Partial<BackupConfig> = {}): BackupState {
  const run = runSchedule(backup, ctxOf(over), events, { record: true });
  return (run.trace?.at(-1)?.state ?? run.initial) as BackupState;
}

const save: BackupEvent = { kind: "snapshot-save" };
const restore: BackupEvent = { kind: "restore", snapshot: 1 };
const write: BackupEvent = { kind: "write", key: 1, value: 1 };
const sync = (watcher: number): BackupEvent => ({ kind: "watcher-syncs", watcher });

describe("witnesses", () => {
  test("a restore of a snapshot taken before a write drops it; one taken after drops nothing", () => {
    expect(reached([save, write, restore])).toContain("restore-drops-later-writes");
    expect(reached([write, save, restore])).not.toContain("restore-drops-later-writes");
  });

  test("every restore leaves the replaced cluster's members behind as old members", () => {
    expect(reached([save, restore])).toContain("old-member-rejected");
    expect(reached([save, write])).toEqual([]);
  });

  test("a watcher that synced before a restore syncs after it; one that never synced does not count", () => {
    expect(reached([save, write, sync(1), restore, sync(1)])).toContain("watcher-syncs-after-restore");
    expect(reached([save, write, restore, sync(1)])).not.toContain("watcher-syncs-after-restore");
    expect(reached([save, write, sync(1), write, sync(1)])).not.toContain("watcher-syncs-after-restore");
  });

  test("a restore replacing a cluster with a learner drops it; after a promotion there is none to drop", () => {
    expect(reached([{ kind: "add-learner" }, save, restore])).toContain("learner-dropped-by-restore");
    const promoted: BackupEvent[] = [{ kind: "add-learner" }, { kind: "promote-learner" }, save, restore];
    expect(reached(promoted)).not.toContain("learner-dropped-by-restore");
  });

  test("Velero's GC deleting an expired backup is reached only once the backup is gone", () => {
    const backup1h: BackupEvent = { kind: "velero-backup", ttlHours: 1 };
    expect(reached([backup1h, { kind: "time-passes", minutes: 60 }])).toEqual(["backup-expires"]);
    expect(reached([backup1h, { kind: "time-passes", minutes: 59 }])).toEqual([]);
  });
});

describe("witnesses judge the step itself, not the run so far", () => {
  const ctx = ctxOf();
  const named = (name: string) => backup.witnesses.find((w) => w.name === name)!;

  test("a write after a restore is not a restore leaving old members behind", () => {
    const restored = stateAfter([save, restore]);
    const written = backup.step(restored, write, ctx);
    expect(named("old-member-rejected").reached(restored, backup.init(ctx), ctx)).toBe(true);
    expect(named("old-member-rejected").reached(written, restored, ctx)).toBe(false);
  });

  test("after a restore, only a watcher that changes counts as syncing", () => {
    const restored = stateAfter([save, write, sync(1), restore]);
    const written = backup.step(backup.step(restored, write, ctx), write, ctx);
    expect(named("watcher-syncs-after-restore").reached(written, restored, ctx)).toBe(false);
    expect(written.watchers[1]).toBe(restored.watchers[1]);
    expect(
      named("watcher-syncs-after-restore").reached(backup.step(written, sync(1), ctx), written, ctx),
    ).toBe(true);
  });
});

describe("promote-learner", () => {
  test("promotes the first learner only, keeps every id, and is a no-op without a learner", () => {
    const two = stateAfter([{ kind: "add-learner" }, { kind: "add-learner" }, { kind: "promote-learner" }], {
      maxLearners: 2,
    });
    expect(two.etcd.members).toEqual([
      { id: 1, learner: false },
      { id: 2, learner: false },
      { id: 3, learner: false },
      { id: 4, learner: false },
      { id: 5, learner: true },
    ]);
    const ctx = ctxOf();
    const initial = backup.init(ctx);
    expect(backup.step(initial, { kind: "promote-learner" }, ctx)).toBe(initial);
  });
});

describe("enabled", () => {
  test("from the start: writes of values 1–2 to every key, save, learner, syncs, backups and the GC period", () => {
    const ctx = ctxOf();
    expect(backup.enabled!(backup.init(ctx), ctx)).toEqual([
      { kind: "write", key: 1, value: 1 },
      { kind: "write", key: 1, value: 2 },
      { kind: "write", key: 2, value: 1 },
      { kind: "write", key: 2, value: 2 },
      { kind: "write", key: 3, value: 1 },
      { kind: "write", key: 3, value: 2 },
      { kind: "snapshot-save" },
      { kind: "add-learner" },
      { kind: "watcher-syncs", watcher: 1 },
      { kind: "watcher-syncs", watcher: 2 },
      { kind: "velero-backup", ttlHours: 0 },
      { kind: "velero-backup", ttlHours: 1 },
      { kind: "time-passes", minutes: 60 },
    ]);
  });

  test("after a save and a restore: restoring each snapshot, a learner to promote, each old member's return", () => {
    const ctx = ctxOf({ members: 1, watchers: 1, restoreToken: "new" });
    const state = stateAfter([{ kind: "add-learner" }, save, save, restore], {
      members: 1,
      watchers: 1,
      restoreToken: "new",
    });
    const events = backup.enabled!(state, ctx);
    expect(events).toContainEqual({ kind: "restore", snapshot: 1 });
    expect(events).toContainEqual({ kind: "restore", snapshot: 2 });
    expect(events).not.toContainEqual({ kind: "promote-learner" });
    // Old members 1 and 2 carry cluster 1's ID: the restored cluster 2 rejects both, so neither is enabled.
    expect(events.filter((e) => e.kind === "old-member-returns")).toEqual([]);
    const same = stateAfter([{ kind: "add-learner" }, save, restore], { members: 1, watchers: 1 });
    expect(backup.enabled!(same, ctxOf({ members: 1, watchers: 1 }))).toContainEqual({
      kind: "old-member-returns",
      member: 1,
    });
  });
});

describe("event fields read from a file", () => {
  const config = { ...backup.defaults };
  const problem = (event: unknown) => eventProblem(backup, event, config);

  test.each([
    [
      { kind: "write", key: 3, value: 9 },
      { kind: "write", key: 4, value: 1 },
      { kind: "write", key: 1, value: 10 },
    ],
    [
      { kind: "restore", snapshot: 1000 },
      { kind: "restore", snapshot: 1001 },
      { kind: "restore", snapshot: 0 },
    ],
    [
      { kind: "old-member-returns", member: 10_000 },
      { kind: "old-member-returns", member: 10_001 },
      { kind: "old-member-returns", member: 0 },
    ],
    [
      { kind: "velero-backup", ttlHours: 100_000 },
      { kind: "velero-backup", ttlHours: 100_001 },
      { kind: "velero-backup", ttlHours: -1 },
    ],
    [
      { kind: "time-passes", minutes: 1_000_000 },
      { kind: "time-passes", minutes: 1_000_001 },
      { kind: "time-passes", minutes: 0 },
    ],
  ])("%j is accepted at the limit, and refused past it", (atLimit, past, below) => {
    expect(problem(atLimit)).toBeUndefined();
    expect(problem(past)).toBeDefined();
    expect(problem(below)).toBeDefined();
  });

  test("a watcher id must name one of the configured watchers", () => {
    expect(problem({ kind: "watcher-syncs", watcher: 2 })).toBeUndefined();
    expect(problem({ kind: "watcher-syncs", watcher: 3 })).toMatch(/watcher/);
  });
});

describe("durations read as Velero prints them", () => {
  test.each([
    [0, "0m"],
    [59, "59m"],
    [60, "1h"],
    [61, "1h1m"],
    [1440, "1d"],
    [1501, "1d1h1m"],
    [43_230, "30d30m"],
  ])("%i minutes is %s", (minutes, text) => expect(duration(minutes)).toBe(text));
});
