/**
 * The invariants against the rules they encode, at their edges. Each case is a cluster the
 * version-skew policy (https://kubernetes.io/releases/version-skew-policy/) or kubeadm's upgrade
 * page (https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/) allows or
 * forbids, and the violation is asserted word for word: it is what a person reads.
 */
import { describe, expect, it } from "vitest";
import { runSchedule } from "../../src/engine/runner.ts";
import type { Context, FlawOf } from "../../src/model.ts";
import type { UpgradeEvent } from "./events.ts";
import { drainedBeforeKubeletMinorUpgrade, skewPolicyHolds, supportedVersions } from "./invariants.ts";
import { upgrade } from "./model.ts";
import {
  type ControlPlaneNode,
  initialState,
  type UpgradeConfig,
  type UpgradeState,
  type WorkerNode,
} from "./state.ts";
import { v } from "./versions.ts";

type Ctx = Context<UpgradeConfig, FlawOf<typeof upgrade>>;

const ctx = (over: Partial<UpgradeConfig> = {}, flaws: FlawOf<typeof upgrade>[] = []): Ctx => ({
  config: { ...upgrade.defaults, ...over },
  flaws: new Set(flaws),
});

/** Control-plane nodes by name: static pods at `apiserver`'s version, kubelet at the oldest apiserver's, unless given. */
type ControlPlaneSpec = Partial<Omit<ControlPlaneNode, "apiserver">> & { apiserver: number };
type WorkerSpec = Partial<Omit<WorkerNode, "kubelet" | "kubeProxy">> & {
  kubelet: number;
  kubeProxy?: number;
};

/** A cluster with these versions (minors of 1.x), kubeadm at the newest apiserver unless given. */
function cluster(
  c: Ctx,
  spec: {
    controlPlane: Record<string, ControlPlaneSpec>;
    workers?: Record<string, WorkerSpec>;
    kubeadm?: number;
    kubectl?: number;
  },
): UpgradeState {
  const start = initialState(c.config);
  const controlPlane: Record<string, ControlPlaneNode> = {};
  const oldest = Math.min(...Object.values(spec.controlPlane).map((cp) => cp.apiserver));
  for (const [name, { apiserver, ...rest }] of Object.entries(spec.controlPlane)) {
    const at = v(apiserver, 0);
    controlPlane[name] = {
      up: true,
      cordoned: false,
      apiserver: at,
      controllerManager: at,
      scheduler: at,
      etcd: at,
      kubelet: v(oldest, 0),
      ...rest,
    };
  }
  const workers: Record<string, WorkerNode> = {};
  for (const [name, { kubelet, kubeProxy, ...rest }] of Object.entries(spec.workers ?? {}))
    workers[name] = {
      up: true,
      cordoned: false,
      pods: [],
      ...rest,
      kubelet: v(kubelet, 0),
      kubeProxy: v(kubeProxy ?? kubelet, 0),
    };
  const newest = Math.max(...Object.values(controlPlane).map((cp) => cp.apiserver.minor));
  return {
    ...start,
    operator: {
      ...start.operator,
      kubeadm: v(spec.kubeadm ?? newest, 2),
      kubectl: v(spec.kubectl ?? newest, 0),
    },
    controlPlane,
    workers,
  };
}

/** Checked as an initial state (nothing to compare with), as the engine checks step 0. */
const verdict = (invariant: typeof skewPolicyHolds, state: UpgradeState, c: Ctx) =>
  invariant.check(state, state, c);

