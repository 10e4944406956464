/**
 * The cluster model's config: the generated topology (nodes, workloads, budgets) and the
 * controller flags, each named after the real flag and defaulting to the real default
 * (kube-controller-manager and kubelet defaults; see the Sources paragraph of README.md).
 */
import type { Context, Param } from "../../src/model.ts";
import type { ImportedCluster } from "./imported.ts";

export interface ClusterConfig {
  readonly nodes: number;
  /** ReplicaSet `web-7f9c` (no local storage). */
  readonly webReplicas: number;
  /** ReplicaSet `cache-5d8b`, whose pods mount an emptyDir volume. */
  readonly cacheReplicas: number;
  /** StatefulSet `db` (pods `db-0`, `db-1`, …; OrderedReady). */
  readonly dbReplicas: number;
  /** DaemonSet `log-agent`: one pod per Ready node. */
  readonly daemonSet: boolean;
  /** Pods with no controller: `debug`, `debug-2`. */
  readonly barePods: number;
  /** PodDisruptionBudget `web-pdb` minAvailable; 0 = no budget (a minAvailable 0 budget allows every eviction). */
  readonly webPdbMinAvailable: number;
  /** PodDisruptionBudget `db-pdb` maxUnavailable; -1 = no budget. */
  readonly dbPdbMaxUnavailable: number;
  /** A second budget `web-all` (maxUnavailable 1) also selecting the web pods: evictions of them get HTTP 500. */
  readonly overlappingPdb: boolean;
  /** `taint`: NoExecute taints + taint-eviction controller (1.13+). `legacy`: --pod-eviction-timeout (removed in 1.27). */
  readonly evictionMode: "taint" | "legacy";
  readonly nodeMonitorPeriod: number;
  readonly nodeMonitorGracePeriod: number;
  readonly podEvictionTimeout: number;
  readonly defaultUnreachableTolerationSeconds: number;
  readonly defaultNotReadyTolerationSeconds: number;
  readonly nodeEvictionRate: number;
  readonly secondaryNodeEvictionRate: number;
  readonly unhealthyZoneThreshold: number;
  readonly largeClusterSizeThreshold: number;
  readonly terminationGracePeriodSeconds: number;
  readonly unhealthyPodEvictionPolicy: "IfHealthyBudget" | "AlwaysAllow";
  /** Simulate every node monitor pass instead of skipping uneventful ones (same states, slower). */
  readonly everyMonitorPass: boolean;
  /**
   * A cluster imported from real manifests (`faultline plan`, `check cluster --from`): its nodes,
   * workloads, budgets and pods replace the generated ones. Not a flag; null for generated clusters.
   */
  readonly cluster: ImportedCluster | null;
}

export type Ctx = Context<ClusterConfig>;

/** Generated clusters draw 2–4 nodes; an imported one may have up to this many. */
export const MAX_NODES = 256;

export const defaults: ClusterConfig = {
  nodes: 3,
  webReplicas: 3,
  cacheReplicas: 1,
  dbReplicas: 2,
  daemonSet: true,
  barePods: 1,
  webPdbMinAvailable: 2,
  dbPdbMaxUnavailable: 1,
  overlappingPdb: false,
  evictionMode: "taint",
  nodeMonitorPeriod: 5,
  nodeMonitorGracePeriod: 50,
  podEvictionTimeout: 300,
  defaultUnreachableTolerationSeconds: 300,
  defaultNotReadyTolerationSeconds: 300,
  nodeEvictionRate: 0.1,
  secondaryNodeEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
  terminationGracePeriodSeconds: 30,
  unhealthyPodEvictionPolicy: "IfHealthyBudget",
  everyMonitorPass: false,
  cluster: null,
};

