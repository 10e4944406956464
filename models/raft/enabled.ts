/**
 * Every event enabled in a state: what an exhaustive explorer branches on. Each one changes the
 * state. `receive` and `client-write-newest` are left out: each only names, by what the state
 * holds, a `deliver` or `client-write` listed here, so it reaches no other state. `deliver-all`
 * is left out too: it is a run of single deliveries, and it handles inboxes in server-id order,
 * so it alone would not commute with renaming servers (which symmetry reduction relies on).
 */
import type { Context } from "../../src/model.ts";
import type { RaftEvent } from "./events.ts";
import { deliverable } from "./network.ts";
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
  for (let to = 1; to <= nodes; to++) {
    const counts = new Array<number>(nodes + 1).fill(0);
    for (const m of state.network.inboxes[to - 1]!) counts[m.from]!++;
    for (let from = 1; from <= nodes; from++) {
      const canDeliver = deliverable(state, from, to);
      for (let pick = 0; pick < counts[from]!; pick++) {
        if (canDeliver) out.push({ kind: "deliver", from, to, pick });
        out.push({ kind: "drop", from, to, pick }, { kind: "duplicate", from, to, pick });
      }
    }
  }
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
