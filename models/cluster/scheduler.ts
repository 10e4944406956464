/**
 * kube-scheduler (kubernetes-facts §2.1): binds each unscheduled pod to a Ready node that is not
 * cordoned (the NodeUnschedulable plugin; DaemonSet pods tolerate it) and carries no NoExecute
 * taint, preferring the node with the fewest pods, then the lowest name.
 */
import type { Ctx } from "./config.ts";
import { type ClusterState, isDaemonPod, isTerminating, type Pod, withHistory, withPods } from "./state.ts";

export function schedule(state: ClusterState, ctx: Ctx): ClusterState {
  let pods = state.api.pods;
  let bareHomes = state.history.bareHomes;
  for (const pod of Object.values(state.api.pods)) {
    if (pod.nodeName !== null || isTerminating(pod)) continue;
    const node = pickNode(state, pods, pod, ctx);
    if (!node) continue;
    pods = { ...pods, [pod.name]: { ...pod, nodeName: node } };
    if (pod.owner === null && !(pod.name in bareHomes)) bareHomes = { ...bareHomes, [pod.name]: node };
  }
  state = withPods(state, pods);
  return bareHomes === state.history.bareHomes ? state : withHistory(state, { bareHomes });
}

function pickNode(
  state: ClusterState,
  pods: Readonly<Record<string, Pod>>,
  pod: Pod,
  ctx: Ctx,
): string | undefined {
  let best: string | undefined;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (const [name, node] of Object.entries(state.api.nodes)) {
    if (node.ready !== "True" || node.taint) continue;
    const cordoned = node.unschedulable && !ctx.flaws.has("schedule-on-cordoned");
    if (cordoned && !isDaemonPod(pod)) continue;
    let load = 0;
    for (const p of Object.values(pods)) if (p.nodeName === name && !isTerminating(p)) load++;
    if (load < bestLoad || (load === bestLoad && best !== undefined && name < best)) {
      best = name;
      bestLoad = load;
    }
  }
  return best;
}
