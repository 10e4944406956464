/**
 * The cluster's state, grouped by owner: the machines (what really runs), the API objects
 * (what the control plane believes), each controller's private memory, the operator's drains,
 * and the oracle's history, which no controller ever reads.
 */
import type { Owner } from "./topology.ts";

/** A container on a machine: the process of one pod object (by uid). */
export interface Container {
  readonly pod: string;
  readonly uid: number;
  readonly probe: "passing" | "failing";
  /** When the kubelet kills it: set once the kubelet has seen the pod's deletion. */
  readonly stopAt: number | null;
}

/** The real machine behind a node. The kubelet reaches the API only when power, network and kubelet are good. */
export interface Machine {
  readonly power: "on" | "off";
  readonly network: "connected" | "cut-off";
  readonly kubelet: "running" | "stopped";
  /** A down container runtime: the kubelet reports NotReady and can start or stop no container. */
  readonly runtime: "healthy" | "down";
  readonly containers: readonly Container[];
}

export type ReadyStatus = "True" | "False" | "Unknown";

export interface NoExecuteTaint {
  /** not-ready for Ready=False, unreachable for Ready=Unknown; swapped in place when Ready changes. */
  readonly key: "node.kubernetes.io/not-ready" | "node.kubernetes.io/unreachable";
  /** When the node was first tainted NoExecute in this failure (a swap keeps it: evictions keep their earlier deadline). */
  readonly timeAdded: number;
}

/** The Node API object. */
export interface NodeObject {
  /** The Ready condition: the kubelet posts True or False, the node lifecycle controller writes Unknown. */
  readonly ready: ReadyStatus;
  /** When the kubelet last renewed its Lease / posted status. */
  readonly lastHeartbeat: number;
  readonly unschedulable: boolean;
  readonly taint: NoExecuteTaint | null;
}

export interface Pod {
  readonly name: string;
  readonly uid: number;
  readonly app: string;
  readonly owner: Owner | null;
  readonly nodeName: string | null;
  readonly phase: "Pending" | "Running";
  /** The Ready condition as the API shows it (kubelet probes; the node controller clears it on node loss). */
  readonly ready: boolean;
  readonly emptyDir: boolean;
  readonly deletionTimestamp: number | null;
  readonly deletionGracePeriodSeconds: number | null;
  /** The DisruptionTarget condition's reason, when something deleted the pod on purpose. */
  readonly disruption: string | null;
}

/** The node lifecycle controller's own memory of one node. */
export interface NodeHealth {
  /** Its own clock when it last saw the heartbeat change. */
  readonly probeTimestamp: number;
  readonly observedHeartbeat: number;
  /** The Ready status it saw last, and when it last changed. */
  readonly observedReady: ReadyStatus;
  readonly readyTransitionAt: number;
  /** Legacy mode: the node's pods were already deleted. */
  readonly evicted: boolean;
}

export interface NodeLifecycle {
  readonly nodes: Readonly<Record<string, NodeHealth>>;
  /** The zone's token bucket (burst 1): the next time a node may be tainted / evicted. */
  readonly nextEvictionAt: number;
  /** Every node not Ready: taints are lifted and evictions stop ("master disruption mode"). */
  readonly fullDisruption: boolean;
}

export interface Failure {
  /** The first pass that saw Ready other than True. */
  readonly since: number;
  readonly reportedNotReady: boolean;
}

export interface ControllerDeletion {
  readonly pod: string;
  readonly node: string;
  readonly at: number;
}

/** kubectl drain's flags. */
export interface DrainOptions {
  readonly force: boolean;
  readonly ignoreDaemonsets: boolean;
  readonly deleteEmptydirData: boolean;
  readonly disableEviction: boolean;
  /** Seconds for the whole drain; 0 waits forever. */
  readonly timeout: number;
  /** Seconds each pod gets; negative: the pod's own terminationGracePeriodSeconds. */
  readonly gracePeriod: number;
  /** If > 0, pods terminating for longer than this are skipped, and no longer waited for. */
  readonly skipWaitForDeleteTimeout: number;
}

