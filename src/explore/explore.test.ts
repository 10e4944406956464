import { describe, expect, it } from "vitest";
import { type MutexState, mutex } from "../fixtures/mutex.ts";
import type { ByteSink } from "../model.ts";
import { tellStory } from "../report/story.ts";
import { explore } from "./explore.ts";

/** The mutex without its grant counter in the key: a finite state space the search can exhaust. */
const lockOnly = { ...mutex, fingerprint: (s: MutexState) => s.holders.join(",") };
/** …and modulo client renaming: only how many clients hold the lock matters. */
const symmetric = { ...lockOnly, symmetry: (s: MutexState) => String(s.holders.length) };

describe("explore", () => {
  it("finds the shortest counterexample, two grants, as a replayable counterexample", () => {
    const result = explore(mutex, { flaws: ["no-check"] });
    expect(result.stoppedBy).toBe("violation");
    const cx = result.counterexample!;
    expect(cx.schedule).toEqual([
      { kind: "acquire", client: 1 },
      { kind: "acquire", client: 2 },
    ]);
    expect(cx.run.violation?.invariant).toBe("mutual-exclusion");
    expect(tellStory(mutex, cx).steps).toHaveLength(2);
    expect(result.depthCompleted).toBe(1);
  });

  it("proves the correct model clean to the depth bound and says the bound stopped it", () => {
    const result = explore(mutex, { maxDepth: 6 });
    expect(result.counterexample).toBeUndefined();
    expect(result.stoppedBy).toBe("max-depth");
    expect(result.depthCompleted).toBe(6);
    // The grant counter in the state keeps states new: a grant to 1 or 2, then the release, again and again.
    expect(result.levels).toEqual([1, 2, 1, 2, 1, 2, 1]);
    expect(result.witnesses.handover).toBe(3);
  });

  it("exhausts a finite state space keyed by the model's fingerprint", () => {
    const result = explore(lockOnly, { fixed: { clients: 3 } });
    expect(result.keying).toBe("fingerprint");
    expect(result.stoppedBy).toBe("exhausted");
    expect(result.states).toBe(4);
    expect(result.depthCompleted).toBe(1);
  });

  it("symmetry reduction merges states that differ only by client ids, and can be switched off", () => {
    expect(explore(symmetric, { fixed: { clients: 3 } })).toMatchObject({ keying: "symmetry", states: 2 });
    expect(explore(symmetric, { fixed: { clients: 3 }, symmetry: false }).states).toBe(4);
  });

  it("a model's byte encoder keys the states like its string keys would", () => {
    const encoded = {
      ...mutex,
      extensions: {
        encoder: {
          encode: (s: MutexState, out: ByteSink) => {
            out.int(s.holders.length);
            for (const h of s.holders) out.int(h);
          },
          canonical: (s: MutexState, out: ByteSink) => out.int(s.holders.length),
        },
      },
    };
    expect(explore(encoded, { fixed: { clients: 3 } })).toMatchObject({ keying: "symmetry", states: 2 });
    expect(explore(encoded, { fixed: { clients: 3 }, symmetry: false })).toMatchObject({
      keying: "fingerprint",
      states: 4,
      stoppedBy: "exhausted",
    });
  });

  it("stops at --max-states and says which depth was complete", () => {
    const result = explore(mutex, { fixed: { clients: 4 }, maxStates: 6 });
    expect(result).toMatchObject({ stoppedBy: "max-states", states: 6, depthCompleted: 1 });
  });

  it("checks transition invariants on every edge, not only on the first path to a state", () => {
    // Holding is fine; what breaks is client 2 taking over directly from client 1 with no release between.
    const noDirectHandover = {
      ...lockOnly,
      invariants: [
        {
          name: "no-direct-handover",
          doc: "test only",
          check: (s: MutexState, prev: MutexState) =>
            prev.holders.includes(1) && s.holders.includes(2) ? "2 took over from 1" : undefined,
        },
      ],
    };
    const result = explore(noDirectHandover, { flaws: ["no-check"] });
    expect(result.counterexample?.run.violation?.invariant).toBe("no-direct-handover");
  });

  it("an initial state that breaks an invariant is a counterexample of no events", () => {
    const broken = { ...mutex, init: () => ({ holders: [1, 2], history: { grants: 2 } }) };
    const result = explore(broken);
    expect(result).toMatchObject({ stoppedBy: "violation", depthCompleted: 0, states: 1 });
    expect(result.counterexample?.schedule).toEqual([]);
    expect(result.counterexample?.run.violation).toMatchObject({ step: 0, invariant: "mutual-exclusion" });
  });

  it("refuses a model that does not list its enabled events", () => {
    expect(() => explore({ ...mutex, enabled: undefined })).toThrow(/no enabled\(\)/);
  });
});
