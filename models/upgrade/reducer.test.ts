/**
 * The reducer under free-form operator actions (`--strategy free`), one scenario per step of the
 * kubeadm upgrade page (https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/)
 * and per fault: what each action changes, and what it leaves alone.
 */
import { describe, expect, it } from "vitest";
import { runSchedule } from "../../src/engine/runner.ts";
import type { Context, FlawOf } from "../../src/model.ts";
import type { UpgradeEvent } from "./events.ts";
import { upgrade } from "./model.ts";
import type { UpgradeConfig, UpgradeState } from "./state.ts";
import { v } from "./versions.ts";

const ctx = (over: Partial<UpgradeConfig> = {}): Context<UpgradeConfig, FlawOf<typeof upgrade>> => ({
  config: { ...upgrade.defaults, strategy: "free", ...over },
  flaws: new Set(),
});

/** Runs the schedule from the initial state (1.34.0 everywhere, policy release 1.36). */
function run(events: UpgradeEvent[], over: Partial<UpgradeConfig> = {}) {
  const result = runSchedule(upgrade, ctx(over), events, { record: true });
  expect(result.violation).toBeUndefined();
  const final = (result.trace!.at(-1)?.state ?? result.initial) as UpgradeState;
  return { final, skipped: result.skipped, applied: result.applied };
}

const next: UpgradeEvent = { kind: "operator-next" };
/** Install kubeadm 1.35.2, plan, and `kubeadm upgrade apply v1.35.2` on cp1 (the free plan's first steps). */
const applyOnCp1: UpgradeEvent[] = [
  next,
  next,
  { kind: "kubeadm-apply", node: "cp1", version: "1.35.2", force: false },
];

describe("the package repository", () => {
  it("installs only versions it offers: patches 0–2 of the minors up to the newest release", () => {
    const offered = ["1.37.0", "1.35.3", "2.35.0", "1.35", "v1.35.1"].map(
      (version): UpgradeEvent => ({ kind: "upgrade-kubeadm", version }),
    );
    const { final, skipped } = run(offered);
    expect(skipped).toBe(4);
    expect(final.operator.kubeadm).toEqual(v(35, 1));
    expect(final.operator.lastAction).toBe("install kubeadm v1.35.1");
  });

  it("offers one minor before the start, not two", () => {
    const joinOld = (version: string) =>
      runSchedule(
        upgrade,
        { ...ctx({ controlPlanes: 1, workers: 1 }), flaws: new Set(["join-unsupported-version"] as const) },
        [{ kind: "add-node", version }],
      );
    expect(joinOld("1.32.0").skipped).toBe(1);
    expect(joinOld("1.33.0").violation?.invariant).toBe("supported-versions");
  });
});

describe("control-plane upgrade", () => {
  it("apply upgrades the static pods of one node, `kubeadm upgrade node` the others, each once", () => {
    const { final, skipped } = run(
      [
        ...applyOnCp1,
        { kind: "kubeadm-upgrade-node", node: "cp2" },
        { kind: "kubeadm-upgrade-node", node: "cp2" },
      ],
      { controlPlanes: 3, workers: 2 },
    );
    expect(skipped).toBe(1);
    expect(final.clusterVersion).toEqual(v(35, 2));
    expect(final.history.clusterMinors).toEqual([34, 35]);
    const staticPods = (name: string) => {
      const cp = final.controlPlane[name]!;
      return [cp.etcd, cp.apiserver, cp.controllerManager, cp.scheduler];
    };
    expect(staticPods("cp1")).toEqual(Array(4).fill(v(35, 2)));
    expect(staticPods("cp2")).toEqual(Array(4).fill(v(35, 2)));
    expect(staticPods("cp3")).toEqual(Array(4).fill(v(34, 0)));
    expect(final.controlPlane.cp1!.kubelet).toEqual(v(34, 0)); // the kubelet is upgraded separately
  });

  it("at the newest release, `kubeadm upgrade plan` offers that minor's newest patch", () => {
    const { final, skipped } = run(
      [
        next,
        next,
        { kind: "kubeadm-apply", node: "cp1", version: "1.36.1", force: false },
        { kind: "kubeadm-plan" },
      ],
      { upgradeMinors: 1, controlPlanes: 1, workers: 1 },
    );
    expect(final.clusterVersion).toEqual(v(36, 1));
    expect(skipped).toBe(1); // the plan reads as before
    expect(final.operator.plan).toBe("you can now apply the upgrade: kubeadm upgrade apply v1.36.2");
  });

  it("`kubeadm upgrade node` with a kubeadm older than the cluster refuses and leaves the node", () => {
    const r = runSchedule(
      upgrade,
      { ...ctx({ controlPlanes: 2, workers: 1 }), flaws: new Set(["apply-before-kubeadm"] as const) },
      [
        { kind: "upgrade-kubeadm", version: "1.35.1" },
        { kind: "kubeadm-apply", node: "cp1", version: "1.35.2", force: false },
        { kind: "kubeadm-upgrade-node", node: "cp2" },
      ],
      { record: true },
    );
    const final = r.trace!.at(-1)!.state as UpgradeState;
    expect(final.operator.lastRefusal).toBe(
      'the kubeadm version "v1.35.1" is older than the cluster version "v1.35.2": upgrade kubeadm first',
    );
    expect(final.controlPlane.cp2!.apiserver).toEqual(v(34, 0));
  });

  it("does nothing on a control-plane node that is down", () => {
    const { final, skipped } = run([
      next,
      next,
      { kind: "node-fails", node: "cp1" },
      { kind: "kubeadm-apply", node: "cp1", version: "1.35.2", force: false },
    ]);
    expect(skipped).toBe(1);
    expect(final.clusterVersion).toEqual(v(34, 0));
    expect(final.controlPlane.cp1).toMatchObject({ up: false, apiserver: v(34, 0) });
  });
});

