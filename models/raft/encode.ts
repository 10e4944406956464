/**
 * Raft's state key as bytes, for the explorer (src/model.ts `StateEncoder`): the same information
 * as the string keys of canonical.ts, which it must agree with (equal bytes exactly when equal
 * strings; encode.test.ts checks it), written as small integers with no string built.
 * - `encode` is `fingerprint`: every server in id order;
 * - `canonical` is `symmetry`: servers are grouped by a hash of what they look like without any
 *   id in it, and the least encoding over the renamings within groups is kept.
 */
import type { ByteSink, Context, StateEncoder } from "../../src/model.ts";
import { mask, permuteRange, popcount } from "./canonical.ts";
import { MAX_NODES } from "./events.ts";
import type { Ack, Election, Entry, Message, RaftConfig, RaftState, Role, Server } from "./state.ts";

export const encoder: StateEncoder<RaftConfig, RaftState> = { encode, canonical };

function encode(state: RaftState, out: ByteSink, _ctx: Context<RaftConfig>): void {
  writeUnder(state, identity(state.servers.length), out);
}

function canonical(state: RaftState, out: ByteSink, _ctx: Context<RaftConfig>): void {
  const nodes = state.servers.length;
  const looks = scratchLooks;
  for (let i = 0; i < nodes; i++) looks[i] = look(state, i);
  const ids = identity(nodes).slice();
  // Insertion sort by look, then id: at most a handful of servers.
  for (let i = 1; i < nodes; i++) {
    const id = ids[i]!;
    let j = i - 1;
    for (; j >= 0 && looks[ids[j]! - 1]! > looks[id - 1]!; j--) ids[j + 1] = ids[j]!;
    ids[j + 1] = id;
  }
  let orders: number[][] | undefined;
  for (let start = 0; start < nodes; ) {
    let end = start + 1;
    while (end < nodes && looks[ids[end]! - 1] === looks[ids[start]! - 1]) end++;
    if (end - start > 1) orders = (orders ?? [ids]).flatMap((order) => permuteRange(order, start, end));
    start = end;
  }
  // Servers that look alike: the least encoding over every renaming among them.
  const begin = out.length;
  writeUnder(state, orders?.[0] ?? ids, out);
  for (let k = 1; k < (orders?.length ?? 0); k++) {
    const middle = out.length;
    writeUnder(state, orders![k]!, out);
    out.keepLesser(begin, middle);
  }
}

/**
 * A hash of what a server looks like with every id left out: its own fields, its inbox (senders
 * left out), and how it stands to the others (whether it voted for itself, how many voted for it,
 * how many of its messages are pending, the size of its side of a cut). The more servers differ in it, the fewer renamings
 * `canonical` has to try.
 */
function look(state: RaftState, index: number): number {
  const s = state.servers[index]!;
  const id = index + 1;
  let h = mixIn(0x3c6ef372, serverFlags(s));
  h = mixIn(h, s.currentTerm);
  h = mixIn(h, s.commitIndex);
  h = mixIn(h, s.votedFor === null ? 0 : s.votedFor === id ? 1 : 2);
  h = mixIn(h, popcount(s.votesGranted));
  h = mixIn(h, (s.votesGranted >> index) & 1);
  h = mixLog(h, s.log);
  let votesFor = 0;
  for (const other of state.servers) if (other.votedFor === id) votesFor++;
  h = mixIn(h, votesFor);
  // Which side of a cut it is on is named by server 1's side, so only the size of its own side is free of ids.
  const { partition } = state.network;
  const all = (1 << state.servers.length) - 1;
  h = mixIn(h, partition === 0 ? 0 : popcount((partition >> index) & 1 ? partition : all & ~partition));
  const inbox = state.network.inboxes[index]!;
  h = mixIn(h, inbox.length);
  for (const m of inbox) h = mixMessage(mixIn(h, m.from === id ? 1 : 0), m);
  let sent = 0;
  for (const other of state.network.inboxes) for (const m of other) if (m.from === id) sent++;
  return mixIn(h, sent) >>> 0;
}

/**
 * The state with servers renamed: `order[k]` is the old id of the server that becomes id k+1.
 * Every field appears except `writes` (it only names the next command) and the count of heals
 * (only whether one happened): see canonical.ts.
 */
function writeUnder(state: RaftState, order: readonly number[], out: ByteSink): void {
  const nodes = order.length;
  const newId = renaming(order);
  for (const old of order) {
    const s = state.servers[old - 1]!;
    out.int(serverFlags(s));
    out.int(s.currentTerm);
    out.int(s.commitIndex);
    writeLog(s.log, out);
    out.int(s.votedFor === null ? 0 : newId[s.votedFor]!);
    out.int(mask(newId, nodes, s.votesGranted));
    writePerServer(order, s.nextIndex, out);
    writePerServer(order, s.matchIndex, out);
  }
  const partition = mask(newId, nodes, state.network.partition);
  // The partition is named by the side holding server 1; after renaming, by the side holding the new server 1.
  out.int(partition === 0 || partition & 1 ? partition : ((1 << nodes) - 1) & ~partition);
  for (const to of order) {
    const inbox = state.network.inboxes[to - 1]!;
    out.int(inbox.length);
    for (const m of inbox) {
      out.int(newId[m.from]!);
      writeMessage(m, out);
    }
  }
  const { elections, committed, acked, heals } = state.history;
  out.int(heals > 0 ? 1 : 0);
  out.int(committed.length);
  for (const c of committed) {
    out.int(c.term);
    out.text(c.command);
    out.int(c.commitTerm);
  }
  // Elections and acknowledgements are sets to the invariants: written in a canonical order.
  out.int(elections.length);
  for (const e of sortedCopy(elections, (a, b) => compareElections(a, b, newId))) {
    out.int(e.term);
    out.int(newId[e.leader]!);
    writeLog(e.log, out);
  }
  out.int(acked.length);
  for (const a of sortedCopy(acked, compareAcks)) {
    out.int(a.index);
    out.int(a.term);
    out.text(a.command);
    out.int(a.ackTerm);
  }
}

