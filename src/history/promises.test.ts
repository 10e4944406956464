import { describe, expect, it } from "vitest";
import { history, lostWrite, read, write } from "./fixtures.ts";
import type { WatchLog } from "./history.ts";
import {
  distinctWriteRevisions,
  quorumRule,
  revisionsMonotonic,
  watchesDeliverEveryChange,
} from "./promises.ts";

const watch = (key: string, events: [number, string][]): WatchLog => ({
  key,
  fromRevision: 1,
  compactedAt: null,
  events: events.map(([revision, value], i) => ({ revision, value, at: 100 + i })),
});

describe("etcd's promises", () => {
  const a = write("k", "a", { invoke: 0, complete: 1, client: 0, revision: 2 });
  const b = write("k", "b", { invoke: 2, complete: 3, client: 1, revision: 3 });

  it("hold on a clean run", () => {
    const h = history(
      [a, b, read("k", "b", { invoke: 4, complete: 5, client: 0, revision: 3 })],
      [
        watch("k", [
          [2, "a"],
          [3, "b"],
        ]),
      ],
    );
    expect(revisionsMonotonic(h).holds).toBe(true);
    expect(distinctWriteRevisions(h).holds).toBe(true);
    expect(watchesDeliverEveryChange(h).holds).toBe(true);
  });

  it("catch a session whose revision goes backwards", () => {
    const h = history([a, b, read("k", "a", { invoke: 4, complete: 5, client: 1, revision: 2 })]);
    const result = revisionsMonotonic(h);
    expect(result.holds).toBe(false);
    expect(result.detail).toMatch(/client 1's revision went back from 3 .* to 2/);
  });

  it("catch two writes with one revision", () => {
    const h = history([a, write("j", "c", { invoke: 2, complete: 3, client: 1, revision: 2 })]);
    const result = distinctWriteRevisions(h);
    expect(result.holds).toBe(false);
    expect(result.detail).toMatch(/two writes got revision 2/);
  });

  it("catch a watch gap, a duplicate, disorder and a change nobody made", () => {
    const c = write("k", "c", { invoke: 4, complete: 5, client: 0, revision: 4 });
    const ops = [a, b, c];
    const check = (events: [number, string][]) =>
      watchesDeliverEveryChange(history(ops, [watch("k", events)]));
    expect(
      check([
        [2, "a"],
        [4, "c"],
      ]).detail,
    ).toMatch(/skipped revision 3 \(a gap\)/);
    expect(
      check([
        [2, "a"],
        [3, "b"],
        [3, "b"],
      ]).detail,
    ).toMatch(/delivered revision 3 twice/);
    expect(
      check([
        [3, "b"],
        [2, "a"],
      ]).detail,
    ).toMatch(/delivered revision 2 after 3/);
    expect(
      check([
        [2, "a"],
        [3, "b"],
        [4, "c"],
        [5, "z"],
      ]).detail,
    ).toMatch(/a change no client made/);
    expect(check([[2, "a"]]).detail).toMatch(/never delivered revision 3/);
  });

  it("accept a watch delivering a change from a write that got no answer", () => {
    const ops = [a, lostWrite("k", "x", { invoke: 2 })];
    const result = watchesDeliverEveryChange(
      history(ops, [
        watch("k", [
          [2, "a"],
          [3, "x"],
        ]),
      ]),
    );
    expect(result.holds).toBe(true);
  });

  it("catch a write that succeeded without a quorum, and a quorum under which no write succeeds", () => {
    const segments = [
      { from: 0, to: 10, quorum: true },
      { from: 10, to: 5000, quorum: false },
      { from: 5000, to: 10_000, quorum: true },
    ];
    const during = write("k", "x", { invoke: 20, complete: 30, revision: 5 });
    const after = write("k", "y", { invoke: 8000, complete: 8001, revision: 6 });
    expect(
      quorumRule(history([during, after]), segments, { settleMillis: 2000, observeMillis: 1000 }).detail,
    ).toMatch(/a write succeeded while fewer than a quorum/);
    expect(quorumRule(history([]), segments, { settleMillis: 2000, observeMillis: 1000 }).detail).toMatch(
      /yet no write succeeded after 7\.000s/,
    );
    expect(quorumRule(history([after]), segments, { settleMillis: 2000, observeMillis: 1000 }).holds).toBe(
      true,
    );
    // A stretch shorter than settling plus observing is not judged: too short a window to ask for a write.
    expect(quorumRule(history([]), segments, { settleMillis: 2000, observeMillis: 3001 }).holds).toBe(true);
  });
});
