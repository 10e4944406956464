/** Situations a good suite must reach (Stateright's `sometimes`), so a passing run is not a vacuous one. */
import type { Witness } from "../../src/model.ts";
import type { ClusterConfig } from "./config.ts";
import { restoreBound } from "./invariants.ts";
import { type ClusterState, isTerminating, kubeletSyncs } from "./state.ts";

type ClusterWitness = Witness<ClusterConfig, ClusterState>;

/** A terminating pod of `kind` whose container still runs on a node whose kubelet cannot stop it. */
function stuckTerminating(state: ClusterState, kind: string): boolean {
  return Object.values(state.api.pods).some((p) => {
    if (p.owner?.kind !== kind || !isTerminating(p) || p.nodeName === null) return false;
    const machine = state.machines[p.nodeName]!;
    return !kubeletSyncs(machine) && machine.containers.some((c) => c.uid === p.uid);
  });
}

const added = (s: ClusterState, p: ClusterState) =>
  s.history.controllerDeletions.slice(p.history.controllerDeletions.length);

export const witnesses: readonly ClusterWitness[] = [
  {
    name: "evicted-after-toleration",
    doc: "the controllers delete the pods of a node that stayed silent past grace period and toleration",
    reached: (s, p) => added(s, p).length > 0,
  },
  {
    name: "evicted-for-not-ready",
    doc: "the controllers delete the pods of a node whose kubelet reported NotReady (not-ready taint)",
    reached: (s, p) =>
      added(s, p).some((d) => s.api.nodes[d.node]?.taint?.key === "node.kubernetes.io/not-ready"),
  },
  {
    name: "replicaset-replaces-while-old-runs",
    doc: "a ReplicaSet pod is terminating but still running on a cut-off node while its replacement exists (at-least-once)",
    reached: (s) => stuckTerminating(s, "ReplicaSet"),
  },
  {
    name: "statefulset-waits-for-old-pod",
    doc: "a StatefulSet pod is terminating but still running on a cut-off node, so its identity is not yet recreated",
    reached: (s) => stuckTerminating(s, "StatefulSet"),
  },
  {
    name: "orphan-killed",
    doc: "a kubelet back in touch kills a container whose pod object was deleted meanwhile",
    reached: (s, p) =>
      Object.entries(s.machines).some(
        ([node, m]) =>
          kubeletSyncs(m) &&
          !kubeletSyncs(p.machines[node]!) &&
          p.machines[node]!.containers.some(
            (c) => p.api.pods[c.pod]?.uid !== c.uid && !m.containers.some((x) => x.uid === c.uid),
          ),
      ),
  },
  {
    name: "drain-refused-by-filters",
    doc: "a drain stops before any eviction because a pod failed kubectl's filters",
    reached: (s) =>
      Object.values(s.drains).some((d) => d.status === "failed" && d.message?.startsWith("cannot delete")),
  },
  {
    name: "drain-blocked-by-budget",
    doc: "a drain waits because a PodDisruptionBudget refused an eviction (429)",
    reached: (s) => Object.values(s.drains).some((d) => d.status === "blocked"),
  },
  {
    name: "drain-done",
    doc: "a drain evicts every pod it had to and reports the node drained",
    reached: (s) => Object.values(s.drains).some((d) => d.status === "done" && d.pods.length > 0),
  },
  {
    name: "drain-skips-stuck-pods",
    doc: "a drain stops waiting for pods terminating longer than --skip-wait-for-delete-timeout",
    reached: (s) => Object.values(s.drains).some((d) => d.pods.some((p) => p.status === "skipped")),
  },
  {
    name: "podgc-after-node-deletion",
    doc: "PodGC force-deletes the pods of a node whose Node object the operator deleted",
    reached: (s, p) => {
      const removed = new Set(s.history.forceDeleted.slice(p.history.forceDeleted.length));
      return Object.values(p.api.pods).some(
        (pod) => removed.has(pod.uid) && pod.nodeName !== null && !p.api.nodes[pod.nodeName],
      );
    },
  },
  {
    name: "full-disruption",
    doc: "every node is silent at once, so the controller lifts the NoExecute taints and evicts nothing",
    reached: (s) => s.nodeLifecycle.fullDisruption,
  },
  {
    name: "restored-after-eviction",
    doc: "replicas-restored is checked after the controllers evicted a lost node's pods",
    reached: (s, _p, { config }) =>
      s.history.controllerDeletions.length > 0 && s.now - s.history.lastDisturbanceAt >= restoreBound(config),
  },
];
