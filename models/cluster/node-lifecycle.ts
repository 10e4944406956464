/**
 * The node lifecycle controller and the taint-eviction controller (kubernetes-facts §1.2–§1.4).
 *
 * Every --node-monitor-period the lifecycle controller refreshes its probe time for nodes whose
 * heartbeat changed, turns Ready to Unknown once a node is silent for longer than
 * --node-monitor-grace-period, and then (deciding on Ready as it was at the start of the pass,
 * so one pass later for a silent node) adds the NoExecute taint — not-ready for Ready=False,
 * unreachable for Unknown — rate limited per zone. The taint-eviction controller deletes the
 * pods on a tainted node once their toleration runs out. In legacy mode there are no taints:
 * the pods are deleted --pod-eviction-timeout after Ready left True.
 */
import { deletePod } from "./apiserver.ts";
import type { ClusterConfig, Ctx } from "./config.ts";
import {
  type ClusterState,
  type Failure,
  isDaemonPod,
  isTerminating,
  type NodeHealth,
  type NodeObject,
  type NoExecuteTaint,
  podsOn,
  type ReadyStatus,
  reachesApi,
  withHistory,
  withNode,
  withPods,
} from "./state.ts";

export type ZoneState = "Normal" | "PartialDisruption" | "FullDisruption";

/** One zone (nodes carry no zone labels). */
export function zoneState(state: ClusterState, config: ClusterConfig): ZoneState {
  const nodes = Object.values(state.api.nodes);
  const notReady = nodes.filter((n) => n.ready !== "True").length;
  if (notReady > 0 && notReady === nodes.length) return "FullDisruption";
  if (notReady > 2 && notReady / nodes.length >= config.unhealthyZoneThreshold) return "PartialDisruption";
  return "Normal";
}

function evictionRate(zone: ZoneState, config: ClusterConfig, size: number): number {
  if (zone === "Normal") return config.nodeEvictionRate;
  if (zone === "PartialDisruption")
    return size > config.largeClusterSizeThreshold ? config.secondaryNodeEvictionRate : 0;
  return 0;
}

export function monitorNodeHealth(state: ClusterState, ctx: Ctx): ClusterState {
  const { config } = ctx;
  const readyBefore: Record<string, ReadyStatus> = {};
  for (const [name, node] of Object.entries(state.api.nodes)) {
    readyBefore[name] = node.ready;
    state = observe(state, name, node, config);
  }
  const zone = zoneState(state, config);
  if (zone === "FullDisruption") return enterFullDisruption(state);
  if (state.nodeLifecycle.fullDisruption) state = leaveFullDisruption(state);
  const rate = evictionRate(zone, config, Object.keys(state.api.nodes).length);
  for (const name of Object.keys(state.api.nodes)) {
    if (readyBefore[name] === "True") state = markReachable(state, name);
    else if (config.evictionMode === "taint")
      state = taintNode(state, name, taintKey(readyBefore[name]!), rate);
    else state = legacyEvict(state, name, rate, ctx);
  }
  return state;
}

/** What the controller remembers of a node it has just met (registered, or registered again). */
function firstSight(state: ClusterState, node: NodeObject): NodeHealth {
  return {
    probeTimestamp: state.now,
    observedHeartbeat: node.lastHeartbeat,
    observedReady: "True",
    readyTransitionAt: state.now,
    evicted: false,
  };
}

/** A deleted Node: the controller forgets it, and the oracle closes its failure. */
export function forgetNode(state: ClusterState, name: string): ClusterState {
  const { [name]: _gone, ...nodes } = state.nodeLifecycle.nodes;
  state = { ...state, nodeLifecycle: { ...state.nodeLifecycle, nodes } };
  return withHistory(state, { failures: { ...state.history.failures, [name]: null } });
}

function observe(state: ClusterState, name: string, node: NodeObject, config: ClusterConfig): ClusterState {
  let health = state.nodeLifecycle.nodes[name] ?? firstSight(state, node);
  if (node.lastHeartbeat !== health.observedHeartbeat) {
    health = { ...health, probeTimestamp: state.now, observedHeartbeat: node.lastHeartbeat };
    state = withHistory(state, { heartbeatSeenAt: { ...state.history.heartbeatSeenAt, [name]: state.now } });
  }
  if (node.ready !== "Unknown" && state.now > health.probeTimestamp + config.nodeMonitorGracePeriod) {
    node = { ...node, ready: "Unknown" };
    state = withNode(state, name, node);
  }
  if (node.ready !== health.observedReady) {
    health = { ...health, observedReady: node.ready, readyTransitionAt: state.now };
    state = recordFailure(state, name, node.ready);
    if (node.ready !== "True") state = markPodsNotReady(state, name);
  }
  return withHealth(state, name, health);
}

