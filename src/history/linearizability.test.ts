import { describe, expect, it } from "vitest";
import { cas, history, lostWrite, read, write } from "./fixtures.ts";
import { checkLinearizability } from "./linearizability.ts";
import { simulateHistory } from "./simulate.ts";

describe("checkLinearizability", () => {
  it("accepts concurrent writes read in either order", () => {
    const h = history([
      write("k", "a", { invoke: 0, complete: 10, client: 0 }),
      write("k", "b", { invoke: 1, complete: 9, client: 1 }),
      read("k", "a", { invoke: 11, complete: 12, client: 2 }),
    ]);
    expect(checkLinearizability(h).linearizable).toBe(true);
  });

  it("catches a stale read and explains it in plain words", () => {
    const h = history([
      write("k", "a", { invoke: 0, complete: 1, client: 0 }),
      write("k", "b", { invoke: 2, complete: 3, client: 1 }),
      read("k", "a", { invoke: 4, complete: 5, client: 2, member: 2 }),
      read("other", null, { invoke: 4, complete: 5, client: 3 }),
    ]);
    const result = checkLinearizability(h);
    expect(result.linearizable).toBe(false);
    expect(result.window?.key).toBe("k");
    expect(result.window?.operations.map((op) => op.id)).toEqual(h.operations.slice(0, 3).map((op) => op.id));
    expect(result.window?.culprit).toBe(h.operations[2]!.id);
    expect(result.window?.explanation).toMatch(/^Stale read: .*client 2 \(member 3\) read k = "a"/);
  });

  it("names a stale read by revision when the writes overlapped (a serializable read from a cut-off member)", () => {
    // The shape of a window a real run found: the read's writer overlaps the newer write, so real
    // time alone cannot order them, but the read's header revision is below the newer write's.
    const h = history([
      write("k3", "c3-878", { invoke: 5414, complete: 5419, client: 3, revision: 1789 }),
      cas("k3", "c3-878", "c2-1098", true, {
        invoke: 5422,
        complete: 5427,
        client: 2,
        member: 2,
        revision: 1793,
      }),
      cas("k3", "c2-1098", "c3-888", true, { invoke: 5441, complete: 5447, client: 3, revision: 1802 }),
      write("k3", "c2-1104", { invoke: 5444, complete: 5449, client: 2, member: 2, revision: 1803 }),
      read("k3", "c3-888", { invoke: 5449.5, complete: 5451, client: 3, revision: 1802 }),
    ]);
    const result = checkLinearizability(h);
    expect(result.linearizable).toBe(false);
    expect(result.window?.culprit).toBe(h.operations[4]!.id);
    expect(result.window?.explanation).toMatch(
      /^Stale read: .*read k3 = "c3-888" at revision 1802, but .*wrote k3 := "c2-1104" at revision 1803 .*answered from revision 1802, older than that write's 1803/,
    );
  });

  it("catches an acknowledged write that later reads never see", () => {
    const h = history([
      write("k", "a", { invoke: 0, complete: 1 }),
      read("k", "a", { invoke: 2, complete: 3 }),
      write("k", "b", { invoke: 4, complete: 5 }),
      read("k", "a", { invoke: 6, complete: 7 }),
      read("k", "a", { invoke: 8, complete: 9 }),
    ]);
    const result = checkLinearizability(h);
    expect(result.linearizable).toBe(false);
    expect(result.window?.operations).toHaveLength(3);
    expect(result.window?.explanation).toMatch(/acknowledged write was lost/);
  });

  it("lets an unanswered write take effect late, or never", () => {
    const late = history([
      lostWrite("k", "x", { invoke: 0 }),
      read("k", null, { invoke: 5, complete: 6 }),
      read("k", "x", { invoke: 100, complete: 101 }),
    ]);
    const never = history([
      lostWrite("k", "x", { invoke: 0 }),
      read("k", null, { invoke: 100, complete: 101 }),
    ]);
    expect(checkLinearizability(late).linearizable).toBe(true);
    expect(checkLinearizability(never).linearizable).toBe(true);
  });

  it("never lets an unanswered write take effect before it was invoked", () => {
    const h = history([read("k", "x", { invoke: 0, complete: 1 }), lostWrite("k", "x", { invoke: 5 })]);
    const result = checkLinearizability(h);
    expect(result.linearizable).toBe(false);
  });

  it("checks a compare-and-set's answer against the value at its point", () => {
    const swappedWrongly = history([
      write("k", "a", { invoke: 0, complete: 1 }),
      cas("k", "b", "c", true, { invoke: 2, complete: 3 }),
    ]);
    const fine = history([
      write("k", "a", { invoke: 0, complete: 1 }),
      cas("k", "a", "c", true, { invoke: 2, complete: 3 }),
      cas("k", "a", "d", false, { invoke: 4, complete: 5 }),
      read("k", "c", { invoke: 6, complete: 7 }),
    ]);
    expect(checkLinearizability(swappedWrongly).linearizable).toBe(false);
    expect(checkLinearizability(fine).linearizable).toBe(true);
  });

  it("accepts a large made-up linearizable history, and rejects it once one read is made stale", () => {
    const h = simulateHistory({ operations: 2000, clients: 5, keys: 10, seed: 3 });
    expect(checkLinearizability(h).linearizable).toBe(true);
    const ops = [...h.operations];
    // A read that returns the value the key had before its previous completed write.
    const index = ops.findIndex(
      (op, i) =>
        i > 1000 &&
        op.input.kind === "read" &&
        ops.some(
          (w) =>
            w.key === op.key &&
            w.input.kind === "write" &&
            w.outcome === "ok" &&
            w.complete! < op.invoke - 50,
        ),
    );
    const victim = ops[index]!;
    ops[index] = { ...victim, output: { kind: "read", value: "never-written" } };
    const result = checkLinearizability({ ...h, operations: ops });
    expect(result.linearizable).toBe(false);
    expect(result.window?.culprit).toBe(victim.id);
  });
});
