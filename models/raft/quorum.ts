/** Quorums: a set of servers is a quorum when it holds more than half of the cluster (raft.tla `Quorum`). */
import type { Context } from "../../src/model.ts";
import type { RaftConfig } from "./state.ts";

export function isQuorum(count: number, ctx: Context<RaftConfig>): boolean {
  // The flaw counts floor(N/2) as enough: two disjoint halves of an even cluster both "win".
  if (ctx.flaws.has("minority-quorum")) return count >= Math.floor(ctx.config.nodes / 2);
  return count * 2 > ctx.config.nodes;
}

/** The smallest quorum, floor(N/2)+1, as the invariants state it. */
export function majority(nodes: number): number {
  return Math.floor(nodes / 2) + 1;
}

export function countBits(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}
