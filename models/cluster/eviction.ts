/**
 * The Eviction API (POST pods/<name>/eviction) and PodDisruptionBudget status
 * (kubernetes-facts §2.5): a DELETE that first checks the one budget selecting the pod.
 * Pending and terminating pods bypass budgets; more than one budget is an error (500); an
 * unhealthy pod may go while the budget is met (IfHealthyBudget) or always (AlwaysAllow);
 * otherwise no disruption left means 429.
 */
import { deletePod } from "./apiserver.ts";
import type { ClusterConfig, Ctx } from "./config.ts";
import { type ClusterState, isHealthy, isTerminating, type Pod } from "./state.ts";
import { type Budget, desiredHealthy, topology } from "./topology.ts";

export interface BudgetStatus {
  readonly name: string;
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly disruptionsAllowed: number;
}

export function budgetsFor(config: ClusterConfig, pod: Pod): readonly Budget[] {
  return topology(config).budgets.filter((b) => b.apps.includes(pod.app));
}

/** The disruption controller's status for a budget, always up to date in this model. */
export function budgetStatus(state: ClusterState, config: ClusterConfig, budget: Budget): BudgetStatus {
  let currentHealthy = 0;
  for (const p of Object.values(state.api.pods))
    if (budget.apps.includes(p.app) && isHealthy(p)) currentHealthy++;
  const desired = desiredHealthy(topology(config), budget);
  return {
    name: budget.name,
    currentHealthy,
    desiredHealthy: desired,
    disruptionsAllowed: Math.max(0, currentHealthy - desired),
  };
}

export type EvictionResult =
  | { readonly code: 200 | 404 }
  | { readonly code: 429 | 500; readonly message: string };

export function evict(
  state: ClusterState,
  name: string,
  gracePeriod: number,
  ctx: Ctx,
): { state: ClusterState; result: EvictionResult } {
  const pod = state.api.pods[name];
  if (!pod) return { state, result: { code: 404 } };
  const evicted = () => ({
    state: deletePod(state, name, gracePeriod, "EvictionByEvictionAPI"),
    result: { code: 200 } as const,
  });
  if (pod.phase === "Pending" || isTerminating(pod)) return evicted();
  const budgets = budgetsFor(ctx.config, pod);
  if (budgets.length > 1) {
    const message =
      "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
    return { state, result: { code: 500, message } };
  }
  const budget = budgets[0];
  if (!budget) return evicted();
  const status = budgetStatus(state, ctx.config, budget);
  if (!isHealthy(pod)) {
    const policy = ctx.config.unhealthyPodEvictionPolicy;
    const budgetMet = status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0;
    if (policy === "AlwaysAllow" || budgetMet) return evicted();
  }
  const verdict = budgetVerdict(status);
  return verdict.code === 429 ? { state, result: verdict } : evicted();
}

/**
 * The budget's answer for a healthy pod (pkg/registry/core/pod/storage/eviction.go): 429 when no
 * disruption is left. The upgrade model's drain asks it too, with its own counts.
 */
export function budgetVerdict(
  status: Pick<BudgetStatus, "name" | "currentHealthy" | "desiredHealthy">,
): { readonly code: 200 } | { readonly code: 429; readonly message: string } {
  if (status.currentHealthy - status.desiredHealthy > 0) return { code: 200 };
  const message = `Cannot evict pod as it would violate the pod's disruption budget ${status.name} (needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently)`;
  return { code: 429, message };
}