function writeLog(log: readonly Entry[], out: ByteSink): void {
  out.int(log.length);
  for (const e of log) {
    out.int(e.term);
    out.text(e.command);
  }
}

function writePerServer(order: readonly number[], values: readonly number[], out: ByteSink): void {
  out.int(values.length);
  if (values.length > 0) for (const old of order) out.int(values[old - 1]!);
}

/** A message's fields other than its sender. */
function writeMessage(m: Message, out: ByteSink): void {
  switch (m.type) {
    case "RequestVote":
      out.int(0);
      out.int(m.term);
      out.int(m.lastLogIndex);
      out.int(m.lastLogTerm);
      return;
    case "RequestVoteResponse":
      out.int(m.voteGranted ? 2 : 1);
      out.int(m.term);
      return;
    case "AppendEntries":
      out.int(3);
      out.int(m.term);
      out.int(m.prevLogIndex);
      out.int(m.prevLogTerm);
      out.int(m.leaderCommit);
      writeLog(m.entries, out);
      return;
    case "AppendEntriesResponse":
      out.int(m.success ? 5 : 4);
      out.int(m.term);
      out.int(m.index);
      out.int(m.lastLogIndex);
  }
}

function mixMessage(h: number, m: Message): number {
  switch (m.type) {
    case "RequestVote":
      return mixIn(mixIn(mixIn(mixIn(h, 10), m.term), m.lastLogIndex), m.lastLogTerm);
    case "RequestVoteResponse":
      return mixIn(mixIn(h, m.voteGranted ? 12 : 11), m.term);
    case "AppendEntries":
      return mixLog(
        mixIn(mixIn(mixIn(mixIn(mixIn(h, 13), m.term), m.prevLogIndex), m.prevLogTerm), m.leaderCommit),
        m.entries,
      );
    case "AppendEntriesResponse":
      return mixIn(mixIn(mixIn(mixIn(h, m.success ? 15 : 14), m.term), m.index), m.lastLogIndex);
  }
}

function mixLog(h: number, log: readonly Entry[]): number {
  h = mixIn(h, log.length);
  for (const e of log) {
    h = mixIn(h, e.term);
    for (let i = 0; i < e.command.length; i++) h = mixIn(h, e.command.charCodeAt(i));
  }
  return h;
}

/** One step of a multiply-rotate hash over small integers. */
function mixIn(h: number, value: number): number {
  h = Math.imul(h ^ value, 0x9e3779b1);
  return (h << 13) | (h >>> 19);
}

const ROLES: Readonly<Record<Role, number>> = { follower: 0, candidate: 1, leader: 2 };

function serverFlags(s: Server): number {
  return (s.up ? 1 : 0) | (ROLES[s.role] << 1);
}

function compareElections(a: Election, b: Election, newId: Int32Array): number {
  return a.term - b.term || newId[a.leader]! - newId[b.leader]! || compareLogs(a.log, b.log);
}

function compareLogs(a: readonly Entry[], b: readonly Entry[]): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const d = a[i]!.term - b[i]!.term || compareText(a[i]!.command, b[i]!.command);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function compareAcks(a: Ack, b: Ack): number {
  return a.index - b.index || a.term - b.term || compareText(a.command, b.command) || a.ackTerm - b.ackTerm;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The list in order; the list itself when it is already in order (the usual case: nothing allocated). */
function sortedCopy<T>(list: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < list.length; i++)
    if (compare(list[i - 1]!, list[i]!) > 0) return list.slice().sort(compare);
  return list;
}

// Scratch space reused by every call (nothing here calls itself): typed arrays are costly to make per state.
const scratchLooks = new Float64Array(MAX_NODES);
const scratchNewId = new Int32Array(MAX_NODES + 1);

/** `newId[old]`: the id server `old` takes under the order (valid until the next call). */
function renaming(order: readonly number[]): Int32Array {
  const newId = scratchNewId;
  for (let k = 0; k < order.length; k++) newId[order[k]!] = k + 1;
  return newId;
}

const identities: number[][] = [];

/** 1..nodes (cached). */
function identity(nodes: number): readonly number[] {
  let ids = identities[nodes];
  if (!ids) {
    ids = Array.from({ length: nodes }, (_, i) => i + 1);
    identities[nodes] = ids;
  }
  return ids;
}
