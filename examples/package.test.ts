/**
 * The proof that faultline works as an installed package for someone else: pack it, install the
 * tarball into a copy of examples/twopc in a temporary folder, and run that project's own tests
 * and the CLI on its model there.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "faultline-package-"));
const project = join(work, "twopc");

function run(command: string, args: readonly string[], cwd = project): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

describe("faultline as an installed package (examples/twopc)", () => {
  beforeAll(() => {
    run("npm", ["pack", "--silent", "--pack-destination", work], root);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!;
    cpSync(join(root, "examples/twopc"), project, {
      recursive: true,
      filter: (src) => !/node_modules|reports/.test(src),
    });
    const install = run("npm", [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      join(work, tarball),
    ]);
    expect(install.code, install.out).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("import('faultline') works and exposes the documented API", () => {
    const r = run("node", [
      "--input-type=module",
      "-e",
      "const f = await import('faultline'); const v = await import('faultline/vitest'); const m = await import('faultline/models/raft'); console.log(typeof f.defineModel, typeof f.field.id, typeof v.schedules, m.raft.name)",
    ]);
    expect(r.out.trim()).toBe("function function function raft");
  });

  it("runs the example's own vitest suite", () => {
    const r = run("npx", ["vitest", "run"]);
    expect(r.code, r.out).toBe(0);
  }, 120_000);

  it("checks the model by the name faultline.config.json gives it, and by its path", () => {
    expect(run("npx", ["faultline", "check", "twopc", "--runs", "300", "--seed", "1"]).out).toMatch(
      /✓ twopc: all 2 invariants held/,
    );
    const byPath = run("npx", [
      "faultline",
      "check",
      "./models/twopc/model.ts",
      "--workers",
      "2",
      "--runs",
      "2000",
      "--seed",
      "1",
    ]);
    expect(byPath.code, byPath.out).toBe(0);
  }, 120_000);

  it("finds the flaw, saves a report that replay re-runs, and explores the model", () => {
    const found = run("npx", [
      "faultline",
      "check",
      "twopc",
      "--flaw",
      "commit-on-majority",
      "--seed",
      "1",
      "--json",
    ]);
    expect(found.code).toBe(1);
    const report = JSON.parse(found.out).report.json as string;
    const replayed = run("npx", ["faultline", "replay", report]);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toMatch(/commit-needs-every-yes broke/);
    const explored = run("npx", [
      "faultline",
      "explore",
      "twopc",
      "--flaw",
      "commit-on-majority",
      "--participants",
      "3",
    ]);
    expect(explored.code, explored.out).toBe(1);
  }, 120_000);
});
