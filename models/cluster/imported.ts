/**
 * A cluster imported from real manifests (manifests/import.ts builds it), carried in the
 * config as plain data so that a saved report replays from its config alone. `init` starts
 * from it instead of an empty generated cluster; `goals` are the questions `faultline plan`
 * asks, checked by the plan invariants (plan-goals.ts).
 */
import type { Pod, ReadyStatus } from "./state.ts";
import type { Budget, ReplicaSet, StatefulSet } from "./topology.ts";

export interface ImportedNode {
  readonly name: string;
  readonly ready: ReadyStatus;
  readonly unschedulable: boolean;
  /** A node.kubernetes.io NoExecute taint it already carries. */
  readonly taint: "node.kubernetes.io/not-ready" | "node.kubernetes.io/unreachable" | null;
  /** A machine that has not joined yet (powered off, no Node object): `power-on` joins it (add-new-nodes). */
  readonly absent?: boolean;
}

/** A pod as a manifest gives it (name is namespace/name): the parts of a model Pod a List carries. */
export type ImportedPod = Pick<Pod, "name" | "app" | "owner" | "nodeName" | "phase" | "ready" | "emptyDir">;

/** What `faultline plan` asks of a run; every field off (null / empty) asks nothing. */
export interface PlanGoals {
  /** Every drain is done within this many seconds of its start, and none fails. */
  readonly drainWithin: number | null;
  /** Budgets that must keep desiredHealthy healthy pods at every step (those met at the start). */
  readonly budgets: readonly string[];
  /** Workloads (by app) that must keep at least one healthy pod at every step. */
  readonly serving: readonly string[];
  /** Seconds after the last disturbance by which every workload in `serving` has all its replicas healthy again. */
  readonly restoreWithin: number | null;
}

export interface ImportedCluster {
  readonly nodes: readonly ImportedNode[];
  readonly replicaSets: readonly ReplicaSet[];
  readonly statefulSets: readonly StatefulSet[];
  readonly daemonSets: readonly string[];
  readonly budgets: readonly Budget[];
  readonly pods: readonly ImportedPod[];
  readonly goals: PlanGoals | null;
}
