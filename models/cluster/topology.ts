/**
 * The objects a config declares, which never change during a run: node names, ReplicaSets,
 * the StatefulSet, the DaemonSet, bare pods and PodDisruptionBudgets. Workloads have fixed
 * replicas (no scaling events), so they live here, not in the state.
 */
import type { ClusterConfig } from "./config.ts";

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
}

export interface Budget {
  readonly name: string;
  /** The `app` label its selector matches. */
  readonly app: string;
  readonly minAvailable?: number;
  readonly maxUnavailable?: number;
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
    t = build(config);
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
    budgets.push({ name: "web-pdb", app: "web", minAvailable: c.webPdbMinAvailable });
  if (c.overlappingPdb) budgets.push({ name: "web-all", app: "web", maxUnavailable: 1 });
  if (c.dbPdbMaxUnavailable >= 0)
    budgets.push({ name: "db-pdb", app: "db", maxUnavailable: c.dbPdbMaxUnavailable });
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

/** How many pods the budget's workload should have: the scale `maxUnavailable` is counted against. */
export function expectedPods(t: Topology, app: string): number {
  const rs = t.replicaSets.find((r) => r.app === app);
  if (rs) return rs.replicas;
  return t.statefulSets.find((s) => s.name === app)?.replicas ?? 0;
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
