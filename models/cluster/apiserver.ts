/**
 * The API server's pod writes every controller shares: create, and DELETE with a grace period
 * (kubernetes-facts §1.6): a grace period of 0, or an unscheduled pod, removes the object at
 * once; otherwise the pod only gets a deletionTimestamp and disappears when its kubelet confirms.
 */
import { type ClusterState, isTerminating, type Pod, removePod, withHistory, withPods } from "./state.ts";
import { type Owner, suffix } from "./topology.ts";

export interface NewPod {
  /** A fixed name (StatefulSet ordinal, bare pod), or a prefix to which a generated suffix is added. */
  readonly name?: string;
  readonly generateName?: string;
  readonly app: string;
  readonly owner: Owner | null;
  readonly nodeName?: string;
  readonly emptyDir?: boolean;
}

export function createPod(state: ClusterState, spec: NewPod): ClusterState {
  const uid = state.nextUid;
  const name = spec.name ?? `${spec.generateName}-${suffix(uid)}`;
  const pod: Pod = {
    name,
    uid,
    app: spec.app,
    owner: spec.owner,
    nodeName: spec.nodeName ?? null,
    phase: "Pending",
    ready: false,
    emptyDir: spec.emptyDir ?? false,
    deletionTimestamp: null,
    deletionGracePeriodSeconds: null,
    disruption: null,
  };
  return { ...withPods(state, { ...state.api.pods, [name]: pod }), nextUid: uid + 1 };
}

/**
 * DELETE a pod. `gracePeriod` undefined means the pod's own terminationGracePeriodSeconds.
 * `reason` becomes the DisruptionTarget condition's reason.
 */
export function deletePod(
  state: ClusterState,
  name: string,
  gracePeriod: number,
  reason: string | null,
): ClusterState {
  const pod = state.api.pods[name];
  if (!pod) return state;
  if (pod.nodeName === null || gracePeriod <= 0) {
    const removed = withPods(state, removePod(state.api.pods, name));
    if (pod.nodeName === null) return removed;
    return withHistory(removed, { forceDeleted: [...state.history.forceDeleted, pod.uid] });
  }
  if (isTerminating(pod)) return state;
  const terminating: Pod = {
    ...pod,
    deletionTimestamp: state.now,
    deletionGracePeriodSeconds: gracePeriod,
    disruption: reason,
  };
  return withPods(state, { ...state.api.pods, [name]: terminating });
}

/** `kubectl delete node`: the Node object goes; the pods bound to it stay until PodGC removes them. */
export function deleteNode(state: ClusterState, node: string): ClusterState {
  const { [node]: _gone, ...nodes } = state.api.nodes;
  return { ...state, api: { ...state.api, nodes } };
}

/** The kubelet's final delete after the containers stopped: the name is free again. */
export function confirmDeletion(state: ClusterState, name: string): ClusterState {
  return withPods(state, removePod(state.api.pods, name));
}