export interface DrainPod {
  readonly name: string;
  readonly uid: number;
  /**
   * retrying: refused with 429, tried again at `retryAt`; deleting: accepted, waiting for the pod
   * to go; skipped: terminating longer than --skip-wait-for-delete-timeout, no longer waited for.
   */
  readonly status: "retrying" | "deleting" | "gone" | "skipped" | "failed";
  readonly retryAt: number;
  readonly message: string | null;
}

export interface Drain {
  readonly options: DrainOptions;
  readonly startedAt: number;
  readonly status: "running" | "blocked" | "done" | "failed" | "interrupted";
  readonly message: string | null;
  /** The pods the filters selected for deletion, and how far each got. */
  readonly pods: readonly DrainPod[];
}

/** A pod a drain removed (evicted or deleted), with what the oracle needs to judge it. */
export interface DrainRemoval {
  readonly pod: string;
  readonly node: string;
  readonly owner: Owner | null;
  readonly force: boolean;
  readonly disableEviction: boolean;
  readonly filtersFailed: boolean;
  /** Healthy before this removal (API view: Running, Ready, not terminating). */
  readonly healthy: boolean;
  readonly budgets: readonly { name: string; currentHealthy: number; desiredHealthy: number }[];
}

export interface History {
  /** The last non-time event (fault, recovery or operator action). */
  readonly lastDisturbanceAt: number;
  /** The last monitor pass at which the control plane saw a new heartbeat from each node. */
  readonly heartbeatSeenAt: Readonly<Record<string, number>>;
  /** Each node's current failure as the monitor passes saw it: since when, and whether the kubelet reported NotReady. */
  readonly failures: Readonly<Record<string, Failure | null>>;
  /** Pods deleted by the node lifecycle / taint-eviction controllers. */
  readonly controllerDeletions: readonly ControllerDeletion[];
  readonly drainRemovals: readonly DrainRemoval[];
  /** Uids removed from the API without the kubelet's confirmation (grace period 0). */
  readonly forceDeleted: readonly number[];
  /** The node each bare pod was first bound to. */
  readonly bareHomes: Readonly<Record<string, string>>;
}

export interface ClusterState {
  readonly now: number;
  readonly machines: Readonly<Record<string, Machine>>;
  readonly api: {
    readonly nodes: Readonly<Record<string, NodeObject>>;
    readonly pods: Readonly<Record<string, Pod>>;
  };
  readonly nodeLifecycle: NodeLifecycle;
  /** PodGC's memory: nodes whose Node object is gone, quarantined since. */
  readonly podGC: { readonly quarantine: Readonly<Record<string, number>> };
  readonly drains: Readonly<Record<string, Drain>>;
  readonly nextUid: number;
  readonly history: History;
}

export const reachesApi = (m: Machine): boolean =>
  m.power === "on" && m.kubelet === "running" && m.network === "connected";

/** The kubelet can act on containers: it reaches the API and its container runtime works. */
export const kubeletSyncs = (m: Machine): boolean => reachesApi(m) && m.runtime === "healthy";

export const isDaemonPod = (p: Pod): boolean => p.owner?.kind === "DaemonSet";

export const isTerminating = (p: Pod): boolean => p.deletionTimestamp !== null;

/** What a PodDisruptionBudget counts as healthy. */
export const isHealthy = (p: Pod): boolean => p.phase === "Running" && p.ready && !isTerminating(p);

export function podsOn(state: ClusterState, node: string): Pod[] {
  return Object.values(state.api.pods).filter((p) => p.nodeName === node);
}

export function withPods(state: ClusterState, pods: Readonly<Record<string, Pod>>): ClusterState {
  return pods === state.api.pods ? state : { ...state, api: { ...state.api, pods } };
}

export function withNode(state: ClusterState, name: string, node: NodeObject): ClusterState {
  return { ...state, api: { ...state.api, nodes: { ...state.api.nodes, [name]: node } } };
}

export function withMachine(state: ClusterState, name: string, machine: Machine): ClusterState {
  return { ...state, machines: { ...state.machines, [name]: machine } };
}

export function withHistory(state: ClusterState, change: Partial<History>): ClusterState {
  return { ...state, history: { ...state.history, ...change } };
}

export function removePod(pods: Readonly<Record<string, Pod>>, name: string): Record<string, Pod> {
  const { [name]: _gone, ...rest } = pods;
  return rest;
}