describe("skew-policy", () => {
  const c = ctx({ policyRelease: "1.36" });

  // "In highly-available (HA) clusters, the newest and oldest kube-apiserver instances must be within one minor version."
  it("holds for HA apiservers one minor apart and names the newest and (first) oldest beyond that", () => {
    const mid = cluster(c, { controlPlane: { cp1: { apiserver: 35 }, cp2: { apiserver: 34 } } });
    expect(verdict(skewPolicyHolds, mid, c)).toBeUndefined();
    const apart = cluster(c, {
      controlPlane: {
        cp1: { apiserver: 34, kubelet: v(34, 0) },
        cp2: { apiserver: 36, kubelet: v(34, 0) },
        cp3: { apiserver: 34, kubelet: v(34, 0) },
        cp4: { apiserver: 36, kubelet: v(34, 0) },
      },
    });
    expect(verdict(skewPolicyHolds, apart, c)).toBe(
      "kube-apiserver on cp2 is 1.36 but on cp1 1.34: instances must be within one minor",
    );
  });

  // "kube-controller-manager, kube-scheduler ... must not be newer than the kube-apiserver instances they
  // communicate with. They are expected to match the kube-apiserver minor version, but may be up to one minor version older."
  it("allows controller-manager and scheduler one minor older than their apiserver, not two, and never newer", () => {
    const oneOlder = cluster(c, {
      controlPlane: {
        cp1: { apiserver: 36, controllerManager: v(35, 0), scheduler: v(35, 0), kubelet: v(35, 0) },
      },
    });
    expect(verdict(skewPolicyHolds, oneOlder, c)).toBeUndefined();
    const kcmTwoOlder = cluster(c, {
      controlPlane: { cp1: { apiserver: 36, controllerManager: v(34, 0), kubelet: v(35, 0) } },
    });
    expect(verdict(skewPolicyHolds, kcmTwoOlder, c)).toBe(
      "kube-controller-manager on cp1 is 1.34 with its kube-apiserver at 1.36: it must be the same minor or one older",
    );
    const schedulerNewer = cluster(c, {
      controlPlane: { cp1: { apiserver: 35 }, cp2: { apiserver: 35, scheduler: v(36, 0) } },
    });
    expect(verdict(skewPolicyHolds, schedulerNewer, c)).toBe(
      "kube-scheduler on cp2 is 1.36 with its kube-apiserver at 1.35: it must be the same minor or one older",
    );
  });

  // "kubelet may be up to three minor versions older than kube-apiserver" (from 1.28; "two" before, KEP-3935).
  it("allows kubelets and kube-proxies three minors behind under the 1.36 policy, not four", () => {
    const threeBehind = cluster(c, {
      controlPlane: { cp1: { apiserver: 36 } },
      workers: { w1: { kubelet: 33 } },
    });
    expect(verdict(skewPolicyHolds, threeBehind, c)).toBeUndefined();
    const kubeletFour = cluster(c, {
      controlPlane: { cp1: { apiserver: 36 } },
      workers: { w1: { kubelet: 33 }, w2: { kubelet: 32, kubeProxy: 33 } },
    });
    expect(verdict(skewPolicyHolds, kubeletFour, c)).toBe(
      "kubelet on w2 is 1.32 but kube-apiserver on cp1 is 1.36: at most 3 minors older allowed",
    );
    const proxyFour = cluster(c, {
      controlPlane: { cp1: { apiserver: 36 } },
      workers: { w1: { kubelet: 33, kubeProxy: 32 } },
    });
    expect(verdict(skewPolicyHolds, proxyFour, c)).toBe(
      "kube-proxy on w1 is 1.32 but kube-apiserver on cp1 is 1.36: at most 3 minors older allowed",
    );
  });

  it("measures kubelet age against the newest apiserver of an HA control plane", () => {
    const ha = cluster(c, {
      controlPlane: { cp1: { apiserver: 35, kubelet: v(33, 0) }, cp2: { apiserver: 36, kubelet: v(33, 0) } },
      workers: { w1: { kubelet: 32 } },
    });
    expect(verdict(skewPolicyHolds, ha, c)).toBe(
      "kubelet on w1 is 1.32 but kube-apiserver on cp2 is 1.36: at most 3 minors older allowed",
    );
  });

  it("allows only two minors under the 1.27 policy", () => {
    const c27 = ctx({ policyRelease: "1.27" });
    const twoBehind = cluster(c27, {
      controlPlane: { cp1: { apiserver: 27 } },
      workers: { w1: { kubelet: 25 } },
    });
    expect(verdict(skewPolicyHolds, twoBehind, c27)).toBeUndefined();
    const threeBehind = cluster(c27, {
      controlPlane: { cp1: { apiserver: 27 } },
      workers: { w1: { kubelet: 24 } },
    });
    expect(verdict(skewPolicyHolds, threeBehind, c27)).toBe(
      "kubelet on w1 is 1.24 but kube-apiserver on cp1 is 1.27: at most 2 minors older allowed",
    );
  });

  // "kube-proxy may be up to three minor versions older or newer than the kubelet instance it runs alongside."
  it("allows kube-proxy three minors newer than its kubelet", () => {
    const apart = cluster(c, {
      controlPlane: { cp1: { apiserver: 36 } },
      workers: { w1: { kubelet: 33, kubeProxy: 36 } },
    });
    expect(verdict(skewPolicyHolds, apart, c)).toBeUndefined();
  });

  // "kubectl is supported within one minor version (older or newer) of kube-apiserver"; with HA apiservers
  // at 1.32 and 1.31 "kubectl is supported at 1.32 and 1.31" only.
  it("allows kubectl within one minor of every apiserver", () => {
    const ha = (kubectl: number) =>
      verdict(
        skewPolicyHolds,
        cluster(c, { controlPlane: { cp1: { apiserver: 36 }, cp2: { apiserver: 35 } }, kubectl }),
        c,
      );
    expect([35, 36].map(ha)).toEqual([undefined, undefined]);
    expect(ha(34)).toBe(
      "kubectl is 1.34 but kube-apiserver on cp1 is 1.36: kubectl must be within one minor",
    );
    expect(ha(37)).toBe(
      "kubectl is 1.37 but kube-apiserver on cp2 is 1.35: kubectl must be within one minor",
    );
  });

  it("re-checks a step that changes only kubeadm", () => {
    const before = cluster(c, { controlPlane: { cp1: { apiserver: 36 } } });
    const downgraded = { ...before, operator: { ...before.operator, kubeadm: v(35, 2) } };
    expect(skewPolicyHolds.check(downgraded, before, c)).toBe(
      "kube-apiserver on cp1 is 1.36 but kubeadm is 1.35: kubeadm manages only its own minor and one older",
    );
  });
});

