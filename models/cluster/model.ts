/** The node lifecycle model: node failure, taint-based pod eviction, cordon / drain / uncordon. */
import { defineModel } from "../../src/define.ts";
import { type ClusterConfig, defaults, params } from "./config.ts";
import { type ClusterEvent, describeEvent, events } from "./events.ts";
import { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { clusterFromManifests } from "./manifests/import.ts";
import { planCommand } from "./plan/command.ts";
import { readManifests } from "./plan/read.ts";
import { init, step } from "./reducer.ts";
import type { ClusterState } from "./state.ts";
import { timeline } from "./timeline.ts";
import { topology } from "./topology.ts";
import { view } from "./view.ts";
import { witnesses } from "./witnesses.ts";

/** A bounded menu of events for exhaustive exploration: those that change `state`. */
function enabled(
  state: ClusterState,
  ctx: { config: ClusterConfig; flaws: ReadonlySet<string> },
): ClusterEvent[] {
  const candidates: ClusterEvent[] = [5, 60, 300].map((seconds) => ({ kind: "advance", seconds }));
  for (let node = 1; node <= ctx.config.nodes; node++) {
    for (const kind of [
      "power-off",
      "power-on",
      "cut-off",
      "reconnect",
      "kubelet-stop",
      "kubelet-start",
      "runtime-down",
      "runtime-up",
      "cordon",
      "uncordon",
      "interrupt-drain",
      "delete-node",
    ] as const)
      candidates.push({ kind, node });
    for (const app of topology(ctx.config).apps)
      for (const kind of ["pod-unready", "pod-ready", "force-delete"] as const)
        candidates.push({ kind, node, app });
    for (const force of [false, true])
      for (const disableEviction of [false, true])
        candidates.push({
          kind: "drain",
          node,
          force,
          ignoreDaemonsets: true,
          deleteEmptydirData: true,
          disableEviction,
          timeout: 0,
          gracePeriod: -1,
          skipWaitForDeleteTimeout: 0,
        });
  }
  return candidates.filter((e) => step(state, e, ctx) !== state);
}

/**
 * The explorer's key: the whole state except the two append-only oracle logs, which invariants
 * read only for the entries added by the current step.
 */
function fingerprint(state: ClusterState): string {
  return JSON.stringify({
    ...state,
    history: { ...state.history, controllerDeletions: 0, drainRemovals: 0 },
  });
}

export const cluster = defineModel({
  name: "cluster",
  summary:
    "Kubernetes node lifecycle: node failure and taint-based eviction, ReplicaSet/StatefulSet/DaemonSet recovery, kubectl cordon/drain/uncordon with PodDisruptionBudgets",
  params,
  defaults,
  maxSteps: 60,
  init,
  step,
  events,
  enabled,
  fingerprint,
  describeEvent,
  view: (state) => view(state),
  invariants,
  witnesses,
  flaws,
  extensions: {
    timeline,
    commands: [planCommand],
    configFrom: {
      doc: "a cluster as `kubectl get nodes,pods,deployments,replicasets,statefulsets,daemonsets,poddisruptionbudgets -A -o yaml` prints it",
      load: (path) => clusterFromManifests(readManifests(path)).config,
    },
  },
});
