/**
 * kubectl cordon / uncordon / drain (kubernetes-facts §2), as pure functions other models can
 * import (the upgrade model shares only the budget decision, `budgetVerdict` in eviction.ts):
 *
 *   cordon(state, node)   uncordon(state, node)
 *   startDrain(state, node, options, ctx)   progressDrains(state, ctx)   interruptDrain(state, node)
 *
 * A drain cordons the node, runs every pod on it through kubectl's filters in order (DaemonSet,
 * mirror, local storage, unreplicated), and if any pod fails a filter it stops before the first
 * eviction, leaving the node cordoned. Otherwise it evicts each selected pod through the Eviction
 * API (or DELETEs it with --disable-eviction), retries a 429 every 5 s without limit, fails on
 * any other error, and waits for each evicted pod to be gone. Each retry evicts whatever pod holds
 * the name by then, as kubectl's re-GET does: a StatefulSet pod recreated on another node included. It is done only when every
 * selected pod is gone; while a budget refuses an eviction it is blocked.
 */
import { deletePod } from "./apiserver.ts";
import type { Ctx } from "./config.ts";
import { budgetStatus, budgetsFor, evict } from "./eviction.ts";
import {
  type ClusterState,
  type Drain,
  type DrainOptions,
  type DrainPod,
  type DrainRemoval,
  isDaemonPod,
  isHealthy,
  type Pod,
  podsOn,
  withHistory,
  withNode,
} from "./state.ts";

export type { Drain, DrainOptions, DrainPod } from "./state.ts";

export const defaultDrainOptions: DrainOptions = {
  force: false,
  ignoreDaemonsets: false,
  deleteEmptydirData: false,
  disableEviction: false,
  timeout: 0,
  gracePeriod: -1,
  skipWaitForDeleteTimeout: 0,
};

/** kubectl's EvictErrorRetryDelay. */
export const EVICT_RETRY_DELAY = 5;

export const isActive = (drain: Drain | undefined): boolean =>
  drain?.status === "running" || drain?.status === "blocked";

export function cordon(state: ClusterState, node: string): ClusterState {
  const obj = state.api.nodes[node];
  if (!obj || obj.unschedulable) return state;
  return withNode(state, node, { ...obj, unschedulable: true });
}

export function uncordon(state: ClusterState, node: string): ClusterState {
  const obj = state.api.nodes[node];
  if (!obj?.unschedulable) return state;
  return withNode(state, node, { ...obj, unschedulable: false });
}

export type FilterVerdict =
  | { readonly action: "delete"; readonly warning?: string }
  | { readonly action: "skip"; readonly warning?: string }
  | { readonly action: "error"; readonly reason: string };

const DAEMONSET_PODS = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const LOCAL_STORAGE = "Pods with local storage (use --delete-emptydir-data to override)";
const UNREPLICATED = "Pods that declare no controller (use --force to override)";
const FILTER_ORDER = [DAEMONSET_PODS, LOCAL_STORAGE, UNREPLICATED];

/** kubectl's pod filters, in order; the first one that does not say "delete" decides. */
export function filterPod(pod: Pod, options: DrainOptions, now: number, ctx: Ctx): FilterVerdict {
  if (terminatingTooLong(pod, options, now)) return { action: "skip" };
  if (isDaemonPod(pod)) {
    if (options.ignoreDaemonsets) return { action: "skip", warning: "ignoring DaemonSet-managed Pods" };
    return { action: "error", reason: DAEMONSET_PODS };
  }
  if (pod.emptyDir && !options.deleteEmptydirData) return { action: "error", reason: LOCAL_STORAGE };
  if (pod.owner === null && !options.force && !ctx.flaws.has("drain-deletes-unmanaged"))
    return { action: "error", reason: UNREPLICATED };
  return { action: "delete" };
}

/**
 * kubectl's aggregated filter error: "cannot delete <reason>: default/a, default/b, cannot delete …".
 * kubectl groups by reason in a Go map (random order); here the reasons follow the filter order.
 */
