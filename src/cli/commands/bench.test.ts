import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../fixtures/cli.ts";

const cli = (...argv: string[]) => runCli(argv);

describe("faultline bench", () => {
  it("--quick writes bench.json and bench.md with a row for every flaw", async () => {
    const dir = mkdtempSync(join(tmpdir(), "faultline-bench-"));
    const r = await cli("bench", "--quick", "--seeds", "2", "--out", dir);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, "bench.json"), "utf8"));
    const [row] = result.models;
    expect(row.model).toBe("mutex");
    expect(row.flaws.map((f: { flaw: string }) => f.flaw)).toEqual(["no-check", "mutate"]);
    const noCheck = row.flaws[0];
    expect(noCheck.detection.map((d: { generation: string }) => d.generation).sort()).toEqual([
      "swarm",
      "uniform",
    ]);
    expect(noCheck.detection[0]).toMatchObject({ seeds: 2, detected: 2 });
    expect(noCheck.minimal).toMatchObject({ length: 2 });
    expect(noCheck.compared).toBe(2);
    expect(row.throughput.events).toBeGreaterThan(0);
    expect(row.explorer.states).toBeGreaterThan(0);
    expect(row.workers).toBeNull(); // the fixture is not in models/index.ts, where worker threads look
    const md = readFileSync(join(dir, "bench.md"), "utf8");
    expect(md).toMatch(/\| mutex \| `no-check` \| `mutual-exclusion` \| 2\/2 \|/);
    expect(md).toMatch(/\| mutex \| [\d,]+ \| [\d,]+ \| [\d,]+ \|/);
  });

  it("bad input: one line, exit 2", async () => {
    for (const [argv, message] of [
      [["bench", "--models", "paxos"], /unknown model 'paxos' in --models \(known: mutex\)/],
      [["bench", "--seeds", "0"], /--seeds must be between 1 and/],
      [["bench", "now"], /bench takes no arguments/],
    ] as const) {
      const r = await cli(...argv);
      expect(r).toMatchObject({ code: 2, errLines: 1 });
      expect(r.err).toMatch(message);
    }
  });
});
