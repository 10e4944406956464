/**
 * Log replication (paper Figure 2, "AppendEntries RPC" and the leader's rules): client writes,
 * AppendEntries with the consistency check and conflict truncation, and the commit rule.
 */
import type { Context } from "../../src/model.ts";
import { recordAcks, recordCommit } from "./history.ts";
import { send } from "./network.ts";
import { isQuorum } from "./quorum.ts";
import {
  type Entry,
  type Message,
  type RaftConfig,
  type RaftState,
  type Server,
  serverOf,
  volatileReset,
  withServer,
} from "./state.ts";

type Ctx = Context<RaftConfig>;
type AppendEntries = Extract<Message, { type: "AppendEntries" }>;
type AppendEntriesResponse = Extract<Message, { type: "AppendEntriesResponse" }>;

function isLeader(server: Server | undefined): server is Server {
  return server?.up === true && server.role === "leader";
}

/** The running leader of the highest term (a client's write finds it through redirects), or 0 when none runs. */
export function newestLeader(state: RaftState): number {
  let newest = 0;
  for (let id = 1; id <= state.servers.length; id++) {
    const s = state.servers[id - 1]!;
    if (isLeader(s) && (newest === 0 || s.currentTerm > state.servers[newest - 1]!.currentTerm)) newest = id;
  }
  return newest;
}

/** A client write reaches a leader, which appends it to its own log (acknowledged once committed; alone, at once). */
export function clientWrite(state: RaftState, id: number, ctx: Ctx): RaftState {
  const leader = serverOf(state, id);
  if (!isLeader(leader)) return state;
  const log = [...leader.log, { term: leader.currentTerm, command: `v${state.writes + 1}` }];
  let next: RaftState = { ...withServer(state, id, { ...leader, log }), writes: state.writes + 1 };
  if (ctx.flaws.has("ack-before-commit")) {
    next = {
      ...next,
      history: recordAcks(next.history, log, log.length - 1, log.length, leader.currentTerm),
    };
  }
  // Figure 2: a leader sends AppendEntries whenever its last log index >= a follower's nextIndex.
  // Appending is all a write does (raft.tla `ClientRequest`); the entry travels with the next heartbeat.
  return advanceCommitIndex(next, id, ctx);
}

function appendEntriesFor(leader: Server, id: number, peer: number): Message {
  const prevLogIndex = leader.nextIndex[peer - 1]! - 1;
  return {
    type: "AppendEntries",
    from: id,
    term: leader.currentTerm,
    prevLogIndex,
    prevLogTerm: prevLogIndex === 0 ? 0 : leader.log[prevLogIndex - 1]!.term,
    entries: leader.log.slice(prevLogIndex),
    leaderCommit: leader.commitIndex,
  };
}

/** The leader sends every other server the entries from its nextIndex on (none: a heartbeat). */
export function broadcastAppendEntries(state: RaftState, id: number): RaftState {
  const leader = serverOf(state, id)!;
  const requests: [number, Message][] = [];
  for (let peer = 1; peer <= state.servers.length; peer++)
    if (peer !== id) requests.push([peer, appendEntriesFor(leader, id, peer)]);
  return send(state, requests);
}

/** The heartbeat timer of every running leader fires (a heartbeat also carries what a follower lacks, and commitIndex). */
export function heartbeat(state: RaftState): RaftState {
  let next = state;
  for (let id = 1; id <= state.servers.length; id++) {
    if (isLeader(serverOf(state, id))) next = broadcastAppendEntries(next, id);
  }
  return next;
}

/** Receiver rules 3 and 4: delete a conflicting entry and all that follow it, append what is new. */
export function appendNew(
  log: readonly Entry[],
  prevLogIndex: number,
  entries: readonly Entry[],
  ctx: Ctx,
): readonly Entry[] {
  let out = log;
  for (let k = 0; k < entries.length; k++) {
    const i = prevLogIndex + k;
    if (i >= out.length) return [...out, ...entries.slice(k)];
    if (out[i]!.term === entries[k]!.term) continue;
    if (ctx.flaws.has("no-truncate")) {
      // The flaw overwrites the conflicting entry in place and keeps the stale entries after it.
      const copy = out.slice();
      copy[i] = entries[k]!;
      out = copy;
      continue;
    }
    return [...out.slice(0, i), ...entries.slice(k)];
  }
  return out;
}