// "The most recent three minor releases are maintained" (version-skew-policy#supported-versions).
describe("supported-versions", () => {
  it("catches a cluster that starts outside the window, at step 0", () => {
    const run = runSchedule(upgrade, ctx({ upgradeMinors: 3, supportedMinors: 3 }), []);
    expect(run.violation).toMatchObject({
      step: 0,
      invariant: "supported-versions",
      message: "kube-apiserver on cp1 runs 1.33, outside the supported releases 1.34–1.36",
    });
  });

  it("names each component outside the window, at either end", () => {
    const c = ctx({ policyRelease: "1.36", supportedMinors: 2 });
    const at = (over: { cpKubelet?: number; kubelet?: number; kubeProxy?: number }) =>
      verdict(
        supportedVersions,
        cluster(c, {
          controlPlane: { cp1: { apiserver: 35, kubelet: v(over.cpKubelet ?? 35, 0) } },
          workers: { w1: { kubelet: over.kubelet ?? 35, kubeProxy: over.kubeProxy ?? 35 } },
        }),
        c,
      );
    expect(at({})).toBeUndefined();
    expect(at({ cpKubelet: 34 })).toBe("kubelet on cp1 runs 1.34, outside the supported releases 1.35–1.36");
    expect(at({ kubeProxy: 34 })).toBe(
      "kube-proxy on w1 runs 1.34, outside the supported releases 1.35–1.36",
    );
    expect(at({ kubelet: 37 })).toBe("kubelet on w1 runs 1.37, outside the supported releases 1.35–1.36");
  });
});

