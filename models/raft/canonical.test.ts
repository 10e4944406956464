import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { explore } from "../../src/explore/explore.ts";
import { schedules } from "../../src/testing.ts";
import { fingerprint, symmetry } from "./canonical.ts";
import type { RaftEvent } from "./events.ts";
import { raft } from "./model.ts";
import type { RaftState, Server } from "./state.ts";

const ctx = makeContext({ nodes: 3 }, []);
/** Raft explored through its string keys (its byte encoder left out, which the explorer would prefer). */
const explorable = { ...raft, fingerprint, symmetry, extensions: { ...raft.extensions, encoder: undefined } };

/** `rename[id]` is the new id of server `id`. */
type Renaming = readonly number[];

function renameMask(bits: number, rename: Renaming): number {
  let out = 0;
  for (let id = 1; id < rename.length; id++) if ((bits >> (id - 1)) & 1) out |= 1 << (rename[id]! - 1);
  return out;
}

function renameState(state: RaftState, rename: Renaming): RaftState {
  const n = state.servers.length;
  const perServer = (values: readonly number[]) => {
    if (values.length === 0) return values;
    const out = values.slice();
    values.forEach((v, i) => {
      out[rename[i + 1]! - 1] = v;
    });
    return out;
  };
  const servers: Server[] = state.servers.slice();
  state.servers.forEach((s, i) => {
    servers[rename[i + 1]! - 1] = {
      ...s,
      votedFor: s.votedFor === null ? null : rename[s.votedFor]!,
      votesGranted: renameMask(s.votesGranted, rename),
      nextIndex: perServer(s.nextIndex),
      matchIndex: perServer(s.matchIndex),
    };
  });
  const inboxes = state.network.inboxes.slice();
  state.network.inboxes.forEach((inbox, i) => {
    inboxes[rename[i + 1]! - 1] = inbox.map((m) => ({ ...m, from: rename[m.from]! }));
  });
  const partition = renameMask(state.network.partition, rename);
  return {
    ...state,
    servers,
    network: {
      partition: partition === 0 || partition & 1 ? partition : ((1 << n) - 1) ^ partition,
      inboxes,
    },
    history: {
      ...state.history,
      elections: state.history.elections.map((e) => ({ ...e, leader: rename[e.leader]! })),
    },
  };
}

function renameEvent(event: RaftEvent, rename: Renaming): RaftEvent {
  if ("server" in event) return { ...event, server: rename[event.server] ?? event.server };
  if ("from" in event)
    return { ...event, from: rename[event.from] ?? event.from, to: rename[event.to] ?? event.to };
  if (event.kind === "partition") return { ...event, side: event.side.map((id) => rename[id] ?? id) };
  return event;
}

const renamings = fc.constantFrom<Renaming>(
  [0, 1, 3, 2],
  [0, 2, 1, 3],
  [0, 2, 3, 1],
  [0, 3, 1, 2],
  [0, 3, 2, 1],
);

describe("raft canonical keys", () => {
  // `deliver-all` handles the inboxes in id order, so the order in which the replies it causes
  // queue up depends on the ids: it is the one event kind that does not commute with renaming.
  test.prop([schedules(raft, { fixed: { nodes: 3 } }), renamings], { numRuns: 150, seed: 1 })(
    "Raft commutes with renaming servers, and the symmetry key cannot tell renamed states apart",
    (run, rename) => {
      let state = raft.init(ctx);
      let renamed = state;
      for (const event of run.schedule as RaftEvent[]) {
        if (event.kind === "deliver-all") continue;
        state = raft.step(state, event, ctx);
        renamed = raft.step(renamed, renameEvent(event, rename), ctx);
        expect(fingerprint(renamed, ctx)).toBe(fingerprint(renameState(state, rename), ctx));
        expect(symmetry(renamed, ctx)).toBe(symmetry(state, ctx));
      }
    },
  );

  test.prop([schedules(raft, { fixed: { nodes: 3 } })], { numRuns: 50, seed: 2 })(
    "the keys read every field the state has (a new field must be added to canonical.ts)",
    (run) => {
      let state = raft.init(ctx);
      for (const event of run.schedule as RaftEvent[]) {
        state = raft.step(state, event, ctx);
        expect(Object.keys(state).sort()).toEqual(["history", "network", "servers", "writes"]);
        expect(Object.keys(state.history).sort()).toEqual(["acked", "committed", "elections", "heals"]);
        expect(Object.keys(state.network).sort()).toEqual(["inboxes", "partition"]);
        for (const s of state.servers)
          expect(Object.keys(s).sort()).toEqual([
            "commitIndex",
            "currentTerm",
            "log",
            "matchIndex",
            "nextIndex",
            "role",
            "up",
            "votedFor",
            "votesGranted",
          ]);
        for (const inbox of state.network.inboxes)
          for (const m of inbox) expect(Object.keys(m).sort()).toEqual(messageFields[m.type]);
      }
    },
  );

  it("a step that changes the state changes its fingerprint", () => {
    const start = raft.init(ctx);
    const after = raft.step(start, { kind: "timeout", server: 2 }, ctx);
    expect(fingerprint(after, ctx)).not.toBe(fingerprint(start, ctx));
  });

  it("symmetry merges the same election started by different servers; the fingerprint does not", () => {
    const start = raft.init(ctx);
    const by1 = raft.step(start, { kind: "timeout", server: 1 }, ctx);
    const by3 = raft.step(start, { kind: "timeout", server: 3 }, ctx);
    expect(symmetry(by1, ctx)).toBe(symmetry(by3, ctx));
    expect(fingerprint(by1, ctx)).not.toBe(fingerprint(by3, ctx));
  });

  it("the explorer with symmetry finds the same shortest counterexample as without", () => {
    const options = { fixed: { nodes: 3 }, flaws: ["minority-quorum"], maxDepth: 4 };
    const reduced = explore(explorable, options);
    const full = explore(explorable, { ...options, symmetry: false });
    expect(reduced.counterexample?.schedule).toHaveLength(2);
    expect(full.counterexample?.schedule).toHaveLength(2);
    expect(reduced.counterexample?.run.violation?.invariant).toBe(
      full.counterexample?.run.violation?.invariant,
    );
  });

  it("the correct model is clean to depth 4, with about a sixth of the states under symmetry", () => {
    const reduced = explore(explorable, { fixed: { nodes: 3 }, maxDepth: 4 });
    const full = explore(explorable, { fixed: { nodes: 3 }, maxDepth: 4, symmetry: false });
    expect(reduced).toMatchObject({ stoppedBy: "max-depth", depthCompleted: 4, counterexample: undefined });
    expect(full.counterexample).toBeUndefined();
    expect(reduced.states * 4).toBeLessThan(full.states);
  });
});

const messageFields: Record<string, string[]> = {
  RequestVote: ["from", "lastLogIndex", "lastLogTerm", "term", "type"],
  RequestVoteResponse: ["from", "term", "type", "voteGranted"],
  AppendEntries: ["entries", "from", "leaderCommit", "prevLogIndex", "prevLogTerm", "term", "type"],
  AppendEntriesResponse: ["from", "index", "lastLogIndex", "success", "term", "type"],
};
