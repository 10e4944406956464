/** The cluster being upgraded: control-plane nodes, workers with pods, the operator's tools, and history. */
import { releaseMinor, type Version, v } from "./versions.ts";

export const STRATEGIES = ["one-at-a-time", "add-new-nodes", "all-at-once", "free"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** What an operator does, by hand or by following a strategy. */
export type Action =
  | { readonly kind: "upgrade-kubeadm"; readonly version: string }
  | { readonly kind: "kubeadm-plan" }
  | {
      readonly kind: "kubeadm-apply";
      readonly node: string;
      readonly version: string;
      readonly force: boolean;
    }
  | { readonly kind: "kubeadm-upgrade-node"; readonly node: string }
  | { readonly kind: "cordon"; readonly node: string }
  | { readonly kind: "drain"; readonly node: string; readonly disableEviction: boolean }
  | { readonly kind: "upgrade-kubelet"; readonly node: string; readonly version: string }
  | { readonly kind: "upgrade-kube-proxy"; readonly node: string; readonly version: string }
  | { readonly kind: "uncordon"; readonly node: string }
  | { readonly kind: "add-node"; readonly version: string }
  | { readonly kind: "remove-node"; readonly node: string }
  | { readonly kind: "upgrade-kubectl"; readonly version: string };

export interface UpgradeConfig {
  readonly strategy: Strategy;
  /** The newest Kubernetes release: the upgrade's target, whose skew policy and kubeadm apply. */
  readonly policyRelease: string;
  /** How many minors the cluster starts behind the newest release. */
  readonly upgradeMinors: number;
  /** Supported window: the newest this many minors. */
  readonly supportedMinors: number;
  readonly controlPlanes: number;
  readonly workers: number;
  /** Workers the operator may take out of service at once (all-at-once ignores it: it accepts downtime). */
  readonly maxUnavailable: number;
}

/** The workloads: ReplicaSets with a PodDisruptionBudget each (minAvailable). */
export const REPLICA_SETS: Readonly<
  Record<string, { readonly replicas: number; readonly minAvailable: number }>
> = {
  web: { replicas: 3, minAvailable: 2 },
  api: { replicas: 2, minAvailable: 1 },
};

export interface ControlPlaneNode {
  readonly up: boolean;
  readonly cordoned: boolean;
  readonly apiserver: Version;
  readonly controllerManager: Version;
  readonly scheduler: Version;
  /** The etcd that kubeadm of this Kubernetes version deploys (etcd's own 3.x numbers are not modelled). */
  readonly etcd: Version;
  readonly kubelet: Version;
}

export interface WorkerNode {
  readonly up: boolean;
  readonly cordoned: boolean;
  readonly kubelet: Version;
  readonly kubeProxy: Version;
  /** Pods bound here, each named by its ReplicaSet. */
  readonly pods: readonly string[];
}

export interface UpgradeState {
  /** ClusterConfiguration's kubernetesVersion, set by `kubeadm upgrade apply`. */
  readonly clusterVersion: Version;
  readonly operator: {
    readonly kubeadm: Version;
    readonly kubectl: Version;
    /** The operator's last action, in words (for the report; nothing reads it). */
    readonly lastAction: string | undefined;
    /** What the last `kubeadm upgrade plan` said. */
    readonly plan: string | undefined;
    /** The last refusal by a tool (kubeadm, the Eviction API, kubeadm join), in its words. */
    readonly lastRefusal: string | undefined;
  };
  readonly controlPlane: Readonly<Record<string, ControlPlaneNode>>;
  readonly workers: Readonly<Record<string, WorkerNode>>;
  /** Pods a ReplicaSet created that no schedulable worker could take. */
  readonly pending: Readonly<Record<string, number>>;
  readonly nextWorker: number;
  /** Oracle only: never read by the reducer. */
  readonly history: {
    /** Every cluster minor in order of arrival. */
    readonly clusterMinors: readonly number[];
    /** Drains the Eviction API blocked (429). */
    readonly blockedDrains: number;
  };
}

export function newestMinor(config: UpgradeConfig): number {
  return releaseMinor(config.policyRelease);
}

export function startMinor(config: UpgradeConfig): number {
  return newestMinor(config) - config.upgradeMinors;
}

export function workerName(i: number): string {
  return `w${i}`;
}

export function controlPlaneName(i: number): string {
  return `cp${i}`;
}

export function initialState(config: UpgradeConfig): UpgradeState {
  const start = v(startMinor(config), 0);
  const controlPlane: Record<string, ControlPlaneNode> = {};
  for (let i = 1; i <= config.controlPlanes; i++) {
    controlPlane[controlPlaneName(i)] = {
      up: true,
      cordoned: false,
      apiserver: start,
      controllerManager: start,
      scheduler: start,
      etcd: start,
      kubelet: start,
    };
  }
  const pods: string[][] = Array.from({ length: config.workers }, () => []);
  let next = 0;
  for (const [name, rs] of Object.entries(REPLICA_SETS)) {
    for (let r = 0; r < rs.replicas; r++) pods[next++ % config.workers]!.push(name);
  }
  const workers: Record<string, WorkerNode> = {};
  for (let i = 1; i <= config.workers; i++) {
    workers[workerName(i)] = {
      up: true,
      cordoned: false,
      kubelet: start,
      kubeProxy: start,
      pods: pods[i - 1]!,
    };
  }
  return {
    clusterVersion: start,
    operator: {
      kubeadm: start,
      kubectl: start,
      lastAction: undefined,
      plan: undefined,
      lastRefusal: undefined,
    },
    controlPlane,
    workers,
    pending: Object.fromEntries(Object.keys(REPLICA_SETS).map((name) => [name, 0])),
    nextWorker: config.workers + 1,
    history: { clusterMinors: [start.minor], blockedDrains: 0 },
  };
}

/** Every kube-apiserver version in the cluster (HA: the policy holds against each one). */
export function apiservers(state: UpgradeState): Version[] {
  return Object.values(state.controlPlane).map((cp) => cp.apiserver);
}

export function oldestMinor(versions: readonly Version[]): number {
  return Math.min(...versions.map((x) => x.minor));
}

export function newestOf(versions: readonly Version[]): number {
  return Math.max(...versions.map((x) => x.minor));
}

/** Every kubelet: control-plane nodes and workers. */
export function kubelets(state: UpgradeState): Version[] {
  return [...Object.values(state.controlPlane), ...Object.values(state.workers)].map((n) => n.kubelet);
}