describe("faults", () => {
  it("a node fails once; failing again or naming no node changes nothing", () => {
    const { final, skipped } = run([
      { kind: "node-fails", node: "cp2" },
      { kind: "node-fails", node: "cp2" },
      { kind: "node-fails", node: "w9" },
      { kind: "node-recovers", node: "w1" },
    ]);
    expect(skipped).toBe(3);
    expect(final.controlPlane.cp2!.up).toBe(false);
    expect(final.controlPlane.cp1!.up).toBe(true);
  });

  it("a NotReady worker and its kubelet take no action", () => {
    const { final, skipped } = run([
      { kind: "node-fails", node: "w1" },
      { kind: "upgrade-kubelet", node: "w1", version: "1.34.1" },
      { kind: "upgrade-kube-proxy", node: "w1", version: "1.34.1" },
      { kind: "upgrade-kubelet", node: "cp2", version: "1.34.1" },
    ]);
    expect(skipped).toBe(2);
    expect(final.workers.w1).toMatchObject({ kubelet: v(34, 0), kubeProxy: v(34, 0) });
    expect(final.controlPlane.cp2!.kubelet).toEqual(v(34, 1));
  });
});

// https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/
describe("drain", () => {
  it("cordons a NotReady worker and waits, saying why, once", () => {
    const drain: UpgradeEvent = { kind: "drain", node: "w1", disableEviction: false };
    const { final, skipped } = run([{ kind: "node-fails", node: "w1" }, drain, drain]);
    expect(skipped).toBe(1);
    expect(final.workers.w1).toMatchObject({ cordoned: true, pods: ["web", "api"] });
    expect(final.operator.lastRefusal).toBe(
      "drain w1: node is NotReady, its evicted pods cannot terminate; waiting",
    );
  });

  it("counts each drain the Eviction API blocks, and uncordon lets the Pending pods back", () => {
    const drain: UpgradeEvent = { kind: "drain", node: "w1", disableEviction: false };
    const blocked = run([drain, drain], { controlPlanes: 1, workers: 1 });
    expect(blocked.final.history.blockedDrains).toBe(2);
    expect(blocked.final.pending).toEqual({ web: 1, api: 0 });
    const { final } = run([drain, drain, { kind: "uncordon", node: "w1" }], { controlPlanes: 1, workers: 1 });
    expect(final.pending).toEqual({ web: 0, api: 0 });
    expect([...final.workers.w1!.pods].sort()).toEqual(["api", "api", "web", "web", "web"]);
  });
});

// The surge pattern: join a worker at the new version, drain an old one onto it, delete the old one.
describe("add and remove workers", () => {
  it("joins the next worker name at the cluster's version and removes a drained worker", () => {
    const { final } = run(
      [
        ...applyOnCp1,
        { kind: "add-node", version: "1.35.2" },
        { kind: "drain", node: "w1", disableEviction: false },
        { kind: "remove-node", node: "w1" },
      ],
      { controlPlanes: 1, workers: 1 },
    );
    expect(Object.keys(final.workers)).toEqual(["w2"]);
    expect(final.workers.w2).toMatchObject({
      up: true,
      cordoned: false,
      kubelet: v(35, 2),
      kubeProxy: v(35, 2),
    });
    expect([...final.workers.w2!.pods].sort()).toEqual(["api", "api", "web", "web", "web"]);
    expect(final.nextWorker).toBe(3);
    expect(final.operator.lastAction).toBe("kubectl delete node w1");
  });
});
