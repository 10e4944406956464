/**
 * Hand-written scenarios pinning the model to the paper's rules (Figure 2, Figure 8, persistence),
 * plus generated checks that `enabled` and event validation agree with the reducer.
 */
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { eventProblem } from "../../src/engine/events.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import { schedules } from "../../src/testing.ts";
import type { RaftEvent } from "./events.ts";
import type { RaftFlaw } from "./flaws.ts";
import { raft } from "./model.ts";
import type { RaftConfig, RaftState } from "./state.ts";

const settle = (times: number): RaftEvent[] => Array.from({ length: times }, () => ({ kind: "deliver-all" }));
const timeout = (server: number): RaftEvent => ({ kind: "timeout", server });
const write = (server: number): RaftEvent => ({ kind: "client-write", server });
const heartbeat: RaftEvent = { kind: "heartbeat" };
const cut = (...side: number[]): RaftEvent => ({ kind: "partition", side });

function run(events: readonly RaftEvent[], nodes = 3, flaws: RaftFlaw[] = []) {
  const result = runSchedule(raft, makeContext({ nodes }, flaws), events, { record: true, freeze: true });
  const last = (result.trace?.at(-1)?.state ?? result.initial) as RaftState;
  return { result, state: last, server: (id: number) => last.servers[id - 1]! };
}

/** Server 1 leads term 1 and writes v1 alone; server 2 wins term 2 with 3; server 1 wins term 3 with 3 and copies v1 to it. */
const figure8: RaftEvent[] = [
  timeout(1),
  ...settle(2),
  cut(1),
  write(1),
  timeout(2),
  ...settle(2),
  cut(1, 3),
  ...settle(2),
  timeout(1),
  ...settle(6),
];

describe("Figure 8: a leader never commits an older-term entry by counting replicas", () => {
  it("leaves v1 (term 1) uncommitted on a majority under the leader of term 3", () => {
    const { result, server } = run(figure8);
    expect(result.violation).toBeUndefined();
    expect(server(1)).toMatchObject({ role: "leader", currentTerm: 3, commitIndex: 0 });
    expect(server(1).log).toEqual([{ term: 1, command: "v1" }]);
    expect(server(3).log).toEqual([{ term: 1, command: "v1" }]);
  });

  it("commits v1 indirectly once an entry of term 3 reaches a majority", () => {
    const { result, server, state } = run([...figure8, write(1), heartbeat, ...settle(2)]);
    expect(result.violation).toBeUndefined();
    expect(server(1).commitIndex).toBe(2);
    expect(state.history.committed.map((c) => [c.command, c.commitTerm])).toEqual([
      ["v1", 3],
      ["v2", 3],
    ]);
  });

  it("with the flaw, commits v1 by counting its replicas", () => {
    expect(run(figure8, 3, ["commit-previous-term"]).server(1).commitIndex).toBe(1);
  });
});

describe("elections", () => {
  it("grants at most one vote per term", () => {
    const { server, state } = run([
      timeout(1),
      timeout(2),
      { kind: "deliver", from: 1, to: 3, pick: 0 },
      { kind: "deliver", from: 2, to: 3, pick: 0 },
    ]);
    expect(server(3)).toMatchObject({ currentTerm: 1, votedFor: 1 });
    expect(state.network.inboxes[0]!.filter((m) => m.from === 3)).toEqual([
      { type: "RequestVoteResponse", from: 3, term: 1, voteGranted: true },
    ]);
    expect(state.network.inboxes[1]!.filter((m) => m.from === 3)).toEqual([
      { type: "RequestVoteResponse", from: 3, term: 1, voteGranted: false },
    ]);
  });

  it("refuses a candidate whose log is less up to date", () => {
    const { server } = run([
      timeout(1),
      ...settle(2),
      cut(1, 2),
      write(1),
      heartbeat,
      ...settle(2),
      { kind: "heal" },
      timeout(3),
      ...settle(2),
    ]);
    expect(server(1).commitIndex).toBe(1);
    expect(server(3)).toMatchObject({ role: "candidate", currentTerm: 2, log: [] });
    expect([server(1).votedFor, server(2).votedFor]).toEqual([null, null]);
  });

  it("a single server elects itself and commits alone", () => {
    const { server, state } = run([timeout(1), write(1)], 1);
    expect(server(1)).toMatchObject({ role: "leader", currentTerm: 1, commitIndex: 1 });
    expect(state.history.acked.map((a) => a.command)).toEqual(["v1"]);
  });
});

