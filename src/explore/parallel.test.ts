import { describe, expect, it } from "vitest";
import { raft } from "../../models/raft/model.ts";
import { rememberSource } from "../engine/model-source.ts";
import { mutex } from "../fixtures/mutex.ts";
import { explore } from "./explore.ts";
import { exploreInParallel } from "./parallel.ts";

rememberSource(raft, new URL("../../models/raft/model.ts", import.meta.url).href);

/** What both searches must agree on exactly. */
function decisions(result: Awaited<ReturnType<typeof exploreInParallel>>) {
  const { states, transitions, levels, stoppedBy, depthCompleted, witnesses, counterexample } = result;
  return {
    states,
    transitions,
    levels,
    stoppedBy,
    depthCompleted,
    witnesses,
    schedule: counterexample?.schedule,
  };
}

describe("breadth-first search over worker threads", () => {
  it("sees exactly the states, transitions and witnesses the one-thread search sees", async () => {
    const options = { fixed: { nodes: 3 }, maxDepth: 6 };
    const parallel = await exploreInParallel(raft, options, 2);
    expect(parallel.states).toBeGreaterThan(5000);
    expect(decisions(parallel)).toEqual(decisions(explore(raft, options)));
  }, 120_000);

  it("finds the same shortest counterexample, event for event", async () => {
    const options = {
      fixed: { nodes: 3 },
      flaws: ["no-up-to-date-check"],
      maxDepth: 30,
      bounds: { "max-term": 2, "max-writes": 1, "max-inflight": 2, "max-down": 1, "max-partitioned": 0 },
    };
    const one = explore(raft, options);
    expect(one.counterexample?.schedule).toHaveLength(15);
    const parallel = await exploreInParallel(raft, options, 3);
    expect(decisions(parallel)).toEqual(decisions(one));
  }, 120_000);

  it("stops at --max-states at the same state", async () => {
    const options = { fixed: { nodes: 3 }, maxDepth: 20, maxStates: 3_333 };
    const parallel = await exploreInParallel(raft, options, 2);
    expect(parallel.stoppedBy).toBe("max-states");
    expect(decisions(parallel)).toEqual(decisions(explore(raft, options)));
  }, 120_000);

  it("refuses, in one line, a model that was built in memory rather than loaded from a module", async () => {
    await expect(exploreInParallel(mutex, {}, 2)).rejects.toThrow(/not loaded from a module/);
  });

  it("a worker that cannot find the model fails the search instead of hanging", async () => {
    const renamed = { ...raft, name: "raft-elsewhere" };
    rememberSource(renamed, new URL("../../models/raft/model.ts", import.meta.url).href);
    await expect(exploreInParallel(renamed, { fixed: { nodes: 3 }, maxDepth: 3 }, 2)).rejects.toThrow(
      /no model 'raft-elsewhere'/,
    );
  }, 120_000);
});
