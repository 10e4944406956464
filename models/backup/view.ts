/** What a person sees of a backup state: the running cluster, snapshot files, old members, watchers, Velero. */
import { duration } from "./events.ts";
import type { BackupState, Kv } from "./state.ts";

const data = (kv: Kv): string[] => Object.entries(kv).map(([k, e]) => `${k}=${e.value}@${e.modRevision}`);

/** The --initial-cluster-token the running cluster's IDs derive from. */
const tokenOf = (state: BackupState): string =>
  Object.entries(state.identities).find(([, id]) => id.cluster === state.etcd.clusterId)?.[0] ?? "?";

export function view(state: BackupState) {
  const { etcd } = state;
  const snapshots = state.snapshots.map(
    (s) => `#${s.id} rev ${s.revision}: ${data(s.kv).join(" ") || "empty"}`,
  );
  const watchers: Record<string, string> = {};
  for (const [id, w] of Object.entries(state.watchers)) {
    const cache = Object.entries(w.cache).map(([k, v]) => `${k}=${v}`);
    watchers[id] =
      w.lastSeen === null ? "not synced" : `at revision ${w.lastSeen}: ${cache.join(" ") || "empty"}`;
  }
  const velero = state.velero.backups.map((b) => `${b.name} expires at ${duration(b.expiration)}`);
  return {
    time: duration(state.now),
    etcd: {
      cluster: `c${etcd.clusterId} (token ${tokenOf(state)})`,
      members: etcd.members.map((m) => `m${m.id}${m.learner ? " (learner)" : ""}`),
      revision: etcd.revision,
      compacted: etcd.compactRevision,
      data: data(etcd.kv),
    },
    snapshots,
    oldMembers: Object.entries(state.oldMembers).map(([id, cluster]) => `m${id} of c${cluster}`),
    rejoined: state.history.rejoined.map((id) => `m${id}`),
    watchers,
    velero,
  };
}
