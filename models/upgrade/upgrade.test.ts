/** Hand-written scenarios pinning the model to kubeadm's code and the skew policy's text (facts §4). */
import { describe, expect, it } from "vitest";
import { runSchedule } from "../../src/engine/runner.ts";
import type { Context, FlawOf } from "../../src/model.ts";
import type { UpgradeEvent } from "./events.ts";
import { skewPolicyHolds } from "./invariants.ts";
import { applyRefusal, joinRefusal, versionPolicyErrors } from "./kubeadm.ts";
import { upgrade } from "./model.ts";
import { kubeadmKubeletSkew, skewPolicy } from "./policy.ts";
import { step } from "./reducer.ts";
import { initialState, type UpgradeConfig, type UpgradeState } from "./state.ts";
import { v } from "./versions.ts";

const config = (over: Partial<UpgradeConfig> = {}): UpgradeConfig => ({ ...upgrade.defaults, ...over });
const ctx = (over: Partial<UpgradeConfig> = {}): Context<UpgradeConfig, FlawOf<typeof upgrade>> => ({
  config: config(over),
  flaws: new Set(),
});
const withKubeadm = (s: UpgradeState, minor: number, patch = 2): UpgradeState => ({
  ...s,
  operator: { ...s.operator, kubeadm: v(minor, patch) },
});

