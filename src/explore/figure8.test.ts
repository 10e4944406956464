import { describe, expect, it } from "vitest";
import { raft } from "../../models/raft/model.ts";
import { explore } from "./explore.ts";

describe("explore reaches Raft's Figure 8", () => {
  it("finds commit-previous-term within bounds, with a shortest schedule of exactly 29 events", () => {
    const result = explore(raft, {
      fixed: { nodes: 3 },
      flaws: ["commit-previous-term"],
      maxDepth: 40,
      maxStates: 5_000_000,
      bounds: { "max-term": 4, "max-writes": 2, "max-inflight": 2, "max-down": 0, "max-partitioned": 0 },
    });
    expect(result.stoppedBy).toBe("violation");
    expect(result.depthCompleted).toBe(28);
    const cx = result.counterexample!;
    expect(cx.schedule).toHaveLength(29);
    expect(cx.run.violation?.invariant).toBe("leader-completeness");
    expect(result.bytesPerState).toBeLessThanOrEqual(64);
  }, 300_000);
});
