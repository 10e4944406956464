/**
 * Every safety property of the Raft paper's Figure 3 (https://raft.github.io/raft.pdf) shown with
 * its teeth: a bug from the catalogue (flaws.ts) on a short schedule, and the exact words a person
 * reads when it breaks. The golden stories (stories/flaw-*.txt) pin the other flaws' stories.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import { withOnly } from "../../src/testing.ts";
import type { RaftEvent } from "./events.ts";
import type { RaftFlaw } from "./flaws.ts";
import { raft } from "./model.ts";

const timeout = (server: number): RaftEvent => ({ kind: "timeout", server });
const write = (server: number): RaftEvent => ({ kind: "client-write", server });
const settle = (times: number): RaftEvent[] => Array.from({ length: times }, () => ({ kind: "deliver-all" }));
const cut = (...side: number[]): RaftEvent => ({ kind: "partition", side });
const heartbeat: RaftEvent = { kind: "heartbeat" };

function violation(nodes: number, flaw: RaftFlaw, events: readonly RaftEvent[], model = raft) {
  return runSchedule(model, makeContext({ nodes }, [flaw]), events).violation;
}

describe("the violation names what broke, in the paper's words", () => {
  it("log-matching (§5.3): with no-truncate a follower keeps a stale entry after the one it overwrote", () => {
    // Shrunk by `faultline check raft --flaw no-truncate --seed 1`: server 1 takes t2 v3 at index 1 from
    // the leader of term 2 but keeps t1 v2 at index 2, which server 2 holds after t1 v1.
    const events: RaftEvent[] = [
      timeout(1),
      ...settle(2),
      { kind: "client-write-newest" },
      { kind: "client-write-newest" },
      timeout(3),
      cut(3, 4, 5),
      ...settle(2),
      write(3),
      heartbeat,
      ...settle(1),
      timeout(2),
      { kind: "heal" },
      timeout(2),
      ...settle(1),
    ];
    expect(violation(5, "no-truncate", events)).toEqual({
      step: 16,
      invariant: "log-matching",
      message:
        "servers 1 and 2 both hold an entry of term 1 at index 2 but differ at index 1: t2 v3 vs t1 v1",
      also: [],
    });
  });

  it("quorum-commit (§5.3): a write acknowledged by a deposed leader is missing from the newer leader's log", () => {
    // Server 1 leads term 1 and is cut off; server 2 wins term 2; only then does server 1 take (and,
    // with ack-before-commit, acknowledge) a write that can never reach a majority.
    const events = [timeout(1), ...settle(2), cut(1), timeout(2), ...settle(2), write(1)];
    expect(violation(3, "ack-before-commit", events)).toEqual({
      step: 8,
      invariant: "quorum-commit",
      message: "write v1 was acknowledged in term 1, but leader 2 of the later term 2 did not hold it",
      also: [],
    });
  });

  it("leader-completeness (§5.4): with minority-quorum, half of four servers commits under the other half's newer leader", () => {
    const events = [
      timeout(1),
      cut(1, 2),
      ...settle(2),
      timeout(3),
      timeout(3),
      ...settle(2),
      write(1),
      heartbeat,
      ...settle(2),
    ];
    expect(violation(4, "minority-quorum", events)).toEqual({
      step: 12,
      invariant: "leader-completeness",
      message:
        "entry t1 v1 at index 1 was committed in term 1, but leader 3 of the later term 2 did not hold it",
      also: [
        {
          invariant: "quorum-commit",
          message: "server 1 committed t1 v1 at index 1 stored on 2 of 4 servers (a quorum is 3)",
        },
      ],
    });
  });

  it("state-machine-safety (§5.4.3): after Figure 8's wrong commit, a later leader commits another entry at index 1", () => {
    // Found by properties/raft.test.ts's hunt (state-machine-safety alone, seed 1).
    const events: RaftEvent[] = [
      timeout(2),
      ...settle(2),
      write(2),
      timeout(1),
      ...settle(2),
      { kind: "client-write-newest" },
      timeout(2),
      ...settle(4),
      { kind: "receive", server: 3 },
      timeout(1),
      ...settle(5),
    ];
    const only = withOnly(raft, "state-machine-safety");
    expect(violation(3, "commit-previous-term", events, only)).toEqual({
      step: 20,
      invariant: "state-machine-safety",
      message: "server 2 has t2 v2 committed at index 1, where t1 v1 was committed before",
      also: [],
    });
  });
});

describe("the properties speak of later terms only", () => {
  it("a stale candidate may still win term 1 after term 2 committed v1 without it: no violation, the reign ends at the first reply", () => {
    // Server 2's vote for 1 in term 1 is delayed across a partition while 2 and 3 move on to term 2 and commit v1.
    const events: RaftEvent[] = [
      timeout(1),
      { kind: "deliver", from: 1, to: 2, pick: 0 },
      cut(1),
      timeout(2),
      ...settle(2),
      write(2),
      heartbeat,
      ...settle(2),
      { kind: "heal" },
      { kind: "deliver", from: 2, to: 1, pick: 0 },
    ];
    const ctx = makeContext({ nodes: 3 }, []);
    const won = runSchedule(raft, ctx, events, { record: true });
    expect(won.violation).toBeUndefined();
    const state = won.trace!.at(-1)!.state;
    expect(state.history.elections.map((e) => [e.term, e.leader])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(state.history.committed).toEqual([{ term: 2, command: "v1", commitTerm: 2 }]);
    const deposed = runSchedule(raft, ctx, [...events, ...settle(2)], { record: true });
    expect(deposed.violation).toBeUndefined();
    expect(deposed.trace!.at(-1)!.state.servers[0]).toMatchObject({ role: "follower", currentTerm: 2 });
  });

  it("a follower that already adopted term 2 may drop its stale suffix: leader-append-only binds leaders only (Figure 7)", () => {
    const events: RaftEvent[] = [
      timeout(1),
      ...settle(2),
      cut(1),
      write(1),
      write(1),
      timeout(2),
      ...settle(2),
      write(2),
      { kind: "heal" },
      { kind: "deliver", from: 2, to: 1, pick: 0 },
      heartbeat,
      ...settle(1),
    ];
    const result = runSchedule(raft, makeContext({ nodes: 3 }, []), events, { record: true });
    expect(result.violation).toBeUndefined();
    const [before, after] = result.trace!.slice(-2).map((s) => s.state.servers[0]!);
    expect([before!.currentTerm, before!.log.length]).toEqual([2, 2]);
    expect(after).toMatchObject({ role: "follower", currentTerm: 2, log: [{ term: 2, command: "v3" }] });
  });

  it("a later leader holding an acknowledged write breaks nothing", () => {
    const events = [timeout(1), ...settle(2), write(1), heartbeat, ...settle(2), timeout(2), ...settle(2)];
    const result = runSchedule(raft, makeContext({ nodes: 3 }, []), events, { record: true });
    expect(result.violation).toBeUndefined();
    const { history } = result.trace!.at(-1)!.state;
    expect(history.acked).toEqual([{ index: 1, term: 1, command: "v1", ackTerm: 1 }]);
    expect(history.elections.map((e) => [e.term, e.leader, e.log.length])).toEqual([
      [1, 1, 0],
      [2, 2, 1],
    ]);
  });
});
