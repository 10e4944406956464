import { describe, expect, it } from "vitest";
import { rememberSource } from "../engine/model-source.ts";
import { mutex } from "../fixtures/mutex.ts";
import { QUICK, runBench } from "./bench.ts";
import { renderBench } from "./markdown.ts";
import { soak } from "./soak.ts";
import { brokenMutex } from "./soak-fixture.ts";

rememberSource(brokenMutex, new URL("./soak-fixture.ts", import.meta.url).href);
rememberSource(mutex, new URL("../fixtures/mutex.ts", import.meta.url).href);

describe("false-alarm soak", () => {
  it("runs every schedule of a correct model over two workers and finds no violation", async () => {
    const result = await runBench([mutex], { ...QUICK, seeds: 1, soakRuns: 300 });
    const row = result.models[0]!.soak!;
    expect([row.runs, row.workers, row.violations, row.first]).toEqual([300, 2, 0, null]);
    expect(renderBench(result)).toMatch(
      /## False-alarm soak[\s\S]*\| mutex \| 300 \| 2 \| [\d.]+ m?s \| [\d,]+ \| 0 \| — \|/,
    );
  });

  it("has teeth: a model that breaks under default options is reported with a replayable seed and path", async () => {
    const row = await soak(brokenMutex, 300, 2);
    expect(row.violations).toBe(1);
    expect(row.first?.invariant).toBe("mutual-exclusion");
    expect(row.first?.path).toMatch(/^\d+(:\d+)*$/);
  });

  it("is skipped with soakRuns 0", async () => {
    const result = await runBench([mutex], { ...QUICK, seeds: 1, soakRuns: 0 });
    expect(result.models[0]!.soak).toBeNull();
    expect(renderBench(result)).not.toMatch(/False-alarm soak/);
  });
});
