import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { models } from "../../../models/index.ts";
import { UsageError } from "../command.ts";
import { sweepCommand } from "./sweep.ts";

function run(args: string[]) {
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  return Promise.resolve(sweepCommand.run(args, { io, models })).then((code) => ({
    code,
    out: out.join("\n"),
  }));
}

/** The client-go defaults 15/10/2, two candidates, no pause, over the given clock drifts (‰). */
const grid = (drifts: string) => [
  "lease",
  "--renew-deadline",
  "10",
  "--retry-period",
  "2",
  "--max-pause",
  "0",
  "--candidates",
  "2",
  "--max-clock-drift",
  drifts,
];

describe("faultline sweep", () => {
  it("maps a small grid, writes a report per unsafe cell and prints JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "faultline-sweep-"));
    const { code, out } = await run([
      ...grid("0,333"),
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
    expect(map.cells[1].columns.skew).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(1);
  });

  it("prints the table: the varied param, the model's analytic columns, the verdict", async () => {
    const { out } = await run([...grid("0,10"), "--runs", "50", "--workers", "1"]);
    expect(out).toMatch(/max-clock-drift +skew +rule of thumb +derived margin +verdict/);
    expect(out).toMatch(/\n0 +1 +1\.50 ✓ +1\.12 ✓ +safe \(50 runs\)/);
  });

  it.each([
    [[], /needs a model name/],
    [["raft"], /sweep raft needs a param with several values, e.g. --nodes 1,2,3/],
    [["lease", "--max-clock-drift", "1,x"], /--max-clock-drift must be a number/],
    [["lease", "--max-pause", "1,,2"], /comma-separated/],
    [["lease", "--runs", "0"], /--runs must be between/],
    [["lease", "--bogus"], /unknown option --bogus/],
  ])("rejects %j with one line", async (args, message) => {
    await expect(run(args as string[])).rejects.toThrow(UsageError);
    await expect(run(args as string[])).rejects.toThrow(message);
  });
});
