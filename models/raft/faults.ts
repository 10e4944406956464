/**
 * Faults (Jepsen's nemesis): crashes and restarts of servers, partitions of the network, and
 * the loss or duplication of a single pending message. Delay needs no event: a message simply
 * stays pending while other things happen.
 */
import type { Context } from "../../src/model.ts";
import { position, take } from "./network.ts";
import { type RaftConfig, type RaftState, serverOf, volatileReset, withServer } from "./state.ts";

/** A crash loses the volatile state; currentTerm, votedFor and the log are on disk. */
export function crash(state: RaftState, id: number, ctx: Context<RaftConfig>): RaftState {
  const server = serverOf(state, id);
  if (!server?.up) return state;
  // The flaw keeps votedFor only in memory, so a restarted server can vote twice in one term.
  const votedFor = ctx.flaws.has("forget-vote") ? null : server.votedFor;
  return withServer(state, id, { ...volatileReset(server), up: false, commitIndex: 0, votedFor });
}

/** Messages sent to a crashed server stay pending: they may still arrive after the restart (raft.tla `Restart`). */
export function restart(state: RaftState, id: number): RaftState {
  const server = serverOf(state, id);
  if (server === undefined || server.up) return state;
  return withServer(state, id, { ...server, up: true });
}

/** Servers on `side` keep talking among themselves, the rest among themselves. */
export function partition(state: RaftState, side: readonly number[]): RaftState {
  const nodes = state.servers.length;
  const all = (1 << nodes) - 1;
  let mask = 0;
  for (const id of side) if (id >= 1 && id <= nodes) mask |= 1 << (id - 1);
  if (mask === 0 || mask === all) return state;
  if ((mask & 1) === 0) mask ^= all; // the same cut, written with server 1's side
  if (mask === state.network.partition) return state;
  return { ...state, network: { ...state.network, partition: mask } };
}

export function heal(state: RaftState): RaftState {
  if (state.network.partition === 0) return state;
  return {
    ...state,
    network: { ...state.network, partition: 0 },
    history: { ...state.history, heals: state.history.heals + 1 },
  };
}

export function exists(state: RaftState, from: number, to: number): boolean {
  const nodes = state.servers.length;
  return from !== to && from >= 1 && to >= 1 && from <= nodes && to <= nodes;
}

export function drop(state: RaftState, from: number, to: number, pick: number): RaftState {
  const at = exists(state, from, to) ? position(state, from, to, pick) : -1;
  return at < 0 ? state : take(state, to, at);
}

/** The copy joins the back of the recipient's inbox. */
export function duplicate(state: RaftState, from: number, to: number, pick: number): RaftState {
  const at = exists(state, from, to) ? position(state, from, to, pick) : -1;
  if (at < 0) return state;
  const inboxes = state.network.inboxes.slice();
  const inbox = inboxes[to - 1]!;
  inboxes[to - 1] = [...inbox, inbox[at]!];
  return { ...state, network: { ...state.network, inboxes } };
}
