/**
 * The operator's rules — the runbook a careful operator follows, from the kubeadm upgrade page
 * and the skew policy (facts §4). An action the runbook forbids is simply not done (a skipped
 * event). kubeadm's own checks are not repeated here: the operator relies on kubeadm for them.
 * Most flaws switch off one rule here, at the line where an operator would forget it.
 */
import type { Context } from "../../src/model.ts";
import type { Action } from "./events.ts";
import { versionPolicyErrors } from "./kubeadm.ts";
import { skewPolicy } from "./policy.ts";
import { apiservers, newestMinor, oldestMinor, type UpgradeConfig, type UpgradeState } from "./state.ts";
import { compare, parse, same, type Version } from "./versions.ts";

/** Why the runbook forbids the action, or undefined when the operator may go ahead. */
export function runbookForbids(
  state: UpgradeState,
  action: Action,
  ctx: Context<UpgradeConfig>,
): string | undefined {
  const version = "version" in action ? parse(action.version)! : undefined;
  switch (action.kind) {
    case "upgrade-kubeadm":
      return noDowngrade(state.operator.kubeadm, version!);
    case "upgrade-kubectl":
      return (
        noDowngrade(state.operator.kubectl, version!) ??
        (version!.minor > oldestMinor(apiservers(state)) + 1 && !ctx.flaws.has("kubectl-two-ahead")
          ? "kubectl may be at most one minor newer than every kube-apiserver"
          : undefined)
      );
    case "kubeadm-apply":
      return applyForbidden(state, version!, action.force, ctx);
    case "upgrade-kubelet":
    case "upgrade-kube-proxy":
      return nodeComponentForbidden(state, action.node, action.kind, version!, ctx);
    case "cordon":
    case "drain":
      if (action.kind === "drain" && action.disableEviction && ctx.config.strategy !== "all-at-once")
        return "--disable-eviction bypasses PodDisruptionBudgets: only a plan that accepts downtime uses it";
      return capacityForbidden(state, action.node, ctx);
    case "add-node":
      if (Object.keys(state.workers).length >= ctx.config.workers + 1)
        return "at most one surge worker at a time";
      if (!same(version!, state.clusterVersion) && !ctx.flaws.has("join-unsupported-version"))
        return "new workers join at the cluster's version";
      return version!.minor > oldestMinor(apiservers(state))
        ? "join new workers once every control-plane node runs the cluster's version"
        : undefined;
    case "remove-node": {
      const w = state.workers[action.node];
      return w && (!w.cordoned || w.pods.length > 0) ? "remove only a drained worker" : undefined;
    }
    case "kubeadm-plan":
    case "kubeadm-upgrade-node":
    case "uncordon":
      return undefined;
  }
}

function noDowngrade(current: Version, target: Version): string | undefined {
  return compare(target, current) < 0 ? "no downgrades (rolling back is outside this runbook)" : undefined;
}

/** Before the control plane moves to `target`, everything else must already be within the skew `target` allows. */
function applyForbidden(
  state: UpgradeState,
  target: Version,
  force: boolean,
  ctx: Context<UpgradeConfig>,
): string | undefined {
  const down = noDowngrade(state.clusterVersion, target);
  if (down) return down;
  if (Object.values(state.controlPlane).some((cp) => !same(cp.apiserver, state.clusterVersion)))
    return "finish `kubeadm upgrade node` on every control-plane node first";
  if (state.operator.kubectl.minor < target.minor - 1)
    return "upgrade kubectl first: it must stay within one minor";
  const policy = skewPolicy(newestMinor(ctx.config));
  const nodes = [...Object.values(state.controlPlane), ...Object.values(state.workers)];
  const lagging = nodes.some(
    (n) =>
      target.minor - n.kubelet.minor > policy.kubeletOlder(n.kubelet.minor) ||
      ("kubeProxy" in n && target.minor - n.kubeProxy.minor > policy.kubeletOlder(n.kubeProxy.minor)),
  );
  if (lagging) return "upgrade the kubelets and kube-proxies that would fall out of the skew policy first";
  // --force only to skip kubeadm's kubelet check when the skew policy allows those kubelets (kubeadm ≤ 1.28 checks 1 minor).
  if (
    force &&
    versionPolicyErrors(state, target, ctx).skippable.some((e) => !e.startsWith("There are kubelets"))
  )
    return "--force only to skip kubeadm's kubelet-skew check when the skew policy allows the kubelets";
  return undefined;
}

function nodeComponentForbidden(
  state: UpgradeState,
  name: string,
  kind: "upgrade-kubelet" | "upgrade-kube-proxy",
  target: Version,
  ctx: Context<UpgradeConfig>,
): string | undefined {
  const node = state.workers[name] ?? state.controlPlane[name];
  if (!node) return undefined;
  const current =
    kind === "upgrade-kubelet" ? node.kubelet : "kubeProxy" in node ? node.kubeProxy : node.kubelet;
  const down = noDowngrade(current, target);
  if (down) return down;
  if (target.minor > oldestMinor(apiservers(state)) && !ctx.flaws.has("kubelet-before-control-plane"))
    return "the control plane first: no kubelet or kube-proxy newer than any kube-apiserver";
  const drained = node.cordoned && !("pods" in node && node.pods.length > 0);
  if (
    kind === "upgrade-kubelet" &&
    target.minor !== current.minor &&
    !drained &&
    !ctx.flaws.has("upgrade-without-drain")
  )
    return "drain the node before a minor kubelet upgrade";
  return undefined;
}

/** Cordoning a worker must leave at least `workers − maxUnavailable` in service, unless the plan accepts downtime. */
function capacityForbidden(
  state: UpgradeState,
  name: string,
  ctx: Context<UpgradeConfig>,
): string | undefined {
  const w = state.workers[name];
  if (!w || w.cordoned || ctx.config.strategy === "all-at-once") return undefined;
  const inService = Object.values(state.workers).filter((x) => !x.cordoned).length;
  if (
    inService - 1 < ctx.config.workers - ctx.config.maxUnavailable &&
    !ctx.flaws.has("drain-past-max-unavailable")
  )
    return `at most ${ctx.config.maxUnavailable} worker(s) out of service at once`;
  return undefined;
}