describe("replication", () => {
  it("a write only appends at the leader; the next heartbeat carries it", () => {
    const { server } = run([timeout(1), ...settle(2), write(1), ...settle(2)]);
    expect(server(1)).toMatchObject({ log: [{ term: 1, command: "v1" }], commitIndex: 0 });
    expect(server(2).log).toEqual([]);
    const { server: after } = run([timeout(1), ...settle(2), write(1), heartbeat, ...settle(1)]);
    expect(after(2).log).toEqual([{ term: 1, command: "v1" }]);
  });

  it("client-write-newest goes to the running leader of the highest term; receive takes the oldest deliverable message", () => {
    const events: RaftEvent[] = [
      timeout(1),
      ...settle(2),
      cut(1),
      timeout(2),
      ...settle(2),
      { kind: "client-write-newest" },
    ];
    const { server, state } = run(events);
    expect(server(1)).toMatchObject({ role: "leader", currentTerm: 1, log: [] });
    expect(server(2)).toMatchObject({ role: "leader", currentTerm: 2, log: [{ term: 2, command: "v1" }] });
    // Across the cut nothing can arrive at server 1; after the heal its oldest message (of term 2) deposes it.
    const blocked = run([...events, { kind: "receive", server: 1 }]).result;
    expect(blocked.skipped).toBe(run(events).result.skipped + 1);
    const healed = run([...events, { kind: "heal" }, { kind: "receive", server: 1 }]);
    expect(healed.server(1)).toMatchObject({ role: "follower", currentTerm: 2 });
    expect(healed.state.network.inboxes[0]).toHaveLength(state.network.inboxes[0]!.length - 1);
  });

  it("rejects an AppendEntries from an older term and tells the sender the newer term", () => {
    const { server, state } = run([
      timeout(1),
      ...settle(2),
      timeout(3),
      { kind: "deliver", from: 1, to: 3, pick: 0 },
    ]);
    expect(server(3)).toMatchObject({ role: "candidate", currentTerm: 2, log: [] });
    expect(state.network.inboxes[0]!.at(-1)).toMatchObject({
      from: 3,
      type: "AppendEntriesResponse",
      term: 2,
      success: false,
    });
  });

  it("a follower deletes a conflicting suffix and takes the leader's entries", () => {
    const { result, server } = run([
      timeout(1),
      ...settle(2),
      cut(1),
      write(1),
      write(1),
      timeout(2),
      ...settle(2),
      write(2),
      { kind: "heal" },
      { kind: "heartbeat" },
      ...settle(1),
    ]);
    expect(result.violation).toBeUndefined();
    expect(server(1).log).toEqual([{ term: 2, command: "v3" }]);
    expect(server(1).role).toBe("follower");
  });

  it("acknowledges a write only once it is committed", () => {
    const { state } = run([timeout(1), ...settle(2), write(1), heartbeat, ...settle(1)]);
    expect(state.history.acked).toEqual([]);
    const { state: later } = run([timeout(1), ...settle(2), write(1), heartbeat, ...settle(2)]);
    expect(later.history.acked.map((a) => a.command)).toEqual(["v1"]);
  });
});

