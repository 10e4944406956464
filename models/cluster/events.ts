/**
 * The cluster's event vocabulary: faults and recoveries of a machine, time passing, a pod's
 * readiness probe, and the operator's kubectl commands. Nodes are named by number (node-1
 * first, so schedules shrink towards small clusters); pods by "the <app> pod on node-N", which
 * keeps its meaning when other events are deleted.
 */
import fc from "fast-check";
import type { EventKind } from "../../src/model.ts";
import { type ClusterConfig, MAX_NODES } from "./config.ts";
import type { DrainOptions } from "./drain.ts";
import { nodeName as defaultName, nodeAt, topology } from "./topology.ts";

type NodeEventKind =
  | "power-off"
  | "power-on"
  | "cut-off"
  | "reconnect"
  | "kubelet-stop"
  | "kubelet-start"
  | "runtime-down"
  | "runtime-up"
  | "cordon"
  | "uncordon"
  | "interrupt-drain"
  | "delete-node";

export type ClusterEvent =
  | { readonly kind: NodeEventKind; readonly node: number }
  | { readonly kind: "advance"; readonly seconds: number }
  | {
      readonly kind: "pod-unready" | "pod-ready" | "force-delete";
      readonly node: number;
      readonly app: string;
    }
  | ({ readonly kind: "drain"; readonly node: number } & DrainOptions);

type Kind = EventKind<ClusterConfig, ClusterEvent>;
type Fields = Readonly<Record<string, unknown>>;

const MAX_ADVANCE = 600;
const DRAIN_TIMEOUTS = [0, 60, 300] as const;
const DRAIN_GRACE_PERIODS = [-1, 0, 10] as const;
const DRAIN_SKIP_WAITS = [0, 60] as const;

const nodeArb = (scope: ClusterConfig) => fc.integer({ min: 1, max: scope.nodes });

/** Any node the `nodes` param allows: a saved schedule may name nodes its own config lacks (skipped). */
function checkNode(e: Fields): string | undefined {
  const n = e.node;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_NODES)
    return `node must be a whole number from 1 to ${MAX_NODES} (got ${JSON.stringify(n)})`;
  return undefined;
}

function nodeKind(kind: NodeEventKind, doc: string, weight: number, fault: boolean): Kind {
  return {
    doc,
    weight,
    fault,
    arbitrary: (scope) => nodeArb(scope).map((node) => ({ kind, node })),
    check: checkNode,
  };
}

function podKind(kind: "pod-unready" | "pod-ready" | "force-delete", doc: string, weight: number): Kind {
  return {
    doc,
    weight,
    fault: kind !== "pod-ready",
    arbitrary: (scope) =>
      fc
        .record({ node: nodeArb(scope), app: fc.constantFrom(...topology(scope).apps) })
        .map((f) => ({ kind, ...f })),
    check: (e, config) => {
      const apps = topology(config).apps;
      if (typeof e.app !== "string" || !apps.includes(e.app)) return `app must be one of ${apps.join(", ")}`;
      return checkNode(e);
    },
  };
}

const drainKind: Kind = {
  doc: "the operator runs kubectl drain on a node with a combination of flags",
  weight: 4,
  arbitrary: (scope) =>
    fc
      .record({
        node: nodeArb(scope),
        force: fc.boolean(),
        ignoreDaemonsets: fc.boolean(),
        deleteEmptydirData: fc.boolean(),
        disableEviction: fc.boolean(),
        timeout: fc.constantFrom(...DRAIN_TIMEOUTS),
        gracePeriod: fc.constantFrom(...DRAIN_GRACE_PERIODS),
        skipWaitForDeleteTimeout: fc.constantFrom(...DRAIN_SKIP_WAITS),
      })
      .map((f) => ({ kind: "drain" as const, ...f })),
  check: (e) => {
    for (const flag of ["force", "ignoreDaemonsets", "deleteEmptydirData", "disableEviction"])
      if (typeof e[flag] !== "boolean") return `${flag} must be true or false`;
    for (const flag of ["timeout", "gracePeriod", "skipWaitForDeleteTimeout"])
      if (typeof e[flag] !== "number" || !Number.isInteger(e[flag])) return `${flag} must be a whole number`;
    if ((e.timeout as number) < 0) return "timeout must not be negative";
    if ((e.skipWaitForDeleteTimeout as number) < 0) return "skipWaitForDeleteTimeout must not be negative";
    return checkNode(e);
  },
};

