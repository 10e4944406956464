/**
 * The HA control plane on the HTML report's timeline: a lane per control-plane node, per external
 * etcd host, and the load balancer's. A node's note says what it runs as leader ("KCM sched etcd t2":
 * the active controller-manager and scheduler, the etcd leader and its term); down hosts and down
 * links ("cut: etcd3") are labelled spans on the lanes they touch; each client request is a happening on the load
 * balancer's lane with the apiserver that served it and its outcome.
 */
import type { Context } from "../../src/model.ts";
import type { Happening, Lane, LaneStatus, TimelineHook } from "../../src/report/html/timeline.ts";
import type { HaEvent } from "./events.ts";
import type { HaConfig, HaState } from "./state.ts";

const LB = "lb";
const nodeLane = (id: number | string) => `cp${id}`;

/** The lane of an etcd member: its node when stacked, its own host when external. */
function memberLane(member: number | string, config: HaConfig): string {
  return config.topology === "stacked" ? nodeLane(member) : `etcd${member}`;
}

/** The lane of one end of a link name: "lb", "api2" or "etcd3". */
function endLane(end: string, config: HaConfig): string {
  if (end === "lb") return LB;
  if (end.startsWith("api")) return nodeLane(end.slice(3));
  return memberLane(end.slice(4), config);
}

function lanes(state: HaState, ctx: Context<HaConfig>): Lane[] {
  return [
    ...Object.keys(state.nodes).map((id) => ({ id: nodeLane(id), label: `cp ${id}` })),
    ...Object.keys(state.etcd.hostsUp).map((id) => ({
      id: memberLane(id, ctx.config),
      label: `etcd ${id}`,
    })),
    { id: LB, label: "load bal." },
  ];
}

function laneOf(event: HaEvent, _before: HaState, ctx: Context<HaConfig>): string | undefined {
  switch (event.kind) {
    case "node-fails":
    case "node-returns":
      return nodeLane(event.node);
    case "etcd-host-fails":
    case "etcd-host-returns":
      return memberLane(event.member, ctx.config);
    case "link-fails":
    case "link-returns":
      return endLane(event.link.split("-")[0]!, ctx.config);
    case "time-passes":
      return undefined;
    default:
      return LB;
  }
}

function status(state: HaState, ctx: Context<HaConfig>): Record<string, LaneStatus> {
  const notes = new Map<string, string[]>();
  const faults = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, lane: string, text: string) =>
    map.set(lane, [...(map.get(lane) ?? []), text]);
  for (const [id, node] of Object.entries(state.nodes)) {
    if (!node.up) add(faults, nodeLane(id), "down");
    if (node.controllerManager.leading) add(notes, nodeLane(id), "KCM");
    if (node.scheduler.leading) add(notes, nodeLane(id), "sched");
  }
  for (const [id, up] of Object.entries(state.etcd.hostsUp))
    if (!up) add(faults, memberLane(id, ctx.config), "down");
  if (state.etcd.leader !== null)
    add(notes, memberLane(state.etcd.leader, ctx.config), `etcd t${state.etcd.term}`);
  if (!state.loadBalancer.up) add(faults, LB, "down");
  for (const link of state.linksDown) {
    const [a, b] = link.split("-") as [string, string];
    add(faults, endLane(a, ctx.config), `cut: ${b}`);
    add(faults, endLane(b, ctx.config), `cut: ${a}`);
  }
  const out: Record<string, LaneStatus> = {};
  for (const lane of new Set([...notes.keys(), ...faults.keys(), ...Object.keys(state.nodes).map(nodeLane)]))
    out[lane] = {
      note: notes.get(lane)?.join(" ") ?? "standby",
      ...(faults.has(lane) ? { fault: faults.get(lane)!.join(", ") } : {}),
    };
  return out;
}

function happenings(before: HaState, after: HaState): Happening[] {
  const last = after.history.last;
  if (after.history.requests === before.history.requests || !last) return [];
  const via = last.via === null ? "the load balancer is down" : `apiserver ${last.via}`;
  return [{ lane: LB, text: `a client ${last.op}: ${via}, ${last.ok ? "ok" : "refused"}` }];
}

export const timeline: TimelineHook<HaConfig, HaState, HaEvent> = {
  lanes,
  laneOf,
  status,
  happenings,
  seconds: (state) => state.now,
};
