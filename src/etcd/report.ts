/**
 * The report of a `faultline etcd` run, in the house style: a JSON file with everything (config,
 * the fault timeline planned and applied, the whole history, the verdict, the bad window) and a
 * Markdown file for a person, written under a fresh name beside any earlier ones.
 */
import { relative } from "node:path";
import { describeOperation, seconds } from "../history/history.ts";
import type { BadWindow } from "../history/linearizability.ts";
import { layOutHistory } from "../report/html/history.ts";
import { type PageFacts, renderPage } from "../report/html/page.ts";
import { ensureDir, stamp, writeFresh } from "../report/write.ts";
import { VERSION } from "../version.ts";
import type { FaultEvent, FaultKind } from "./faults.ts";
import { windowPicture } from "./picture.ts";
import type { RunResult } from "./run.ts";
import type { ReadMode } from "./workload.ts";

export interface EtcdConfig {
  readonly members: number;
  readonly durationMillis: number;
  readonly clients: number;
  readonly keys: number;
  readonly read: ReadMode;
  readonly faults: readonly FaultKind[];
  readonly seed: number;
  readonly etcdVersion: string;
}

export const holdsAll = (run: RunResult): boolean =>
  run.linearizability.linearizable && run.promises.every((p) => p.holds);

export function verdictName(run: RunResult): string {
  if (!run.linearizability.linearizable) return "not-linearizable";
  return run.promises.find((p) => !p.holds)?.name ?? "holds";
}

export function rerunCommand(jsonPath: string, config: EtcdConfig): string {
  const fromHere = relative(process.cwd(), jsonPath);
  const shown = fromHere && !fromHere.startsWith("..") ? fromHere : jsonPath;
  return `npx faultline etcd --schedule ${shown} --read ${config.read} --clients ${config.clients} --keys ${config.keys} --seed ${config.seed}`;
}

export function buildEtcdReport(
  config: EtcdConfig,
  schedule: readonly FaultEvent[],
  run: RunResult,
  rerun: string,
) {
  return {
    faultline: VERSION,
    kind: "etcd",
    config,
    verdict: verdictName(run),
    schedule,
    applied: run.applied,
    summary: {
      operations: run.history.operations.length,
      ...run.counts,
      opsPerSecond: run.opsPerSecond,
      workloadMillis: Math.round(run.workloadMillis),
      checkMillis: Math.round(run.checkMillis),
      totalMillis: Math.round(run.totalMillis),
    },
    linearizability: run.linearizability,
    promises: run.promises,
    history: run.history,
    rerun,
  };
}

export function writeEtcdReport(
  config: EtcdConfig,
  schedule: readonly FaultEvent[],
  run: RunResult,
  outDir: string,
): { readonly json: string; readonly markdown: string; readonly rerun: string } {
  ensureDir(outDir);
  let rerun = "";
  const [json, markdown] = writeFresh(outDir, `etcd-${verdictName(run)}-${stamp(new Date())}`, [
    {
      ext: ".json",
      content: (jsonPath) => {
        rerun = rerunCommand(jsonPath, config);
        return `${JSON.stringify(buildEtcdReport(config, schedule, run, rerun), null, 2)}\n`;
      },
    },
    { ext: ".md", content: () => renderEtcdMarkdown(config, run, rerun) },
    ...(run.linearizability.window
      ? [{ ext: ".html", content: () => renderEtcdHtml(config, run.linearizability.window!, run, rerun) }]
      : []),
  ]);
  return { json: json!, markdown: markdown!, rerun };
}

/** The non-linearizable window as a picture: client lanes, operation bars, fault spans. */
export function renderEtcdHtml(config: EtcdConfig, window: BadWindow, run: RunResult, rerun: string): string {
  const data = layOutHistory(windowPicture(window, run.applied, config.clients));
  const facts: PageFacts = {
    model: "etcd",
    config: { ...config },
    flaws: [],
    invariant: {
      name: "linearizable",
      message: window.explanation,
      doc: "every operation appears to take effect at one instant between its invocation and its completion (per key)",
    },
    seed: config.seed,
    path: null,
    runsToDetection: null,
    shrink: null,
    replay: rerun,
  };
  return renderPage(data, facts, {
    summary: `a real etcd ${config.etcdVersion} cluster of ${config.members} members under generated faults`,
    config: `${config.members} members · ${config.clients} clients · ${config.read} reads · key ${window.key}`,
  });
}

/** The verdict table printed on the terminal and at the top of the Markdown report. */
export function verdictLines(config: EtcdConfig, run: RunResult): string[] {
  const lin = run.linearizability;
  return [
    `etcd ${config.etcdVersion} · ${config.members} members · ${config.clients} clients · ${config.keys} keys · ${config.read} reads · faults: ${config.faults.join(",") || "none"} · seed ${config.seed}`,
    "",
    `operations   ${run.history.operations.length} (ok ${run.counts.ok}, failed ${run.counts.fail}, indeterminate ${run.counts.info}) · ${run.opsPerSecond} ok ops/s`,
    `faults       ${run.applied.length} applied`,
    `linearizable ${lin.linearizable ? "yes" : "NO"} (${lin.operationsChecked} operations over ${lin.keys} keys, ${lin.searchSteps} search steps)`,
    ...run.promises.map((p) => `${p.holds ? "✓" : "✗"} ${p.name.padEnd(28)} ${p.detail}`),
    `time         ${seconds(run.totalMillis)} (workload ${seconds(run.workloadMillis)}, check ${seconds(run.checkMillis)})`,
  ];
}

export function windowLines(run: RunResult): string[] {
  const window = run.linearizability.window;
  if (!window) return [];
  return [
    `Not linearizable — the smallest window on ${window.key} (${window.operations.length} operations):`,
    ...window.operations.map((op) => `  ${op.id === window.culprit ? "→" : " "} ${describeOperation(op)}`),
    "",
    window.explanation,
  ];
}

function renderEtcdMarkdown(config: EtcdConfig, run: RunResult, rerun: string): string {
  const timeline = run.applied.length
    ? [
        "| at | planned | fault |",
        "|---|---|---|",
        ...run.applied.map((f) => `| ${seconds(f.at)} | ${seconds(f.planned)} | ${f.description} |`),
      ]
    : ["No faults."];
  const window = windowLines(run);
  return [
    `# faultline etcd: ${holdsAll(run) ? "every check held" : verdictName(run)}`,
    "",
    "```",
    ...verdictLines(config, run),
    "```",
    "",
    "## Cluster",
    "",
    `${config.members} etcd ${config.etcdVersion} members on loopback, peer traffic through faultline's proxies; ${config.clients} client sessions (session i talks to member i mod ${config.members}), ${config.keys} keys, ${config.read} reads, one watch per key; run for ${seconds(config.durationMillis)}.`,
    "",
    "## Fault timeline",
    "",
    ...timeline,
    "",
    "## Verdict",
    "",
    ...(window.length ? ["```", ...window, "```"] : ["Every key's history is linearizable."]),
    "",
    "| promise | holds | detail |",
    "|---|---|---|",
    ...run.promises.map(
      (p) => `| ${p.name} | ${p.holds ? "yes" : "**no**"} | ${p.detail.replaceAll("|", "\\|")} |`,
    ),
    "",
    "## Rerun",
    "",
    "The same fault timeline against a fresh cluster:",
    "",
    "```sh",
    rerun,
    "```",
    "",
  ].join("\n");
}
