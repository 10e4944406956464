import { describe, expect, it } from "vitest";
import { describeChange, diffViews } from "./diff.ts";

const lines = (before: unknown, after: unknown) => diffViews(before, after).map(describeChange);

describe("state diffs", () => {
  it("names each changed path with its before and after values", () => {
    expect(lines({ s: { role: "follower", term: 1 } }, { s: { role: "leader", term: 1 } })).toEqual([
      "s.role: follower → leader",
    ]);
  });

  it("says what appeared and what went away", () => {
    expect(lines({ a: 1 }, { b: 2 })).toEqual(["b = 2", "a removed (was 1)"]);
  });

  it("lists a queue that kept some items as what was added and removed", () => {
    expect(lines({ q: ["m1 x", "m2 y"] }, { q: ["m2 y", "m3 z"] })).toEqual(["q: + m3 z · − m1 x"]);
  });

  it("shows positional number lists whole", () => {
    expect(lines({ nextIndex: [2, 2, 2] }, { nextIndex: [1, 2, 2] })).toEqual([
      "nextIndex: [2 2 2] → [1 2 2]",
    ]);
  });

  it("separates phrases in a list so they stay readable", () => {
    expect(lines({}, { q: ["from 1: ok", "from 2: no"] })).toEqual(["q = [from 1: ok · from 2: no]"]);
  });

  it("counts repeated items (a duplicated message)", () => {
    expect(lines({ q: ["m a"] }, { q: ["m a", "m a"] })).toEqual(["q: + m a"]);
  });
});
