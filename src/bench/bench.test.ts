import { describe, expect, it } from "vitest";
import { rememberSource } from "../engine/model-source.ts";
import { mutex } from "../fixtures/mutex.ts";
import { QUICK, runBench } from "./bench.ts";
import { renderBench } from "./markdown.ts";
import { median, p90 } from "./stats.ts";

describe("runBench", () => {
  it("measures the worker speed-up for a model the workers' registry holds", async () => {
    rememberSource(mutex, new URL("../fixtures/mutex.ts", import.meta.url).href);
    const result = await runBench([mutex], { ...QUICK, seeds: 1 });
    const workers = result.models[0]!.workers!;
    expect(Object.keys(workers.workerMillis)).toEqual(["1", "2"]);
    expect(workers.speedup).toBeGreaterThan(0);
    expect(renderBench(result)).toMatch(/2 workers [\d.]+ m?s/);
    const explorer = result.models[0]!.explorer!;
    expect(explorer.parallel).toMatchObject({ workers: 2 });
    expect(explorer.parallel!.speedup).toBeGreaterThan(0);
    expect(renderBench(result)).toMatch(/B\/state, .*; 2 workers [\d,]+\/s, [\d.]+× at load [\d.]+/);
    expect(result.history?.operations).toBe(500);
    expect(renderBench(result)).toMatch(/## History checker[\s\S]*\| faultline: per key, memoised/);
  });
});

describe("stats", () => {
  it("nearest-rank median and p90; none of nothing", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect([median(values), p90(values)]).toEqual([5, 9]);
    expect(median([])).toBeNull();
  });
});
