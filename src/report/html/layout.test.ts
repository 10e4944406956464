import { describe, expect, it } from "vitest";
import type { RaftEvent } from "../../../models/raft/events.ts";
import { raft } from "../../../models/raft/model.ts";
import { check, replayTwice } from "../../engine/check.ts";
import { mutex } from "../../fixtures/mutex.ts";
import { layOutHistory } from "./history.ts";
import { layOut } from "./layout.ts";
import { renderHtml } from "./page.ts";

function counterexample(schedule: readonly RaftEvent[]) {
  const config = { nodes: 3 };
  return { config, flaws: [], schedule, run: replayTwice(raft, config, [], schedule) };
}

describe("timeline layout", () => {
  it("draws a model without a timeline hook on one lane, one row per step that did something", () => {
    const cx = check(mutex, { seed: 1, flaws: ["no-check"] }).counterexample!;
    const data = layOut(mutex, cx);
    const done = (cx.run.trace ?? []).filter((s) => !s.skipped);
    expect(data.lanes).toEqual([{ id: "model", label: "mutex" }]);
    expect(data.rows).toHaveLength(done.length + 1);
    expect(data.rows.slice(1).every((r) => r.lane === "model" && r.changes.length > 0)).toBe(true);
    expect(data.arrows).toEqual([]);
    expect(data.rows[data.violationRow!]!.index).toBe(cx.run.violation!.step);
  });

  it("follows each message from send to arrival, loss or the end, and marks duplicates", () => {
    const data = layOut(
      raft,
      counterexample([
        { kind: "timeout", server: 1 },
        { kind: "duplicate", from: 1, to: 2, pick: 0 },
        { kind: "drop", from: 1, to: 3, pick: 0 },
        { kind: "deliver", from: 1, to: 2, pick: 0 },
      ]),
    );
    const fates = data.arrows.map((a) => [a.from, a.to, a.sent, a.ended, a.fate, a.duplicate]);
    expect(fates).toEqual([
      ["s1", "s3", 1, 3, "lost", false],
      ["s1", "s2", 1, 4, "delivered", false],
      ["s1", "s2", 2, 4, "pending", true],
      ["s2", "s1", 4, 4, "pending", false],
    ]);
    expect(data.rows[1]!.notes).toEqual({ s1: "C t1" });
  });

  it("shades a crash as a span on its server's lane until the restart", () => {
    const data = layOut(
      raft,
      counterexample([
        { kind: "crash", server: 2 },
        { kind: "timeout", server: 1 },
        { kind: "restart", server: 2 },
      ]),
    );
    expect(data.spans).toEqual([{ lane: "s2", label: "crashed", first: 1, last: 2 }]);
  });

  it("writes a page that needs nothing from the network", () => {
    const cx = check(mutex, { seed: 1, flaws: ["no-check"] }).counterexample!;
    const facts = {
      model: "mutex",
      config: cx.config,
      flaws: cx.flaws,
      invariant: { name: "mutual-exclusion", message: "two hold it", doc: "at most one" },
      seed: 1,
      path: null,
      runsToDetection: null,
      shrink: null,
      replay: "npx faultline replay x.json",
    };
    const html = renderHtml(mutex, cx, facts);
    expect(html).not.toMatch(/\b(src|href)=|@import|url\((?!#)/);
    expect(html).toContain("✗ violation");
  });

  it("lays a client history out as operation bars by outcome, fault spans and the failing window", () => {
    const data = layOutHistory({
      clients: ["c1", "c2"],
      ops: [
        { client: "c1", invoke: 0, complete: 20, outcome: "ok", label: "put x=1" },
        { client: "c2", invoke: 10, complete: undefined, outcome: "info", label: "get x" },
      ],
      faults: [{ label: "partition", from: 5, to: 15 }],
      window: { from: 10, to: 20 },
      secondsPerUnit: 0.001,
    });
    expect(data.rows.map((r) => r.seconds)).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    expect(data.spans.map((s) => [s.lane, s.kind ?? "fault", s.first, s.last])).toEqual([
      ["c1", "ok", 0, 4],
      ["c2", "info", 2, 4],
      ["nemesis", "fault", 1, 3],
      ["c1", "window", 2, 4],
      ["c2", "window", 2, 4],
    ]);
  });
});
