/** What a person sees of the cluster: versions as "1.12.2", node status as `kubectl get nodes` prints it. */
import type { ControlPlaneNode, UpgradeState, WorkerNode } from "./state.ts";
import { show } from "./versions.ts";

function status(n: { readonly up: boolean; readonly cordoned: boolean }): string {
  return `${n.up ? "Ready" : "NotReady"}${n.cordoned ? ",SchedulingDisabled" : ""}`;
}

function controlPlaneView(cp: ControlPlaneNode) {
  const parts = [cp.apiserver, cp.controllerManager, cp.scheduler, cp.etcd].map(show);
  const staticPods = parts.every((p) => p === parts[0])
    ? { staticPods: parts[0] }
    : { apiserver: parts[0], controllerManager: parts[1], scheduler: parts[2], etcd: parts[3] };
  return { status: status(cp), ...staticPods, kubelet: show(cp.kubelet) };
}

function workerView(w: WorkerNode) {
  return { status: status(w), kubelet: show(w.kubelet), kubeProxy: show(w.kubeProxy), pods: w.pods };
}

/** `did` names what the operator last did: what an `operator-next` step turned out to be. */
export function view(state: UpgradeState) {
  const op = state.operator;
  return {
    clusterVersion: show(state.clusterVersion),
    operator: {
      kubeadm: show(op.kubeadm),
      kubectl: show(op.kubectl),
      ...(op.lastAction ? { did: op.lastAction } : {}),
      ...(op.plan ? { plan: op.plan } : {}),
      ...(op.lastRefusal ? { refused: op.lastRefusal } : {}),
    },
    controlPlane: Object.fromEntries(
      Object.entries(state.controlPlane).map(([n, cp]) => [n, controlPlaneView(cp)]),
    ),
    workers: Object.fromEntries(Object.entries(state.workers).map(([n, w]) => [n, workerView(w)])),
    pending: Object.entries(state.pending)
      .filter(([, n]) => n > 0)
      .map(([rs, n]) => `${rs}×${n}`),
  };
}
