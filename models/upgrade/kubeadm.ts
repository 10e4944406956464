/**
 * What kubeadm itself refuses, with kubeadm's words: the health checks of `upgrade plan/apply`,
 * `EnforceVersionPolicies` (mandatory errors, and skippable ones that `--force` bypasses), the
 * `join` preflight kubelet check. Sources: kubeadm's `cmd/kubeadm/app/phases/upgrade/policy.go`
 * (EnforceVersionPolicies), `phases/upgrade/health.go` (CheckClusterHealth, createJob) and the
 * apply command's EnforceVersionPolicies wrapper (fatal errors: the mandatory ones only).
 */
import type { Context } from "../../src/model.ts";
import { KUBEADM_CONTROL_PLANE_OLDER, kubeadmKubeletSkew } from "./policy.ts";
import { kubelets, type UpgradeConfig, type UpgradeState } from "./state.ts";
import { compare, show, type Version, v } from "./versions.ts";

export interface PolicyErrors {
  readonly mandatory: readonly string[];
  readonly skippable: readonly string[];
}

/** `EnforceVersionPolicies` for `kubeadm upgrade apply <target>` with the operator's kubeadm. */
export function versionPolicyErrors(
  state: UpgradeState,
  target: Version,
  ctx: Context<UpgradeConfig>,
): PolicyErrors {
  const mandatory: string[] = [];
  const skippable: string[] = [];
  const cluster = state.clusterVersion;
  const kubeadm = state.operator.kubeadm;
  const t = `"v${show(target)}"`;
  // Fatal only below the minimum (`!newK8sVersion.AtLeast(MinimumControlPlaneVersion)`): the minimum
  // itself is allowed, whatever the message says; and kubeadm quotes the cluster version there.
  const minimum = v(kubeadm.minor - KUBEADM_CONTROL_PLANE_OLDER, 0);
  if (compare(target, minimum) < 0)
    mandatory.push(
      `Specified version to upgrade to ${t} is equal to or lower than the minimum supported version "v${show(cluster)}". Please specify a higher version to upgrade to`,
    );
  if (target.minor > cluster.minor + 1 && !ctx.flaws.has("skip-minor"))
    mandatory.push(
      `Specified version to upgrade to ${t} is too high; kubeadm can upgrade only 1 minor version at a time`,
    );
  if (target.minor < cluster.minor - 1)
    mandatory.push(
      `Specified version to downgrade to ${t} is too low; kubeadm can downgrade only 1 minor version at a time`,
    );
  if (compare(kubeadm, target) < 0 && !ctx.flaws.has("apply-before-kubeadm")) {
    if (target.minor > kubeadm.minor)
      mandatory.push(
        `Specified version to upgrade to ${t} is at least one minor release higher than the kubeadm minor release (${target.minor} > ${kubeadm.minor}). Such an upgrade is not supported`,
      );
    else
      skippable.push(
        `Specified version to upgrade to ${t} is higher than the kubeadm version "v${show(kubeadm)}". Upgrade kubeadm first using the tool you used to install kubeadm`,
      );
  }
  if (kubeadm.minor > target.minor)
    skippable.push(
      `Kubeadm version v${show(kubeadm)} can only be used to upgrade to Kubernetes version 1.${kubeadm.minor}`,
    );
  const skew = kubeadmKubeletSkew(kubeadm.minor);
  const tooOld = [
    ...new Set(
      kubelets(state)
        .filter((k) => target.minor > k.minor + skew)
        .map(show),
    ),
  ].sort();
  if (tooOld.length)
    skippable.push(
      `There are kubelets in this cluster that are too old that have these versions [${tooOld.join(" ")}]`,
    );
  return { mandatory, skippable };
}

/**
 * `CheckClusterHealth`, in kubeadm's order: CreateJob, then ControlPlaneNodesReady. CreateJob
 * lists nodes with `spec.unschedulable=false` — control-plane nodes included, its Job tolerates
 * their NoSchedule taint — and is skipped when there is none; its pod completes on any Ready one.
 */
export function healthErrors(state: UpgradeState): string[] {
  const errors: string[] = [];
  const schedulable = [...Object.values(state.controlPlane), ...Object.values(state.workers)].filter(
    (node) => !node.cordoned,
  );
  if (schedulable.length > 0 && !schedulable.some((node) => node.up))
    errors.push(
      '[ERROR CreateJob]: Job "upgrade-health-check" in the namespace "kube-system" did not complete in 15s: no condition of type Complete',
    );
  const notReady = Object.entries(state.controlPlane)
    .filter(([, cp]) => !cp.up)
    .map(([name]) => name);
  if (notReady.length)
    errors.push(
      `[ERROR ControlPlaneNodesReady]: there are NotReady control-planes in the cluster: [${notReady.join(" ")}]`,
    );
  return errors;
}

/** Why `kubeadm upgrade apply` refuses, or undefined when it proceeds. */
export function applyRefusal(
  state: UpgradeState,
  target: Version,
  force: boolean,
  ctx: Context<UpgradeConfig>,
): string | undefined {
  const health = healthErrors(state);
  if (health.length) return `[preflight] Some fatal errors occurred: ${health.join("; ")}`;
  const { mandatory, skippable } = versionPolicyErrors(state, target, ctx);
  if (mandatory.length)
    return `[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors: ${mandatory.join("; ")}`;
  if (skippable.length && !force)
    return `[upgrade/version] FATAL: the --version argument is invalid due to these errors: ${skippable.join("; ")}. Can be bypassed if you pass the --force flag`;
  return undefined;
}

/** What `kubeadm upgrade plan` reports for the next minor's newest patch. */
export function planReport(state: UpgradeState, target: Version, ctx: Context<UpgradeConfig>): string {
  const health = healthErrors(state);
  if (health.length) return health.join("; ");
  const { mandatory, skippable } = versionPolicyErrors(state, target, ctx);
  const problems = [...mandatory, ...skippable];
  return problems.length
    ? `v${show(target)} available; ${problems.join("; ")}`
    : `you can now apply the upgrade: kubeadm upgrade apply v${show(target)}`;
}

/** `kubeadm upgrade node` needs a kubeadm at least as new as the cluster's kubernetesVersion. */
export function upgradeNodeRefusal(state: UpgradeState): string | undefined {
  const kubeadm = state.operator.kubeadm;
  return compare(kubeadm, state.clusterVersion) < 0
    ? `the kubeadm version "v${show(kubeadm)}" is older than the cluster version "v${show(state.clusterVersion)}": upgrade kubeadm first`
    : undefined;
}

/** `kubeadm join` preflight KubeletVersion check (kubelet and kubeadm of the joining node at `version`). */
export function joinRefusal(state: UpgradeState, version: Version): string | undefined {
  const cluster = state.clusterVersion;
  if (version.minor > cluster.minor)
    return `[ERROR KubeletVersion]: the kubelet version is higher than the control plane version. This is not a supported version skew and may lead to a malfunctional cluster. Kubelet version: "v${show(version)}" Control plane version: "v${show(cluster)}"`;
  const minimum = cluster.minor - kubeadmKubeletSkew(version.minor);
  if (version.minor < minimum)
    return `[ERROR KubeletVersion]: Kubelet version "v${show(version)}" is lower than kubeadm can support. Please upgrade kubelet`;
  return undefined;
}
