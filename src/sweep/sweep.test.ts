import { describe, expect, it } from "vitest";
import { extendModel } from "../extend.ts";
import { mutex } from "../fixtures/mutex.ts";
import { gridCells } from "./grid.ts";
import { sweep } from "./sweep.ts";

const budget = { runs: 100, seed: 1, maxSteps: 20 };

describe("sweep", () => {
  it("runs a check per cell of the grid, in grid order", async () => {
    const cells = await sweep(
      mutex,
      gridCells([{ key: "clients", values: [1, 2, 3] }], mutex.defaults),
      budget,
      1,
    );
    expect(cells.map((c) => [c.config.clients, c.verdict])).toEqual([
      [1, "safe"],
      [2, "safe"],
      [3, "safe"],
    ]);
  });

  it("counts a reducer that throws as a crash — a bug in the model, never an unsafe cell", async () => {
    const throwsWithThree = extendModel(mutex, {
      step: (inner) => (state, event, ctx) => {
        if (ctx.config.clients === 3) throw new Error("boom");
        return inner(state, event, ctx);
      },
    });
    const cells = await sweep(
      throwsWithThree,
      gridCells([{ key: "clients", values: [2, 3] }], mutex.defaults),
      budget,
      1,
    );
    expect(cells.map((c) => c.verdict)).toEqual(["safe", "crashed"]);
    expect(cells[1]!.reason).toMatch(/the reducer threw: Error: boom/);
  });

  it("does not run a cell the model's validation rejects", async () => {
    const onlyTwo = {
      ...mutex,
      validateConfig: (c: { clients: number }) => (c.clients === 2 ? undefined : "two clients only"),
    };
    const cells = await sweep(
      onlyTwo,
      gridCells([{ key: "clients", values: [1, 2] }], mutex.defaults),
      budget,
      1,
    );
    expect(cells.map((c) => [c.verdict, c.reason, c.result?.runs])).toEqual([
      ["rejected", "two clients only", undefined],
      ["safe", undefined, 100],
    ]);
  });
});
