/**
 * The reducer: one entry point per event kind, and message delivery. A message from a later term
 * first makes the recipient adopt that term and step down (Figure 2, "All Servers"); then the
 * handler for its type runs. An event that cannot happen returns the same state object.
 */
import type { Context } from "../../src/model.ts";
import { becomeFollower, handleRequestVote, handleRequestVoteResponse, timeout } from "./election.ts";
import type { RaftEvent } from "./events.ts";
import { crash, drop, duplicate, exists, heal, partition, restart } from "./faults.ts";
import { channelOf, deliverable, pending, take } from "./network.ts";
import { clientWrite, handleAppendEntries, handleAppendEntriesResponse, heartbeat } from "./replication.ts";
import { type Message, type RaftConfig, type RaftState, serverOf, withServer } from "./state.ts";

type Ctx = Context<RaftConfig>;

export function step(state: RaftState, event: RaftEvent, ctx: Ctx): RaftState {
  switch (event.kind) {
    case "timeout":
      return timeout(state, event.server, ctx);
    case "client-write":
      return clientWrite(state, event.server, ctx);
    case "heartbeat":
      return heartbeat(state);
    case "deliver":
      return deliver(state, event.from, event.to, event.pick, ctx);
    case "deliver-all":
      return deliverAll(state, ctx);
    case "drop":
      return drop(state, event.from, event.to, event.pick);
    case "duplicate":
      return duplicate(state, event.from, event.to, event.pick);
    case "crash":
      return crash(state, event.server, ctx);
    case "restart":
      return restart(state, event.server);
    case "partition":
      return partition(state, event.side);
    case "heal":
      return heal(state);
  }
}

export function deliver(state: RaftState, from: number, to: number, pick: number, ctx: Ctx): RaftState {
  if (!exists(state, from, to) || !deliverable(state, from, to)) return state;
  const message = pending(state, from, to, pick);
  if (message === undefined) return state;
  return receive(take(state, from, to, pick), from, to, message, ctx);
}

/** Every message pending now between running, connected servers, channel by channel, oldest first. */
export function deliverAll(state: RaftState, ctx: Ctx): RaftState {
  const nodes = state.servers.length;
  let next = state;
  for (let from = 1; from <= nodes; from++) {
    for (let to = 1; to <= nodes; to++) {
      if (from === to || !deliverable(state, from, to)) continue;
      // Replies caused along the way join the end of their channel and wait for a later event.
      const count = state.network.channels[channelOf(nodes, from, to)]!.length;
      for (let k = 0; k < count; k++) next = deliver(next, from, to, 0, ctx);
    }
  }
  return next;
}

function receive(state: RaftState, from: number, to: number, message: Message, ctx: Ctx): RaftState {
  const server = serverOf(state, to)!;
  if (message.term > server.currentTerm) state = withServer(state, to, becomeFollower(server, message.term));
  switch (message.type) {
    case "RequestVote":
      return handleRequestVote(state, from, to, message, ctx);
    case "RequestVoteResponse":
      return handleRequestVoteResponse(state, from, to, message, ctx);
    case "AppendEntries":
      return handleAppendEntries(state, from, to, message, ctx);
    case "AppendEntriesResponse":
      return handleAppendEntriesResponse(state, from, to, message, ctx);
  }
}
