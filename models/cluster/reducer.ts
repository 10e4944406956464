/**
 * The cluster reducer. An event changes the world (a machine, a probe) or is an operator
 * command; then every fast reactor settles: drains, workload controllers, the scheduler and the
 * kubelets react within the same instant, as they do through watches within milliseconds.
 * Time passes only in `advance`, which visits every moment something is due — each node
 * lifecycle pass (every --node-monitor-period), a toleration running out, a container's grace
 * period ending, a drain's retry or timeout — and lets the components act at that moment.
 */
import { createPod, deleteNode, deletePod } from "./apiserver.ts";
import type { Ctx } from "./config.ts";
import { cordon, interruptDrain, nextDrainDeadline, progressDrains, startDrain, uncordon } from "./drain.ts";
import type { ClusterEvent } from "./events.ts";
import { importedState } from "./imported-state.ts";
import { kubelets, renewLeases } from "./kubelet.ts";
import {
  forgetNode,
  monitorNodeHealth,
  nextEventfulPass,
  nextTaintDeadline,
  taintEviction,
} from "./node-lifecycle.ts";
import { nextPodGCMoment, podGC } from "./podgc.ts";
import { schedule } from "./scheduler.ts";
import {
  type ClusterState,
  type Container,
  type Machine,
  type NodeHealth,
  type NodeObject,
  withHistory,
  withMachine,
} from "./state.ts";
import { nodeAt, topology } from "./topology.ts";
import { workloadControllers } from "./workloads.ts";

/** Enough rounds for an OrderedReady StatefulSet to bring up every ordinal within one instant. */
const SETTLE_ROUNDS = 12;

export function init(ctx: Ctx): ClusterState {
  if (ctx.config.cluster) return settle(importedState(ctx.config.cluster), ctx);
  const t = topology(ctx.config);
  const machines: Record<string, Machine> = {};
  const nodes: Record<string, NodeObject> = {};
  const health: Record<string, NodeHealth> = {};
  for (const name of t.nodes) {
    machines[name] = {
      power: "on",
      network: "connected",
      kubelet: "running",
      runtime: "healthy",
      containers: [],
    };
    nodes[name] = { ready: "True", lastHeartbeat: 0, unschedulable: false, taint: null };
    health[name] = {
      probeTimestamp: 0,
      observedHeartbeat: 0,
      observedReady: "True",
      readyTransitionAt: 0,
      evicted: false,
    };
  }
  let state: ClusterState = {
    now: 0,
    machines,
    api: { nodes, pods: {} },
    nodeLifecycle: { nodes: health, nextEvictionAt: 0, fullDisruption: false },
    podGC: { quarantine: {} },
    drains: {},
    nextUid: 1,
    history: {
      lastDisturbanceAt: 0,
      heartbeatSeenAt: Object.fromEntries(t.nodes.map((n) => [n, 0])),
      failures: Object.fromEntries(t.nodes.map((n) => [n, null])),
      controllerDeletions: [],
      drainRemovals: [],
      forceDeleted: [],
      bareHomes: {},
    },
  };
  for (const name of t.barePods) state = createPod(state, { name, app: "debug", owner: null });
  return settle(state, ctx);
}

export function step(state: ClusterState, event: ClusterEvent, ctx: Ctx): ClusterState {
  if ("node" in event && event.node > ctx.config.nodes) return state;
  if (event.kind === "advance") return advance(state, event.seconds, ctx);
  const next = apply(state, event, ctx);
  if (next === state) return state;
  return settle(withHistory(next, { lastDisturbanceAt: next.now }), ctx);
}

