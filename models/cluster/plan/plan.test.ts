import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replayTwice } from "../../../src/engine/check.ts";
import { parseReport, readReportFile } from "../../../src/report/load.ts";
import { cluster } from "../model.ts";
import { planCommand } from "./command.ts";

const example = (name: string) => `examples/clusters/${name}.yaml`;

async function plan(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const dir = mkdtempSync(join(tmpdir(), "faultline-plan-"));
  const code = await planCommand.run([...args, "--out", dir], { io, models: [cluster] });
  return { code, out: out.join("\n"), err: err.join("\n"), errLines: err.length, dir };
}

async function planJson(...args: string[]) {
  const run = await plan(...args, "--json");
  return { ...run, json: JSON.parse(run.out) };
}

/** Replays a written report the way `faultline replay` does: it must still break the same goal. */
function replays(path: string): string | undefined {
  const loaded = parseReport(path, readReportFile(path), (name) =>
    name === "cluster" ? cluster : undefined,
  );
  return replayTwice(loaded.model, loaded.config, loaded.flaws, loaded.schedule).violation?.invariant;
}

describe("faultline plan on the example clusters", () => {
  it("pdb-deadlock: draining worker-1 blocks on the checkout budget (minAvailable = replicas), naming budget and pod", async () => {
    const run = await planJson(example("pdb-deadlock"), "--drain", "worker-1");
    expect(run.code).toBe(1);
    const [drain] = run.json.questions;
    expect(drain.safe).toBe(false);
    expect(drain.violation.invariant).toBe("plan-drain-completes");
    expect(drain.violation.message).toMatch(
      /shop\/checkout-\w+-\w+ \(429 .*budget shop\/checkout \(needs 2 healthy pods and has 2/,
    );
    expect(replays(drain.report.json)).toBe("plan-drain-completes");
  });

  it("pdb-deadlock: worker-3 (no checkout pod) drains with --ignore-daemonsets, and every failure and upgrade verdict follows the budget", async () => {
    const drain = await plan(example("pdb-deadlock"), "--drain", "worker-3");
    expect(drain.code).toBe(0);
    expect(drain.out).toContain("✓ kubectl drain worker-3 --ignore-daemonsets completes");
    const upgrade = await planJson(example("pdb-deadlock"), "--upgrade", "one-at-a-time");
    expect(upgrade.code).toBe(1);
    expect(upgrade.json.questions[0].findings[0]).toMatch(
      /^✗ one-at-a-time stops at worker-1: plan-drain-completes/,
    );
  });

  it("pdb-deadlock with the budget relaxed to minAvailable 1: the same drain completes (the goal has teeth both ways)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "faultline-fixed-"));
    const fixed = join(dir, "cluster.yaml");
    writeFileSync(
      fixed,
      readFileSync(example("pdb-deadlock"), "utf8").replace("minAvailable: 2", "minAvailable: 1"),
    );
    const run = await plan(fixed, "--drain", "worker-1");
    expect(run.code).toBe(0);
  });

  it("statefulset-failure: every single node failure leaves a postgres replica Terminating for good; drains complete", async () => {
    const run = await planJson(example("statefulset-failure"), "--fail", "1");
    expect(run.code).toBe(1);
    const findings: string[] = run.json.questions[0].findings;
    expect(findings).toHaveLength(3);
    for (const [i, node] of ["worker-a", "worker-b", "worker-c"].entries())
      expect(findings[i]).toMatch(
        new RegExp(
          `^✗ ${node} fails: plan-replicas-restored: db/postgres has 2 of 3 replicas healthy .*db/postgres-${i} Terminating on ${node}`,
        ),
      );
    expect(replays(run.json.questions[0].report.json)).toBe("plan-replicas-restored");
    const drain = await plan(example("statefulset-failure"), "--drain", "worker-a", "--drain", "worker-b");
    expect(drain.code).toBe(0);
  });

  it("mixed: the drain needs --ignore-daemonsets --delete-emptydir-data --force, and says what --force deletes for good", async () => {
    const run = await plan(example("mixed"), "--drain", "node-2");
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      "✓ kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data --force completes; it deletes for good (no controller recreates them): default/debug-shell",
    );
    expect(run.out).toMatch(
      /refuses: cannot delete DaemonSet-managed Pods .*cannot delete Pods with local storage .*cannot delete Pods that declare no controller \(use --force to override\): default\/debug-shell/,
    );
    expect(run.errLines).toBe(1);
    expect(run.err).toBe(
      "faultline: warning: ignored kinds the model does not use: Service ×1, ConfigMap ×1; 1 finished (Succeeded/Failed) pods",
    );
    expect(run.out).toContain("affinity, nodeSelector and topology spread are not modelled");
  });

  it("mixed: losing node-2 loses the bare pod; the other nodes are safe", async () => {
    const run = await planJson(example("mixed"), "--fail", "1");
    expect(run.json.questions[0].findings).toEqual([
      "✗ node-2 fails: plan-serving-kept: default/debug-shell has no healthy pod left",
    ]);
  });

  it("twenty-nodes: exactly the nodes holding a StatefulSet replica or the single admin pod fail alone", async () => {
    const run = await planJson(example("twenty-nodes"), "--fail", "1");
    expect(run.code).toBe(1);
    const failing = (run.json.questions[0].findings as string[]).map((f) => f.split(" ")[1]);
    expect(failing).toEqual(["worker-03", "worker-06", "worker-08", "worker-09", "worker-11", "worker-14"]);
  });
});

