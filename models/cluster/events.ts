/**
 * The cluster's event vocabulary: faults and recoveries of a machine, time passing, a pod's
 * readiness probe, and the operator's kubectl commands. Nodes are named by number (node-1
 * first, so schedules shrink towards small clusters); pods by "the <app> pod on node-N", which
 * keeps its meaning when other events are deleted.
 */
import fc from "fast-check";
import { type ConfigValues, type Field, field } from "../../src/fields.ts";
import type { EventKind } from "../../src/model.ts";
import type { ClusterConfig } from "./config.ts";
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

const MAX_ADVANCE = 600;

const node = field.id("nodes", "node");
const app = field.oneOf((config: ConfigValues) => topology(config as unknown as ClusterConfig).apps);

/**
 * A kubectl drain duration: generated from a few telling values (none, short, the default-ish),
 * but a schedule written by hand may give any whole number from `min`.
 */
function flagValue(values: readonly number[], min: number): Field<number> {
  return field.custom({
    describe: `a whole number from ${min} (generated: ${values.join(", ")})`,
    arbitrary: () => fc.constantFrom(...values),
    check: (value) =>
      typeof value === "number" && Number.isInteger(value) && value >= min
        ? undefined
        : `must be a whole number from ${min} (got ${JSON.stringify(value)})`,
  });
}

function nodeKind(doc: string, weight: number, fault: boolean) {
  return { doc, weight, fault, fields: { node } };
}

function podKind(doc: string, fault: boolean) {
  return { doc, weight: 1, fault, fields: { node, app } };
}

export const events = {
  advance: {
    doc: "time passes; controllers, kubelets and drains act at their own moments",
    weight: 12,
    fields: { seconds: field.int(1, MAX_ADVANCE) },
  },
  "power-off": nodeKind("a node crashes or is powered off: its containers die", 2, true),
  "power-on": nodeKind("a powered-off node boots again; its kubelet starts", 2, false),
  "cut-off": nodeKind(
    "a node loses its connection to the control plane; its containers keep running",
    3,
    true,
  ),
  reconnect: nodeKind("a cut-off node reaches the control plane again", 2, false),
  "kubelet-stop": nodeKind("a node's kubelet stops; its containers keep running", 1, true),
  "kubelet-start": nodeKind("a stopped kubelet starts again and syncs", 1, false),
  "runtime-down": nodeKind(
    "a node's container runtime fails: its kubelet reports NotReady and can start or stop no container",
    1,
    true,
  ),
  "runtime-up": nodeKind("a node's container runtime works again", 1, false),
  cordon: nodeKind("the operator runs kubectl cordon", 2, false),
  uncordon: nodeKind("the operator runs kubectl uncordon", 2, false),
  drain: {
    doc: "the operator runs kubectl drain on a node with a combination of flags",
    weight: 4,
    fields: {
      node,
      force: field.bool(),
      ignoreDaemonsets: field.bool(),
      deleteEmptydirData: field.bool(),
      disableEviction: field.bool(),
      timeout: flagValue([0, 60, 300], 0),
      gracePeriod: flagValue([-1, 0, 10], -1),
      skipWaitForDeleteTimeout: flagValue([0, 60], 0),
    },
  },
  "interrupt-drain": nodeKind("the operator interrupts a running drain (Ctrl-C)", 1, false),
  "delete-node": nodeKind("the operator deletes the Node object (kubectl delete node)", 1, false),
  "pod-unready": podKind("a pod's readiness probe starts failing", true),
  "pod-ready": podKind("a pod's readiness probe passes again", false),
  "force-delete": podKind("the operator force-deletes a pod (grace period 0)", true),
} as const satisfies Readonly<Record<ClusterEvent["kind"], EventKind<ClusterConfig>>>;

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
