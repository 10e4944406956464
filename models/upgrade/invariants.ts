/** The safety properties, each checked after every step. Sources: facts §4.1 (skew), §4.2 (kubeadm), §2 (drain). */
import type { Invariant } from "../../src/model.ts";
import { APISERVER_SPREAD, CONTROLLERS_OLDER, KUBECTL_SKEW, skewPolicy } from "./policy.ts";
import { newestMinor, REPLICA_SETS, type UpgradeConfig, type UpgradeState } from "./state.ts";
import type { Version } from "./versions.ts";
import { bound } from "./workloads.ts";

type UpgradeInvariant = Invariant<UpgradeConfig, UpgradeState>;

function minor(x: Version): string {
  return `1.${x.minor}`;
}

/**
 * The nodes are the very objects of the state before (the reducer shares what a step leaves
 * alone). Every invariant held before the step (checking stops at the first violation), so one
 * that reads only the nodes, or their change, still holds: the check stays cheap on steps that
 * touch something else. The initial state (`state === prev`) is always checked in full.
 */
export function nodesUnchanged(state: UpgradeState, prev: UpgradeState): boolean {
  return state !== prev && state.controlPlane === prev.controlPlane && state.workers === prev.workers;
}

/** The skew table for the policy release, against every kube-apiserver instance (HA narrows the window). */
export const skewPolicyHolds: UpgradeInvariant = {
  name: "skew-policy",
  doc: "apiservers within one minor of each other and never newer than kubeadm; controller-manager and scheduler at their apiserver's minor or one older; kubelets and kube-proxies never newer than any apiserver and at most 2 (n-3 from 1.28) minors older, kube-proxy within that of its kubelet; kubectl within one minor",
  check: (state, prev, ctx) => {
    const { kubeadm, kubectl } = state.operator;
    if (nodesUnchanged(state, prev) && kubeadm === prev.operator.kubeadm && kubectl === prev.operator.kubectl)
      return undefined;
    const policy = skewPolicy(newestMinor(ctx.config));
    const cps = Object.entries(state.controlPlane);
    const apis = cps.map(([name, cp]) => ({ name, v: cp.apiserver }));
    const oldest = apis.reduce((a, b) => (b.v.minor < a.v.minor ? b : a));
    const newest = apis.reduce((a, b) => (b.v.minor > a.v.minor ? b : a));
    if (newest.v.minor - oldest.v.minor > APISERVER_SPREAD)
      return `kube-apiserver on ${newest.name} is ${minor(newest.v)} but on ${oldest.name} ${minor(oldest.v)}: instances must be within one minor`;
    if (newest.v.minor > kubeadm.minor)
      return `kube-apiserver on ${newest.name} is ${minor(newest.v)} but kubeadm is ${minor(kubeadm)}: kubeadm manages only its own minor and one older`;
    for (const [name, cp] of cps) {
      for (const [component, x] of [
        ["kube-controller-manager", cp.controllerManager],
        ["kube-scheduler", cp.scheduler],
      ] as const) {
        const behind = cp.apiserver.minor - x.minor;
        if (behind < 0 || behind > CONTROLLERS_OLDER)
          return `${component} on ${name} is ${minor(x)} with its kube-apiserver at ${minor(cp.apiserver)}: it must be the same minor or one older`;
      }
    }
    const nodes = [...cps, ...Object.entries(state.workers)];
    for (const [name, n] of nodes) {
      const components: [string, Version][] = [["kubelet", n.kubelet]];
      if ("kubeProxy" in n) components.push(["kube-proxy", n.kubeProxy]);
      for (const [component, x] of components) {
        if (x.minor > oldest.v.minor)
          return `${component} on ${name} is ${minor(x)} but kube-apiserver on ${oldest.name} is ${minor(oldest.v)}: it must not be newer than any kube-apiserver`;
        const allowed = policy.kubeletOlder(x.minor);
        if (newest.v.minor - x.minor > allowed)
          return `${component} on ${name} is ${minor(x)} but kube-apiserver on ${newest.name} is ${minor(newest.v)}: at most ${allowed} minors older allowed`;
      }
      if ("kubeProxy" in n) {
        const allowed = policy.kubeletOlder(Math.min(n.kubelet.minor, n.kubeProxy.minor));
        if (Math.abs(n.kubelet.minor - n.kubeProxy.minor) > allowed)
          return `kube-proxy on ${name} is ${minor(n.kubeProxy)} beside kubelet ${minor(n.kubelet)}: at most ${allowed} minors apart`;
      }
    }
    for (const api of [oldest, newest])
      if (Math.abs(kubectl.minor - api.v.minor) > KUBECTL_SKEW)
        return `kubectl is ${minor(kubectl)} but kube-apiserver on ${api.name} is ${minor(api.v)}: kubectl must be within one minor`;
    return undefined;
  },
};