describe("kubeadm upgrade apply (EnforceVersionPolicies)", () => {
  const c = ctx({ policyRelease: "1.13" });
  const start = initialState(c.config); // everything at 1.11.0

  it("refuses to skip a minor, even with --force", () => {
    const refusal = applyRefusal(withKubeadm(start, 13), v(13, 0), true, c);
    expect(refusal).toContain(
      'Specified version to upgrade to "v1.13.0" is too high; kubeadm can upgrade only 1 minor version at a time',
    );
  });

  it("refuses a minor newer than kubeadm (mandatory) and a patch newer than kubeadm unless --force", () => {
    expect(applyRefusal(start, v(12, 0), true, c)).toContain(
      "at least one minor release higher than the kubeadm minor release (12 > 11)",
    );
    const older = withKubeadm(start, 12, 1);
    expect(applyRefusal(older, v(12, 2), false, c)).toContain("Upgrade kubeadm first");
    expect(applyRefusal(older, v(12, 2), false, c)).toContain("Can be bypassed if you pass the --force flag");
    expect(applyRefusal(older, v(12, 2), true, c)).toBeUndefined();
  });

  it("refuses while a control-plane node is NotReady", () => {
    const down = {
      ...start,
      controlPlane: { ...start.controlPlane, cp2: { ...start.controlPlane.cp2!, up: false } },
    };
    expect(applyRefusal(withKubeadm(down, 12), v(12, 2), false, c)).toContain(
      "[ERROR ControlPlaneNodesReady]",
    );
  });

  // cmd/kubeadm/app/phases/upgrade/policy.go: `!newK8sVersion.AtLeast(constants.MinimumControlPlaneVersion)`.
  it("refuses a target below kubeadm's minimum control-plane version, but not the minimum itself", () => {
    const kubeadm13 = { ...withKubeadm(start, 13), clusterVersion: v(12, 0) }; // minimum v1.12.0
    const minimumError = (target: Parameters<typeof versionPolicyErrors>[1]) =>
      versionPolicyErrors(kubeadm13, target, c).mandatory.filter((e) => e.includes("minimum supported"));
    expect(minimumError(v(12, 0))).toEqual([]);
    expect(minimumError(v(11, 2))).toEqual([
      'Specified version to upgrade to "v1.11.2" is equal to or lower than the minimum supported version "v1.12.0". Please specify a higher version to upgrade to',
    ]);
  });

  // The apply command returns only the Mandatory errors as fatal; the Skippable ones wait for a later run.
  it("prints only the mandatory errors as fatal", () => {
    const kubeadm13 = withKubeadm(start, 13); // cluster at 1.11: v1.11.2 is below the minimum v1.12.0
    const { skippable } = versionPolicyErrors(kubeadm13, v(11, 2), c);
    expect(skippable).toContain(
      "Kubeadm version v1.13.2 can only be used to upgrade to Kubernetes version 1.13",
    );
    const refusal = applyRefusal(kubeadm13, v(11, 2), true, c);
    expect(refusal).toMatch(
      /^\[upgrade\/version\] FATAL: .* fatal errors: Specified version to upgrade to "v1\.11\.2" is equal to or lower/,
    );
    expect(refusal).not.toContain("can only be used to upgrade");
  });

  // cmd/kubeadm/app/phases/upgrade/health.go createJob: nodes with spec.unschedulable=false, control planes included.
  it("runs the CreateJob health check on any schedulable node, control-plane nodes included", () => {
    const workersDown = Object.fromEntries(
      Object.entries(start.workers).map(([name, w]) => [name, { ...w, up: false }]),
    );
    const cordon = (s: UpgradeState, up: boolean): UpgradeState["controlPlane"] =>
      Object.fromEntries(
        Object.entries(s.controlPlane).map(([name, cp]) => [name, { ...cp, cordoned: !up }]),
      );
    const onlyControlPlanes = { ...withKubeadm(start, 12), workers: workersDown };
    expect(applyRefusal(onlyControlPlanes, v(12, 2), false, c)).toBeUndefined();
    const cordonedControlPlanes = { ...onlyControlPlanes, controlPlane: cordon(start, false) };
    expect(applyRefusal(cordonedControlPlanes, v(12, 2), false, c)).toContain(
      '[ERROR CreateJob]: Job "upgrade-health-check" in the namespace "kube-system" did not complete in 15s',
    );
    const nothingSchedulable = {
      ...cordonedControlPlanes,
      workers: Object.fromEntries(Object.entries(workersDown).map(([n, w]) => [n, { ...w, cordoned: true }])),
    };
    expect(applyRefusal(nothingSchedulable, v(12, 2), false, c)).toBeUndefined();
  });

  it("checks kubelets 1 minor behind up to kubeadm 1.28 and 3 from 1.29", () => {
    expect([28, 29].map(kubeadmKubeletSkew)).toEqual([1, 3]);
    const at = (minor: number) => {
      const c2 = ctx({ policyRelease: `1.${minor}`, upgradeMinors: 2 });
      const s = initialState(c2.config); // kubelets at minor-2
      const cluster = { ...withKubeadm(s, minor), clusterVersion: v(minor - 1, 0) };
      return versionPolicyErrors(cluster, v(minor, 0), c2).skippable;
    };
    expect(at(28).some((e) => e.startsWith("There are kubelets in this cluster that are too old"))).toBe(
      true,
    );
    expect(at(29).some((e) => e.startsWith("There are kubelets"))).toBe(false);
  });

  it("refuses to downgrade more than one minor", () => {
    const at13 = { ...withKubeadm(start, 13), clusterVersion: v(13, 0) };
    expect(versionPolicyErrors(at13, v(11, 2), c).mandatory).toContain(
      'Specified version to downgrade to "v1.11.2" is too low; kubeadm can downgrade only 1 minor version at a time',
    );
    expect(versionPolicyErrors(at13, v(12, 2), c).mandatory).toEqual([]);
  });

  // cmd/kubeadm/app/preflight/checks.go KubeletVersionCheck: the kubelet may lag the control plane by
  // kubeadm's MaximumAllowedMinorVersionKubeletSkew (3 from kubeadm 1.29).
  it("kubeadm join refuses a kubelet older than kubeadm supports", () => {
    const c36 = ctx({ policyRelease: "1.36" });
    const at34 = initialState(c36.config); // cluster at 1.34
    expect(joinRefusal(at34, v(31, 0))).toBeUndefined();
    expect(joinRefusal(at34, v(30, 2))).toBe(
      '[ERROR KubeletVersion]: Kubelet version "v1.30.2" is lower than kubeadm can support. Please upgrade kubelet',
    );
  });

  it("kubeadm join refuses a kubelet newer than the control plane", () => {
    expect(joinRefusal(start, v(12, 0))).toContain(
      "the kubelet version is higher than the control plane version",
    );
    expect(joinRefusal(start, v(11, 2))).toBeUndefined();
  });
});