export const events: Readonly<Record<ClusterEvent["kind"], Kind>> = {
  advance: {
    doc: "time passes; controllers, kubelets and drains act at their own moments",
    weight: 12,
    arbitrary: () =>
      fc.integer({ min: 1, max: MAX_ADVANCE }).map((seconds) => ({ kind: "advance" as const, seconds })),
    check: (e) =>
      typeof e.seconds === "number" && Number.isInteger(e.seconds) && e.seconds >= 1
        ? undefined
        : "seconds must be a whole number of at least 1",
  },
  "power-off": nodeKind("power-off", "a node crashes or is powered off: its containers die", 2, true),
  "power-on": nodeKind("power-on", "a powered-off node boots again; its kubelet starts", 2, false),
  "cut-off": nodeKind(
    "cut-off",
    "a node loses its connection to the control plane; its containers keep running",
    3,
    true,
  ),
  reconnect: nodeKind("reconnect", "a cut-off node reaches the control plane again", 2, false),
  "kubelet-stop": nodeKind("kubelet-stop", "a node's kubelet stops; its containers keep running", 1, true),
  "kubelet-start": nodeKind("kubelet-start", "a stopped kubelet starts again and syncs", 1, false),
  "runtime-down": nodeKind(
    "runtime-down",
    "a node's container runtime fails: its kubelet reports NotReady and can start or stop no container",
    1,
    true,
  ),
  "runtime-up": nodeKind("runtime-up", "a node's container runtime works again", 1, false),
  cordon: nodeKind("cordon", "the operator runs kubectl cordon", 2, false),
  uncordon: nodeKind("uncordon", "the operator runs kubectl uncordon", 2, false),
  drain: drainKind,
  "interrupt-drain": nodeKind(
    "interrupt-drain",
    "the operator interrupts a running drain (Ctrl-C)",
    1,
    false,
  ),
  "delete-node": nodeKind(
    "delete-node",
    "the operator deletes the Node object (kubectl delete node)",
    1,
    false,
  ),
  "pod-unready": podKind("pod-unready", "a pod's readiness probe starts failing", 1),
  "pod-ready": podKind("pod-ready", "a pod's readiness probe passes again", 1),
  "force-delete": podKind("force-delete", "the operator force-deletes a pod (grace period 0)", 1),
};

function drainFlags(e: DrainOptions): string {
  const flags: string[] = [];
  if (e.force) flags.push("--force");
  if (e.ignoreDaemonsets) flags.push("--ignore-daemonsets");
  if (e.deleteEmptydirData) flags.push("--delete-emptydir-data");
  if (e.disableEviction) flags.push("--disable-eviction");
  if (e.timeout > 0) flags.push(`--timeout=${e.timeout}s`);
  if (e.gracePeriod >= 0) flags.push(`--grace-period=${e.gracePeriod}`);
  if (e.skipWaitForDeleteTimeout > 0)
    flags.push(`--skip-wait-for-delete-timeout=${e.skipWaitForDeleteTimeout}`);
  return flags.map((f) => ` ${f}`).join("");
}

/** Nodes are numbers in events; an imported cluster's node-1 is its first node by name. */
export function describeEvent(
  e: ClusterEvent,
  _before?: unknown,
  ctx?: { readonly config: ClusterConfig },
): string {
  const nodeName = (id: number) => (ctx ? nodeAt(ctx.config, id) : defaultName(id));
  switch (e.kind) {
    case "advance":
      return `${e.seconds} s pass`;
    case "power-off":
      return `${nodeName(e.node)} crashes (powered off; its containers die)`;
    case "power-on":
      return `${nodeName(e.node)} is powered on again`;
    case "cut-off":
      return `${nodeName(e.node)} is cut off from the control plane (its containers keep running)`;
    case "reconnect":
      return `${nodeName(e.node)} reaches the control plane again`;
    case "kubelet-stop":
      return `the kubelet on ${nodeName(e.node)} stops (its containers keep running)`;
    case "kubelet-start":
      return `the kubelet on ${nodeName(e.node)} starts again`;
    case "runtime-down":
      return `the container runtime on ${nodeName(e.node)} fails (the kubelet reports NotReady; containers keep running)`;
    case "runtime-up":
      return `the container runtime on ${nodeName(e.node)} works again`;
    case "cordon":
      return `operator: kubectl cordon ${nodeName(e.node)}`;
    case "uncordon":
      return `operator: kubectl uncordon ${nodeName(e.node)}`;
    case "drain":
      return `operator: kubectl drain ${nodeName(e.node)}${drainFlags(e)}`;
    case "interrupt-drain":
      return `operator interrupts (Ctrl-C) the drain of ${nodeName(e.node)}`;
    case "delete-node":
      return `operator: kubectl delete node ${nodeName(e.node)}`;
    case "pod-unready":
      return `the ${e.app} pod on ${nodeName(e.node)} starts failing its readiness probe`;
    case "pod-ready":
      return `the ${e.app} pod on ${nodeName(e.node)} passes its readiness probe again`;
    case "force-delete":
      return `operator: kubectl delete pod <the ${e.app} pod on ${nodeName(e.node)}> --grace-period=0 --force`;
  }
}