const next: UpgradeEvent = { kind: "operator-next" };
/** Under the free strategy, three plan steps install kubeadm 1.35, plan, and apply v1.35 on the only control plane. */
const controlPlaneAt135: UpgradeEvent[] = [next, next, next];

describe("drained-before-kubelet-minor-upgrade", () => {
  const c = ctx({ strategy: "free", controlPlanes: 1, workers: 3 }, ["upgrade-without-drain"]);

  it("catches a minor kubelet upgrade on a cordoned node whose pods were never evicted", () => {
    const events: UpgradeEvent[] = [
      ...controlPlaneAt135,
      { kind: "cordon", node: "w1" },
      { kind: "upgrade-kubelet", node: "w1", version: "1.35.0" },
    ];
    const run = runSchedule(upgrade, c, events);
    expect(run.violation?.message).toBe(
      "kubelet on w1 moved from 1.34 to 1.35 while the node was still running pods [web api]",
    );
  });

  it("allows a patch upgrade of a kubelet in place", () => {
    const run = runSchedule(upgrade, c, [{ kind: "upgrade-kubelet", node: "w1", version: "1.34.2" }], {
      record: true,
    });
    expect(run.violation).toBeUndefined();
    expect((run.trace!.at(-1)!.state as UpgradeState).workers.w1!.kubelet).toEqual(v(34, 2));
  });

  it("judges the node as it was before the step", () => {
    const before = cluster(c, {
      controlPlane: { cp1: { apiserver: 35, cordoned: true } },
      workers: { w1: { kubelet: 34, pods: ["web"] } },
    });
    const after = {
      ...before,
      controlPlane: { cp1: { ...before.controlPlane.cp1!, kubelet: v(35, 0) } },
    };
    expect(drainedBeforeKubeletMinorUpgrade.check(after, before, c)).toBeUndefined();
  });
});

describe("serving-capacity", () => {
  // https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/: the Eviction API refuses (429)
  // an eviction that would take a ReplicaSet below its PodDisruptionBudget.
  it("holds when the Eviction API stops a drain at exactly minAvailable", () => {
    const c = ctx({ strategy: "free", controlPlanes: 1, workers: 1, maxUnavailable: 1 });
    const run = runSchedule(upgrade, c, [{ kind: "drain", node: "w1", disableEviction: false }], {
      record: true,
    });
    expect(run.violation).toBeUndefined();
    const s = run.trace!.at(-1)!.state as UpgradeState;
    expect(s.pending).toEqual({ web: 1, api: 0 });
    expect(s.operator.lastRefusal).toBe(
      "drain w1: Cannot evict pod as it would violate the pod's disruption budget web (needs 2 healthy pods and has 2 currently)",
    );
  });

  it("catches a cordon past --max-unavailable, which moves no pod", () => {
    const c = ctx({ strategy: "free", controlPlanes: 1, workers: 3 }, ["drain-past-max-unavailable"]);
    const cordons: UpgradeEvent[] = [
      { kind: "cordon", node: "w1" },
      { kind: "cordon", node: "w2" },
    ];
    expect(runSchedule(upgrade, c, cordons).violation).toMatchObject({
      step: 2,
      message: "only 1 workers in service, fewer than the 2 the upgrade must keep",
    });
  });

  // `kubectl drain --disable-eviction` deletes pods, bypassing PodDisruptionBudgets (kubectl drain reference).
  it("catches the all-at-once plan draining the only worker with --disable-eviction", () => {
    const c = ctx({ strategy: "all-at-once", controlPlanes: 1, workers: 1, maxUnavailable: 1 });
    const run = runSchedule(
      upgrade,
      c,
      Array.from({ length: 12 }, () => next),
    );
    expect(run.violation).toMatchObject({
      invariant: "serving-capacity",
      message: "ReplicaSet web has 0 pods on workers (3 Pending), below its budget's minAvailable 2",
    });
  });
});
