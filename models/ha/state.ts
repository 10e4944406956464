/**
 * The HA control plane's state, grouped by owner: control-plane nodes (each with an apiserver, a
 * kube-controller-manager and a kube-scheduler), the etcd cluster, the load balancer, the links
 * that are down, the two leader-election Leases, and the oracle history the algorithm never reads.
 */

export type Topology = "stacked" | "external";

export interface HaConfig {
  /** kubeadm's two HA topologies: etcd on the control-plane nodes, or on its own hosts. */
  readonly topology: Topology;
  readonly controlPlanes: number;
  /** Members of an external etcd cluster; a stacked cluster has one member per control-plane node. */
  readonly etcdMembers: number;
  /** client-go leader election, seconds (kube-controller-manager and kube-scheduler defaults). */
  readonly leaseDuration: number;
  readonly renewDeadline: number;
  /** Seconds a write may stay refused after the faults stop, while a quorum and an apiserver are up. */
  readonly writeBound: number;
}

/** The real systems' defaults: kubeadm's HA minimum, client-go's leader-election timings. */
export const defaults: HaConfig = {
  topology: "stacked",
  controlPlanes: 3,
  etcdMembers: 3,
  leaseDuration: 15,
  renewDeadline: 10,
  writeBound: 2,
};

export const MAX_CONTROL_PLANES = 7;
export const MAX_ETCD_MEMBERS = 9;

/**
 * An active-passive component's own view: does it believe it holds the Lease, and when did it last
 * renew it. `process` counts the component's starts on its node: kube-controller-manager and
 * kube-scheduler elect as `hostname_<uuid>` with a fresh uuid per process, so every start is a new
 * candidate identity (here `cp<node>_<process>`).
 */
export interface Elector {
  readonly leading: boolean;
  readonly lastRenew: number;
  readonly process: number;
}

export interface ControlPlaneNode {
  readonly up: boolean;
  readonly controllerManager: Elector;
  readonly scheduler: Elector;
}

/** Abstract etcd: who is up and which member leads. Raft's own safety is the raft model's job. */
export interface Etcd {
  /** External etcd hosts; a stacked member is up exactly when its control-plane node is. */
  readonly hostsUp: Readonly<Record<string, boolean>>;
  readonly leader: number | null;
  readonly term: number;
}

export interface LoadBalancer {
  readonly up: boolean;
  /** Round-robin position: the next apiserver to try. */
  readonly next: number;
}

/** The holderIdentity a process writes: its node's hostname and its own per-process uuid. */
export interface Holder {
  readonly node: number;
  readonly process: number;
}

/** A coordination.k8s.io Lease as the components see it through the API. */
export interface Lease {
  readonly holder: Holder | null;
  readonly renewTime: number;
}

export const sameHolder = (a: Holder | null, b: Holder | null): boolean =>
  a === b || (a !== null && b !== null && a.node === b.node && a.process === b.process);

export const holderIdentity = (h: Holder): string => `cp${h.node}_${h.process}`;

export type Component = "controllerManager" | "scheduler";
export const COMPONENTS: readonly Component[] = ["controllerManager", "scheduler"];
export const LEASE_NAMES: Readonly<Record<Component, string>> = {
  controllerManager: "kube-controller-manager",
  scheduler: "kube-scheduler",
};

export interface RequestRecord {
  readonly op: "read" | "write";
  /** The apiserver the load balancer sent it to, or null when the load balancer was down. */
  readonly via: number | null;
  /** The etcd leader that handled it, if any. */
  readonly leader: number | null;
  readonly ok: boolean;
}

/** Oracle: what happened to client requests, and since when the faults have stopped with a quorum up. */
export interface HaHistory {
  readonly requests: number;
  readonly last: RequestRecord | null;
  /** Time of the last fault or repair after which a write should become possible; null when it should not. */
  readonly stableSince: number | null;
}

export interface HaState {
  /** Seconds since the start. */
  readonly now: number;
  readonly nodes: Readonly<Record<string, ControlPlaneNode>>;
  readonly etcd: Etcd;
  readonly loadBalancer: LoadBalancer;
  /** Links that are down, by name: "etcd1-etcd2" (peers), "api1-etcd2" (external client), "lb-api1". */
  readonly linksDown: readonly string[];
  readonly leases: Readonly<Record<Component, Lease>>;
  readonly history: HaHistory;
}

export const memberCount = (config: HaConfig): number =>
  config.topology === "stacked" ? config.controlPlanes : config.etcdMembers;

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** A running cluster: every host up, etcd member 1 leads, node 1's first processes hold both Leases. */
export function initialState(config: HaConfig): HaState {
  const standby: Elector = { leading: false, lastRenew: 0, process: 1 };
  const active: Elector = { leading: true, lastRenew: 0, process: 1 };
  const nodes: Record<string, ControlPlaneNode> = {};
  for (const id of range(config.controlPlanes)) {
    const elector = id === 1 ? active : standby;
    nodes[id] = { up: true, controllerManager: elector, scheduler: elector };
  }
  const hostsUp: Record<string, boolean> = {};
  if (config.topology === "external") for (const id of range(config.etcdMembers)) hostsUp[id] = true;
  const lease: Lease = { holder: { node: 1, process: 1 }, renewTime: 0 };
  return {
    now: 0,
    nodes,
    etcd: { hostsUp, leader: 1, term: 1 },
    loadBalancer: { up: true, next: 1 },
    linksDown: [],
    leases: { controllerManager: lease, scheduler: lease },
    history: { requests: 0, last: null, stableSince: 0 },
  };
}
