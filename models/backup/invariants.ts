/** What a restore and a backup policy promise; each reads the oracle history or compares with the state before the step. */
import type { Invariant } from "../../src/model.ts";
import type { BackupConfig, BackupState, Kv } from "./state.ts";

type BackupInvariant = Invariant<BackupConfig, BackupState>;

const show = (kv: Readonly<Record<string, string>>): string =>
  Object.keys(kv).length
    ? Object.entries(kv)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")
    : "nothing";
const values = (kv: Kv): Record<string, string> =>
  Object.fromEntries(Object.entries(kv).map(([k, e]) => [k, e.value]));
const entryText = (kv: Kv): string =>
  Object.keys(kv).length
    ? Object.entries(kv)
        .map(([k, e]) => `${k}=${e.value}@${e.modRevision}`)
        .join(" ")
    : "nothing";

export const restoreEqualsSnapshot: BackupInvariant = {
  name: "restore-equals-snapshot",
  doc: "Right after a restore the keyspace is exactly the snapshot's (keys, values, mod revisions), never a mix with later writes, at the snapshot's revision plus --bump-revision.",
  check: (state, prev, { config }) => {
    const { history } = state;
    if (history.restores === prev.history.restores || history.lastRestore === null) return undefined;
    const saved = history.saved[history.lastRestore]!;
    const kv = state.etcd.kv;
    if (entryText(kv) !== entryText(saved.kv))
      return `snapshot ${history.lastRestore} held ${entryText(saved.kv)} but the restored cluster holds ${entryText(kv)}`;
    const expected = saved.revision + config.bumpRevision;
    if (state.etcd.revision !== expected)
      return `the restored cluster is at revision ${state.etcd.revision}, not ${expected} (snapshot revision ${saved.revision} + bump ${config.bumpRevision})`;
    return undefined;
  },
};

/**
 * `onlyWithNewToken: false` states the property for every restore: the suite shows it fails with
 * etcdutl's default token, which gives the restored cluster the replaced cluster's IDs.
 */
export function noOldMemberRejoins(onlyWithNewToken: boolean): BackupInvariant {
  return {
    name: "no-old-member-rejoins",
    doc: "After restores with a new --initial-cluster-token (as etcd's disaster-recovery guide does), no member ID of a replaced cluster (voter or learner) is a member of a later one, and no process of a replaced cluster is accepted by it. The same --initial-cluster with the default token gives back the same IDs (a documented counterexample).",
    check: (state, _prev, { config }) => {
      if (onlyWithNewToken && config.restoreToken !== "new") return undefined;
      const { etcd, history } = state;
      const back = etcd.members.find((m) => history.formerMembers.includes(m.id));
      if (back)
        return `member ${back.id} of a replaced cluster is a ${back.learner ? "learner" : "member"} of cluster ${etcd.clusterId}`;
      const process = history.rejoined[0];
      if (process !== undefined)
        return `the process of member ${process} of a replaced cluster was accepted by cluster ${etcd.clusterId}`;
      return undefined;
    },
  };
}

/**
 * etcd's promise for --bump-revision with --mark-compacted holds only while every restore bumped
 * past the revision the replaced cluster had reached; without the flags there is no promise.
 */
const bumpPromised = (state: BackupState, config: BackupConfig): boolean =>
  config.bumpRevision > 0 && config.markCompacted && !state.history.revisionRegressed;

/** `onlyWithBump: false` states the property for every restore: the suite shows it fails without the flags. */
export function watchRevisionMonotonic(onlyWithBump: boolean): BackupInvariant {
  return {
    name: "watch-revision-monotonic",
    doc: "With --bump-revision past the old revision and --mark-compacted, no watcher ever sees the revision go backwards (without them it can: a documented counterexample).",
    check: (state, prev, { config }) => {
      if (onlyWithBump && !bumpPromised(state, config)) return undefined;
      for (const [id, watcher] of Object.entries(state.watchers)) {
        const before = prev.watchers[id]?.lastSeen ?? null;
        if (before !== null && watcher.lastSeen !== null && watcher.lastSeen < before)
          return `watcher ${id} saw revision ${before}, then revision ${watcher.lastSeen}`;
      }
      return undefined;
    },
  };
}

export const watchCacheMatchesStore: BackupInvariant = {
  name: "watch-cache-matches-store",
  doc: "With --bump-revision and --mark-compacted, a watcher that syncs holds exactly the store's keyspace: the compaction mark makes it relist instead of keeping writes the restore erased.",
  check: (state, prev, { config }) => {
    if (!bumpPromised(state, config)) return undefined;
    const store = values(state.etcd.kv);
    for (const [id, watcher] of Object.entries(state.watchers)) {
      if (watcher === prev.watchers[id]) continue;
      if (show(watcher.cache) !== show(store))
        return `watcher ${id} synced to revision ${watcher.lastSeen} holding ${show(watcher.cache)}, but the store holds ${show(store)}`;
    }
    return undefined;
  },
};

export const backupExpiry: BackupInvariant = {
  name: "backup-expiry",
  doc: "A Velero backup is never deleted before its expiration (creation + TTL), and is gone by expiration + one GC period.",
  check: (state, _prev, { config }) => {
    for (const [name, b] of Object.entries(state.history.backups)) {
      if (b.deletedAt !== null && b.deletedAt < b.expiration)
        return `${name} was deleted at minute ${b.deletedAt}, before its expiration at minute ${b.expiration}`;
      if (b.deletedAt === null && state.now >= b.expiration + config.gcFrequencyMinutes)
        return `${name} expired at minute ${b.expiration} and still exists at minute ${state.now} (GC runs every ${config.gcFrequencyMinutes} min)`;
    }
    return undefined;
  },
};

export const invariants: readonly BackupInvariant[] = [
  restoreEqualsSnapshot,
  noOldMemberRejoins(true),
  watchRevisionMonotonic(true),
  watchCacheMatchesStore,
  backupExpiry,
];