function apply(
  state: ClusterState,
  event: Exclude<ClusterEvent, { kind: "advance" }>,
  ctx: Ctx,
): ClusterState {
  const node = nodeAt(ctx.config, event.node);
  const machine = state.machines[node]!;
  const set = (change: Partial<Machine>) => withMachine(state, node, { ...machine, ...change });
  switch (event.kind) {
    case "power-off":
      return machine.power === "on" ? set({ power: "off", containers: [] }) : state;
    case "power-on":
      return machine.power === "off" ? set({ power: "on", kubelet: "running", runtime: "healthy" }) : state;
    case "cut-off":
      return machine.network === "connected" ? set({ network: "cut-off" }) : state;
    case "reconnect":
      return machine.network === "cut-off" ? set({ network: "connected" }) : state;
    case "kubelet-stop":
      return machine.power === "on" && machine.kubelet === "running" ? set({ kubelet: "stopped" }) : state;
    case "kubelet-start":
      return machine.power === "on" && machine.kubelet === "stopped" ? set({ kubelet: "running" }) : state;
    case "runtime-down":
      return machine.power === "on" && machine.runtime === "healthy" ? set({ runtime: "down" }) : state;
    case "runtime-up":
      return machine.power === "on" && machine.runtime === "down" ? set({ runtime: "healthy" }) : state;
    case "cordon":
      return cordon(state, node);
    case "uncordon":
      return uncordon(state, node);
    case "drain": {
      const { kind: _kind, node: _node, ...options } = event;
      return startDrain(state, node, options, ctx);
    }
    case "interrupt-drain":
      return interruptDrain(state, node);
    case "delete-node":
      return state.api.nodes[node] ? forgetNode(deleteNode(state, node), node) : state;
    case "pod-unready":
      return setProbe(state, node, event.app, "failing");
    case "pod-ready":
      return setProbe(state, node, event.app, "passing");
    case "force-delete": {
      const pod = Object.values(state.api.pods)
        .filter((p) => p.nodeName === node && p.app === event.app)
        .sort((a, b) => a.name.localeCompare(b.name))[0];
      return pod ? deletePod(state, pod.name, 0, null) : state;
    }
  }
}

/** The readiness probe of the first container (by pod name) of `app` on the machine whose probe differs. */
function setProbe(state: ClusterState, node: string, app: string, probe: Container["probe"]): ClusterState {
  const machine = state.machines[node]!;
  const target = machine.containers
    .filter((c) => c.probe !== probe && state.api.pods[c.pod]?.app === app)
    .sort((a, b) => a.pod.localeCompare(b.pod))[0];
  if (!target) return state;
  const containers = machine.containers.map((c) => (c === target ? { ...c, probe } : c));
  return withMachine(state, node, { ...machine, containers });
}

function settleOnce(state: ClusterState, ctx: Ctx): ClusterState {
  state = progressDrains(state, ctx);
  state = workloadControllers(state, ctx);
  state = schedule(state, ctx);
  return kubelets(state, ctx);
}

export function settle(state: ClusterState, ctx: Ctx): ClusterState {
  for (let i = 0; i < SETTLE_ROUNDS; i++) {
    const next = settleOnce(state, ctx);
    if (next === state) return state;
    state = next;
  }
  return state;
}

function advance(state: ClusterState, seconds: number, ctx: Ctx): ClusterState {
  const target = state.now + seconds;
  const period = ctx.config.nodeMonitorPeriod;
  while (state.now < target) {
    const next = nextMoment(state, target, ctx);
    const lastPass = Math.floor(next / period) * period;
    if (lastPass > state.now && lastPass < next) state = moment(state, lastPass, ctx);
    state = moment(state, next, ctx);
  }
  return state;
}

/** Everything due at time `now`: kubelets and drains, a node monitor pass if one falls here, taint evictions. */
function moment(state: ClusterState, now: number, ctx: Ctx): ClusterState {
  state = settle({ ...state, now }, ctx);
  if (now % ctx.config.nodeMonitorPeriod === 0) state = monitorNodeHealth(renewLeases(state), ctx);
  return settle(podGC(taintEviction(state, ctx)), ctx);
}

function nextMoment(state: ClusterState, target: number, ctx: Ctx): number {
  const period = ctx.config.nodeMonitorPeriod;
  const pass = ctx.config.everyMonitorPass
    ? (Math.floor(state.now / period) + 1) * period
    : nextEventfulPass(state, ctx);
  let next = Math.min(
    target,
    pass,
    nextDrainDeadline(state),
    nextTaintDeadline(state, ctx),
    nextPodGCMoment(state),
  );
  for (const machine of Object.values(state.machines)) {
    if (machine.power === "off" || machine.kubelet === "stopped") continue;
    for (const c of machine.containers)
      if (c.stopAt !== null && c.stopAt > state.now && c.stopAt < next) next = c.stopAt;
  }
  return next;
}
