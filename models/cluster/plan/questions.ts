/**
 * The questions `faultline plan` answers about an imported cluster. Each one is a schedule of
 * model events (drains, node failures, time) run from the imported state with plan goals in
 * the config (plan-goals.ts): a goal that breaks is an ordinary counterexample, shrunk and
 * replayable like any other.
 */
import { type Counterexample, replayTwice } from "../../../src/engine/check.ts";
import type { ConfigValues } from "../../../src/engine/config.ts";
import { makeContext } from "../../../src/engine/context.ts";
import { minimize } from "../../../src/engine/minimize.ts";
import { runSchedule } from "../../../src/engine/runner.ts";
import type { ClusterConfig } from "../config.ts";
import type { ClusterEvent } from "../events.ts";
import { budgetStatus } from "../eviction.ts";
import type { PlanGoals } from "../imported.ts";
import { restoreBound } from "../invariants.ts";
import { cluster } from "../model.ts";
import { step } from "../reducer.ts";
import { type ClusterState, isDaemonPod, isHealthy } from "../state.ts";
import { topology } from "../topology.ts";
import { flagWords, neededFlags } from "./drain-flags.ts";

/** Seconds a drain may take before the plan calls it blocked: far beyond eviction, grace period and StatefulSet recreation when nothing fails. */
export const DRAIN_WAIT = 600;
/** Seconds after a failure at which the plan looks at budgets: the node is Unknown and its pods not Ready (grace 50 s + one pass). */
export const DETECTION_WAIT = 60;

export interface Verdict {
  readonly question: string;
  readonly safe: boolean;
  /** One line per finding, safe or not. */
  readonly lines: readonly string[];
  readonly counterexample?: Counterexample;
}

type Ev = ClusterEvent;

export function withGoals(config: ClusterConfig, goals: Partial<PlanGoals>): ClusterConfig {
  if (!config.cluster) throw new Error("plan questions need an imported cluster");
  const none: PlanGoals = { drainWithin: null, budgets: [], serving: [], restoreWithin: null };
  return { ...config, cluster: { ...config.cluster, goals: { ...none, ...goals } } };
}

/** Budgets met and workloads serving in the initial state: what a plan must not take away. */
export function servingAtStart(
  config: ClusterConfig,
  state: ClusterState,
): Pick<PlanGoals, "budgets" | "serving"> {
  const budgets = topology(config)
    .budgets.filter((b) => {
      const s = budgetStatus(state, config, b);
      return s.currentHealthy >= s.desiredHealthy;
    })
    .map((b) => b.name);
  const serving = new Set<string>();
  for (const p of Object.values(state.api.pods)) if (!isDaemonPod(p) && isHealthy(p)) serving.add(p.app);
  return { budgets, serving: [...serving].sort() };
}

const values = (config: ClusterConfig): ConfigValues => config as unknown as ConfigValues;

const nodeNumber = (config: ClusterConfig, node: string): number => topology(config).nodes.indexOf(node) + 1;

function counterexample(config: ClusterConfig, schedule: readonly Ev[], shrink: boolean): Counterexample {
  let events: readonly Ev[] = schedule;
  const run = runSchedule(cluster, makeContext(config, []), schedule);
  if (shrink && run.violation)
    events = minimize(cluster, values(config), [], schedule, run.violation.invariant).schedule as Ev[];
  return {
    config: values(config),
    flaws: [],
    schedule: events,
    run: replayTwice(cluster, values(config), [], events),
  };
}

/** Drains the nodes one after another, each with the fewest flags kubectl needs at that moment, as `kubectl drain` would be run. */
export function askDrain(base: ClusterConfig, nodes: readonly string[]): Verdict {
  const config = withGoals(base, { drainWithin: DRAIN_WAIT });
  const ctx = makeContext(config, []);
  const question = `drain ${nodes.join(", then ")}`;
  let state = cluster.init(ctx);
  const schedule: Ev[] = [];
  const lines: string[] = [];
  for (const node of nodes) {
    const { options, refusals } = neededFlags(state, node, ctx);
    const drain: Ev = { kind: "drain", node: nodeNumber(config, node), ...options };
    const bareBefore = Object.values(state.api.pods).filter((p) => p.nodeName === node && p.owner === null);
    schedule.push(drain, { kind: "advance", seconds: DRAIN_WAIT });
    state = step(step(state, drain, ctx), { kind: "advance", seconds: DRAIN_WAIT }, ctx);
    const result = state.drains[node];
    const command = `kubectl drain ${node}${flagWords(options)}`;
    if (refusals.length) lines.push(`  plain kubectl drain ${node} refuses: ${refusals.join("; ")}`);
    if (result?.status === "done") {
      const lost = bareBefore.map((p) => p.name);
      const loss = lost.length
        ? `; it deletes for good (no controller recreates them): ${lost.join(", ")}`
        : "";
      lines.splice(lines.length - (refusals.length ? 1 : 0), 0, `✓ ${command} completes${loss}`);
      continue;
    }
    const cx = counterexample(config, schedule, true);
    const why = cx.run.violation?.message ?? `${result?.status}: ${result?.message}`;
    lines.splice(lines.length - (refusals.length ? 1 : 0), 0, `✗ ${command} does not complete: ${why}`);
    return { question, safe: false, lines, counterexample: cx };
  }
  return { question, safe: true, lines };
}

