/**
 * The questions `faultline plan` asks of an imported cluster, as invariants so that its
 * counterexamples are ordinary, replayable reports. Each holds vacuously unless the config's
 * imported cluster carries goals (generated clusters never do).
 */
import type { Invariant } from "../../src/model.ts";
import type { ClusterConfig } from "./config.ts";
import { budgetStatus } from "./eviction.ts";
import type { PlanGoals } from "./imported.ts";
import { type ClusterState, isHealthy } from "./state.ts";
import { topology } from "./topology.ts";

type ClusterInvariant = Invariant<ClusterConfig, ClusterState>;

const goalsOf = (config: ClusterConfig): PlanGoals | null => config.cluster?.goals ?? null;

function healthyPods(state: ClusterState, app: string): string[] {
  return Object.values(state.api.pods)
    .filter((p) => p.app === app && isHealthy(p))
    .map((p) => p.name);
}

export function replicasOf(config: ClusterConfig, app: string): number {
  const t = topology(config);
  const rs = t.replicaSets.find((r) => r.app === app);
  if (rs) return rs.replicas;
  const sts = t.statefulSets.find((s) => s.name === app);
  return sts ? sts.replicas : 1;
}

const drainCompletes: ClusterInvariant = {
  name: "plan-drain-completes",
  doc: "faultline plan: every drain is done (node/<name> drained) within the plan's wait, and none fails",
  check: (state, _prev, { config }) => {
    const within = goalsOf(config)?.drainWithin;
    if (within == null) return undefined;
    for (const [node, drain] of Object.entries(state.drains)) {
      if (drain.status === "failed") return `the drain of ${node} failed: ${drain.message}`;
      const waited = state.now - drain.startedAt;
      if ((drain.status === "running" || drain.status === "blocked") && waited >= within) {
        const stuck = drain.pods.filter((p) => p.status === "retrying" || p.status === "deleting");
        const why = stuck.map((p) => `${p.name}${p.message ? ` (${p.message})` : ""}`).join("; ");
        return `the drain of ${node} is still ${drain.status} after ${waited}s: ${why}`;
      }
    }
    return undefined;
  },
};

const budgetsKept: ClusterInvariant = {
  name: "plan-budgets-kept",
  doc: "faultline plan: every PodDisruptionBudget met at the start keeps desiredHealthy healthy pods at every step",
  check: (state, _prev, { config }) => {
    const goals = goalsOf(config);
    if (!goals) return undefined;
    for (const budget of topology(config).budgets) {
      if (!goals.budgets.includes(budget.name)) continue;
      const s = budgetStatus(state, config, budget);
      if (s.currentHealthy < s.desiredHealthy) {
        const healthy = budget.apps.flatMap((app) => healthyPods(state, app));
        return `${budget.name} needs ${s.desiredHealthy} healthy pods and has ${s.currentHealthy}${healthy.length ? ` (${healthy.join(", ")})` : ""}`;
      }
    }
    return undefined;
  },
};

const servingKept: ClusterInvariant = {
  name: "plan-serving-kept",
  doc: "faultline plan: every workload serving at the start keeps at least one healthy (Running, Ready, not terminating) pod at every step",
  check: (state, _prev, { config }) => {
    for (const app of goalsOf(config)?.serving ?? [])
      if (healthyPods(state, app).length === 0) return `${app} has no healthy pod left`;
    return undefined;
  },
};

const restored: ClusterInvariant = {
  name: "plan-replicas-restored",
  doc: "faultline plan: once the plan's recovery time has passed since the last disturbance, every workload serving at the start has all its replicas healthy again",
  check: (state, _prev, { config }) => {
    const goals = goalsOf(config);
    if (goals?.restoreWithin == null || state.now - state.history.lastDisturbanceAt < goals.restoreWithin)
      return undefined;
    for (const app of goals.serving) {
      const want = replicasOf(config, app);
      const have = healthyPods(state, app).length;
      if (have < want) {
        const stuck = Object.values(state.api.pods)
          .filter((p) => p.app === app && !isHealthy(p))
          .map(
            (p) =>
              `${p.name} ${p.deletionTimestamp !== null ? `Terminating on ${p.nodeName}` : p.nodeName === null ? "Pending" : `not ready on ${p.nodeName}`}`,
          );
        return `${app} has ${have} of ${want} replicas healthy ${state.now - state.history.lastDisturbanceAt}s after the last disturbance${stuck.length ? ` (${stuck.join("; ")})` : ""}`;
      }
    }
    return undefined;
  },
};

export const planInvariants: readonly ClusterInvariant[] = [
  drainCompletes,
  budgetsKept,
  servingKept,
  restored,
];