/** The follower (as it now is) refuses the request; the reply carries its term and log length. */
function refuse(
  state: RaftState,
  from: number,
  to: number,
  request: AppendEntries,
  follower: Server,
): RaftState {
  const response: Message = {
    type: "AppendEntriesResponse",
    from: to,
    term: follower.currentTerm,
    success: false,
    index: request.prevLogIndex,
    lastLogIndex: follower.log.length,
  };
  const next = follower === serverOf(state, to) ? state : withServer(state, to, follower);
  return send(next, [[from, response]]);
}

export function handleAppendEntries(
  state: RaftState,
  from: number,
  to: number,
  request: AppendEntries,
  ctx: Ctx,
): RaftState {
  let follower = serverOf(state, to)!;
  // Rule 1: refuse a request from a deposed leader; the reply's term tells it to step down.
  if (request.term < follower.currentTerm && !ctx.flaws.has("accept-stale-term"))
    return refuse(state, from, to, request, follower);
  if (follower.role === "candidate" && request.term === follower.currentTerm)
    follower = volatileReset(follower);
  // Rule 2: the log must hold the entry just before the new ones, with the same term.
  const { prevLogIndex } = request;
  if (prevLogIndex > 0 && follower.log[prevLogIndex - 1]?.term !== request.prevLogTerm)
    return refuse(state, from, to, request, follower);

  const log = appendNew(follower.log, prevLogIndex, request.entries, ctx);
  const lastNew = prevLogIndex + request.entries.length;
  // Rule 5: commit only what this request proved to match the leader.
  const commitIndex = Math.max(follower.commitIndex, Math.min(request.leaderCommit, lastNew));
  const history =
    commitIndex > follower.commitIndex
      ? recordCommit(state.history, log, commitIndex, follower.currentTerm)
      : state.history;
  const next = { ...withServer(state, to, { ...follower, log, commitIndex }), history };
  const response: Message = {
    type: "AppendEntriesResponse",
    from: to,
    term: follower.currentTerm,
    success: true,
    index: lastNew,
    lastLogIndex: log.length,
  };
  return send(next, [[from, response]]);
}

export function handleAppendEntriesResponse(
  state: RaftState,
  from: number,
  to: number,
  response: AppendEntriesResponse,
  ctx: Ctx,
): RaftState {
  const leader = serverOf(state, to)!;
  if (leader.role !== "leader" || response.term !== leader.currentTerm) return state;
  const peer = from - 1;
  const match = leader.matchIndex[peer]!;
  const nextIndex = leader.nextIndex.slice();
  if (response.success) {
    const matchIndex = leader.matchIndex.slice();
    matchIndex[peer] = Math.max(match, response.index);
    nextIndex[peer] = matchIndex[peer]! + 1;
    return advanceCommitIndex(withServer(state, to, { ...leader, nextIndex, matchIndex }), to, ctx);
  }
  // A refusal of an older probe is stale; otherwise back off (past the end of a short log at once) and retry.
  if (response.index !== leader.nextIndex[peer]! - 1) return state;
  nextIndex[peer] = Math.max(match + 1, Math.min(response.index, response.lastLogIndex + 1));
  const backedOff = { ...leader, nextIndex };
  return send(withServer(state, to, backedOff), [[from, appendEntriesFor(backedOff, to, from)]]);
}

/** The leader commits the highest index stored on a quorum, if that entry is of its own term (Figure 8). */
export function advanceCommitIndex(state: RaftState, id: number, ctx: Ctx): RaftState {
  const leader = serverOf(state, id)!;
  for (let n = leader.log.length; n > leader.commitIndex; n--) {
    let replicas = 1;
    for (let i = 0; i < leader.matchIndex.length; i++)
      if (i !== id - 1 && leader.matchIndex[i]! >= n) replicas++;
    if (!isQuorum(replicas, ctx)) continue;
    // Older-term entries are never committed by counting replicas; they commit with a current-term entry.
    if (leader.log[n - 1]!.term !== leader.currentTerm && !ctx.flaws.has("commit-previous-term"))
      return state;
    let history = recordCommit(state.history, leader.log, n, leader.currentTerm);
    history = recordAcks(history, leader.log, leader.commitIndex, n, leader.currentTerm);
    return { ...withServer(state, id, { ...leader, commitIndex: n }), history };
  }
  return state;
}
