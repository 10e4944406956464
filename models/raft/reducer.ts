/**
 * The reducer: one entry point per event kind, and message delivery. A message from a later term
 * first makes the recipient adopt that term and step down (Figure 2, "All Servers"); then the
 * handler for its type runs. An event that cannot happen returns the same state object.
 */
import type { Context } from "../../src/model.ts";
import { becomeFollower, handleRequestVote, handleRequestVoteResponse, timeout } from "./election.ts";
import type { RaftEvent } from "./events.ts";
import { crash, drop, duplicate, exists, heal, partition, restart } from "./faults.ts";
import { connected, deliverable, oldestDeliverable, position, take } from "./network.ts";
import {
  clientWrite,
  handleAppendEntries,
  handleAppendEntriesResponse,
  heartbeat,
  newestLeader,
} from "./replication.ts";
import { type Message, type RaftConfig, type RaftState, serverOf, withInboxes, withServer } from "./state.ts";

type Ctx = Context<RaftConfig>;

export function step(state: RaftState, event: RaftEvent, ctx: Ctx): RaftState {
  switch (event.kind) {
    case "timeout":
      return timeout(state, event.server, ctx);
    case "client-write":
      return clientWrite(state, event.server, ctx);
    case "client-write-newest":
      return clientWrite(state, newestLeader(state), ctx);
    case "heartbeat":
      return heartbeat(state);
    case "deliver":
      return deliver(state, event.from, event.to, event.pick, ctx);
    case "receive":
      return receiveOldest(state, event.server, ctx);
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
  const at = position(state, from, to, pick);
  return at < 0 ? state : receive(take(state, to, at), to, state.network.inboxes[to - 1]![at]!, ctx);
}

/** The oldest message pending for `to` from a server it can hear arrives. */
export function receiveOldest(state: RaftState, to: number, ctx: Ctx): RaftState {
  const at = oldestDeliverable(state, to);
  return at < 0 ? state : receive(take(state, to, at), to, state.network.inboxes[to - 1]![at]!, ctx);
}

/** Every message pending now between running, connected servers: recipient by recipient, each inbox oldest first. */
export function deliverAll(state: RaftState, ctx: Ctx): RaftState {
  let next = state;
  for (let to = 1; to <= state.servers.length; to++) {
    if (!state.servers[to - 1]!.up) continue;
    const pendingNow = state.network.inboxes[to - 1]!;
    const arriving: Message[] = [];
    const staying: Message[] = [];
    for (const m of pendingNow) (connected(state.network, m.from, to) ? arriving : staying).push(m);
    if (arriving.length === 0) continue;
    // Until `to` is handled its inbox only grows at the back: replies caused along the way stay, for a later event.
    const inboxes = next.network.inboxes.slice();
    inboxes[to - 1] = staying.concat(inboxes[to - 1]!.slice(pendingNow.length));
    next = withInboxes(next, inboxes);
    for (const message of arriving) next = receive(next, to, message, ctx);
  }
  return next;
}

function receive(state: RaftState, to: number, message: Message, ctx: Ctx): RaftState {
  const { from } = message;
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
