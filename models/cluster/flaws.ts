/**
 * Deliberately wrong variants, each one `if` at the place where the real bug would be, each
 * caught by the named invariant. Measured shrunk sizes are in README.md.
 */
import type { Flaw } from "../../src/model.ts";

export const flaws = [
  {
    name: "kubelet-keeps-orphans",
    doc: "kubelet.ts: a kubelet back in touch with the control plane keeps running containers whose pod objects were deleted meanwhile (force delete, drain --grace-period=0) instead of killing them as orphans; caught by no-orphan-pods",
    breaks: "no-orphan-pods",
  },
  {
    name: "evict-before-timeout",
    doc: "node-lifecycle.ts: the taint-eviction controller ignores the pods' tolerationSeconds (300 s) and deletes them as soon as the unreachable NoExecute taint lands; caught by no-early-eviction",
    breaks: "no-early-eviction",
  },
  {
    name: "schedule-on-cordoned",
    doc: "scheduler.ts: the scheduler skips the NodeUnschedulable check and binds ordinary pods to cordoned nodes; caught by no-schedule-on-cordoned",
    breaks: "no-schedule-on-cordoned",
  },
  {
    name: "drain-ignores-pdb",
    doc: "drain.ts: drain DELETEs pods as if --disable-eviction were given, so PodDisruptionBudgets are never consulted; caught by pdb-respected",
    breaks: "pdb-respected",
  },
  {
    name: "drain-deletes-unmanaged",
    doc: "drain.ts: the unreplicated filter lets pods with no controller through without --force; caught by drain-keeps-unmanaged",
    breaks: "drain-keeps-unmanaged",
  },
  {
    name: "statefulset-eager-replace",
    doc: "workloads.ts: the StatefulSet controller does not wait for a terminating pod's object to go; it removes it and creates the same identity again at once, while the old container may still run; caught by statefulset-at-most-one",
    breaks: "statefulset-at-most-one",
  },
  {
    name: "drain-partial-evict",
    doc: 'drain.ts: when some pods fail the filters, drain still evicts the pods that passed ("evicts what it can") before reporting the error; caught by drain-keeps-unmanaged',
    breaks: "drain-keeps-unmanaged",
  },
  {
    name: "replicaset-counts-terminating",
    doc: "workloads.ts: the ReplicaSet controller counts pods with a deletionTimestamp as active, so pods stuck terminating on a lost node are never replaced; caught by replicas-restored",
    breaks: "replicas-restored",
  },
  {
    name: "drain-blocked-reported-done",
    doc: "drain.ts: drain counts a pod whose eviction a budget refused (429) as finished and reports the node drained; caught by drain-blocked-is-not-done",
    breaks: "drain-blocked-is-not-done",
  },
] as const satisfies readonly Flaw[];
