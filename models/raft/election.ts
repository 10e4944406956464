/**
 * Leader election (paper Figure 2, "RequestVote RPC" and "Rules for Servers"): election
 * timeouts, the vote with its up-to-date check, and the transitions between roles.
 */
import type { Context } from "../../src/model.ts";
import { recordElection } from "./history.ts";
import { send } from "./network.ts";
import { countBits, isQuorum } from "./quorum.ts";
import { broadcastAppendEntries } from "./replication.ts";
import {
  type Entry,
  followerOf,
  lastLogTerm,
  type Message,
  type RaftConfig,
  type RaftState,
  type Server,
  serverOf,
  withServer,
} from "./state.ts";

type Ctx = Context<RaftConfig>;
type RequestVote = Extract<Message, { type: "RequestVote" }>;
type RequestVoteResponse = Extract<Message, { type: "RequestVoteResponse" }>;

/** A message from a later term: adopt the term, forget the vote (it was for an older term), step down. */
export function becomeFollower(server: Server, term: number): Server {
  return followerOf(server, term, null);
}

export function becomeLeader(state: RaftState, id: number): RaftState {
  const server = serverOf(state, id)!;
  const nodes = state.servers.length;
  const leader: Server = {
    ...server,
    role: "leader",
    votesGranted: 0,
    nextIndex: new Array<number>(nodes).fill(server.log.length + 1),
    matchIndex: new Array<number>(nodes).fill(0),
  };
  const history = recordElection(state.history, server.currentTerm, id, server.log);
  // Figure 2: upon election, send initial empty AppendEntries (heartbeats) to each server.
  return broadcastAppendEntries({ ...withServer(state, id, leader), history }, id);
}

/** The election timeout fires: next term, vote for itself, ask everyone else for a vote. */
export function timeout(state: RaftState, id: number, ctx: Ctx): RaftState {
  const server = serverOf(state, id);
  if (!server?.up || server.role === "leader") return state;
  const candidate: Server = {
    ...server,
    role: "candidate",
    currentTerm: server.currentTerm + 1,
    votedFor: id,
    votesGranted: 1 << (id - 1),
  };
  const next = withServer(state, id, candidate);
  if (isQuorum(1, ctx)) return becomeLeader(next, id);
  const request: Message = {
    type: "RequestVote",
    from: id,
    term: candidate.currentTerm,
    lastLogIndex: candidate.log.length,
    lastLogTerm: lastLogTerm(candidate.log),
  };
  const requests: [number, Message][] = [];
  for (let peer = 1; peer <= state.servers.length; peer++) if (peer !== id) requests.push([peer, request]);
  return send(next, requests);
}

/** Election restriction: the candidate's log ends in a later term, or the same term and is at least as long. */
export function upToDate(request: RequestVote, log: readonly Entry[]): boolean {
  const myLastTerm = lastLogTerm(log);
  return (
    request.lastLogTerm > myLastTerm ||
    (request.lastLogTerm === myLastTerm && request.lastLogIndex >= log.length)
  );
}

export function handleRequestVote(
  state: RaftState,
  from: number,
  to: number,
  request: RequestVote,
  ctx: Ctx,
): RaftState {
  let voter = serverOf(state, to)!;
  const logOk = ctx.flaws.has("no-up-to-date-check") || upToDate(request, voter.log);
  const grant =
    request.term === voter.currentTerm && logOk && (voter.votedFor === null || voter.votedFor === from);
  if (grant) voter = { ...voter, votedFor: from };
  const response: Message = {
    type: "RequestVoteResponse",
    from: to,
    term: voter.currentTerm,
    voteGranted: grant,
  };
  return send(grant ? withServer(state, to, voter) : state, [[from, response]]);
}

export function handleRequestVoteResponse(
  state: RaftState,
  from: number,
  to: number,
  response: RequestVoteResponse,
  ctx: Ctx,
): RaftState {
  const candidate = serverOf(state, to)!;
  // Stale responses (an earlier term) and refusals change nothing but the network.
  if (candidate.role !== "candidate" || response.term !== candidate.currentTerm || !response.voteGranted)
    return state;
  const votesGranted = candidate.votesGranted | (1 << (from - 1));
  const next = withServer(state, to, { ...candidate, votesGranted });
  return isQuorum(countBits(votesGranted), ctx) ? becomeLeader(next, to) : next;
}
