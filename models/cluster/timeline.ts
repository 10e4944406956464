/**
 * The cluster on the HTML report's timeline: a lane per node plus the control plane's, machine
 * faults as spans, each node's Ready condition and cordon as its note, pods created, deleted or
 * set terminating as happenings, time in seconds. Controllers talk through the API objects, not
 * messages, so there are no arrows.
 */
import type { Happening, Lane, LaneStatus, TimelineHook } from "../../src/report/html/timeline.ts";
import type { ClusterConfig } from "./config.ts";
import type { ClusterEvent } from "./events.ts";
import type { ClusterState, Machine } from "./state.ts";
import { nodeName } from "./topology.ts";

const CONTROL_PLANE = "control-plane";

function lanes(state: ClusterState): Lane[] {
  return [
    ...Object.keys(state.machines).map((name) => ({ id: name, label: name })),
    { id: CONTROL_PLANE, label: "control plane" },
  ];
}

function laneOf(event: ClusterEvent): string {
  return event.kind === "advance" ? CONTROL_PLANE : nodeName(event.node);
}

function fault(m: Machine): string | undefined {
  if (m.power === "off") return "powered off";
  const faults = [
    m.network === "cut-off" ? "cut off" : "",
    m.kubelet === "stopped" ? "kubelet stopped" : "",
    m.runtime === "down" ? "runtime down" : "",
  ].filter(Boolean);
  return faults.length ? faults.join(", ") : undefined;
}

function status(state: ClusterState): Record<string, LaneStatus> {
  const out: Record<string, LaneStatus> = {};
  for (const [name, machine] of Object.entries(state.machines)) {
    const node = state.api.nodes[name];
    const note = node ? `Ready=${node.ready}${node.unschedulable ? " cordoned" : ""}` : "Node deleted";
    const f = fault(machine);
    out[name] = { note, ...(f ? { fault: f } : {}) };
  }
  return out;
}

function happenings(before: ClusterState, after: ClusterState): Happening[] {
  const out: Happening[] = [];
  const was = before.api.pods;
  const now = after.api.pods;
  const where = (node: string | null) => node ?? CONTROL_PLANE;
  for (const [name, pod] of Object.entries(was))
    if (now[name]?.uid !== pod.uid) out.push({ lane: where(pod.nodeName), text: `pod ${name} deleted` });
  for (const [name, pod] of Object.entries(now)) {
    const old = was[name];
    if (old?.uid !== pod.uid) out.push({ lane: where(pod.nodeName), text: `pod ${name} created` });
    else if (old.deletionTimestamp === null && pod.deletionTimestamp !== null)
      out.push({
        lane: where(pod.nodeName),
        text: `pod ${name} terminating${pod.disruption ? ` (${pod.disruption})` : ""}`,
      });
    else if (old.nodeName === null && pod.nodeName !== null)
      out.push({ lane: pod.nodeName, text: `pod ${name} scheduled to ${pod.nodeName}` });
  }
  return out;
}

export const timeline: TimelineHook<ClusterConfig, ClusterState, ClusterEvent> = {
  lanes,
  laneOf,
  status,
  happenings,
  seconds: (state) => state.now,
};
