import { describe, expect, it } from "vitest";
import { type MutexState, mutex } from "../fixtures/mutex.ts";
import { parseBounds } from "./bounds.ts";
import { explore } from "./explore.ts";

/** The mutex with a state constraint on its grant counter, the one thing that keeps its space infinite. */
const bounded = {
  ...mutex,
  extensions: {
    constraints: [{ name: "max-grants", doc: "grants so far", measure: (s: MutexState) => s.history.grants }],
  },
};

describe("state constraints", () => {
  it("a bound makes an infinite space finite, and the search says it exhausted it", () => {
    expect(explore(bounded, { maxDepth: 50 }).stoppedBy).toBe("max-depth");
    const result = explore(bounded, { maxDepth: 50, bounds: { "max-grants": 3 } });
    expect(result).toMatchObject({ stoppedBy: "exhausted", depthCompleted: 6 });
    // Free, then a holder after each of three grants, then free after each: 1 + 3 × 2 states of 2 clients' mutex.
    expect(result.levels).toEqual([1, 2, 1, 2, 1, 2, 1]);
  });

  it("states beyond a bound are neither counted nor checked", () => {
    const result = explore(bounded, { flaws: ["no-check"], bounds: { "max-grants": 1 } });
    expect(result).toMatchObject({ stoppedBy: "exhausted", states: 4, counterexample: undefined });
  });

  it("reads NAME=N and refuses what the model does not declare", () => {
    expect(parseBounds(bounded, ["max-grants=4"])).toEqual({ "max-grants": 4 });
    expect(() => parseBounds(bounded, ["max-grants"])).toThrow(/--bound takes NAME=N/);
    expect(() => parseBounds(bounded, ["max-nope=1"])).toThrow(/unknown bound 'max-nope'.*known: max-grants/);
    expect(() => parseBounds(mutex, ["max-grants=1"])).toThrow(/declares no state constraints/);
  });
});

describe("iterative deepening", () => {
  it("finds the same shortest counterexample as breadth-first search", () => {
    const bfs = explore(mutex, { fixed: { clients: 3 }, flaws: ["no-check"] });
    const dfs = explore(mutex, { fixed: { clients: 3 }, flaws: ["no-check"], dfs: true });
    expect(dfs.search).toBe("dfs");
    expect(dfs.counterexample?.schedule).toHaveLength(bfs.counterexample!.schedule.length);
    expect(dfs.counterexample?.run.violation?.invariant).toBe("mutual-exclusion");
  });

  it("sees exactly the states breadth-first search sees at equal depth, and exhausts the same bounded space", () => {
    for (const depth of [3, 6]) {
      const bfs = explore(bounded, { fixed: { clients: 3 }, maxDepth: depth });
      const dfs = explore(bounded, { fixed: { clients: 3 }, maxDepth: depth, dfs: true });
      expect([dfs.states, dfs.levels, dfs.stoppedBy]).toEqual([bfs.states, bfs.levels, bfs.stoppedBy]);
    }
    const options = { fixed: { clients: 3 }, maxDepth: 50, bounds: { "max-grants": 2 } };
    expect(explore(bounded, { ...options, dfs: true })).toMatchObject({
      stoppedBy: "exhausted",
      states: explore(bounded, options).states,
    });
  });
});
