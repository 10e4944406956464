/**
 * Canonical state keys for the exhaustive explorer. Two Raft states get the same key when every
 * future step leads to the same invariant verdicts:
 * - the `writes` counter is left out: it only names the next command, which is fresh in every
 *   state (only equality of commands matters to Raft and to the invariants);
 * - history is kept as the invariants read it: elections and acknowledged writes as sets,
 *   committed entries by index; of `heals` only whether one happened (a witness reads it);
 * - `symmetry` also takes the least key over renamings of server ids (servers are
 *   interchangeable: ids appear as array positions, votedFor, vote and partition bitmasks,
 *   per-server leader arrays, inboxes, message senders and election winners).
 */
import type { Context } from "../../src/model.ts";
import type { Entry, Message, RaftConfig, RaftState, Server } from "./state.ts";

export function fingerprint(state: RaftState, _ctx: Context<RaftConfig>): string {
  return keyUnder(
    state,
    state.servers.map((_, i) => i + 1),
  );
}

export function symmetry(state: RaftState, _ctx: Context<RaftConfig>): string {
  let least: string | undefined;
  for (const order of candidateOrders(state)) {
    const key = keyUnder(state, order);
    if (least === undefined || key < least) least = key;
  }
  return least!;
}

/**
 * Orders of the servers to try: sorted by what a server looks like without any id in it, then
 * every permutation within groups that look alike. A renamed state has the same groups, so the
 * least key over these orders is the same for both.
 */
function candidateOrders(state: RaftState): number[][] {
  const looks = state.servers.map((s, i) => `${serverLook(s)}${traffic(state, i + 1)}`);
  const ids = looks.map((_, i) => i + 1).sort((a, b) => compare(looks[a - 1]!, looks[b - 1]!) || a - b);
  let orders: number[][] = [ids];
  for (let start = 0; start < ids.length; ) {
    let end = start + 1;
    while (end < ids.length && looks[ids[end]! - 1] === looks[ids[start]! - 1]) end++;
    if (end - start > 1) orders = orders.flatMap((order) => permuteRange(order, start, end));
    start = end;
  }
  return orders;
}

/** Every order that permutes `order[start..end)` and keeps the rest. */
export function permuteRange(order: readonly number[], start: number, end: number): number[][] {
  return permutations(end - start).map((perm) => {
    const next = order.slice();
    for (let k = 0; k < perm.length; k++) next[start + k] = order[start + perm[k]!]!;
    return next;
  });
}

/** What a server has waiting in its inbox, senders left out, so it survives renaming. */
function traffic(state: RaftState, id: number): string {
  let inbox = "<";
  for (const m of state.network.inboxes[id - 1]!) inbox += messageKey(m);
  return inbox;
}

/** A server's own fields with every id left out (whether it voted, not for whom). */
function serverLook(s: Server): string {
  return `${serverKey(s)}${s.votedFor === null ? 0 : 1}.${popcount(s.votesGranted)}`;
}

/**
 * The key with servers renamed: `order[k]` is the old id of the server that becomes id k+1.
 * Every field of the state appears, or is named above as left out on purpose. Parts without
 * ids (logs, messages, history records) are encoded once per object: states share them.
 */
function keyUnder(state: RaftState, order: readonly number[]): string {
  const nodes = order.length;
  const newId = new Int32Array(nodes + 1);
  for (let k = 0; k < nodes; k++) newId[order[k]!] = k + 1;
  let key = "";
  for (const old of order) {
    const s = state.servers[old - 1]!;
    key += `${serverKey(s)}v${s.votedFor === null ? "-" : newId[s.votedFor]}g${mask(newId, nodes, s.votesGranted)}n${perServer(order, s.nextIndex)}m${perServer(order, s.matchIndex)}|`;
  }
  const partition = mask(newId, nodes, state.network.partition);
  // The partition is named by the side holding server 1; after renaming, by the side holding the new server 1.
  key += `P${partition === 0 || partition & 1 ? partition : ((1 << nodes) - 1) & ~partition}|`;
  for (const to of order) {
    key += `>${newId[to]}:`;
    for (const m of state.network.inboxes[to - 1]!) key += `${newId[m.from]}${messageKey(m)}`;
    key += "|";
  }
  const { elections, committed, acked, heals } = state.history;
  key += `H${heals > 0 ? 1 : 0}C`;
  for (const c of committed) key += `${c.term}:${c.command}@${c.commitTerm} `;
  const won: string[] = [];
  for (const e of elections) won.push(`${e.term}:${newId[e.leader]}${logKey(e.log)}`);
  const acks: string[] = [];
  for (const a of acked) acks.push(`${a.index}=${a.term}:${a.command}@${a.ackTerm}`);
  return `${key}E${won.sort().join(" ")}A${acks.sort().join(" ")}`;
}

const logKeys = new WeakMap<readonly Entry[], string>();
const serverKeys = new WeakMap<Server, string>();
const messageKeys = new WeakMap<Message, string>();

function logKey(log: readonly Entry[]): string {
  let key = logKeys.get(log);
  if (key === undefined) {
    key = "[";
    for (const e of log) key += `${e.term}:${e.command} `;
    key += "]";
    logKeys.set(log, key);
  }
  return key;
}

/** A server's fields that name no other server. */
function serverKey(s: Server): string {
  let key = serverKeys.get(s);
  if (key === undefined) {
    key = `${s.up ? "U" : "D"}${s.role[0]}${s.currentTerm}c${s.commitIndex}${logKey(s.log)}`;
    serverKeys.set(s, key);
  }
  return key;
}

/** A message's fields other than its sender. */
function messageKey(m: Message): string {
  let key = messageKeys.get(m);
  if (key === undefined) {
    key = encodeMessage(m);
    messageKeys.set(m, key);
  }
  return key;
}

function encodeMessage(m: Message): string {
  switch (m.type) {
    case "RequestVote":
      return `V${m.term},${m.lastLogIndex},${m.lastLogTerm};`;
    case "RequestVoteResponse":
      return `v${m.term}${m.voteGranted ? "+" : "-"};`;
    case "AppendEntries":
      return `A${m.term},${m.prevLogIndex},${m.prevLogTerm},${m.leaderCommit}${logKey(m.entries)};`;
    case "AppendEntriesResponse":
      return `a${m.term}${m.success ? "+" : "-"}${m.index},${m.lastLogIndex};`;
  }
}

export function mask(newId: Int32Array, nodes: number, bits: number): number {
  let out = 0;
  for (let old = 1; old <= nodes; old++) if ((bits >> (old - 1)) & 1) out |= 1 << (newId[old]! - 1);
  return out;
}

function perServer(order: readonly number[], values: readonly number[]): string {
  if (values.length === 0) return "-";
  let out = "";
  for (const old of order) out += `${values[old - 1]},`;
  return out;
}

export function popcount(bits: number): number {
  let n = 0;
  for (; bits; bits &= bits - 1) n++;
  return n;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const permutationCache: number[][][] = [];

/** Every ordering of 0..size-1 (cached: sizes are at most the cluster size). */
function permutations(size: number): number[][] {
  const cached = permutationCache[size];
  if (cached) return cached;
  const all: number[][] =
    size <= 1
      ? [[0].slice(0, size)]
      : permutations(size - 1).flatMap((rest) =>
          Array.from({ length: size }, (_, at) => [...rest.slice(0, at), size - 1, ...rest.slice(at)]),
        );
  permutationCache[size] = all;
  return all;
}