/** The oracle's view of the failure: when the passes first saw it, and whether the kubelet said NotReady. */
function recordFailure(state: ClusterState, name: string, ready: ReadyStatus): ClusterState {
  const current = state.history.failures[name] ?? null;
  let failure: Failure | null = null;
  if (ready !== "True") {
    failure = current ?? { since: state.now, reportedNotReady: false };
    if (ready === "False" && !failure.reportedNotReady) failure = { ...failure, reportedNotReady: true };
  }
  return withHistory(state, { failures: { ...state.history.failures, [name]: failure } });
}

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";

function taintKey(ready: ReadyStatus): NoExecuteTaint["key"] {
  return ready === "False" ? NOT_READY : UNREACHABLE;
}

export function tolerationSeconds(taint: NoExecuteTaint, config: ClusterConfig): number {
  return taint.key === NOT_READY
    ? config.defaultNotReadyTolerationSeconds
    : config.defaultUnreachableTolerationSeconds;
}

function withHealth(state: ClusterState, name: string, health: NodeHealth): ClusterState {
  const lifecycle = state.nodeLifecycle;
  if (lifecycle.nodes[name] === health) return state;
  return { ...state, nodeLifecycle: { ...lifecycle, nodes: { ...lifecycle.nodes, [name]: health } } };
}

function markPodsNotReady(state: ClusterState, node: string): ClusterState {
  let pods = state.api.pods;
  for (const pod of podsOn(state, node))
    if (pod.ready) pods = { ...pods, [pod.name]: { ...pod, ready: false } };
  return withPods(state, pods);
}

/** Every node down looks like the control plane's own network problem: lift all NoExecute taints. */
function enterFullDisruption(state: ClusterState): ClusterState {
  for (const [name, node] of Object.entries(state.api.nodes))
    if (node.taint) state = withNode(state, name, { ...node, taint: null });
  if (state.nodeLifecycle.fullDisruption) return state;
  return { ...state, nodeLifecycle: { ...state.nodeLifecycle, fullDisruption: true } };
}

function leaveFullDisruption(state: ClusterState): ClusterState {
  const nodes: Record<string, NodeHealth> = {};
  for (const [name, health] of Object.entries(state.nodeLifecycle.nodes))
    nodes[name] = { ...health, probeTimestamp: state.now, readyTransitionAt: state.now };
  return { ...state, nodeLifecycle: { ...state.nodeLifecycle, nodes, fullDisruption: false } };
}

function markReachable(state: ClusterState, name: string): ClusterState {
  const node = state.api.nodes[name]!;
  if (node.taint) state = withNode(state, name, { ...node, taint: null });
  const health = state.nodeLifecycle.nodes[name]!;
  return health.evicted ? withHealth(state, name, { ...health, evicted: false }) : state;
}

/** Takes the zone's single token if it is there; returns undefined when the bucket is empty. */
function takeToken(state: ClusterState, rate: number): ClusterState | undefined {
  if (rate <= 0 || state.now < state.nodeLifecycle.nextEvictionAt) return undefined;
  return { ...state, nodeLifecycle: { ...state.nodeLifecycle, nextEvictionAt: state.now + 1 / rate } };
}

/** Adds the NoExecute taint (rate limited), or swaps not-ready and unreachable at once. */
function taintNode(
  state: ClusterState,
  name: string,
  key: NoExecuteTaint["key"],
  rate: number,
): ClusterState {
  const current = state.api.nodes[name]!;
  if (current.taint) {
    if (current.taint.key === key) return state;
    return withNode(state, name, { ...current, taint: { ...current.taint, key } });
  }
  const taken = takeToken(state, rate);
  if (!taken) return state;
  return withNode(taken, name, { ...taken.api.nodes[name]!, taint: { key, timeAdded: state.now } });
}

