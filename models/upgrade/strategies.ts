/**
 * The strategies as plans: the operator's next step is a pure function of the state, so an
 * `operator-next` event keeps its meaning when fast-check deletes events around it, and a
 * refused or interrupted step is simply tried again. Each round takes the cluster one minor up:
 * kubeadm first, `kubeadm upgrade plan`, `apply` on the first control-plane node, `upgrade node`
 * on the others, then control-plane kubelets one node at a time, then the workers as the
 * strategy says, then kubectl.
 */
import type { Context } from "../../src/model.ts";
import { type Action, newestMinor, type UpgradeConfig, type UpgradeState, type WorkerNode } from "./state.ts";
import { compare, LATEST_PATCH, same, show, type Version, v } from "./versions.ts";

/** Waiting (for a failed node to come back) or done: no step now. */
type Step = Action | undefined;

export function nextAction(state: UpgradeState, ctx: Context<UpgradeConfig>): Step {
  const cv = state.clusterVersion;
  const version = show(cv);
  for (const [node, cp] of Object.entries(state.controlPlane)) {
    if (!same(cp.apiserver, cv)) return cp.up ? { kind: "kubeadm-upgrade-node", node } : undefined;
  }
  const cpKubelets = controlPlaneKubelets(state, cv);
  if (cpKubelets !== "done") return cpKubelets;
  const workers = WORKER_PLANS[ctx.config.strategy](state, cv, ctx);
  if (workers !== "done") return workers;
  if (older(state.operator.kubectl, cv)) return { kind: "upgrade-kubectl", version };
  return nextRound(state, ctx);
}

function nextRound(state: UpgradeState, ctx: Context<UpgradeConfig>): Step {
  const cv = state.clusterVersion;
  if (cv.minor >= newestMinor(ctx.config)) return undefined;
  const target = v(cv.minor + 1, LATEST_PATCH);
  const version = show(target);
  if (compare(state.operator.kubeadm, target) < 0) return { kind: "upgrade-kubeadm", version };
  if (!state.operator.plan?.includes(`apply v${version}`)) return { kind: "kubeadm-plan" };
  const first = Object.entries(state.controlPlane).find(([, cp]) => cp.up)?.[0];
  return first ? { kind: "kubeadm-apply", node: first, version, force: false } : undefined;
}

function controlPlaneKubelets(state: UpgradeState, cv: Version): Step | "done" {
  const version = show(cv);
  const nodes = Object.entries(state.controlPlane);
  const current = nodes.find(([, cp]) => cp.cordoned) ?? nodes.find(([, cp]) => older(cp.kubelet, cv));
  if (!current) return "done";
  const [node, cp] = current;
  if (!cp.cordoned) return { kind: "drain", node, disableEviction: false };
  if (!cp.up) return undefined;
  if (older(cp.kubelet, cv)) return { kind: "upgrade-kubelet", node, version };
  return { kind: "uncordon", node };
}

/** Components newer than the plan's version (a free-form patch bump) are left alone: no downgrades. */
function older(x: Version, cv: Version): boolean {
  return compare(x, cv) < 0;
}

function behind(w: WorkerNode, cv: Version): boolean {
  return older(w.kubelet, cv) || older(w.kubeProxy, cv);
}

/** Drain (retried while a budget blocks it), kubelet, kube-proxy — the per-node steps of every plan. */
function upgradeDrained(node: string, w: WorkerNode, cv: Version, disableEviction: boolean): Step {
  const version = show(cv);
  if (!w.up) return undefined;
  if (w.pods.length > 0) return { kind: "drain", node, disableEviction };
  if (older(w.kubelet, cv)) return { kind: "upgrade-kubelet", node, version };
  if (older(w.kubeProxy, cv)) return { kind: "upgrade-kube-proxy", node, version };
  return undefined;
}

type WorkerPlan = (state: UpgradeState, cv: Version, ctx: Context<UpgradeConfig>) => Step | "done";

/** Drain one worker, upgrade it, uncordon it, then the next: capacity drops by one node at most. */
const oneAtATime: WorkerPlan = (state, cv) => {
  const workers = Object.entries(state.workers);
  const current = workers.find(([, w]) => w.cordoned);
  if (current) {
    const [node, w] = current;
    return behind(w, cv) || w.pods.length > 0
      ? upgradeDrained(node, w, cv, false)
      : { kind: "uncordon", node };
  }
  const next = workers.find(([, w]) => behind(w, cv));
  if (!next) return "done";
  return next[1].up ? { kind: "drain", node: next[0], disableEviction: false } : undefined;
};

/** Join a new worker at the new version, drain an old one onto it, delete the old node; repeat. */
const addNewNodes: WorkerPlan = (state, cv, ctx) => {
  const workers = Object.entries(state.workers);
  const old = workers.filter(([, w]) => behind(w, cv));
  if (old.length === 0) return "done";
  const current = old.find(([, w]) => w.cordoned);
  if (current) {
    const [node, w] = current;
    if (!w.up) return undefined;
    return w.pods.length > 0
      ? { kind: "drain", node, disableEviction: false }
      : { kind: "remove-node", node };
  }
  if (workers.length < ctx.config.workers + 1) return { kind: "add-node", version: show(cv) };
  const next = old.find(([, w]) => w.up);
  return next ? { kind: "drain", node: next[0], disableEviction: false } : undefined;
};

/** Take every worker out at once (`--disable-eviction`: the plan accepts downtime), upgrade all, bring all back. */
const allAtOnce: WorkerPlan = (state, cv) => {
  const workers = Object.entries(state.workers);
  const old = workers.filter(([, w]) => behind(w, cv));
  const uncordoned = old.find(([, w]) => !w.cordoned);
  if (uncordoned) return { kind: "cordon", node: uncordoned[0] };
  for (const [node, w] of old) {
    const step = upgradeDrained(node, w, cv, true);
    if (step) return step;
  }
  if (old.length > 0) return undefined;
  const cordoned = workers.find(([, w]) => w.cordoned);
  return cordoned ? { kind: "uncordon", node: cordoned[0] } : "done";
};

const WORKER_PLANS: Readonly<Record<UpgradeConfig["strategy"], WorkerPlan>> = {
  "one-at-a-time": oneAtATime,
  "add-new-nodes": addNewNodes,
  "all-at-once": allAtOnce,
  /** `free` improvises between steps of the one-at-a-time plan. */
  free: oneAtATime,
};
