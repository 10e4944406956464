/**
 * Each backup invariant proves its teeth: a state known to be bad (reached by a real schedule, or
 * a real state with one oracle fact changed where no schedule of the correct model reaches it)
 * breaks it with the message a person reads. Sources: etcd's recovery guide
 * (https://etcd.io/docs/v3.5/op-guide/recovery/), etcdutl/snapshot/v3_snapshot.go, Velero's
 * pkg/controller/gc_controller.go.
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { Invariant } from "../../src/model.ts";
import type { BackupEvent } from "./events.ts";
import type { flaws } from "./flaws.ts";
import {
  backupExpiry,
  noOldMemberRejoins,
  restoreEqualsSnapshot,
  watchRevisionMonotonic,
} from "./invariants.ts";
import { backup } from "./model.ts";
import type { BackupConfig, BackupState } from "./state.ts";

type BackupInvariant = Invariant<BackupConfig, BackupState>;
type BackupFlaw = (typeof flaws)[number]["name"];

const w = (key: number, value: number): BackupEvent => ({ kind: "write", key, value });
const save: BackupEvent = { kind: "snapshot-save" };
const restore: BackupEvent = { kind: "restore", snapshot: 1 };
const sync: BackupEvent = { kind: "watcher-syncs", watcher: 1 };

function violation(
  events: readonly BackupEvent[],
  over: Partial<BackupConfig> = {},
  flaws: BackupFlaw[] = [],
) {
  const ctx = makeContext({ ...backup.defaults, ...over }, flaws);
  return runSchedule(backup, ctx, events).violation;
}

/** The state before and after the schedule's last step, and the context it ran in. */
function lastStep(events: readonly BackupEvent[], over: Partial<BackupConfig> = {}) {
  const ctx = makeContext({ ...backup.defaults, ...over }, []);
  const run = runSchedule(backup, ctx, events, { record: true });
  const trace = run.trace!;
  const prev = (trace.at(-2)?.state ?? run.initial) as BackupState;
  return { state: trace.at(-1)!.state as BackupState, prev, ctx };
}

const check = (invariant: BackupInvariant, s: ReturnType<typeof lastStep>, state = s.state) =>
  invariant.check(state, s.prev, s.ctx);

describe("restore-equals-snapshot", () => {
  test("a restore that merges later writes into the snapshot's keyspace is named with both keyspaces", () => {
    const merged = violation([w(1, 1), save, w(2, 1), restore], {}, ["restore-merges-later-writes"]);
    expect(merged?.invariant).toBe("restore-equals-snapshot");
    expect(merged?.message).toBe("snapshot 1 held k1=v1@2 but the restored cluster holds k1=v1@2 k2=v1@3");
  });

  test("a restored cluster at a revision other than the snapshot's plus --bump-revision breaks it", () => {
    const restored = lastStep([w(1, 1), save, w(1, 2), restore], { bumpRevision: 5, markCompacted: true });
    expect(check(restoreEqualsSnapshot, restored)).toBeUndefined();
    const wrong = { ...restored.state, etcd: { ...restored.state.etcd, revision: 3 } };
    expect(check(restoreEqualsSnapshot, restored, wrong)).toBe(
      "the restored cluster is at revision 3, not 7 (snapshot revision 2 + bump 5)",
    );
  });
});

describe("no-old-member-rejoins", () => {
  test("an old process accepted by a cluster restored with a new token breaks it, though no old ID is a member", () => {
    const restored = lastStep([save, restore], { restoreToken: "new" });
    expect(check(noOldMemberRejoins(true), restored)).toBeUndefined();
    const accepted = {
      ...restored.state,
      history: { ...restored.state.history, rejoined: [2] },
    };
    expect(check(noOldMemberRejoins(true), restored, accepted)).toBe(
      "the process of member 2 of a replaced cluster was accepted by cluster 2",
    );
  });

  test("with etcdutl's default token the process it accepts is named (the documented counterexample)", () => {
    const returned = lastStep([save, restore, { kind: "old-member-returns", member: 1 }]);
    expect(check(noOldMemberRejoins(true), returned)).toBeUndefined();
    // Member 1 is back by ID first: the restore gave the new cluster the old IDs.
    expect(check(noOldMemberRejoins(false), returned)).toBe(
      "member 1 of a replaced cluster is a member of cluster 1",
    );
  });
});

describe("watch-revision-monotonic", () => {
  test("without --bump-revision a watcher that relists after a restore sees the revision go back (etcd's caveat)", () => {
    const unconditional = { ...backup, invariants: [watchRevisionMonotonic(false)] };
    const ctx = makeContext(backup.defaults, []);
    const run = runSchedule(unconditional, ctx, [save, w(1, 1), sync, restore, sync]);
    expect(run.violation).toMatchObject({
      invariant: "watch-revision-monotonic",
      step: 5,
      message: "watcher 1 saw revision 2, then revision 1",
    });
    expect(violation([save, w(1, 1), sync, restore, sync])).toBeUndefined();
  });
});

describe("watch-cache-matches-store", () => {
  test("a watcher that resumes past a bump without the compaction mark keeps every erased write", () => {
    const bumped = { bumpRevision: 1_000_000_000, markCompacted: true };
    const kept = violation([save, w(1, 1), w(2, 1), sync, restore, w(3, 1), sync], bumped, [
      "bump-without-compact",
    ]);
    expect(kept).toMatchObject({
      invariant: "watch-cache-matches-store",
      message: "watcher 1 synced to revision 1000000002 holding k1=v1 k2=v1 k3=v1, but the store holds k3=v1",
    });
  });
});

describe("backup-expiry", () => {
  test("a backup deleted before its own --ttl breaks it, with both minutes", () => {
    // The GC ignoring a 1000 h TTL deletes the backup at the server default, 720 h.
    const early = violation(
      [
        { kind: "velero-backup", ttlHours: 1000 },
        { kind: "time-passes", minutes: 720 * 60 },
      ],
      {},
      ["gc-ignores-ttl"],
    );
    expect(early).toMatchObject({
      invariant: "backup-expiry",
      message: "backup-1 was deleted at minute 43200, before its expiration at minute 60000",
    });
  });

  test("the correct GC keeps that backup until its own expiration, then deletes it on the next run", () => {
    const created: BackupEvent = { kind: "velero-backup", ttlHours: 1000 };
    const kept = lastStep([created, { kind: "time-passes", minutes: 1000 * 60 - 1 }]);
    expect(kept.state.velero.backups.map((b) => b.name)).toEqual(["backup-1"]);
    expect(check(backupExpiry, kept)).toBeUndefined();
    const gone = lastStep([created, { kind: "time-passes", minutes: 1000 * 60 }]);
    expect(gone.state.history.backups["backup-1"]).toEqual({ expiration: 60_000, deletedAt: 60_000 });
  });
});
