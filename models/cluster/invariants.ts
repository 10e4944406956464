/**
 * What the node lifecycle and drain rules promise. Transition properties compare with `prev`;
 * all-time properties read the oracle's history, which no controller reads.
 */
import type { Invariant } from "../../src/model.ts";
import type { ClusterConfig } from "./config.ts";
import { terminatingTooLong } from "./drain.ts";
import { zoneState } from "./node-lifecycle.ts";
import { planInvariants } from "./plan-goals.ts";
import { type ClusterState, isDaemonPod, isTerminating, kubeletSyncs, reachesApi } from "./state.ts";
import { topology } from "./topology.ts";

type ClusterInvariant = Invariant<ClusterConfig, ClusterState>;

/** Entries appended to an oracle list during this step. */
const added = <T>(list: readonly T[], before: readonly T[]): readonly T[] =>
  list.length === before.length ? [] : list.slice(before.length);

const noOrphanPods: ClusterInvariant = {
  name: "no-orphan-pods",
  doc: "a node whose kubelet reaches the control plane (with a working container runtime) runs no container whose pod object is gone, and a pod with no controller never runs on any node but its own",
  check: (state) => {
    for (const [node, machine] of Object.entries(state.machines)) {
      for (const c of machine.containers) {
        const home = state.history.bareHomes[c.pod];
        if (home !== undefined && home !== node) return `bare pod ${c.pod} of ${home} runs on ${node}`;
        if (!kubeletSyncs(machine)) continue;
        if (state.api.pods[c.pod]?.uid !== c.uid)
          return `${c.pod} still runs on ${node}, whose kubelet is connected, although its pod object is gone`;
      }
    }
    return undefined;
  },
};

/** Seconds a pod on a failed node must be left alone once the failure is seen: its toleration, or the legacy timeout. */
export function evictionWait(config: ClusterConfig): number {
  if (config.evictionMode === "legacy") return config.podEvictionTimeout;
  return Math.min(config.defaultUnreachableTolerationSeconds, config.defaultNotReadyTolerationSeconds);
}

/** Seconds from a silent node's last heartbeat: --node-monitor-grace-period, then the wait. */
export function evictionDelay(config: ClusterConfig): number {
  return config.nodeMonitorGracePeriod + evictionWait(config);
}

const noEarlyEviction: ClusterInvariant = {
  name: "no-early-eviction",
  doc: "the controllers delete a pod on a failed node only after its toleration (legacy: --pod-eviction-timeout) since the failure was seen; a silent node is seen failed only --node-monitor-grace-period after its last heartbeat",
  check: (state, prev, { config }) => {
    for (const d of added(state.history.controllerDeletions, prev.history.controllerDeletions)) {
      const failure = state.history.failures[d.node];
      if (!failure)
        return `${d.pod} on ${d.node} was deleted at ${d.at}s although ${d.node} was never seen failing`;
      const earliest = failure.reportedNotReady
        ? failure.since + evictionWait(config)
        : state.history.heartbeatSeenAt[d.node]! + evictionDelay(config);
      if (d.at < earliest) {
        const why = failure.reportedNotReady
          ? `${d.node} reported NotReady at ${failure.since}s`
          : `${d.node} was last heard from at ${state.history.heartbeatSeenAt[d.node]}s`;
        return `${d.pod} on ${d.node} was deleted at ${d.at}s, but ${why}, so not before ${earliest}s`;
      }
    }
    return undefined;
  },
};

const statefulSetAtMostOne: ClusterInvariant = {
  name: "statefulset-at-most-one",
  doc: "two containers of one StatefulSet pod identity (db-0) never run at once, unless one's pod object was removed without its kubelet (force delete, drain --grace-period=0, PodGC after kubectl delete node)",
  check: (state, _prev, { config }) => {
    for (const sts of topology(config).statefulSets) {
      for (let ordinal = 0; ordinal < sts.replicas; ordinal++) {
        const name = `${sts.name}-${ordinal}`;
        const copies: string[] = [];
        for (const [node, machine] of Object.entries(state.machines))
          for (const c of machine.containers)
            if (c.pod === name && !state.history.forceDeleted.includes(c.uid)) copies.push(node);
        if (copies.length > 1)
          return `${name} runs ${copies.length} times at once, on ${copies.join(" and ")}`;
      }
    }
    return undefined;
  },
};

const noScheduleOnCordoned: ClusterInvariant = {
  name: "no-schedule-on-cordoned",
  doc: "no new pod that does not tolerate node.kubernetes.io/unschedulable is bound to a cordoned node",
  check: (state, prev) => {
    for (const pod of Object.values(state.api.pods)) {
      if (pod.nodeName === null || isDaemonPod(pod)) continue;
      const before = prev.api.pods[pod.name];
      if (before?.uid === pod.uid && before.nodeName !== null) continue;
      if (state.api.nodes[pod.nodeName]?.unschedulable)
        return `${pod.name} was bound to ${pod.nodeName}, which is cordoned`;
    }
    return undefined;
  },
};

