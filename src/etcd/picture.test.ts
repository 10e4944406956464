import { describe, expect, it } from "vitest";
import type { Operation } from "../history/history.ts";
import { layOutHistory } from "../report/html/history.ts";
import { windowPicture } from "./picture.ts";
import { renderEtcdHtml } from "./report.ts";

const put = (id: number, client: number, value: string, invoke: number, complete: number): Operation => ({
  id,
  client,
  member: client,
  key: "k1",
  input: { kind: "write", value },
  outcome: "ok",
  output: { kind: "write" },
  invoke,
  complete,
});

/** A stale read: client 1 reads the old value after client 0's second write completed. */
const window = {
  key: "k1",
  operations: [
    put(0, 0, "a", 0, 5),
    put(1, 0, "b", 10, 15),
    {
      id: 2,
      client: 1,
      member: 2,
      key: "k1",
      input: { kind: "read" },
      outcome: "ok",
      output: { kind: "read", value: "a" },
      invoke: 20,
      complete: 25,
    } satisfies Operation,
  ],
  culprit: 2,
  explanation: "client 1 read a after b had been written and acknowledged",
};

describe("the picture of a non-linearizable window", () => {
  it("has a lane per client in the window, a bar per operation, the culprit marked, and the faults that overlap it", () => {
    const picture = windowPicture(
      window,
      [
        { at: 8, kind: "partition", groups: [[2], [0, 1]] },
        { at: 30, kind: "heal" },
        { at: 100, kind: "crash", member: 0 },
      ],
      5,
    );
    expect(picture.clients).toEqual(["client 0", "client 1"]);
    expect(picture.ops.map((o) => o.label)).toEqual(["put k1=a", "put k1=b", "✗ get k1 → a"]);
    expect(picture.faults).toEqual([{ label: "partition 2 | 0,1", from: 8, to: 30 }]);
    expect(picture.window).toEqual({ from: 0, to: 25 });
    expect(layOutHistory(picture).lanes.map((l) => l.label)).toContain("client 1");
  });

  it("renders a self-contained page naming what broke", () => {
    const html = renderEtcdHtml(
      {
        members: 3,
        durationMillis: 1000,
        clients: 2,
        keys: 1,
        read: "serializable",
        faults: ["partition"],
        seed: 1,
        etcdVersion: "3.4.23",
      },
      window,
      { applied: [] } as never,
      "npx faultline etcd --schedule r.json",
    );
    expect(html).toMatch(/client 1 read a after b had been written/);
    expect(html).not.toMatch(/<script src=|<link /);
  });
});