function* subsets(items: readonly string[], size: number, from = 0): Generator<string[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - size; i++)
    for (const rest of subsets(items, size - 1, i + 1)) yield [items[i]!, ...rest];
}

/**
 * Every set of up to `most` nodes failing at once (powered off), exhaustively: at detection
 * (60 s) no budget met at the start may be short and no serving workload without a healthy pod,
 * and once the controllers have had the time to recover (restoreBound) every workload must have
 * all its replicas again. Only minimal failing sets are reported (none of their subsets fails).
 */
export function askFailures(base: ClusterConfig, most: number): Verdict {
  const probe = cluster.init(makeContext(base, []));
  const config = withGoals(base, { ...servingAtStart(base, probe), restoreWithin: restoreBound(base) });
  const ctx = makeContext(config, []);
  const nodes = topology(config).nodes.filter((n) => probe.api.nodes[n]?.ready === "True");
  const failing: { set: string[]; message: string; schedule: Ev[] }[] = [];
  let tried = 0;
  for (let size = 1; size <= most; size++) {
    for (const set of subsets(nodes, size)) {
      if (failing.some((f) => f.set.every((n) => set.includes(n)))) continue;
      tried++;
      const schedule: Ev[] = [
        ...set.map((n): Ev => ({ kind: "power-off", node: nodeNumber(config, n) })),
        { kind: "advance", seconds: DETECTION_WAIT },
        { kind: "advance", seconds: restoreBound(base) },
      ];
      const run = runSchedule(cluster, ctx, schedule);
      if (run.violation)
        failing.push({ set, message: `${run.violation.invariant}: ${run.violation.message}`, schedule });
    }
  }
  const question = `every set of ${most === 1 ? "1" : `1 to ${most}`} failed nodes (${tried} minimal sets tried)`;
  if (failing.length === 0)
    return {
      question,
      safe: true,
      lines: [
        `✓ no set of up to ${most} failed node${most === 1 ? "" : "s"} leaves a workload below its budget or without its replicas`,
      ],
    };
  const lines = failing.map((f) => `✗ ${f.set.join(" + ")} fails: ${f.message}`);
  return {
    question,
    safe: false,
    lines,
    counterexample: counterexample(config, failing[0]!.schedule, false),
  };
}

export const STRATEGIES = ["one-at-a-time", "add-new-nodes"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** add-new-nodes needs one new machine per old node: they start powered off, with no Node object. */
function withNewNodes(config: ClusterConfig, count: number): ClusterConfig {
  const c = config.cluster!;
  const fresh = Array.from({ length: count }, (_, i) => ({
    name: `new-node-${i + 1}`,
    ready: "True" as const,
    unschedulable: false,
    taint: null,
    absent: true,
  }));
  return { ...config, nodes: c.nodes.length + count, cluster: { ...c, nodes: [...c.nodes, ...fresh] } };
}

/**
 * A worker upgrade as the workloads see it (the kubelet upgrade itself is invisible to them).
 * one-at-a-time: drain each Ready node with the flags it needs, wait, uncordon it.
 * add-new-nodes: join a new node, drain an old one onto it, retire it (power off, kubectl delete node).
 * Serving capacity is kept when every drain completes, no budget met at the start drops short,
 * and no serving workload loses its last healthy pod.
 */
export function askUpgrade(base: ClusterConfig, strategy: Strategy): Verdict {
  const probe = cluster.init(makeContext(base, []));
  const old = topology(base).nodes.filter((n) => probe.api.nodes[n]?.ready === "True");
  const sized = strategy === "add-new-nodes" ? withNewNodes(base, old.length) : base;
  const config = withGoals(sized, { ...servingAtStart(base, probe), drainWithin: DRAIN_WAIT });
  const ctx = makeContext(config, []);
  const question = `upgrade ${strategy}`;
  let state = cluster.init(ctx);
  const schedule: Ev[] = [];
  for (const [i, node] of old.entries()) {
    const { options } = neededFlags(state, node, ctx);
    const n = nodeNumber(config, node);
    const steps: Ev[] = [];
    if (strategy === "add-new-nodes")
      steps.push({ kind: "power-on", node: nodeNumber(config, `new-node-${i + 1}`) });
    steps.push({ kind: "drain", node: n, ...options }, { kind: "advance", seconds: DRAIN_WAIT });
    if (strategy === "add-new-nodes")
      steps.push({ kind: "power-off", node: n }, { kind: "delete-node", node: n });
    else if (!probe.api.nodes[node]?.unschedulable) steps.push({ kind: "uncordon", node: n });
    schedule.push(...steps);
    const run = runSchedule(cluster, ctx, schedule);
    if (run.violation) {
      const cx = counterexample(config, schedule, true);
      const v = cx.run.violation;
      return {
        question,
        safe: false,
        lines: [`✗ ${strategy} stops at ${node}: ${v?.invariant}: ${v?.message}`],
        counterexample: cx,
      };
    }
    for (const e of steps) state = step(state, e, ctx);
  }
  return {
    question,
    safe: true,
    lines: [
      `✓ ${strategy} takes all ${old.length} Ready nodes through a drain with every budget and serving workload kept`,
    ],
  };
}
