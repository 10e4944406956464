/**
 * The real-cluster suite: runs whenever `etcd` is on PATH (CI installs it), with short durations.
 * Each run must leave no etcd process and no temporary folder behind.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../fixtures/cli.ts";
import { findEtcd } from "./binary.ts";
import { measureQuorumTable } from "./quorum-table.ts";

const etcd = findEtcd();
if (!etcd) console.log("real-etcd suite skipped: no etcd binary on PATH (apt-get install -y etcd-server)");

const out = mkdtempSync(join(tmpdir(), "faultline-etcd-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Running: it exists and is not a zombie waiting for a reaper (the parent faultline has exited). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

/** The "cluster up: … pids 1 2 3, in DIR" line every run prints. */
function startedCluster(err: string): { pids: number[]; dir: string } {
  const match = /cluster up: \d+ members, pids ([\d ]+), in (\S+)/.exec(err);
  if (!match) throw new Error(`no 'cluster up' line in: ${err}`);
  return { pids: match[1]!.split(" ").map(Number), dir: match[2]! };
}

function expectNothingLeft(err: string): void {
  const { pids, dir } = startedCluster(err);
  expect(pids.filter(alive)).toEqual([]);
  expect(existsSync(dir)).toBe(false);
}

describe.skipIf(!etcd)("faultline etcd on a real cluster", () => {
  let holdsReport = "";

  it("finds every check holding with linearizable reads under kills, pauses and partitions", async () => {
    const run = await runCli(["etcd", "--duration", "7s", "--seed", "1", "--out", out]);
    expect(run.out).toMatch(/linearizable yes/);
    expect(run.code).toBe(0);
    expectNothingLeft(run.err);
    holdsReport = /Rerun: +npx faultline etcd --schedule (\S+)/.exec(run.out)![1]!;
  });

  it("finds serializable reads from a member cut off in a minority stale: an expected counterexample", async () => {
    const run = await runCli([
      "etcd",
      "--read",
      "serializable",
      "--faults",
      "partition",
      "--duration",
      "8s",
      "--seed",
      "1",
      "--out",
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/linearizable NO/);
    expect(run.out).toMatch(/Stale read: /);
    expectNothingLeft(run.err);
  });

  it("replays a saved fault timeline against a fresh cluster", async () => {
    const saved = JSON.parse(readFileSync(holdsReport, "utf8"));
    const run = await runCli(["etcd", "--schedule", holdsReport, "--out", out, "--json"]);
    const result = JSON.parse(run.out);
    const again = JSON.parse(readFileSync(result.report, "utf8"));
    expect(again.schedule).toEqual(saved.schedule);
    expect(again.applied.map((f: { description: string }) => f.description)).toEqual(
      saved.applied.map((f: { description: string }) => f.description),
    );
  });

  it("leaves no etcd process and no temporary folder after SIGINT mid-run", async () => {
    const child = spawn(
      process.execPath,
      ["bin/faultline.mjs", "etcd", "--duration", "30s", "--seed", "2", "--out", out],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let err = "";
    await new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk) => {
        err += chunk;
        if (/cluster up/.test(err)) setTimeout(resolve, 1500);
      }),
    );
    child.kill("SIGINT");
    const code = await new Promise((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(err).toMatch(/stopped by SIGINT/);
    expectNothingLeft(err);
  });

  it("measures the quorum rule on real clusters of 1, 2 and 3 members", async () => {
    const rows = await measureQuorumTable(etcd!, [1, 2, 3]);
    expect(rows.map((r) => [r.members, r.measured])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
  });
});

describe("faultline etcd bad input", () => {
  it("says how to install etcd when there is none, exit 2", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const run = await runCli(["etcd", "--duration", "5s"]);
      expect(run.code).toBe(2);
      expect(run.errLines).toBe(1);
      expect(run.err).toMatch(/apt-get install -y etcd-server/);
    } finally {
      process.env.PATH = path;
    }
  });

  it.skipIf(!etcd)("rejects bad flags with one line, exit 2", async () => {
    for (const args of [
      ["--read", "eventual"],
      ["--duration", "soon"],
      ["--faults", "kill,flood"],
      ["--members", "0"],
      ["--schedule", join(out, "missing.json")],
    ]) {
      const run = await runCli(["etcd", ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.errLines).toBe(1);
    }
  });

  it("lists every option with its default under --help", async () => {
    const run = await runCli(["etcd", "--help"]);
    for (const flag of [
      "--members",
      "--duration",
      "--faults",
      "--clients",
      "--keys",
      "--read",
      "--seed",
      "--schedule",
      "--timeout",
      "--json",
      "--out",
      "--quorum-table",
    ])
      expect(run.out).toContain(flag);
  });
});
