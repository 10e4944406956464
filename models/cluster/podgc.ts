/**
 * The pod garbage collector (kubernetes-facts §1.5): every 20 s it looks for pods bound to a node
 * whose Node object is gone, quarantines that node for 40 s, and if the node is still gone then
 * marks the pods Failed and force-deletes them (grace period 0). This is how deleting the Node
 * object of a lost node lets a StatefulSet recreate its pods.
 */
import { deletePod } from "./apiserver.ts";
import type { ClusterState } from "./state.ts";

export const GC_PERIOD = 20;
export const QUARANTINE = 40;

/** Nodes that pods are bound to but that have no Node object. */
function missingNodes(state: ClusterState): Set<string> {
  const missing = new Set<string>();
  for (const pod of Object.values(state.api.pods))
    if (pod.nodeName !== null && !state.api.nodes[pod.nodeName]) missing.add(pod.nodeName);
  return missing;
}

export function podGC(state: ClusterState): ClusterState {
  const missing = missingNodes(state);
  const quarantine: Record<string, number> = {};
  for (const [node, since] of Object.entries(state.podGC.quarantine))
    if (missing.has(node)) quarantine[node] = since;
  if (state.now % GC_PERIOD === 0)
    for (const node of missing) if (!(node in quarantine)) quarantine[node] = state.now;
  for (const [node, since] of Object.entries(quarantine)) {
    if (state.now < since + QUARANTINE) continue;
    for (const pod of Object.values(state.api.pods))
      if (pod.nodeName === node) state = deletePod(state, pod.name, 0, "DeletionByPodGC");
    delete quarantine[node];
  }
  const unchanged =
    Object.keys(quarantine).length === Object.keys(state.podGC.quarantine).length &&
    Object.entries(quarantine).every(([n, t]) => state.podGC.quarantine[n] === t);
  return unchanged ? state : { ...state, podGC: { quarantine } };
}

/** The next moment PodGC acts: a pass that finds an unquarantined missing node, or a quarantine ending. */
export function nextPodGCMoment(state: ClusterState): number {
  let next = Number.POSITIVE_INFINITY;
  for (const node of missingNodes(state)) {
    const since = state.podGC.quarantine[node];
    const due =
      since === undefined ? (Math.floor(state.now / GC_PERIOD) + 1) * GC_PERIOD : since + QUARANTINE;
    if (due > state.now && due < next) next = due;
  }
  return next;
}
