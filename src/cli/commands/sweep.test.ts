import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { models } from "../../../models/index.ts";
import { cells, defaultBudget, defaultGrid } from "../../../models/lease/sweep.ts";
import { UsageError } from "../command.ts";
import { row, sweepCommand } from "./sweep.ts";

function run(args: string[]) {
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  return Promise.resolve(sweepCommand.run(args, { io, models })).then((code) => ({
    code,
    out: out.join("\n"),
  }));
}

/** A one-ratio, one-retry, no-pause grid over the given skews. */
const grid = (skews: string) => [
  "lease",
  "--renew-ratios",
  "0.667",
  "--retry-periods",
  "2",
  "--skews",
  skews,
  "--pauses",
  "0",
];

describe("faultline sweep", () => {
  it("shows a cell whose reducer crashed as an error, never as unsafe, and writes no report", () => {
    const [cell] = cells(defaultGrid, defaultBudget);
    const dir = mkdtempSync(join(tmpdir(), "faultline-sweep-"));
    const crashed = {
      ...cell!,
      rejected: undefined,
      crashed: "the reducer threw: Error: boom",
      result: {} as never,
    };
    const shown = row({ ...crashed, result: { runs: 3, millis: 1, counterexample: {} } as never }, dir);
    expect([shown.verdict, shown.crashed, shown.report]).toEqual([
      "crashed",
      "the reducer threw: Error: boom",
      undefined,
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("maps a small grid, writes a report per unsafe cell and prints JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "faultline-sweep-"));
    const { code, out } = await run([
      ...grid("1,2"),
      "--runs",
      "200",
      "--workers",
      "1",
      "--json",
      "--out",
      dir,
    ]);
    expect(code).toBe(0);
    const map = JSON.parse(out);
    expect(map.cells.map((c: { verdict: string }) => c.verdict)).toEqual(["safe", "unsafe"]);
    expect(map.cells[0].isDefault).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(1);
  });

  it("prints the table with the defaults marked", async () => {
    const { out } = await run([...grid("1"), "--runs", "50", "--workers", "1"]);
    expect(out).toMatch(/10 s ★ +2 s +1\.00 +0 s +1\.50 ✓ +1\.12 ✓ +safe \(50 runs\)/);
  });

  it.each([
    [[], /needs a model name/],
    [["raft"], /only the lease model/],
    [["lease", "--skews", "1,x"], /--skews must be a number/],
    [["lease", "--skews", "0.5"], /--skews must be between 1 and 19/],
    [["lease", "--pauses", "1,,2"], /comma-separated/],
    [["lease", "--runs", "0"], /--runs must be between/],
    [["lease", "--bogus"], /unknown option --bogus/],
  ])("rejects %j with one line", async (args, message) => {
    await expect(run(args as string[])).rejects.toThrow(UsageError);
    await expect(run(args as string[])).rejects.toThrow(message);
  });
});
