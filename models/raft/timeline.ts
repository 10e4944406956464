/**
 * Raft on the HTML report's timeline: a lane per server plus the network's (partitions and heals),
 * messages from each inbox, crashes and partition sides as spans; on each server its role and
 * term, the terms of its log entries and its commitIndex ("L t4 [1 2] c1").
 */
import type { Lane, LaneStatus, TimelineHook, Wire } from "../../src/report/html/timeline.ts";
import type { RaftEvent } from "./events.ts";
import type { RaftConfig, RaftState } from "./state.ts";
import { describeMessage } from "./view.ts";

const NETWORK = "network";
const serverLane = (id: number) => `s${id}`;

function lanes(state: RaftState): Lane[] {
  return [
    ...state.servers.map((_, i) => ({ id: serverLane(i + 1), label: `server ${i + 1}` })),
    { id: NETWORK, label: "network" },
  ];
}

function laneOf(event: RaftEvent): string | undefined {
  switch (event.kind) {
    case "timeout":
    case "client-write":
    case "receive":
    case "crash":
    case "restart":
      return serverLane(event.server);
    case "deliver":
      return serverLane(event.to);
    case "drop":
    case "duplicate":
    case "partition":
    case "heal":
      return NETWORK;
    case "client-write-newest":
    case "heartbeat":
    case "deliver-all":
      return undefined;
  }
}

function inFlight(state: RaftState): Wire[] {
  return state.network.inboxes.flatMap((inbox, i) =>
    inbox.map((m) => {
      const label = describeMessage(m);
      return { key: `${m.from}>${i + 1} ${label}`, from: serverLane(m.from), to: serverLane(i + 1), label };
    }),
  );
}

const ROLE = { follower: "F", candidate: "C", leader: "L" } as const;

function status(state: RaftState): Record<string, LaneStatus> {
  const { partition } = state.network;
  const out: Record<string, LaneStatus> = {};
  state.servers.forEach((s, i) => {
    const side = partition === 0 ? undefined : (partition >> i) & 1 ? "side A" : "side B";
    const fault = !s.up ? (side ? `crashed · ${side}` : "crashed") : side;
    const log = s.log.length
      ? ` [${s.log.map((e) => e.term).join(" ")}]${s.commitIndex ? ` c${s.commitIndex}` : ""}`
      : "";
    out[serverLane(i + 1)] = { note: `${ROLE[s.role]} t${s.currentTerm}${log}`, ...(fault ? { fault } : {}) };
  });
  if (partition !== 0) out[NETWORK] = { fault: "partitioned" };
  return out;
}

export const timeline: TimelineHook<RaftConfig, RaftState, RaftEvent> = {
  lanes,
  laneOf,
  inFlight,
  networkFault: (event) =>
    event.kind === "drop" ? "loss" : event.kind === "duplicate" ? "duplication" : undefined,
  status,
};
