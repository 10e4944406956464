import { describe, expect, it } from "vitest";
import { ParentTable } from "./parents.ts";

describe("ParentTable", () => {
  it("rebuilds the choices from the initial state, through growth of its columns", () => {
    const table = new ParentTable();
    let id = table.add(-1, -1);
    for (let depth = 1; depth <= 100_000; depth++) id = table.add(id, depth % 7);
    const choices = table.choicesTo(id);
    expect(choices).toHaveLength(100_000);
    expect(choices.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 0, 1]);
  });
});
