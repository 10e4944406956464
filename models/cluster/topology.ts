/**
 * The objects a config declares, which never change during a run: node names, ReplicaSets,
 * the StatefulSet, the DaemonSet, bare pods and PodDisruptionBudgets. Workloads have fixed
 * replicas (no scaling events), so they live here, not in the state. A config either generates
 * them from its params or carries a cluster imported from real manifests (`config.cluster`,
 * see manifests/).
 */
import type { ClusterConfig } from "./config.ts";
import type { ImportedCluster } from "./imported.ts";
import { scaledValue } from "./int-or-percent.ts";

export type OwnerKind = "ReplicaSet" | "StatefulSet" | "DaemonSet";

export interface Owner {
  readonly kind: OwnerKind;
  readonly name: string;
}

export interface ReplicaSet {
  readonly name: string;
  readonly app: string;
  readonly replicas: number;
  readonly emptyDir: boolean;
}

export interface StatefulSet {
  readonly name: string;
  readonly replicas: number;
  /** Its pods mount an emptyDir volume (imported clusters only; the generated `db` does not). */
  readonly emptyDir?: boolean;
}

/** A whole number, or a percentage such as "50%" (Kubernetes' IntOrString). */
export type IntOrPercent = number | string;

export interface Budget {
  readonly name: string;
  /** The `app` of every pod its selector matches (one per workload). */
  readonly apps: readonly string[];
  readonly minAvailable?: IntOrPercent;
  readonly maxUnavailable?: IntOrPercent;
}

export interface Topology {
  readonly nodes: readonly string[];
  readonly replicaSets: readonly ReplicaSet[];
  readonly statefulSets: readonly StatefulSet[];
  readonly daemonSets: readonly string[];
  readonly barePods: readonly string[];
  readonly budgets: readonly Budget[];
  /** Every `app` label, for events that name "the web pod on node-2". */
  readonly apps: readonly string[];
}

export const nodeName = (id: number): string => `node-${id}`;

const cache = new WeakMap<ClusterConfig, Topology>();

export function topology(config: ClusterConfig): Topology {
  let t = cache.get(config);
  if (!t) {
    t = config.cluster ? fromImported(config.cluster) : build(config);
    cache.set(config, t);
  }
  return t;
}

function build(c: ClusterConfig): Topology {
  const replicaSets: ReplicaSet[] = [
    { name: "web-7f9c", app: "web", replicas: c.webReplicas, emptyDir: false },
    { name: "cache-5d8b", app: "cache", replicas: c.cacheReplicas, emptyDir: true },
  ].filter((rs) => rs.replicas > 0);
  const statefulSets = c.dbReplicas > 0 ? [{ name: "db", replicas: c.dbReplicas }] : [];
  const daemonSets = c.daemonSet ? ["log-agent"] : [];
  const barePods = ["debug", "debug-2"].slice(0, c.barePods);
  const budgets: Budget[] = [];
  if (c.webPdbMinAvailable > 0)
    budgets.push({ name: "web-pdb", apps: ["web"], minAvailable: c.webPdbMinAvailable });
  if (c.overlappingPdb) budgets.push({ name: "web-all", apps: ["web"], maxUnavailable: 1 });
  if (c.dbPdbMaxUnavailable >= 0)
    budgets.push({ name: "db-pdb", apps: ["db"], maxUnavailable: c.dbPdbMaxUnavailable });
  return {
    nodes: Array.from({ length: c.nodes }, (_, i) => nodeName(i + 1)),
    replicaSets,
    statefulSets,
    daemonSets,
    barePods,
    budgets,
    apps: ["web", "cache", "db", "log-agent", "debug"],
  };
}

function fromImported(c: ImportedCluster): Topology {
  return {
    nodes: c.nodes.map((n) => n.name),
    replicaSets: c.replicaSets,
    statefulSets: c.statefulSets,
    daemonSets: c.daemonSets,
    barePods: c.pods.filter((p) => p.owner === null).map((p) => p.name),
    budgets: c.budgets,
    apps: [
      ...new Set(
        c.pods
          .map((p) => p.app)
          .concat(
            c.replicaSets.map((r) => r.app),
            c.statefulSets.map((s) => s.name),
          ),
      ),
    ],
  };
}

/** The node a schedule's number names: node-1 is the first node (an imported cluster's nodes in name order). */
export function nodeAt(config: ClusterConfig, id: number): string {
  return topology(config).nodes[id - 1] ?? nodeName(id);
}

/**
 * The scale the disruption controller counts a budget against: the sum of the replicas of the
 * controllers of its pods (getExpectedScale in kubernetes/kubernetes
 * pkg/controller/disruption/disruption.go; bare pods add nothing).
 */
export function expectedPods(t: Topology, apps: readonly string[]): number {
  let sum = 0;
  for (const app of apps) {
    const rs = t.replicaSets.find((r) => r.app === app);
    sum += rs ? rs.replicas : (t.statefulSets.find((s) => s.name === app)?.replicas ?? 0);
  }
  return sum;
}

/**
 * desiredHealthy as the disruption controller computes it (getExpectedPodCount): an integer
 * minAvailable as it is; a percentage minAvailable, or maxUnavailable of either kind, scaled
 * against the expected pods, rounding up.
 */
export function desiredHealthy(t: Topology, budget: Budget): number {
  if (budget.maxUnavailable !== undefined) {
    const expected = expectedPods(t, budget.apps);
    return Math.max(0, expected - scaledValue(budget.maxUnavailable, expected));
  }
  const min = budget.minAvailable ?? 0;
  return typeof min === "number" ? min : scaledValue(min, expectedPods(t, budget.apps));
}

const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** A 5-character pod-name suffix, like the API server's generateName, but a pure function of the uid. */
export function suffix(uid: number): string {
  let x = Math.imul(uid + 1, 2654435761) >>> 0;
  let out = "";
  for (let i = 0; i < 5; i++) {
    out += ALPHABET[x % ALPHABET.length];
    x = Math.floor(x / ALPHABET.length) + Math.imul(i + 7, 40503);
  }
  return out;
}