function filterErrors(verdicts: readonly [Pod, FilterVerdict][]): string | null {
  const byReason = new Map<string, string[]>();
  for (const [pod, verdict] of verdicts) {
    if (verdict.action !== "error") continue;
    const ref = pod.name.includes("/") ? pod.name : `default/${pod.name}`; // imported pods are namespace/name
    byReason.set(verdict.reason, [...(byReason.get(verdict.reason) ?? []), ref]);
  }
  if (byReason.size === 0) return null;
  const order = [...byReason].sort(([a], [b]) => FILTER_ORDER.indexOf(a) - FILTER_ORDER.indexOf(b));
  return order.map(([reason, pods]) => `cannot delete ${reason}: ${pods.join(", ")}`).join(", ");
}

export function startDrain(state: ClusterState, node: string, options: DrainOptions, ctx: Ctx): ClusterState {
  if (!state.api.nodes[node] || isActive(state.drains[node])) return state;
  state = cordon(state, node);
  const verdicts = podsOn(state, node).map(
    (pod) => [pod, filterPod(pod, options, state.now, ctx)] as [Pod, FilterVerdict],
  );
  const errors = filterErrors(verdicts);
  const selected: DrainPod[] = verdicts
    .filter(([, verdict]) => verdict.action === "delete")
    .map(([pod]) => ({
      name: pod.name,
      uid: pod.uid,
      status: "retrying",
      retryAt: state.now,
      message: null,
    }));
  let drain: Drain = { options, startedAt: state.now, status: "running", message: null, pods: selected };
  if (errors !== null) {
    drain = { ...drain, status: "failed", message: errors };
    if (!ctx.flaws.has("drain-partial-evict")) drain = { ...drain, pods: [] };
  }
  state = withDrain(state, node, drain);
  return evictDue(state, node, ctx, errors !== null);
}

export function interruptDrain(state: ClusterState, node: string): ClusterState {
  const drain = state.drains[node];
  if (!drain || !isActive(drain)) return state;
  return withDrain(state, node, { ...drain, status: "interrupted", message: "interrupted (Ctrl-C)" });
}

/** Retries due evictions, notices pods that are gone, enforces --timeout, and settles each drain's status. */
export function progressDrains(state: ClusterState, ctx: Ctx): ClusterState {
  for (const [node, drain] of Object.entries(state.drains)) {
    if (!isActive(drain)) continue;
    state = evictDue(state, node, ctx, false);
    state = noticeGone(state, node);
    state = settleStatus(state, node, ctx);
  }
  return state;
}

/** The next time a drain wants to act (a 429 retry or its --timeout), if any. */
export function nextDrainDeadline(state: ClusterState): number {
  let next = Number.POSITIVE_INFINITY;
  for (const drain of Object.values(state.drains)) {
    if (!isActive(drain)) continue;
    const times = drain.pods.filter((p) => p.status === "retrying").map((p) => p.retryAt);
    if (drain.options.timeout > 0) times.push(drain.startedAt + drain.options.timeout);
    const skip = drain.options.skipWaitForDeleteTimeout;
    for (const p of drain.pods) {
      const since = state.api.pods[p.name]?.deletionTimestamp;
      if (skip > 0 && p.status === "deleting" && since != null) times.push(since + skip + 1);
    }
    for (const t of times) if (t > state.now && t < next) next = t;
  }
  return next;
}

function withDrain(state: ClusterState, node: string, drain: Drain): ClusterState {
  return { ...state, drains: { ...state.drains, [node]: drain } };
}

function evictDue(state: ClusterState, node: string, ctx: Ctx, filtersFailed: boolean): ClusterState {
  const drain = state.drains[node]!;
  let pods = drain.pods;
  for (const [i, target] of drain.pods.entries()) {
    if (target.status !== "retrying" || target.retryAt > state.now) continue;
    const attempt = evictOne(state, node, drain.options, target, ctx, filtersFailed);
    state = attempt.state;
    pods = pods.map((p, j) => (j === i ? attempt.target : p));
  }
  return pods === drain.pods ? state : withDrain(state, node, { ...state.drains[node]!, pods });
}

