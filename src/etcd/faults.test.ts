import { describe, expect, it } from "vitest";
import { quorumSegments } from "./connectivity.ts";
import { drawSchedule, parseSchedule } from "./faults.ts";

describe("fault timelines", () => {
  it("are drawn from the seed: the same seed gives the same timeline, another seed another", () => {
    const a = drawSchedule(1, 3, 30_000, ["kill", "pause", "partition"]);
    expect(drawSchedule(1, 3, 30_000, ["kill", "pause", "partition"])).toEqual(a);
    expect(drawSchedule(2, 3, 30_000, ["kill", "pause", "partition"])).not.toEqual(a);
  });

  it("undo each fault before the next and end within the duration, partitions leaving a majority", () => {
    for (let seed = 0; seed < 50; seed++) {
      const events = drawSchedule(seed, 5, 20_000, ["kill", "pause", "partition"]);
      const down = new Set<number>();
      let partitioned = false;
      for (const [i, event] of events.entries()) {
        if (i > 0) expect(event.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
        expect(event.at).toBeLessThanOrEqual(20_000);
        if (event.kind === "crash" || event.kind === "pause") down.add(event.member);
        if (event.kind === "restart" || event.kind === "resume") down.delete(event.member);
        if (event.kind === "partition") {
          expect(down.size).toBe(0);
          expect(event.groups[0].length).toBeLessThanOrEqual(2);
          partitioned = true;
        }
        if (event.kind === "heal") partitioned = false;
        if (event.kind === "crash" || event.kind === "pause") expect(partitioned).toBe(false);
        expect(down.size).toBeLessThanOrEqual(3);
      }
      expect(down.size).toBe(0);
      expect(partitioned).toBe(false);
    }
  });

  it("never partition a single member, and draw only the kinds asked for", () => {
    expect(drawSchedule(1, 1, 30_000, ["partition"])).toEqual([]);
    const kinds = new Set(drawSchedule(3, 3, 60_000, ["pause"]).map((e) => e.kind));
    expect(kinds).toEqual(new Set(["pause", "resume"]));
  });

  it("read back from a report only when every event is well formed", () => {
    const events = drawSchedule(1, 3, 30_000, ["kill", "partition"]);
    expect(parseSchedule(JSON.parse(JSON.stringify(events)), 3)).toEqual(events);
    expect(parseSchedule([{ at: 1, kind: "crash", member: 7 }], 3)).toMatch(/malformed/);
    expect(parseSchedule("soon", 3)).toMatch(/not a list/);
  });

  it("give the stretches with a quorum up and connected", () => {
    const segments = quorumSegments(
      3,
      [
        { at: 100, kind: "crash", member: 0 },
        { at: 200, kind: "partition", groups: [[1], [0, 2]] },
        { at: 300, kind: "heal" },
        { at: 400, kind: "restart", member: 0 },
      ],
      1000,
    );
    expect(segments).toEqual([
      { from: 0, to: 200, quorum: true },
      { from: 200, to: 300, quorum: false },
      { from: 300, to: 1000, quorum: true },
    ]);
  });
});
