/**
 * The workload controllers (kubernetes-facts §1.5, §7.10). A ReplicaSet counts only active pods
 * (no deletionTimestamp), so it replaces a terminating pod at once. A StatefulSet keeps each
 * identity (db-0, db-1) to at most one pod object and waits until the old object is gone; with
 * the default OrderedReady policy it creates ordinal i only when every lower one is Running
 * and Ready. The DaemonSet controller gives every Ready node one pod, bound directly.
 */
import { confirmDeletion, createPod } from "./apiserver.ts";
import type { Ctx } from "./config.ts";
import { type ClusterState, isTerminating, type Pod } from "./state.ts";
import { topology } from "./topology.ts";

export function workloadControllers(state: ClusterState, ctx: Ctx): ClusterState {
  state = replicaSetController(state, ctx);
  state = statefulSetController(state, ctx);
  return daemonSetController(state, ctx);
}

function ownedBy(state: ClusterState, kind: string, name: string): Pod[] {
  return Object.values(state.api.pods).filter((p) => p.owner?.kind === kind && p.owner.name === name);
}

function replicaSetController(state: ClusterState, ctx: Ctx): ClusterState {
  for (const rs of topology(ctx.config).replicaSets) {
    const countsTerminating = ctx.flaws.has("replicaset-counts-terminating");
    const active = ownedBy(state, "ReplicaSet", rs.name).filter(
      (p) => countsTerminating || !isTerminating(p),
    );
    for (let i = active.length; i < rs.replicas; i++) {
      state = createPod(state, {
        generateName: rs.name,
        app: rs.app,
        owner: { kind: "ReplicaSet", name: rs.name },
        emptyDir: rs.emptyDir,
      });
    }
  }
  return state;
}

function statefulSetController(state: ClusterState, ctx: Ctx): ClusterState {
  for (const sts of topology(ctx.config).statefulSets) {
    for (let ordinal = 0; ordinal < sts.replicas; ordinal++) {
      const name = `${sts.name}-${ordinal}`;
      let pod = state.api.pods[name];
      if (pod && isTerminating(pod) && ctx.flaws.has("statefulset-eager-replace")) {
        state = confirmDeletion(state, name);
        pod = undefined;
      }
      if (!pod) {
        state = createPod(state, {
          name,
          app: sts.name,
          owner: { kind: "StatefulSet", name: sts.name },
          emptyDir: sts.emptyDir ?? false,
        });
        break;
      }
      if (isTerminating(pod) || pod.phase !== "Running" || !pod.ready) break;
    }
  }
  return state;
}

function daemonSetController(state: ClusterState, ctx: Ctx): ClusterState {
  for (const ds of topology(ctx.config).daemonSets) {
    const placed = new Set(ownedBy(state, "DaemonSet", ds).map((p) => p.nodeName));
    for (const [node, obj] of Object.entries(state.api.nodes)) {
      if (obj.ready !== "True" || placed.has(node)) continue;
      state = createPod(state, {
        generateName: ds,
        app: ds,
        owner: { kind: "DaemonSet", name: ds },
        nodeName: node,
      });
    }
  }
  return state;
}