describe("faultline plan on bad input: one line, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "faultline-bad-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const pdbWith = (spec: string) =>
    readFileSync(example("statefulset-failure"), "utf8").replace("minAvailable: 60%", spec);

  it.each([
    ["invalid YAML", file("bad.yaml", "items: [\n  - kind: Node\n"), /bad\.yaml is not valid YAML or JSON/],
    [
      "not Kubernetes objects",
      file("plain.yaml", "hello: world\n"),
      /plain\.yaml is not a Kubernetes object \(no apiVersion and kind\)/,
    ],
    [
      "a List of strings",
      file("list.json", '{"kind":"List","apiVersion":"v1","items":["x"]}'),
      /item 1 is not a Kubernetes object/,
    ],
    [
      "a fractional percentage",
      file("pct.yaml", pdbWith('minAvailable: "33.3%"')),
      /PodDisruptionBudget db\/postgres has minAvailable "33.3%" is not a percentage/,
    ],
    ["a percentage over 100", file("pct2.yaml", pdbWith('maxUnavailable: "150%"')), /more than 100%/],
    [
      "an unknown selector operator",
      file(
        "sel.yaml",
        pdbWith("minAvailable: 2").replace(
          /matchLabels:\n(\s+)app: postgres\n(\s+)status:/,
          "matchExpressions:\n$1- key: app\n$1  operator: Like\n$1  values: [postgres]\n$2status:",
        ),
      ),
      /operator "Like"/,
    ],
    ["a missing file", join(dir, "nope.yaml"), /nope\.yaml does not exist/],
  ])("%s", async (_what, path, message) => {
    const run = await plan(path);
    expect(run.code).toBe(2);
    expect(run.errLines).toBe(1);
    expect(run.err).toMatch(message);
  });

  it.each([
    [["--drain", "worker-9"], /--drain worker-9: no such node .*\(nodes: worker-a, worker-b, worker-c\)/],
    [["--fail", "3"], /--fail must be 1 or 2/],
    [["--upgrade", "all-at-once"], /--upgrade must be one-at-a-time or add-new-nodes/],
  ])("%j", async (args, message) => {
    const run = await plan(example("statefulset-failure"), ...args);
    expect(run.code).toBe(2);
    expect(run.errLines).toBe(1);
    expect(run.err).toMatch(message);
  });
});

describe("faultline check cluster --from", () => {
  it("fuzzes faults and operator actions from the imported cluster, not a generated one", async () => {
    const { runCli } = await import("../../../src/fixtures/cli.ts");
    const r = await runCli(
      [
        "check",
        "cluster",
        "--from",
        example("statefulset-failure"),
        "--runs",
        "100",
        "--seed",
        "1",
        "--json",
      ],
      [cluster],
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).runs).toBe(100);
    const bad = await runCli(["check", "cluster", "--from", "examples/clusters/none.yaml"], [cluster]);
    expect([bad.code, bad.errLines]).toEqual([2, 1]);
  });
});
