/**
 * Each node's kubelet (kubernetes-facts §1.7). While it reaches the API server it renews its
 * heartbeat, runs the pods bound to its node, reports their phase and readiness, gives a pod
 * whose deletion it sees its grace period, confirms the deletion once the container stopped,
 * and kills containers whose pod object is gone (orphans, e.g. after a force delete). Cut off,
 * it only finishes the terminations it already knew about; its containers keep running. With
 * its container runtime down it keeps heartbeating but reports NotReady and touches nothing.
 */
import { confirmDeletion } from "./apiserver.ts";
import type { Ctx } from "./config.ts";
import {
  type ClusterState,
  type Container,
  isTerminating,
  type Machine,
  type Pod,
  type ReadyStatus,
  reachesApi,
  withMachine,
  withNode,
  withPods,
} from "./state.ts";

export function kubelets(state: ClusterState, ctx: Ctx): ClusterState {
  for (const node of Object.keys(state.machines)) state = kubelet(state, node, ctx);
  return state;
}

function kubelet(state: ClusterState, node: string, ctx: Ctx): ClusterState {
  const machine = state.machines[node]!;
  if (machine.power === "off" || machine.kubelet === "stopped") return state;
  if (machine.runtime === "down") return reachesApi(machine) ? postStatus(state, node, "False") : state;
  if (!reachesApi(machine)) return stopDue(state, node, machine);
  state = postStatus(state, node, "True");
  state = noticeDeletions(state, node, ctx);
  state = stopDue(state, node, state.machines[node]!);
  return syncPods(state, node);
}

/**
 * A changed status is posted at once, with a fresh heartbeat: Ready=True, or False while the
 * runtime is down. A kubelet whose Node object was deleted registers it again.
 */
function postStatus(state: ClusterState, node: string, ready: ReadyStatus): ClusterState {
  const obj = state.api.nodes[node] ?? { ready, lastHeartbeat: state.now, unschedulable: false, taint: null };
  if (obj.ready === ready && state.api.nodes[node]) return state;
  return withNode(state, node, { ...obj, lastHeartbeat: state.now, ready });
}

/**
 * Every kubelet that reaches the API renews its Lease. Modelled once per node monitor pass,
 * just before it (the real kubelet renews every 10 s; see README).
 */
export function renewLeases(state: ClusterState): ClusterState {
  for (const [node, machine] of Object.entries(state.machines)) {
    const obj = state.api.nodes[node];
    if (obj && reachesApi(machine) && obj.lastHeartbeat !== state.now)
      state = withNode(state, node, { ...obj, lastHeartbeat: state.now });
  }
  return state;
}

/** Orphans are killed at once (1 s grace override); terminating pods get their grace period. */
function noticeDeletions(state: ClusterState, node: string, ctx: Ctx): ClusterState {
  const machine = state.machines[node]!;
  let changed = false;
  const containers: Container[] = [];
  for (const c of machine.containers) {
    const pod = state.api.pods[c.pod];
    const orphan = !pod || pod.uid !== c.uid;
    if (orphan && !ctx.flaws.has("kubelet-keeps-orphans")) {
      changed = true;
      continue;
    }
    if (pod && !orphan && isTerminating(pod) && c.stopAt === null) {
      changed = true;
      containers.push({ ...c, stopAt: state.now + (pod.deletionGracePeriodSeconds ?? 0) });
      continue;
    }
    containers.push(c);
  }
  return changed ? withMachine(state, node, { ...machine, containers }) : state;
}

function stopDue(state: ClusterState, node: string, machine: Machine): ClusterState {
  const containers = machine.containers.filter((c) => c.stopAt === null || c.stopAt > state.now);
  if (containers.length === machine.containers.length) return state;
  return withMachine(state, node, { ...machine, containers });
}

/** Starts what is bound here, confirms finished deletions, reports phase and readiness. */
function syncPods(state: ClusterState, node: string): ClusterState {
  let machine = state.machines[node]!;
  let pods = state.api.pods;
  const confirmed: string[] = [];
  for (const pod of Object.values(state.api.pods)) {
    if (pod.nodeName !== node) continue;
    const container = machine.containers.find((c) => c.uid === pod.uid);
    if (isTerminating(pod)) {
      if (!container) confirmed.push(pod.name);
      continue;
    }
    if (!container) {
      machine = {
        ...machine,
        containers: [...machine.containers, { pod: pod.name, uid: pod.uid, probe: "passing", stopAt: null }],
      };
    }
    const ready = container ? container.probe === "passing" : true;
    if (pod.phase !== "Running" || pod.ready !== ready) {
      const running: Pod = { ...pod, phase: "Running", ready };
      pods = { ...pods, [pod.name]: running };
    }
  }
  if (machine !== state.machines[node]) state = withMachine(state, node, machine);
  state = withPods(state, pods);
  for (const name of confirmed) state = confirmDeletion(state, name);
  return state;
}
