/**
 * An upgrade on the HTML report's timeline: a lane per control-plane node and worker (workers
 * added mid-run join at the end) plus the operator's. Each node's note is its version (the API
 * server's on a control-plane node; the kubelet's and its pod count on a worker), the operator's
 * its kubeadm; a node out of service — cordoned
 * or down — is a labelled span, so an all-at-once drain shows as every worker shaded at once.
 */
import type { Lane, LaneStatus, TimelineHook } from "../../src/report/html/timeline.ts";
import type { UpgradeEvent } from "./events.ts";
import type { UpgradeConfig, UpgradeState } from "./state.ts";
import { show } from "./versions.ts";

const OPERATOR = "operator";

function lanes(state: UpgradeState): Lane[] {
  return [
    ...Object.keys(state.controlPlane).map((id) => ({ id, label: id })),
    ...Object.keys(state.workers).map((id) => ({ id, label: id })),
    { id: OPERATOR, label: "operator" },
  ];
}

function laneOf(event: UpgradeEvent): string {
  return "node" in event ? event.node : OPERATOR;
}

const outOfService = (node: { up: boolean; cordoned: boolean }) =>
  !node.up ? "down" : node.cordoned ? "cordoned" : undefined;

function status(state: UpgradeState): Record<string, LaneStatus> {
  const out: Record<string, LaneStatus> = {};
  for (const [id, node] of Object.entries(state.controlPlane)) {
    const fault = outOfService(node);
    out[id] = { note: `v${show(node.apiserver)}`, ...(fault ? { fault } : {}) };
  }
  for (const [id, node] of Object.entries(state.workers)) {
    const fault = outOfService(node);
    out[id] = {
      note: `v${show(node.kubelet)} ${node.pods.length} pods`,
      ...(fault ? { fault } : {}),
    };
  }
  out[OPERATOR] = { note: `kubeadm v${show(state.operator.kubeadm)}` };
  return out;
}

export const timeline: TimelineHook<UpgradeConfig, UpgradeState, UpgradeEvent> = { lanes, laneOf, status };
