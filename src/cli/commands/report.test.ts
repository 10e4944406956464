import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { models } from "../../../models/index.ts";
import { runCli } from "../../fixtures/cli.ts";

const EXAMPLE = "reports/examples/raft-leader-completeness-20261125-042230.json";

function copyOfExample(): string {
  const file = join(mkdtempSync(join(tmpdir(), "faultline-report-")), "figure-8.json");
  copyFileSync(EXAMPLE, file);
  return file;
}

describe("faultline report", () => {
  it("renders a saved report as HTML beside it, and never overwrites one", async () => {
    const file = copyOfExample();
    const first = await runCli(["report", file], models);
    expect(first.code).toBe(0);
    expect(first.out).toBe(file.replace(/\.json$/, ".html"));
    expect(readFileSync(first.out, "utf8")).toContain("leader-completeness");
    const second = await runCli(["report", file], models);
    expect(second.out).toBe(file.replace(/\.json$/, "-2.html"));
  });

  it("writes Markdown or ITF on request", async () => {
    const file = copyOfExample();
    const md = await runCli(["report", file, "--md"], models);
    expect(readFileSync(md.out, "utf8")).toMatch(/^# raft: `leader-completeness` broken/);
    const itf = await runCli(["report", file, "--itf"], models);
    expect(itf.out.endsWith(".itf.json")).toBe(true);
    expect(JSON.parse(readFileSync(itf.out, "utf8"))["#meta"].format).toBe("ITF");
  });

  it("refuses bad input with one line and exit 2", async () => {
    const file = copyOfExample();
    const taken = join(file, "..", "taken.html");
    writeFileSync(taken, "mine");
    for (const args of [
      ["report"],
      ["report", join(file, "..", "missing.json")],
      ["report", file, "--md", "--itf"],
      ["report", file, "--out", taken],
    ]) {
      const run = await runCli(args, models);
      expect([run.code, run.errLines]).toEqual([2, 1]);
    }
    expect(readFileSync(taken, "utf8")).toBe("mine");
  });

  it("check --itf writes the ITF trace with the other report files", async () => {
    const out = mkdtempSync(join(tmpdir(), "faultline-itf-"));
    const run = await runCli([
      "check",
      "mutex",
      "--flaw",
      "no-check",
      "--seed",
      "1",
      "--out",
      out,
      "--itf",
      "--json",
    ]);
    const written = JSON.parse(run.out).report;
    for (const key of ["json", "markdown", "html", "itf"]) expect(existsSync(written[key])).toBe(true);
  });
});
