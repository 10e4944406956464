/**
 * Raft state, grouped by owner as in raft.tla: each server (persistent, then volatile fields),
 * the network (each server's inbox of pending messages, and the partition), the clients, and
 * the history — an oracle the algorithm never reads, kept only so invariants can speak about
 * all time (every election, every committed entry, every acknowledged write).
 */

export interface RaftConfig {
  /** Cluster size; servers are numbered 1..nodes. */
  readonly nodes: number;
}

/** A log entry: the term of the leader that created it and the client command (`v3`: the third write). */
export interface Entry {
  readonly term: number;
  readonly command: string;
}

export type Role = "follower" | "candidate" | "leader";

export interface Server {
  readonly up: boolean;
  // Persistent: on stable storage before any reply leaves, so it survives a crash.
  readonly currentTerm: number;
  readonly votedFor: number | null;
  readonly log: readonly Entry[];
  // Volatile: lost in a crash and rebuilt after the restart.
  readonly role: Role;
  readonly commitIndex: number;
  /** Candidate: bit (id-1) set for each server that granted its vote in currentTerm. */
  readonly votesGranted: number;
  /** Leader: per server (index id-1), the next entry to send and the highest entry known replicated. */
  readonly nextIndex: readonly number[];
  readonly matchIndex: readonly number[];
}

/** A message in flight; `from` is its sender (raft.tla's `msource`), the inbox it sits in names the recipient. */
export type Message = { readonly from: number } & (
  | {
      readonly type: "RequestVote";
      readonly term: number;
      readonly lastLogIndex: number;
      readonly lastLogTerm: number;
    }
  | { readonly type: "RequestVoteResponse"; readonly term: number; readonly voteGranted: boolean }
  | {
      readonly type: "AppendEntries";
      readonly term: number;
      readonly prevLogIndex: number;
      readonly prevLogTerm: number;
      readonly entries: readonly Entry[];
      readonly leaderCommit: number;
    }
  | {
      readonly type: "AppendEntriesResponse";
      readonly term: number;
      readonly success: boolean;
      /** Success: the follower's log matches the leader's up to here. Refusal: the prevLogIndex refused. */
      readonly index: number;
      /** The follower's last log index: lets the leader skip back over a short log in one step. */
      readonly lastLogIndex: number;
    }
);

export interface Network {
  /** Bit (id-1) set for the servers on server 1's side of a partition; 0 when every server reaches every other. */
  readonly partition: number;
  /** Pending messages per recipient (index id-1), in the order they were sent. */
  readonly inboxes: readonly (readonly Message[])[];
}

export interface Election {
  readonly term: number;
  readonly leader: number;
  /** The leader's log when it won: what leader-completeness compares committed entries against. */
  readonly log: readonly Entry[];
}

/** The entry first committed at an index (position index-1), and the term of the server that committed it. */
export interface Committed extends Entry {
  readonly commitTerm: number;
}

/** A write acknowledged to its client as done: it must never be lost. */
export interface Ack extends Entry {
  readonly index: number;
  readonly ackTerm: number;
}

export interface History {
  readonly elections: readonly Election[];
  readonly committed: readonly Committed[];
  readonly acked: readonly Ack[];
  /** How many partitions have healed. */
  readonly heals: number;
}

export interface RaftState {
  readonly servers: readonly Server[];
  readonly network: Network;
  /** Client writes sent so far; names the next command. */
  readonly writes: number;
  readonly history: History;
}

const NONE: readonly never[] = [];

export function initialServer(): Server {
  return {
    up: true,
    currentTerm: 0,
    votedFor: null,
    log: NONE,
    role: "follower",
    commitIndex: 0,
    votesGranted: 0,
    nextIndex: NONE,
    matchIndex: NONE,
  };
}

export function initialState(config: RaftConfig): RaftState {
  const server = initialServer();
  return {
    servers: Array.from({ length: config.nodes }, () => server),
    network: { partition: 0, inboxes: Array.from({ length: config.nodes }, () => NONE) },
    writes: 0,
    history: { elections: NONE, committed: NONE, acked: NONE, heals: 0 },
  };
}

export function serverOf(state: RaftState, id: number): Server | undefined {
  return state.servers[id - 1];
}

export function withServer(state: RaftState, id: number, server: Server): RaftState {
  const servers = state.servers.slice();
  servers[id - 1] = server;
  return { servers, network: state.network, writes: state.writes, history: state.history };
}

export function withInboxes(state: RaftState, inboxes: readonly (readonly Message[])[]): RaftState {
  const network = { partition: state.network.partition, inboxes };
  return { servers: state.servers, network, writes: state.writes, history: state.history };
}

export function lastLogTerm(log: readonly Entry[]): number {
  return log.length === 0 ? 0 : log[log.length - 1]!.term;
}

export function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  return a !== undefined && b !== undefined && a.term === b.term && a.command === b.command;
}

/** Volatile state as after a restart (and as a follower resets it). */
export function volatileReset(server: Server): Server {
  return followerOf(server, server.currentTerm, server.votedFor);
}

/** The server as a follower of `term` (written out field by field: this is the hot path of every term change). */
export function followerOf(server: Server, currentTerm: number, votedFor: number | null): Server {
  const { up, log, commitIndex } = server;
  return {
    up,
    currentTerm,
    votedFor,
    log,
    role: "follower",
    commitIndex,
    votesGranted: 0,
    nextIndex: NONE,
    matchIndex: NONE,
  };
}