function evictOne(
  state: ClusterState,
  node: string,
  options: DrainOptions,
  listed: DrainPod,
  ctx: Ctx,
  filtersFailed: boolean,
): { state: ClusterState; target: DrainPod } {
  // kubectl evicts by name with no UID precondition, and after a 429 it re-GETs the pod by name and
  // follows whatever pod holds that name now, even one recreated elsewhere (kubectl pkg/drain/drain.go, evictPods).
  const pod = state.api.pods[listed.name];
  if (!pod) return { state, target: { ...listed, status: "gone" } };
  const target = { ...listed, uid: pod.uid };
  const grace = options.gracePeriod < 0 ? ctx.config.terminationGracePeriodSeconds : options.gracePeriod;
  const removal = drainRemoval(state, pod, node, options, filtersFailed, ctx);
  if (options.disableEviction || ctx.flaws.has("drain-ignores-pdb")) {
    const deleted = recordRemoval(deletePod(state, pod.name, grace, null), removal);
    return { state: deleted, target: { ...target, status: "deleting", message: null } };
  }
  const { state: next, result } = evict(state, pod.name, grace, ctx);
  switch (result.code) {
    case 200:
      return {
        state: recordRemoval(next, removal),
        target: { ...target, status: "deleting", message: null },
      };
    case 404:
      return { state, target: { ...target, status: "gone" } };
    case 429:
      return {
        state,
        target: { ...target, retryAt: state.now + EVICT_RETRY_DELAY, message: `429 ${result.message}` },
      };
    case 500:
      return { state, target: { ...target, status: "failed", message: `500 ${result.message}` } };
  }
}

function drainRemoval(
  state: ClusterState,
  pod: Pod,
  node: string,
  options: DrainOptions,
  filtersFailed: boolean,
  ctx: Ctx,
): DrainRemoval {
  return {
    pod: pod.name,
    node,
    owner: pod.owner,
    force: options.force,
    disableEviction: options.disableEviction,
    filtersFailed,
    healthy: isHealthy(pod),
    budgets: budgetsFor(ctx.config, pod).map((b) => {
      const { name, currentHealthy, desiredHealthy } = budgetStatus(state, ctx.config, b);
      return { name, currentHealthy, desiredHealthy };
    }),
  };
}

function recordRemoval(state: ClusterState, removal: DrainRemoval): ClusterState {
  return withHistory(state, { drainRemovals: [...state.history.drainRemovals, removal] });
}

/** The pod has had a deletionTimestamp for longer than --skip-wait-for-delete-timeout (when set). */
export function terminatingTooLong(pod: Pod, options: DrainOptions, now: number): boolean {
  const skip = options.skipWaitForDeleteTimeout;
  return skip > 0 && pod.deletionTimestamp !== null && now - pod.deletionTimestamp > skip;
}

/** kubectl polls every second until the pod is NotFound, its name has a new uid, or it is skipped. */
function noticeGone(state: ClusterState, node: string): ClusterState {
  const drain = state.drains[node]!;
  let changed = false;
  const pods = drain.pods.map((p) => {
    if (p.status !== "deleting") return p;
    const pod = state.api.pods[p.name];
    if (pod?.uid !== p.uid) {
      changed = true;
      return { ...p, status: "gone" as const };
    }
    if (!terminatingTooLong(pod, drain.options, state.now)) return p;
    changed = true;
    return { ...p, status: "skipped" as const };
  });
  return changed ? withDrain(state, node, { ...drain, pods }) : state;
}

function settleStatus(state: ClusterState, node: string, ctx: Ctx): ClusterState {
  const drain = state.drains[node]!;
  const { options } = drain;
  const blocked = drain.pods.some((p) => p.status === "retrying");
  const unfinished = drain.pods.some(
    (p) =>
      p.status === "deleting" || (p.status === "retrying" && !ctx.flaws.has("drain-blocked-reported-done")),
  );
  const failed = drain.pods.find((p) => p.status === "failed");
  let status: Drain["status"];
  let message: string | null = null;
  if (unfinished && options.timeout > 0 && state.now >= drain.startedAt + options.timeout) {
    status = "failed";
    message = `drain did not complete within ${options.timeout}s`;
  } else if (unfinished) status = blocked ? "blocked" : "running";
  else if (failed) {
    status = "failed";
    message = failed.message;
  } else {
    status = "done";
    message = `node/${node} drained`;
  }
  if (status === drain.status && message === drain.message) return state;
  return withDrain(state, node, { ...drain, status, message });
}
