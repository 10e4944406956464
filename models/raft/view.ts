/**
 * What a person reads in a report: each server's persistent and volatile state, the messages in
 * flight (per recipient, oldest first) and the partition, then the history the invariants judge by. Entries print as
 * "t<term> <command>", log positions as "index <i> (t<term>)", messages as one line each.
 */
import { show } from "./invariants.ts";
import type { Message, RaftState, Server } from "./state.ts";

function ids(mask: number, nodes: number): number[] {
  return Array.from({ length: nodes }, (_, i) => i + 1).filter((id) => (mask >> (id - 1)) & 1);
}

function viewServer(s: Server): Record<string, unknown> {
  const view: Record<string, unknown> = {
    up: s.up,
    role: s.role,
    currentTerm: s.currentTerm,
    votedFor: s.votedFor,
    log: s.log.map(show),
    commitIndex: s.commitIndex,
  };
  if (s.role === "candidate") view.votes = ids(s.votesGranted, 31);
  if (s.role === "leader") {
    view.nextIndex = s.nextIndex;
    view.matchIndex = s.matchIndex;
  }
  return view;
}

/** A log position: "index 3 (t2)", or "index 0" for the empty prefix. */
const position = (index: number, term: number): string =>
  index === 0 ? "index 0" : `index ${index} (t${term})`;

export function describeMessage(m: Message): string {
  switch (m.type) {
    case "RequestVote":
      return `RequestVote t${m.term} last ${position(m.lastLogIndex, m.lastLogTerm)}`;
    case "RequestVoteResponse":
      return `RequestVoteResponse t${m.term} ${m.voteGranted ? "granted" : "refused"}`;
    case "AppendEntries":
      return `AppendEntries t${m.term} prev ${position(m.prevLogIndex, m.prevLogTerm)} [${m.entries.map(show).join(", ")}] commit index ${m.leaderCommit}`;
    case "AppendEntriesResponse":
      return m.success
        ? `AppendEntriesResponse t${m.term} ok match index ${m.index}`
        : `AppendEntriesResponse t${m.term} refused prev index ${m.index} (log ends at index ${m.lastLogIndex})`;
  }
}

export function view(state: RaftState): unknown {
  const nodes = state.servers.length;
  const servers = Object.fromEntries(state.servers.map((s, i) => [String(i + 1), viewServer(s)]));
  const { partition } = state.network;
  const network: Record<string, unknown> = {
    partition:
      partition === 0 ? "none" : `${ids(partition, nodes).join(" ")} | ${ids(~partition, nodes).join(" ")}`,
  };
  state.network.inboxes.forEach((inbox, i) => {
    if (inbox.length > 0) network[`→${i + 1}`] = inbox.map((m) => `from ${m.from}: ${describeMessage(m)}`);
  });
  const { elections, committed, acked } = state.history;
  return {
    servers,
    network,
    history: {
      leaders: elections.map((e) => `t${e.term} server ${e.leader}`),
      committed: committed.map(show),
      acked: acked.map((a) => a.command),
    },
  };
}
