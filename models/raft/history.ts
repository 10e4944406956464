/**
 * Writes to the oracle history. The reducer calls these at the moment something happens (a
 * server wins, commits, acknowledges a write); the algorithm never reads what they record.
 */
import type { Entry, History } from "./state.ts";

export function recordElection(
  history: History,
  term: number,
  leader: number,
  log: readonly Entry[],
): History {
  return { ...history, elections: [...history.elections, { term, leader, log }] };
}

/** A server's commitIndex reached `upTo`: indices committed for the first time join the history. */
export function recordCommit(
  history: History,
  log: readonly Entry[],
  upTo: number,
  commitTerm: number,
): History {
  if (upTo <= history.committed.length) return history;
  const committed = history.committed.slice();
  for (let i = committed.length; i < upTo; i++) {
    const { term, command } = log[i]!;
    committed.push({ term, command, commitTerm });
  }
  return { ...history, committed };
}

/** The leader tells the clients their writes at indices from+1..to are done (once per write). */
export function recordAcks(
  history: History,
  log: readonly Entry[],
  from: number,
  to: number,
  ackTerm: number,
): History {
  let acked = history.acked;
  for (let index = from + 1; index <= to; index++) {
    const { term, command } = log[index - 1]!;
    if (!acked.some((a) => a.command === command)) acked = [...acked, { index, term, command, ackTerm }];
  }
  return acked === history.acked ? history : { ...history, acked };
}
