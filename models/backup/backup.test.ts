/**
 * Hand-written scenarios pinning the backup model to etcd's restore semantics (v3_snapshot.go,
 * op-guide/recovery) and Velero's TTL and GC (kubernetes-facts.md §5.4, §5.6).
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { eventProblem } from "../../src/engine/events.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { BackupEvent } from "./events.ts";
import { backup } from "./model.ts";
import type { BackupConfig, BackupState } from "./state.ts";

const bumped = { bumpRevision: 1_000_000_000, markCompacted: true };

function play(events: readonly BackupEvent[], over: Partial<BackupConfig> = {}) {
  const ctx = makeContext({ ...backup.defaults, ...over }, []);
  const run = runSchedule(backup, ctx, events, { record: true, freeze: true });
  return { run, state: (run.trace?.at(-1)?.state ?? run.initial) as BackupState };
}

const w = (key: number, value: number): BackupEvent => ({ kind: "write", key, value });
const save: BackupEvent = { kind: "snapshot-save" };
const restore: BackupEvent = { kind: "restore", snapshot: 1 };
const sync: BackupEvent = { kind: "watcher-syncs", watcher: 1 };

describe("etcdutl snapshot restore", () => {
  // etcd server/etcdserver/api/membership: member ID = sha1(peer URLs + token), cluster ID = sha1(member IDs).
  test("with the default --initial-cluster-token the same --initial-cluster gives back the same IDs", () => {
    const { state, run } = play([w(1, 1), save, w(1, 2), w(2, 1), restore]);
    expect(run.violation).toBeUndefined();
    expect(state.etcd.clusterId).toBe(1);
    expect(state.etcd.members.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(state.etcd.kv).toEqual({ k1: { value: "v1", modRevision: 2 } });
    expect(state.etcd.revision).toBe(2);
  });

  test("a new token per restore (etcd's disaster-recovery guide) gives a new cluster ID and new member IDs", () => {
    const once = play([save, restore], { restoreToken: "new" }).state;
    expect(once.etcd.clusterId).toBe(2);
    expect(once.etcd.members.map((m) => m.id)).toEqual([4, 5, 6]);
    const twice = play([save, restore, restore], { restoreToken: "new" }).state;
    expect(twice.etcd.clusterId).toBe(3);
    expect(twice.etcd.members.map((m) => m.id)).toEqual([7, 8, 9]);
  });

  test("drops learners: every restored member is a voter", () => {
    const { state } = play([{ kind: "add-learner" }, save, restore]);
    expect(state.etcd.members.every((m) => !m.learner)).toBe(true);
    expect(state.etcd.members).toHaveLength(3);
  });

  test("a returning member of the old cluster is rejected after a restore with a new token (cluster ID mismatch)", () => {
    const { run } = play([save, restore, { kind: "old-member-returns", member: 1 }], { restoreToken: "new" });
    expect(run.trace!.at(-1)!.skipped).toBe(true);
  });

  test("with the default token the old process carries the same cluster and member IDs and is accepted", () => {
    const { state } = play([save, restore, { kind: "old-member-returns", member: 1 }]);
    expect(state.history.rejoined).toEqual([1]);
  });

  test("the processes of every replaced cluster may still run: a second restore adds its members to the first's", () => {
    const { state } = play([save, restore, restore], { restoreToken: "new" });
    expect(state.oldMembers).toEqual({ 1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2 });
  });

  test("--bump-revision moves the revision forward; --mark-compacted compacts up to it", () => {
    const { state } = play([w(1, 1), save, restore], bumped);
    expect(state.etcd.revision).toBe(1_000_000_002);
    expect(state.etcd.compactRevision).toBe(1_000_000_002);
  });

  // The recovery guide bumps by a large number so that the new revision passes every revision a
  // client has seen; a bump that only matches the writes the snapshot lost does not.
  test("a bump no larger than the lost writes leaves a watcher at the new revision with an erased write", () => {
    const { state, run } = play([w(1, 1), save, w(1, 2), sync, restore, sync], {
      bumpRevision: 1,
      markCompacted: true,
    });
    expect(state.etcd.revision).toBe(3);
    expect(state.watchers[1]).toEqual({ lastSeen: 3, cache: { k1: "v2" } });
    expect(run.trace!.at(-1)!.skipped).toBe(true);
    // etcd's promise no longer covers this run, so watch-cache-matches-store is not broken.
    expect(state.history.revisionRegressed).toBe(true);
    expect(run.violation).toBeUndefined();
  });

  test("a learner dropped by a same-token restore is no member of the restored cluster: its return is rejected", () => {
    const { state, run } = play([
      { kind: "add-learner" },
      save,
      restore,
      { kind: "old-member-returns", member: 4 },
    ]);
    expect(state.etcd.clusterId).toBe(1);
    expect(run.trace!.at(-1)!.skipped).toBe(true);
    expect(state.oldMembers).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1 });
  });

  test("either flag alone is an error, as in etcdutl", () => {
    expect(backup.validateConfig!({ ...backup.defaults, bumpRevision: 5 })).toMatch(/used together/);
    expect(backup.validateConfig!({ ...backup.defaults, markCompacted: true })).toMatch(/used together/);
    expect(backup.validateConfig!({ ...backup.defaults, ...bumped })).toBeUndefined();
  });

  test("at most --max-learners (default 1) learners", () => {
    const { run } = play([{ kind: "add-learner" }, { kind: "add-learner" }]);
    expect(run.trace!.map((t) => t.skipped)).toEqual([false, true]);
  });
});

describe("watchers across a restore", () => {
  test("without the flags a watcher sees the revision go backwards (etcd's documented caveat)", () => {
    const { state, run } = play([save, w(1, 1), sync, restore, sync]);
    expect(run.trace![2]!.state.watchers[1]!.lastSeen).toBe(2);
    expect(state.watchers[1]!.lastSeen).toBe(1);
  });

  test("with them the watcher's resume is compacted, so it relists at the bumped revision", () => {
    const { state, run } = play([save, w(1, 1), sync, restore, sync], bumped);
    expect(run.violation).toBeUndefined();
    expect(state.watchers[1]).toEqual({ lastSeen: 1_000_000_001, cache: {} });
  });

  test("a watcher that is up to date and has nothing new to see does nothing", () => {
    const { run } = play([w(1, 1), sync, sync]);
    expect(run.trace!.map((t) => t.skipped)).toEqual([false, false, true]);
  });
});

describe("Velero", () => {
  test("a backup without --ttl expires after 720 h and is deleted on the next hourly GC run", () => {
    const minutes = (m: number): BackupEvent => ({ kind: "time-passes", minutes: m });
    const created = [minutes(30), { kind: "velero-backup", ttlHours: 0 } as BackupEvent];
    const before = play([...created, minutes(720 * 60 - 1)]).state;
    expect(before.velero.backups).toHaveLength(1);
    const after = play([...created, minutes(720 * 60 + 30)]).state;
    expect(after.velero.backups).toHaveLength(0);
    expect(after.history.backups["backup-1"]).toEqual({
      expiration: 30 + 720 * 60,
      deletedAt: 30 + 720 * 60 + 30,
    });
  });

  test("the GC deletes an expired backup and keeps the others; every backup stays on record", () => {
    const { state } = play([
      { kind: "velero-backup", ttlHours: 1 },
      { kind: "velero-backup", ttlHours: 3 },
      { kind: "time-passes", minutes: 60 },
    ]);
    expect(state.velero.backups.map((b) => b.name)).toEqual(["backup-2"]);
    expect(state.history.backups).toEqual({
      "backup-1": { expiration: 60, deletedAt: 60 },
      "backup-2": { expiration: 180, deletedAt: null },
    });
  });

  test("a backup is not deleted before its own TTL", () => {
    const { state } = play([
      { kind: "velero-backup", ttlHours: 2 },
      { kind: "time-passes", minutes: 119 },
    ]);
    expect(state.velero.backups).toHaveLength(1);
  });
});

describe("the contract", () => {
  test("events read from a file are checked", () => {
    const c = { ...backup.defaults }; // a plain record, as configs read from files are
    expect(eventProblem(backup, { kind: "write", key: 9, value: 1 }, c)).toMatch(/key/);
    expect(eventProblem(backup, { kind: "watcher-syncs", watcher: 3 }, c)).toMatch(/watcher/);
    expect(eventProblem(backup, { kind: "restore", snapshot: 1 }, c)).toBeUndefined();
  });

  test("enabled lists only events that change the state", () => {
    const ctx = makeContext(backup.defaults, []);
    const state = backup.init(ctx);
    const events = backup.enabled!(state, ctx);
    expect(events).not.toContainEqual(restore);
    for (const e of events) expect(backup.step(state, e, ctx)).not.toBe(state);
  });
});
