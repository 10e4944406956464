/**
 * Message delivery as raft.tla models the network (https://github.com/ongardie/raft.tla/blob/master/raft.tla:
 * `Receive`, `DuplicateMessage`, `DropMessage`, `Restart`): any pending message may arrive, be lost
 * or be duplicated; messages to a crashed server stay pending; a message from a later term makes
 * its recipient adopt that term and step down before it is handled (Figure 2, "Rules for Servers").
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { RaftEvent } from "./events.ts";
import { raft } from "./model.ts";
import type { RaftState } from "./state.ts";

const timeout = (server: number): RaftEvent => ({ kind: "timeout", server });
const settle = (times: number): RaftEvent[] => Array.from({ length: times }, () => ({ kind: "deliver-all" }));
const deliver = (from: number, to: number, pick = 0): RaftEvent => ({ kind: "deliver", from, to, pick });

function run(events: readonly RaftEvent[], nodes = 3) {
  const result = runSchedule(raft, makeContext({ nodes }, []), events, { record: true, freeze: true });
  expect(result.violation).toBeUndefined();
  const state = (result.trace?.at(-1)?.state ?? result.initial) as RaftState;
  return { state, skipped: result.skipped, server: (id: number) => state.servers[id - 1]! };
}

const inbox = (state: RaftState, to: number) =>
  state.network.inboxes[to - 1]!.map((m) => `${m.type} from ${m.from}`);

describe("what can arrive", () => {
  it("a message to a crashed server stays pending and arrives after the restart", () => {
    const down = run([timeout(1), { kind: "crash", server: 2 }, ...settle(1), deliver(1, 2)]);
    expect(down.skipped).toBe(1);
    expect(inbox(down.state, 2)).toEqual(["RequestVote from 1"]);
    expect(down.server(2)).toMatchObject({ currentTerm: 0, votedFor: null });
    const back = run([
      timeout(1),
      { kind: "crash", server: 2 },
      ...settle(1),
      { kind: "restart", server: 2 },
      ...settle(1),
    ]);
    expect(back.server(2)).toMatchObject({ currentTerm: 1, votedFor: 1 });
    // Server 1 won with 3's vote in the same delivery; its first AppendEntries waits for the next.
    expect(inbox(back.state, 2)).toEqual(["AppendEntries from 1"]);
  });

  it("nothing crosses a partition, in either direction, until it heals", () => {
    const cut = run([
      timeout(1),
      { kind: "partition", side: [1] },
      ...settle(1),
      deliver(1, 3),
      { kind: "receive", server: 2 },
    ]);
    expect(cut.skipped).toBe(3);
    expect(cut.server(1).role).toBe("candidate");
    const healed = run([timeout(1), { kind: "partition", side: [1] }, { kind: "heal" }, ...settle(2)]);
    expect(healed.server(1).role).toBe("leader");
  });

  it("deliver names the pick-th pending message from one sender; a server sends nothing to itself", () => {
    const twice: RaftEvent[] = [timeout(1), { kind: "duplicate", from: 1, to: 2, pick: 0 }];
    expect(inbox(run(twice).state, 2)).toEqual(["RequestVote from 1", "RequestVote from 1"]);
    expect(run([...twice, deliver(1, 2, 2)]).skipped).toBe(1);
    expect(run([timeout(1), deliver(1, 1)]).skipped).toBe(1);
    expect(run([timeout(1), deliver(2, 1)]).skipped).toBe(1);
  });
});

describe("what is sent", () => {
  it("receive at a crashed server does nothing; its messages wait for the restart", () => {
    const { state, skipped } = run([
      timeout(1),
      { kind: "crash", server: 2 },
      { kind: "receive", server: 2 },
    ]);
    expect(skipped).toBe(1);
    expect(inbox(state, 2)).toEqual(["RequestVote from 1"]);
  });

  it("a leader alone in its cluster has no one to send a heartbeat to: the event changes nothing", () => {
    const { skipped, server } = run([timeout(1), { kind: "heartbeat" }], 1);
    expect(server(1).role).toBe("leader");
    expect(skipped).toBe(1);
  });
});

describe("loss and duplication", () => {
  it("a duplicated RequestVote is granted again: votedFor already names that candidate", () => {
    const { state } = run([
      timeout(1),
      { kind: "duplicate", from: 1, to: 2, pick: 0 },
      deliver(1, 2),
      deliver(1, 2),
    ]);
    expect(state.network.inboxes[0]).toEqual([
      { type: "RequestVoteResponse", from: 2, term: 1, voteGranted: true },
      { type: "RequestVoteResponse", from: 2, term: 1, voteGranted: true },
    ]);
  });

  it("a candidate counts a voter once, however many grants arrive from it", () => {
    const grants: RaftEvent[] = [timeout(1), { kind: "duplicate", from: 1, to: 2, pick: 0 }];
    const { server } = run([...grants, deliver(1, 2), deliver(1, 2), deliver(2, 1), deliver(2, 1)], 5);
    expect(server(1)).toMatchObject({ role: "candidate", votesGranted: 0b11 });
  });

  it("a dropped message never arrives: the candidate without the vote stays a candidate", () => {
    const { server, state } = run([
      timeout(1),
      { kind: "drop", from: 1, to: 2, pick: 0 },
      { kind: "drop", from: 1, to: 3, pick: 0 },
      ...settle(2),
    ]);
    expect(server(1).role).toBe("candidate");
    expect(state.network.inboxes).toEqual([[], [], []]);
    expect(run([timeout(1), { kind: "drop", from: 1, to: 2, pick: 1 }]).skipped).toBe(1);
  });
});

describe("deliver-all", () => {
  it("delivers what is pending now; the replies it causes wait for a later event", () => {
    const { server, state } = run([timeout(1), ...settle(1)]);
    expect(server(1).role).toBe("candidate");
    expect(inbox(state, 1)).toEqual(["RequestVoteResponse from 2", "RequestVoteResponse from 3"]);
  });

  it("a message from a later term deposes the leader that receives it, before it is handled", () => {
    // Server 3 missed the election of term 1: its first timeout reaches term 1 too, its second term 2.
    // Its second RequestVote (pick 1, term 2) reaches leader 1, which adopts term 2 and then grants the vote.
    const { server } = run([
      timeout(1),
      deliver(1, 2),
      deliver(2, 1),
      timeout(3),
      timeout(3),
      deliver(3, 1, 1),
    ]);
    expect(server(1)).toMatchObject({ role: "follower", currentTerm: 2, votedFor: 3 });
  });
});
