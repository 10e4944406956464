/**
 * Deliberately wrong variants of the reducer, from the bug catalogue (raft-facts §5). Each is one
 * `ctx.flaws.has(name)` at the spot where the real bug lives; `breaks` is the invariant that
 * catches it in generated schedules (measured shrunk sizes in README.md).
 */
import type { Flaw } from "../../src/model.ts";

export const flaws = [
  {
    name: "commit-previous-term",
    doc: "Figure 8 (B1): a leader commits an entry of an earlier term once it sits on a majority, without the log[N].term == currentTerm check. A later leader whose log ends in a higher term overwrites it. Shrunk (seed 1, 29 runs): 3 servers, 17 steps.",
    breaks: "leader-completeness",
    config: { nodes: 3 },
  },
  {
    name: "minority-quorum",
    doc: "B11: counts floor(N/2) servers as a quorum, so an entry commits on a minority and two halves of a cluster both win. Shrunk (seed 1, 2 runs): 2 servers, 1 election, 2 steps; election-safety catches it too.",
    breaks: "quorum-commit",
  },
  {
    name: "forget-vote",
    doc: "B3: votedFor is kept only in memory, so a server that crashes and restarts can vote twice in one term and two leaders win it. Shrunk (seed 1, 49 runs): 3 servers, 2 elections, 1 crash and restart, 10 steps.",
    breaks: "election-safety",
    config: { nodes: 3 },
  },
  {
    name: "no-up-to-date-check",
    doc: "B6: a vote is granted without comparing the candidate's last log term and index, so a server missing committed entries wins. Shrunk (seed 1, 2 runs): 3 servers, 2 elections, 12 steps.",
    breaks: "leader-completeness",
  },
  {
    name: "no-truncate",
    doc: "B8: on a conflict the follower overwrites only the conflicting entry and keeps the stale entries after it. Shrunk (seed 1, 18 runs): 5 servers, 4 elections, 16 steps.",
    breaks: "log-matching",
    config: { nodes: 5 },
  },
  {
    name: "accept-stale-term",
    doc: "B7: AppendEntries from a deposed leader (an older term) is applied instead of refused, letting it overwrite the new leader's entries. Shrunk (seed 1, 23 runs): 3 servers, 2 elections, 12 steps.",
    breaks: "leader-append-only",
  },
  {
    name: "ack-before-commit",
    doc: "B13: the leader acknowledges a client write as soon as it appends it, before a quorum stores it; a later leader never saw it. Shrunk (seed 1, 2 runs): 3 servers, 2 elections, 7 steps.",
    breaks: "quorum-commit",
  },
] as const satisfies readonly Flaw[];

/** The name of one of the flaws above. */
export type RaftFlaw = (typeof flaws)[number]["name"];