/** The control plane never skips a minor (skew policy: "no minor skipping even single-instance"). */
export const oneMinorAtATime: UpgradeInvariant = {
  name: "one-minor-at-a-time",
  doc: "no control-plane component (kube-apiserver, controller-manager, scheduler, etcd) moves more than one minor in one step; kubelets may skip minors under the skew policy and are exempt",
  check: (state, prev) => {
    if (state.controlPlane === prev.controlPlane) return undefined;
    for (const [name, cp] of Object.entries(state.controlPlane)) {
      const before = prev.controlPlane[name];
      if (!before) continue;
      for (const component of ["apiserver", "controllerManager", "scheduler", "etcd"] as const) {
        const jump = cp[component].minor - before[component].minor;
        if (Math.abs(jump) > 1)
          return `${component} on ${name} went from ${minor(before[component])} to ${minor(cp[component])} in one step`;
      }
    }
    return undefined;
  },
};

/** Only the newest `supportedMinors` releases get patches. */
export const supportedVersions: UpgradeInvariant = {
  name: "supported-versions",
  doc: "every component the cluster runs is at one of the supported minors (the newest --supported-minors releases up to --policy-release)",
  check: (state, prev, ctx) => {
    if (nodesUnchanged(state, prev)) return undefined;
    const newest = newestMinor(ctx.config);
    const oldest = newest - ctx.config.supportedMinors + 1;
    const running: [string, Version][] = [];
    for (const [name, cp] of Object.entries(state.controlPlane))
      running.push([`kube-apiserver on ${name}`, cp.apiserver], [`kubelet on ${name}`, cp.kubelet]);
    for (const [name, w] of Object.entries(state.workers))
      running.push([`kubelet on ${name}`, w.kubelet], [`kube-proxy on ${name}`, w.kubeProxy]);
    for (const [what, x] of running)
      if (x.minor < oldest || x.minor > newest)
        return `${what} runs ${minor(x)}, outside the supported releases 1.${oldest}–1.${newest}`;
    return undefined;
  },
};

/** Drain before a minor kubelet upgrade; in-place minor kubelet upgrades are unsupported (facts §4.1). */
export const drainedBeforeKubeletMinorUpgrade: UpgradeInvariant = {
  name: "drained-before-kubelet-minor-upgrade",
  doc: "a kubelet's minor changes only on a cordoned node with no evictable pods left",
  check: (state, prev) => {
    if (nodesUnchanged(state, prev)) return undefined;
    const nodes = [...Object.entries(state.controlPlane), ...Object.entries(state.workers)];
    for (const [name, n] of nodes) {
      const before = prev.controlPlane[name] ?? prev.workers[name];
      if (!before || before.kubelet.minor === n.kubelet.minor) continue;
      const pods = "pods" in before ? before.pods : [];
      if (!before.cordoned || pods.length > 0)
        return `kubelet on ${name} moved from ${minor(before.kubelet)} to ${minor(n.kubelet)} while the node was ${before.cordoned ? `still running pods [${pods.join(" ")}]` : "not cordoned"}`;
    }
    return undefined;
  },
};

/**
 * Voluntary disruptions only: PodDisruptionBudgets do not cover node failures, so pods on a failed
 * node still count here and workers out of service means cordoned by the operator.
 */
export const servingCapacity: UpgradeInvariant = {
  name: "serving-capacity",
  doc: "at least --worker-nodes minus --max-unavailable workers stay in service (not cordoned), and the operator never takes a ReplicaSet below its PodDisruptionBudget's minAvailable (pods on failed nodes still count: budgets cover voluntary disruptions)",
  check: (state, prev, ctx) => {
    if (nodesUnchanged(state, prev) && state.pending === prev.pending) return undefined;
    const inService = Object.values(state.workers).filter((w) => !w.cordoned).length;
    const needed = ctx.config.workers - ctx.config.maxUnavailable;
    if (inService < needed)
      return `only ${inService} workers in service, fewer than the ${needed} the upgrade must keep`;
    for (const [rs, { minAvailable }] of Object.entries(REPLICA_SETS)) {
      const has = bound(state, rs);
      if (has < minAvailable)
        return `ReplicaSet ${rs} has ${has} pods on workers (${state.pending[rs]} Pending), below its budget's minAvailable ${minAvailable}`;
    }
    return undefined;
  },
};

export const invariants: readonly UpgradeInvariant[] = [
  oneMinorAtATime,
  supportedVersions,
  drainedBeforeKubeletMinorUpgrade,
  skewPolicyHolds,
  servingCapacity,
];
