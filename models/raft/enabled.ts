/** Every event enabled in a state: what an exhaustive explorer branches on. Each one changes the state. */
import type { Context } from "../../src/model.ts";
import type { RaftEvent } from "./events.ts";
import { channelOf, deliverable } from "./network.ts";
import type { RaftConfig, RaftState } from "./state.ts";

export function enabled(state: RaftState, _ctx: Context<RaftConfig>): RaftEvent[] {
  const nodes = state.servers.length;
  const out: RaftEvent[] = [];
  state.servers.forEach((s, i) => {
    const server = i + 1;
    if (s.up && s.role !== "leader") out.push({ kind: "timeout", server });
    if (s.up && s.role === "leader") out.push({ kind: "client-write", server });
    out.push({ kind: s.up ? "crash" : "restart", server });
  });
  let anyDeliverable = false;
  for (let from = 1; from <= nodes; from++) {
    for (let to = 1; to <= nodes; to++) {
      if (from === to) continue;
      const count = state.network.channels[channelOf(nodes, from, to)]!.length;
      const canDeliver = deliverable(state, from, to);
      anyDeliverable ||= canDeliver && count > 0;
      for (let pick = 0; pick < count; pick++) {
        if (canDeliver) out.push({ kind: "deliver", from, to, pick });
        out.push({ kind: "drop", from, to, pick }, { kind: "duplicate", from, to, pick });
      }
    }
  }
  if (anyDeliverable) out.push({ kind: "deliver-all" });
  if (nodes > 1 && state.servers.some((s) => s.up && s.role === "leader")) out.push({ kind: "heartbeat" });
  // Each cut once, named by the side that holds server 1.
  for (let mask = 1; mask < (1 << nodes) - 1; mask += 2) {
    if (mask === state.network.partition) continue;
    const side = Array.from({ length: nodes }, (_, i) => i + 1).filter((id) => (mask >> (id - 1)) & 1);
    out.push({ kind: "partition", side });
  }
  if (state.network.partition !== 0) out.push({ kind: "heal" });
  return out;
}
