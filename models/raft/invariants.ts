/**
 * Raft's safety properties (paper Figure 3), each checked after every step. All-time properties
 * read the oracle history; each check looks only at what the step could have changed (new
 * history records, servers whose object changed), so checking stays cheap.
 */
import type { Context, Invariant } from "../../src/model.ts";
import { majority } from "./quorum.ts";
import { type Entry, type RaftConfig, type RaftState, sameEntry } from "./state.ts";

type Check = (state: RaftState, prev: RaftState, ctx: Context<RaftConfig>) => string | undefined;

/** An entry as "t2 v3" (term 2, command v3); positions elsewhere read "index 4 (t2)". */
export const show = (e: Entry | undefined): string =>
  e === undefined ? "nothing" : `t${e.term} ${e.command}`;

/** The first index (from 1) at which `before` is not a prefix of `after`, or 0 when it is. */
export function firstChange(before: readonly Entry[], after: readonly Entry[]): number {
  for (let i = 0; i < before.length; i++)
    if (before[i] !== after[i] && !sameEntry(before[i], after[i])) return i + 1;
  return 0;
}

/** P1: at most one server is ever elected leader of a term (over all history, not just at one instant). */
export const electionSafety: Check = (state, prev) => {
  const { elections } = state.history;
  for (let i = prev.history.elections.length; i < elections.length; i++) {
    const won = elections[i]!;
    const other = elections.find((e, j) => j < i && e.term === won.term && e.leader !== won.leader);
    if (other)
      return `servers ${other.leader} and ${won.leader} were both elected leader of term ${won.term}`;
  }
  return undefined;
};

/** P2: a leader never overwrites or deletes entries in its own log while it leads its term. */
export const leaderAppendOnly: Check = (state, prev) => {
  for (let i = 0; i < state.servers.length; i++) {
    const before = prev.servers[i]!;
    const after = state.servers[i]!;
    if (before.log === after.log || before.role !== "leader" || after.role !== "leader") continue;
    if (before.currentTerm !== after.currentTerm) continue;
    const index = firstChange(before.log, after.log);
    if (index > 0)
      return `leader ${i + 1} of term ${after.currentTerm} replaced its own entry at index ${index}: ${show(before.log[index - 1])} → ${show(after.log[index - 1])}`;
  }
  return undefined;
};

/** P3: if two logs hold an entry with the same index and term, the logs are identical up to that index. */
export const logMatching: Check = (state, prev) => {
  const { servers } = state;
  for (let a = 0; a < servers.length; a++) {
    if (servers[a]!.log === prev.servers[a]!.log) continue;
    for (let b = 0; b < servers.length; b++) {
      if (a === b) continue;
      const x = servers[a]!.log;
      const y = servers[b]!.log;
      let top = Math.min(x.length, y.length) - 1;
      while (top >= 0 && x[top]!.term !== y[top]!.term) top--;
      for (let i = 0; i <= top; i++) {
        if (!sameEntry(x[i], y[i]))
          return `servers ${a + 1} and ${b + 1} both hold an entry of term ${x[top]!.term} at index ${top + 1} but differ at index ${i + 1}: ${show(x[i])} vs ${show(y[i])}`;
      }
    }
  }
  return undefined;
};

/** P4: an entry committed in term T is in the log of every leader of a later term, when it won. */
export const leaderCompleteness: Check = (state, prev) => {
  const { elections, committed } = state.history;
  for (let i = prev.history.elections.length; i < elections.length; i++) {
    const won = elections[i]!;
    const index = committed.findIndex((c, k) => c.commitTerm < won.term && !sameEntry(won.log[k], c));
    if (index >= 0)
      return `server ${won.leader} won term ${won.term} without entry ${show(committed[index])} at index ${index + 1}, committed in term ${committed[index]!.commitTerm}`;
  }
  for (let k = prev.history.committed.length; k < committed.length; k++) {
    const c = committed[k]!;
    const won = elections.find((e) => e.term > c.commitTerm && !sameEntry(e.log[k], c));
    if (won)
      return `entry ${show(c)} at index ${k + 1} was committed in term ${c.commitTerm}, but leader ${won.leader} of the later term ${won.term} did not hold it`;
  }
  return undefined;
};

/** P5: every server that commits index i commits the same entry there; a committed entry never changes. */
export const stateMachineSafety: Check = (state, prev) => {
  const { committed } = state.history;
  for (let i = 0; i < state.servers.length; i++) {
    const before = prev.servers[i]!;
    const after = state.servers[i]!;
    if (before === after) continue;
    const from = before.log === after.log ? before.commitIndex : 0;
    for (let index = from + 1; index <= after.commitIndex; index++) {
      const entry = after.log[index - 1];
      const first = committed[index - 1];
      if (!sameEntry(entry, first))
        return `server ${i + 1} has ${show(entry)} committed at index ${index}, where ${show(first)} was committed before`;
    }
  }
  return undefined;
};

/**
 * An entry is committed only once at least floor(N/2)+1 servers store it, and a write acknowledged
 * to its client is in the log of every leader of a later term.
 */
export const quorumCommit: Check = (state, prev, ctx) => {
  const { servers } = state;
  const needed = majority(ctx.config.nodes);
  for (let i = 0; i < servers.length; i++) {
    const before = prev.servers[i]!;
    const after = servers[i]!;
    for (let index = before.commitIndex + 1; index <= after.commitIndex; index++) {
      const entry = after.log[index - 1];
      const stored = servers.filter((s) => sameEntry(s.log[index - 1], entry)).length;
      if (stored < needed)
        return `server ${i + 1} committed ${show(entry)} at index ${index} stored on ${stored} of ${servers.length} servers (a quorum is ${needed})`;
    }
  }
  const { elections, acked } = state.history;
  for (let i = prev.history.elections.length; i < elections.length; i++) {
    const won = elections[i]!;
    const lost = acked.find((a) => a.ackTerm < won.term && !sameEntry(won.log[a.index - 1], a));
    if (lost)
      return `write ${lost.command} was acknowledged to its client in term ${lost.ackTerm}, but server ${won.leader} won term ${won.term} without it`;
  }
  for (let k = prev.history.acked.length; k < acked.length; k++) {
    const ack = acked[k]!;
    const won = elections.find((e) => e.term > ack.ackTerm && !sameEntry(e.log[ack.index - 1], ack));
    if (won)
      return `write ${ack.command} was acknowledged in term ${ack.ackTerm}, but leader ${won.leader} of the later term ${won.term} did not hold it`;
  }
  return undefined;
};

export const invariants: readonly Invariant<RaftConfig, RaftState>[] = [
  {
    name: "election-safety",
    doc: "At most one server is ever elected leader of a given term.",
    check: electionSafety,
  },
  {
    name: "leader-append-only",
    doc: "A leader never overwrites or deletes entries in its log during its term; it only appends.",
    check: leaderAppendOnly,
  },
  {
    name: "log-matching",
    doc: "If two logs contain an entry with the same index and term, the logs are identical in all entries up to that index.",
    check: logMatching,
  },
  {
    name: "leader-completeness",
    doc: "If an entry is committed in a term, it is in the log of the leader of every later term.",
    check: leaderCompleteness,
  },
  {
    name: "state-machine-safety",
    doc: "Once a server has committed (applied) an entry at an index, no server ever commits a different entry at that index.",
    check: stateMachineSafety,
  },
  {
    name: "quorum-commit",
    doc: "An entry is committed only when at least floor(N/2)+1 servers store it, and an acknowledged write is in the log of every later leader.",
    check: quorumCommit,
  },
];