export const params: readonly Param<ClusterConfig>[] = [
  {
    key: "nodes",
    flag: "nodes",
    type: "int",
    min: 1,
    max: MAX_NODES,
    generate: { min: 2, max: 4 },
    doc: "worker nodes node-1..node-N",
  },
  {
    key: "webReplicas",
    flag: "web-replicas",
    type: "int",
    min: 0,
    max: 6,
    generate: { min: 1, max: 3 },
    doc: "replicas of ReplicaSet web-7f9c",
  },
  {
    key: "cacheReplicas",
    flag: "cache-replicas",
    type: "int",
    min: 0,
    max: 4,
    generate: { min: 0, max: 1 },
    doc: "replicas of ReplicaSet cache-5d8b (pods mount an emptyDir volume)",
  },
  {
    key: "dbReplicas",
    flag: "db-replicas",
    type: "int",
    min: 0,
    max: 4,
    generate: { min: 0, max: 2 },
    doc: "replicas of StatefulSet db (OrderedReady)",
  },
  {
    key: "daemonSet",
    flag: "daemonset",
    type: "boolean",
    doc: "run DaemonSet log-agent on every Ready node",
  },
  {
    key: "barePods",
    flag: "bare-pods",
    type: "int",
    min: 0,
    max: 2,
    generate: { min: 0, max: 1 },
    doc: "pods with no controller (debug, debug-2)",
  },
  {
    key: "webPdbMinAvailable",
    flag: "web-pdb-min-available",
    type: "int",
    min: 0,
    max: 6,
    generate: { min: 0, max: 3 },
    doc: "minAvailable of PodDisruptionBudget web-pdb (0: no budget)",
  },
  {
    key: "dbPdbMaxUnavailable",
    flag: "db-pdb-max-unavailable",
    type: "int",
    min: -1,
    max: 4,
    generate: { min: -1, max: 1 },
    doc: "maxUnavailable of PodDisruptionBudget db-pdb (-1: no budget)",
  },
  {
    key: "overlappingPdb",
    flag: "overlapping-pdb",
    type: "boolean",
    doc: "add budget web-all that also selects the web pods (evicting them then fails with HTTP 500)",
  },
  {
    key: "evictionMode",
    flag: "eviction-mode",
    type: "enum",
    values: ["taint", "legacy"],
    doc: "taint: NoExecute taints + tolerationSeconds (1.13+); legacy: --pod-eviction-timeout (removed in 1.27)",
  },
  {
    key: "nodeMonitorPeriod",
    flag: "node-monitor-period",
    type: "int",
    min: 1,
    max: 60,
    doc: "seconds between node lifecycle controller passes",
  },
  {
    key: "nodeMonitorGracePeriod",
    flag: "node-monitor-grace-period",
    type: "int",
    min: 1,
    max: 600,
    doc: "seconds without a heartbeat before Ready turns Unknown (50 since 1.32, 40 before)",
  },
  {
    key: "podEvictionTimeout",
    flag: "pod-eviction-timeout",
    type: "int",
    min: 0,
    max: 3600,
    doc: "legacy mode: seconds a node stays Unknown before its pods are deleted",
  },
  {
    key: "defaultUnreachableTolerationSeconds",
    flag: "default-unreachable-toleration-seconds",
    type: "int",
    min: 0,
    max: 3600,
    doc: "tolerationSeconds for node.kubernetes.io/unreachable:NoExecute that admission gives every non-DaemonSet pod",
  },
  {
    key: "defaultNotReadyTolerationSeconds",
    flag: "default-not-ready-toleration-seconds",
    type: "int",
    min: 0,
    max: 3600,
    doc: "tolerationSeconds for node.kubernetes.io/not-ready:NoExecute that admission gives every non-DaemonSet pod",
  },
  {
    key: "nodeEvictionRate",
    flag: "node-eviction-rate",
    type: "number",
    min: 0,
    max: 10,
    doc: "nodes per second whose pods may be evicted in a healthy zone",
  },
  {
    key: "secondaryNodeEvictionRate",
    flag: "secondary-node-eviction-rate",
    type: "number",
    min: 0,
    max: 10,
    doc: "rate in a partially disrupted zone larger than --large-cluster-size-threshold",
  },
  {
    key: "unhealthyZoneThreshold",
    flag: "unhealthy-zone-threshold",
    type: "number",
    min: 0,
    max: 1,
    doc: "fraction of not-Ready nodes (at least 3) that makes a zone partially disrupted",
  },
  {
    key: "largeClusterSizeThreshold",
    flag: "large-cluster-size-threshold",
    type: "int",
    min: 0,
    max: 10000,
    doc: "zones with more nodes keep evicting at the secondary rate when partially disrupted",
  },
  {
    key: "terminationGracePeriodSeconds",
    flag: "termination-grace-period-seconds",
    type: "int",
    min: 0,
    max: 600,
    doc: "every pod's spec.terminationGracePeriodSeconds",
  },
  {
    key: "unhealthyPodEvictionPolicy",
    flag: "unhealthy-pod-eviction-policy",
    type: "enum",
    values: ["IfHealthyBudget", "AlwaysAllow"],
    doc: "every budget's unhealthyPodEvictionPolicy",
  },
  {
    key: "everyMonitorPass",
    flag: "every-monitor-pass",
    type: "boolean",
    doc: "simulate every node monitor pass rather than skipping uneventful ones (identical states, slower)",
  },
];