describe("crash and restart", () => {
  it("keep currentTerm, votedFor and the log; lose role and commitIndex", () => {
    const elected = [timeout(1), ...settle(2), write(1), heartbeat, ...settle(2)];
    const before = run(elected).server(1);
    expect(before).toMatchObject({ role: "leader", commitIndex: 1 });
    const crashed = run([...elected, { kind: "crash", server: 1 }]).server(1);
    expect(crashed).toMatchObject({ up: false, role: "follower", commitIndex: 0 });
    expect([crashed.currentTerm, crashed.votedFor, crashed.log]).toEqual([before.currentTerm, 1, before.log]);
    const restarted = run([...elected, { kind: "crash", server: 1 }, { kind: "restart", server: 1 }]).server(
      1,
    );
    expect(restarted).toMatchObject({ up: true, role: "follower", commitIndex: 0, votedFor: 1 });
  });

  it("with forget-vote, the restarted server has forgotten its vote", () => {
    const { server } = run([timeout(1), ...settle(1), { kind: "crash", server: 2 }], 3, ["forget-vote"]);
    expect(server(2)).toMatchObject({ currentTerm: 1, votedFor: null });
  });
});

describe("the event vocabulary", () => {
  test.prop([schedules(raft, { maxSteps: 60 })], { numRuns: 150, seed: 3 })(
    "enabled lists exactly the events that change the state",
    ({ config, schedule }) => {
      const ctx = { config: config as unknown as RaftConfig, flaws: new Set<RaftFlaw>() };
      let state = raft.init(ctx);
      for (const event of schedule as RaftEvent[]) {
        const enabled = raft.enabled!(state, ctx);
        for (const e of enabled) expect(raft.step(state, e, ctx), JSON.stringify(e)).not.toBe(state);
        const next = raft.step(state, event, ctx);
        // A changing event is enabled, perhaps under another name (a partition named by either side);
        // `deliver-all` is a run of single deliveries, so only its first delivery need be listed.
        const same = (e: RaftEvent) => JSON.stringify(raft.step(state, e, ctx)) === JSON.stringify(next);
        if (next !== state && event.kind !== "deliver-all")
          expect(enabled.some(same), JSON.stringify(event)).toBe(true);
        if (next !== state && event.kind === "deliver-all")
          expect(enabled.some((e) => e.kind === "deliver")).toBe(true);
        state = next;
      }
    },
  );

  it("names the problem in a bad event read from a file", () => {
    const problem = (event: object) => eventProblem(raft, event, { nodes: 3 });
    expect(problem({ kind: "timeout", server: 9 })).toMatch(/server must be/);
    expect(problem({ kind: "deliver", from: 1, to: 1, pick: 0 })).toMatch(/different/);
    expect(problem({ kind: "deliver", from: 1, to: 2, pick: -1 })).toMatch(/pick/);
    expect(problem({ kind: "partition", side: [] })).toMatch(/side/);
    expect(problem({ kind: "partition", side: [2, 2] })).toMatch(/twice/);
    expect(problem({ kind: "crash", server: 2 })).toBeUndefined();
  });
});

describe("the story's words", () => {
  const ctx = makeContext({ nodes: 3 }, []);
  const words = (event: RaftEvent, before: RaftState = raft.init(ctx)) =>
    raft.describeEvent(event, before, ctx);
  const leader1 = run([timeout(1), ...settle(2)]).state;

  it("a partition names only servers of the run, each side once, singular or plural", () => {
    expect(words(cut(1, 2, 5))).toBe("the network cuts servers 1 and 2 off from server 3");
    expect(words(cut(2))).toBe("the network cuts server 2 off from servers 1 and 3");
  });

  it("a skipped event says what it tried and why nothing happened", () => {
    expect(words(write(2), leader1)).toBe(
      "a client sends a write to server 2: nothing happens, server 2 is a follower (term 1)",
    );
    expect(words({ kind: "heal" })).toBe("the partition heals: nothing happens, there is no partition");
    expect(words(write(1), leader1)).toBe("a client sends a write to server 1");
  });

  it("entries read t<term> <command>, log positions index <i> (t<term>)", () => {
    const { state } = run([timeout(1), ...settle(2), write(1), heartbeat]);
    const view = raft.view(state, ctx) as {
      servers: Record<string, { log: string[] }>;
      network: Record<string, string[]>;
    };
    expect(view.servers["1"]!.log).toEqual(["t1 v1"]);
    expect(view.network["→2"]).toContain("from 1: AppendEntries t1 prev index 0 [t1 v1] commit index 0");
  });
});