function legacyEvict(state: ClusterState, name: string, rate: number, ctx: Ctx): ClusterState {
  const health = state.nodeLifecycle.nodes[name]!;
  if (health.evicted || !(state.now > health.readyTransitionAt + ctx.config.podEvictionTimeout)) return state;
  const taken = takeToken(state, rate);
  if (!taken) return state;
  state = withHealth(taken, name, { ...health, evicted: true });
  return deleteNodePods(state, name, "NodeLifecycleController", ctx);
}

/**
 * The taint-eviction controller: a pod on a node with a NoExecute taint is deleted once the
 * taint is older than the pod's toleration for it. DaemonSet pods tolerate both forever.
 */
export function taintEviction(state: ClusterState, ctx: Ctx): ClusterState {
  if (ctx.config.evictionMode !== "taint") return state;
  for (const [name, node] of Object.entries(state.api.nodes)) {
    if (!node.taint) continue;
    const toleration = ctx.flaws.has("evict-before-timeout") ? 0 : tolerationSeconds(node.taint, ctx.config);
    if (state.now >= node.taint.timeAdded + toleration)
      state = deleteNodePods(state, name, "DeletionByTaintManager", ctx);
  }
  return state;
}

/** The time the next taint-eviction deadline falls due after `now`, if any. */
export function nextTaintDeadline(state: ClusterState, ctx: Ctx): number {
  let next = Number.POSITIVE_INFINITY;
  if (ctx.config.evictionMode !== "taint") return next;
  for (const node of Object.values(state.api.nodes)) {
    const due = node.taint ? node.taint.timeAdded + tolerationSeconds(node.taint, ctx.config) : next;
    if (due > state.now && due < next) next = due;
  }
  return next;
}

/** A plain DELETE with the pod's own grace period: no PodDisruptionBudget is consulted. */
function deleteNodePods(state: ClusterState, node: string, reason: string, ctx: Ctx): ClusterState {
  for (const pod of podsOn(state, node)) {
    if (isDaemonPod(pod) || isTerminating(pod)) continue;
    state = deletePod(state, pod.name, ctx.config.terminationGracePeriodSeconds, reason);
    const deletion = { pod: pod.name, node, at: state.now };
    state = withHistory(state, { controllerDeletions: [...state.history.controllerDeletions, deletion] });
  }
  return state;
}

/**
 * The first monitor pass after `now` that can do more than refresh the probe times of healthy
 * nodes. Passes before it are skipped by `advance` (only the last one is run, for its probe
 * times), which keeps long silences cheap; a test checks the result equals running every pass.
 */
export function nextEventfulPass(state: ClusterState, ctx: Ctx): number {
  const { config } = ctx;
  const period = config.nodeMonitorPeriod;
  const first = (Math.floor(state.now / period) + 1) * period;
  const atOrAfter = (t: number) => Math.max(first, Math.ceil(t / period) * period);
  const after = (t: number) => Math.max(first, (Math.floor(t / period) + 1) * period);
  const zone = zoneState(state, config);
  const rate = evictionRate(zone, config, Object.keys(state.api.nodes).length);
  const tokenAt = rate > 0 ? atOrAfter(state.nodeLifecycle.nextEvictionAt) : Number.POSITIVE_INFINITY;
  if ((zone === "FullDisruption") !== state.nodeLifecycle.fullDisruption) return first;
  let next = Number.POSITIVE_INFINITY;
  for (const [name, node] of Object.entries(state.api.nodes)) {
    const health = state.nodeLifecycle.nodes[name];
    if (!health) return first;
    const reachable = reachesApi(state.machines[name]!);
    if (node.lastHeartbeat !== health.observedHeartbeat && !reachable) return first;
    if (node.ready !== health.observedReady) return first;
    if (node.ready !== "Unknown" && !reachable)
      next = Math.min(next, after(health.probeTimestamp + config.nodeMonitorGracePeriod));
    if (node.ready === "True") {
      if (node.taint || health.evicted || state.nodeLifecycle.fullDisruption) return first;
    } else if (node.ready === "Unknown" && reachable) {
      return first;
    } else if (zone === "FullDisruption") {
      // every node not Ready: the pass only keeps the taints off
    } else if (config.evictionMode === "taint") {
      if (!node.taint) next = Math.min(next, tokenAt);
      else if (node.taint.key !== taintKey(node.ready)) return first;
    } else if (!health.evicted) {
      next = Math.min(next, Math.max(after(health.readyTransitionAt + config.podEvictionTimeout), tokenAt));
    }
  }
  return next;
}
