/**
 * The state an imported cluster starts in, at time 0: each node's machine as its Ready
 * condition implies (True: healthy; False: a down container runtime, the model's one cause of
 * NotReady; Unknown: cut off from the control plane), its Node object as read, and every pod
 * bound where it was, its container running on a machine that can run it. The controllers,
 * scheduler and kubelets then settle it (reducer.ts), creating replicas a workload lacks.
 */
import type { ImportedCluster } from "./imported.ts";
import type { ClusterState, Container, Machine, NodeHealth, NodeObject, Pod } from "./state.ts";

function machineFor(ready: NodeObject["ready"], containers: readonly Container[]): Machine {
  return {
    power: "on",
    network: ready === "Unknown" ? "cut-off" : "connected",
    kubelet: "running",
    runtime: ready === "False" ? "down" : "healthy",
    containers,
  };
}

export function importedState(cluster: ImportedCluster): ClusterState {
  const pods: Record<string, Pod> = {};
  const containers: Record<string, Container[]> = {};
  const bareHomes: Record<string, string> = {};
  let uid = 1;
  for (const p of cluster.pods) {
    pods[p.name] = {
      ...p,
      uid,
      deletionTimestamp: null,
      deletionGracePeriodSeconds: null,
      disruption: null,
    };
    if (p.nodeName !== null && p.phase === "Running") {
      const probe = p.ready ? "passing" : "failing";
      containers[p.nodeName] = [...(containers[p.nodeName] ?? []), { pod: p.name, uid, probe, stopAt: null }];
    }
    if (p.owner === null && p.nodeName !== null) bareHomes[p.name] = p.nodeName;
    uid++;
  }
  const machines: Record<string, Machine> = {};
  const nodes: Record<string, NodeObject> = {};
  const health: Record<string, NodeHealth> = {};
  for (const n of cluster.nodes) {
    if (n.absent) {
      machines[n.name] = { ...machineFor("True", []), power: "off" };
      continue;
    }
    machines[n.name] = machineFor(n.ready, containers[n.name] ?? []);
    nodes[n.name] = {
      ready: n.ready,
      lastHeartbeat: 0,
      unschedulable: n.unschedulable,
      taint: n.taint ? { key: n.taint, timeAdded: 0 } : null,
    };
    health[n.name] = {
      probeTimestamp: 0,
      observedHeartbeat: 0,
      observedReady: n.ready,
      readyTransitionAt: 0,
      evicted: false,
    };
  }
  const names = cluster.nodes.filter((n) => !n.absent).map((n) => n.name);
  return {
    now: 0,
    machines,
    api: { nodes, pods },
    nodeLifecycle: { nodes: health, nextEvictionAt: 0, fullDisruption: false },
    podGC: { quarantine: {} },
    drains: {},
    nextUid: uid,
    history: {
      lastDisturbanceAt: 0,
      heartbeatSeenAt: Object.fromEntries(names.map((n) => [n, 0])),
      failures: Object.fromEntries(
        cluster.nodes
          .filter((n) => !n.absent)
          .map((n) => [
            n.name,
            n.ready === "True" ? null : { since: 0, reportedNotReady: n.ready === "False" },
          ]),
      ),
      controllerDeletions: [],
      drainRemovals: [],
      forceDeleted: [],
      bareHomes,
    },
  };
}
