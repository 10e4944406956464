/**
 * RequestVote and its response as the Raft paper's Figure 2 states them ("RequestVote RPC",
 * "Rules for Servers: Candidates"), and as etcd-io/raft implements them
 * (https://github.com/etcd-io/raft/blob/main/raft.go: `campaign`, `Step` ignoring messages of an
 * older term, `poll`, `becomeLeader`'s progress reset): who is asked, which vote is granted, which
 * response counts.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { RaftEvent } from "./events.ts";
import { raft } from "./model.ts";
import type { Message, RaftState } from "./state.ts";

const timeout = (server: number): RaftEvent => ({ kind: "timeout", server });
const write = (server: number): RaftEvent => ({ kind: "client-write", server });
const settle = (times: number): RaftEvent[] => Array.from({ length: times }, () => ({ kind: "deliver-all" }));
const deliver = (from: number, to: number, pick = 0): RaftEvent => ({ kind: "deliver", from, to, pick });
const heartbeat: RaftEvent = { kind: "heartbeat" };

function run(events: readonly RaftEvent[], nodes = 3) {
  const result = runSchedule(raft, makeContext({ nodes }, []), events, { record: true, freeze: true });
  expect(result.violation).toBeUndefined();
  const state = (result.trace?.at(-1)?.state ?? result.initial) as RaftState;
  return { state, skipped: result.skipped, server: (id: number) => state.servers[id - 1]! };
}

const from = (state: RaftState, to: number, sender: number): Message[] =>
  state.network.inboxes[to - 1]!.filter((m) => m.from === sender);

/** Server 1 leads term 1 with v1 on every log and v2 on its own and server 2's only. */
const v2OnTwoLogs: RaftEvent[] = [
  timeout(1),
  ...settle(2),
  write(1),
  heartbeat,
  ...settle(2),
  write(1),
  heartbeat,
  deliver(1, 2),
];

describe("a timeout starts an election", () => {
  it("asks every other server, naming its next term and its last entry", () => {
    const { state, server } = run([...v2OnTwoLogs, timeout(3)]);
    expect(server(3)).toMatchObject({ role: "candidate", currentTerm: 2, votedFor: 3, votesGranted: 0b100 });
    const request = { type: "RequestVote", from: 3, term: 2, lastLogIndex: 1, lastLogTerm: 1 };
    expect(from(state, 1, 3)).toEqual([request]);
    expect(from(state, 2, 3)).toEqual([request]);
    expect(from(state, 3, 3)).toEqual([]);
  });

  it("a leader's timeout, or a crashed server's, does nothing", () => {
    expect(run([timeout(1), ...settle(2), timeout(1)]).skipped).toBe(1);
    expect(run([{ kind: "crash", server: 2 }, timeout(2)]).skipped).toBe(1);
  });

  it("a new leader sends from its last entry and knows of no replica yet (nextIndex = last + 1, matchIndex = 0)", () => {
    const { server } = run([...v2OnTwoLogs, timeout(2), deliver(2, 3), deliver(3, 2)]);
    expect(server(2)).toMatchObject({
      role: "leader",
      currentTerm: 2,
      nextIndex: [3, 3, 3],
      matchIndex: [0, 0, 0],
    });
  });
});

describe("the vote: at least as up to date, once per term, only in the voter's term (§5.2, §5.4.1)", () => {
  it("refuses a candidate whose log ends in the same term but is shorter", () => {
    const { state, server } = run([...v2OnTwoLogs, timeout(3), deliver(3, 2)]);
    expect(server(2)).toMatchObject({ currentTerm: 2, votedFor: null, role: "follower" });
    expect(from(state, 3, 2)).toEqual([
      { type: "RequestVoteResponse", from: 2, term: 2, voteGranted: false },
    ]);
  });

  it("grants a candidate whose log ends in the same term and is as long", () => {
    const asked = [...v2OnTwoLogs, timeout(2)];
    // 2's RequestVote is the newest of its messages pending for 1, after its AppendEntries replies.
    const newest = from(run(asked).state, 1, 2).length - 1;
    const { state, server } = run([...asked, deliver(2, 1, newest)]);
    expect(server(1)).toMatchObject({ role: "follower", currentTerm: 2, votedFor: 2 });
    expect(from(state, 2, 1).at(-1)).toEqual({
      type: "RequestVoteResponse",
      from: 1,
      term: 2,
      voteGranted: true,
    });
  });

  it("refuses a stale RequestVote of an earlier term, even from the candidate it voted for since", () => {
    const { state } = run([
      timeout(1),
      { kind: "duplicate", from: 1, to: 2, pick: 0 },
      timeout(1),
      deliver(1, 2, 2),
      deliver(1, 2, 0),
    ]);
    expect(from(state, 1, 2)).toEqual([
      { type: "RequestVoteResponse", from: 2, term: 2, voteGranted: true },
      { type: "RequestVoteResponse", from: 2, term: 2, voteGranted: false },
    ]);
  });
});

describe("counting votes", () => {
  it("a grant from an earlier term does not count toward this one", () => {
    const { server } = run([timeout(1), deliver(1, 2), timeout(1), deliver(2, 1)]);
    expect(server(1)).toMatchObject({ role: "candidate", currentTerm: 2, votesGranted: 0b1 });
  });

  it("a refusal does not count", () => {
    const { server } = run([timeout(1), timeout(2), deliver(1, 3), deliver(2, 3), deliver(3, 2)]);
    expect(server(2)).toMatchObject({ role: "candidate", currentTerm: 1, votesGranted: 0b10 });
  });

  it("a grant that reaches a leader changes nothing: it is elected once, its heartbeats sent once", () => {
    const won: RaftEvent[] = [timeout(1), ...settle(1), deliver(2, 1), deliver(3, 1)];
    const { state } = run([...won, deliver(4, 1)], 5);
    expect(state.servers[0]!.role).toBe("leader");
    expect(state.history.elections).toHaveLength(1);
    for (const peer of [2, 3, 4, 5])
      expect(from(state, peer, 1).map((m) => m.type)).toEqual(["AppendEntries"]);
    expect(from(state, 1, 5)).toHaveLength(1);
  });
});