const pdbRespected: ClusterInvariant = {
  name: "pdb-respected",
  doc: "a drain that uses the Eviction API (no --disable-eviction) never takes a PodDisruptionBudget's healthy pods below what it requires",
  check: (state, prev) => {
    for (const r of added(state.history.drainRemovals, prev.history.drainRemovals)) {
      if (r.disableEviction || !r.healthy) continue;
      for (const b of r.budgets)
        if (b.currentHealthy - 1 < b.desiredHealthy)
          return `the drain of ${r.node} removed healthy ${r.pod} although ${b.name} needs ${b.desiredHealthy} healthy pods and had ${b.currentHealthy}`;
    }
    return undefined;
  },
};

const drainKeepsUnmanaged: ClusterInvariant = {
  name: "drain-keeps-unmanaged",
  doc: "without --force a drain deletes no pod that declares no controller, and a drain whose filters fail evicts nothing",
  check: (state, prev) => {
    for (const r of added(state.history.drainRemovals, prev.history.drainRemovals)) {
      if (r.filtersFailed) return `the drain of ${r.node} removed ${r.pod} although its filters failed`;
      if (r.owner === null && !r.force)
        return `the drain of ${r.node} deleted ${r.pod}, which has no controller, without --force`;
    }
    return undefined;
  },
};

const drainBlockedIsNotDone: ClusterInvariant = {
  name: "drain-blocked-is-not-done",
  doc: "a drain reports a node drained only when every pod it had to evict is gone (or, with --skip-wait-for-delete-timeout, has been terminating for longer than that)",
  check: (state) => {
    for (const [node, drain] of Object.entries(state.drains)) {
      if (drain.status !== "done") continue;
      for (const p of drain.pods) {
        const pod = state.api.pods[p.name];
        if (pod?.uid === p.uid && !terminatingTooLong(pod, drain.options, state.now))
          return `the drain of ${node} reports done, but ${p.name} is still there`;
      }
    }
    return undefined;
  },
};

/**
 * After the last disturbance a lost node's pods are replaced within: the grace period and one
 * pass to notice, one pass to taint, the zone's rate limit for every other node, the toleration
 * (or legacy timeout), and one pass for leaving full disruption. See README.md.
 */
export function restoreBound(config: ClusterConfig): number {
  const period = config.nodeMonitorPeriod;
  const interval = Math.ceil(1 / config.nodeEvictionRate / period) * period;
  const longestWait =
    config.evictionMode === "legacy"
      ? config.podEvictionTimeout
      : Math.max(config.defaultUnreachableTolerationSeconds, config.defaultNotReadyTolerationSeconds);
  return config.nodeMonitorGracePeriod + longestWait + 3 * period + config.nodes * interval;
}

const replicasRestored: ClusterInvariant = {
  name: "replicas-restored",
  doc: "once nothing has happened but time for the derived bound, with the zone healthy and a Ready schedulable node, every ReplicaSet has its replicas running on Ready nodes",
  check: (state, _prev, { config }) => {
    if (config.nodeEvictionRate <= 0) return undefined;
    const bound = restoreBound(config);
    if (state.now - state.history.lastDisturbanceAt < bound || zoneState(state, config) !== "Normal")
      return undefined;
    const serving = (node: string) =>
      state.api.nodes[node]?.ready === "True" && reachesApi(state.machines[node]!);
    const capacity = Object.entries(state.api.nodes).some(
      ([n, obj]) => serving(n) && !obj.unschedulable && !obj.taint,
    );
    if (!capacity) return undefined;
    for (const rs of topology(config).replicaSets) {
      let running = 0;
      for (const pod of Object.values(state.api.pods)) {
        if (pod.owner?.name !== rs.name || isTerminating(pod) || pod.nodeName === null) continue;
        if (serving(pod.nodeName) && state.machines[pod.nodeName]!.containers.some((c) => c.uid === pod.uid))
          running++;
      }
      if (running < rs.replicas)
        return `ReplicaSet ${rs.name} has ${running} of ${rs.replicas} pods running on Ready nodes ${state.now - state.history.lastDisturbanceAt}s after the last disturbance (bound ${bound}s)`;
    }
    return undefined;
  },
};

export const invariants: readonly ClusterInvariant[] = [
  noOrphanPods,
  noEarlyEviction,
  statefulSetAtMostOne,
  noScheduleOnCordoned,
  pdbRespected,
  drainKeepsUnmanaged,
  drainBlockedIsNotDone,
  replicasRestored,
  ...planInvariants,
];
