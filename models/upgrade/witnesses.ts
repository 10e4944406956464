/** Conditions a good suite must reach (Stateright's `sometimes`): otherwise the runs prove little. */
import type { Witness } from "../../src/model.ts";
import { nodesUnchanged } from "./invariants.ts";
import { newestMinor, type UpgradeConfig, type UpgradeState } from "./state.ts";

type UpgradeWitness = Witness<UpgradeConfig, UpgradeState>;

function everything(state: UpgradeState): number[] {
  return [
    ...Object.values(state.controlPlane).flatMap((cp) => [cp.apiserver.minor, cp.kubelet.minor]),
    ...Object.values(state.workers).flatMap((w) => [w.kubelet.minor, w.kubeProxy.minor]),
    state.operator.kubectl.minor,
  ];
}

export const witnesses: readonly UpgradeWitness[] = [
  {
    name: "upgrade-complete",
    doc: "every apiserver, kubelet, kube-proxy and kubectl reaches the newest release",
    reached: (state, prev, ctx) => {
      if (nodesUnchanged(state, prev) && state.operator.kubectl === prev.operator.kubectl) return false;
      const newest = newestMinor(ctx.config);
      return everything(state).every((m) => m === newest) && !everything(prev).every((m) => m === newest);
    },
  },
  {
    name: "cluster-through-every-minor",
    doc: "the cluster version reaches the newest release having been at every minor in between (1.11 → 1.12 → 1.13)",
    reached: (state, _prev, ctx) => {
      const minors = state.history.clusterMinors;
      return (
        minors[minors.length - 1] === newestMinor(ctx.config) &&
        minors.length === ctx.config.upgradeMinors + 1 &&
        minors.every((m, i) => i === 0 || m === minors[i - 1]! + 1)
      );
    },
  },
  {
    name: "kubeadm-refuses-apply",
    doc: "`kubeadm upgrade apply` refuses, and its reason is in the state (operator.lastRefusal)",
    reached: (state, prev) =>
      state.operator.lastRefusal !== prev.operator.lastRefusal &&
      /^\[(upgrade\/version|preflight)\]/.test(state.operator.lastRefusal ?? "") &&
      state.operator.lastAction?.startsWith("kubeadm upgrade apply") === true,
  },
  {
    name: "drain-blocked-by-budget",
    doc: "a PodDisruptionBudget blocks a drain (the Eviction API's 429)",
    reached: (state, prev) => state.history.blockedDrains > prev.history.blockedDrains,
  },
  {
    name: "node-fails-mid-upgrade",
    doc: "a node fails while some component is behind the cluster version",
    reached: (state, prev) => {
      if (nodesUnchanged(state, prev)) return false;
      const cv = state.clusterVersion.minor;
      const failed = [...Object.entries(state.controlPlane), ...Object.entries(state.workers)].some(
        ([name, n]) => !n.up && (prev.controlPlane[name] ?? prev.workers[name])?.up === true,
      );
      return failed && everything(state).some((m) => m !== cv);
    },
  },
];