describe("skew policy per release", () => {
  it("allows kubelets 3 minors behind from 1.28 (kubelets >= 1.25), 2 before", () => {
    expect(skewPolicy(28).kubeletOlder(25)).toBe(3);
    expect(skewPolicy(28).kubeletOlder(24)).toBe(2);
    expect(skewPolicy(27).kubeletOlder(25)).toBe(2);
  });

  it("HA: a kubelet must not be newer than the oldest apiserver", () => {
    const c = ctx({ policyRelease: "1.13" });
    const s = initialState(c.config);
    const skewed = {
      ...s,
      operator: { ...s.operator, kubeadm: v(12, 2) },
      controlPlane: {
        ...s.controlPlane,
        cp1: { ...s.controlPlane.cp1!, apiserver: v(12, 2), kubelet: v(12, 2) },
      },
    };
    expect(skewPolicyHolds.check(skewed, s, c)).toContain(
      "kubelet on cp1 is 1.12 but kube-apiserver on cp2 is 1.11",
    );
  });
});

describe("the one-at-a-time plan", () => {
  const next: UpgradeEvent = { kind: "operator-next" };
  const nexts = (n: number): UpgradeEvent[] => Array.from({ length: n }, () => next);

  it("upgrades 1.11 to 1.13 through 1.12, kubeadm first, draining before each kubelet", () => {
    const c = ctx({ policyRelease: "1.13", controlPlanes: 2, workers: 2 });
    const run = runSchedule(upgrade, c, nexts(80), {
      record: true,
      freeze: true,
    });
    expect(run.violation).toBeUndefined();
    const final = run.trace!.at(-1)!.state as UpgradeState;
    expect(final.history.clusterMinors).toEqual([11, 12, 13]);
    expect(Object.values(final.workers).map((w) => w.kubelet)).toEqual([v(13, 2), v(13, 2)]);
    const did = run
      .trace!.filter((t) => !t.skipped)
      .map((t) => (t.state as UpgradeState).operator.lastAction);
    expect(did.slice(0, 3)).toEqual([
      "install kubeadm 1.12.2",
      "kubeadm upgrade plan",
      "kubeadm upgrade apply v1.12.2 on cp1",
    ]);
    expect(did.indexOf("kubectl drain w1")).toBeLessThan(
      did.indexOf("install kubelet 1.12.2 on w1 and restart it"),
    );
  });

  it("reports a drain blocked by a budget and retries it after the failed node recovers", () => {
    const c = ctx({ policyRelease: "1.13", controlPlanes: 1, workers: 2 });
    const events: UpgradeEvent[] = [...nexts(6), { kind: "node-fails", node: "w2" }, next];
    const run = runSchedule(upgrade, c, events, {
      record: true,
      freeze: true,
    });
    const blocked = run.trace!.at(-1)!.state as UpgradeState;
    expect(blocked.operator.lastRefusal).toContain(
      "Cannot evict pod as it would violate the pod's disruption budget",
    );
    const after = runSchedule(upgrade, c, [...events, { kind: "node-recovers", node: "w2" } as const, next], {
      record: true,
    });
    expect((after.trace!.at(-1)!.state as UpgradeState).workers.w1!.pods).toEqual([]);
  });

  it("ignores free-form events: under a plan the operator acts only through operator-next", () => {
    const c = ctx();
    const s = initialState(c.config);
    expect(step(s, { kind: "upgrade-kubectl", version: "1.35.0" }, c)).toBe(s);
  });
});
