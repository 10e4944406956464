/** The benchmark as Markdown: the bug-zoo table, then throughput, explorer and workers per model. */

import { configLine } from "../report/text.ts";
import type { BenchResult, FlawRow, ModelRow } from "./bench.ts";
import type { Detection } from "./detection.ts";

const n = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : value.toLocaleString("en-US");
const ms = (value: number | null) =>
  value === null ? "—" : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
const ratio = (value: number | null) => (value === null ? "—" : `${value.toFixed(2)}×`);
const share = (value: number) => `${(value * 100).toFixed(0)} %`;

function detected(d: Detection | undefined): string {
  if (!d) return "—";
  const other = d.otherInvariant ? ` (${d.otherInvariant} via another invariant)` : "";
  return `${d.detected}/${d.seeds}${other}`;
}

function flawLine(model: string, row: FlawRow): string {
  const [main, other] = row.detection;
  const m = row.minimal;
  const bfs = m ? `${m.length ?? `> ${m.depthCompleted}`} (${configLine(m.config)})` : "—";
  const atMin =
    row.atMinimum === null ? "—" : `${row.atMinimum}/${row.compared} (worst ${ratio(row.worstOverMinimum)})`;
  return [
    model,
    `\`${row.flaw}\``,
    `\`${row.breaks}\``,
    detected(main),
    `${n(main!.runs.median)} / ${n(main!.runs.p90)}`,
    `${ms(main!.millis.median)} / ${ms(main!.millis.p90)}`,
    `${n(main!.storyLength.median)} / ${n(main!.storyLength.max)}`,
    bfs,
    atMin,
    ms(main!.shrinkMillis.median),
    detected(other),
    other ? `${n(other.runs.median)} / ${ms(other.millis.median)}` : "—",
    detected(row.aimed),
    `${n(row.aimed.runs.median)} / ${n(row.aimed.runs.p90)}`,
    `${n(row.aimed.storyLength.median)} / ${n(row.aimed.storyLength.max)}`,
  ].join(" | ");
}

function modelLine(row: ModelRow): string {
  const t = row.throughput;
  const e = row.explorer;
  const explorer = e
    ? `${n(e.statesPerSecond)} (${n(e.statesPerCpuSecond)} per CPU-s; ${n(e.states)} states, ${e.bytesPerState} B/state, depth ${e.depthCompleted}, ${e.keying} keys, stopped: ${e.stoppedBy}${e.parallel ? `; ${e.parallel.workers} workers ${n(e.parallel.statesPerSecond)}/s, ${ratio(e.parallel.speedup)} at load ${e.parallel.loadBefore.toFixed(1)}` : ""})`
    : "— (no enabled())";
  const w = row.workers;
  const workers = w
    ? `${ratio(w.speedup)} (1 thread ${ms(w.singleMillis)}; ${Object.entries(w.workerMillis)
        .map(([k, v]) => `${k} workers ${ms(v)}`)
        .join(", ")}; start-up ${ms(w.startupMillis)}, pays off from ${n(w.breakEvenRuns)} runs)`
    : "— (not in models/index.ts)";
  return [
    row.model,
    n(t.checkedPerSecond),
    n(t.runnerPerSecond),
    n(t.barePerSecond),
    ratio(t.runnerOverBare),
    ratio(t.checkedOverBare),
    `${share(t.skippedBefore)} → ${share(t.skippedAimed)}`,
    ratio(t.aimedCheckedOverBare),
    explorer,
    workers,
  ].join(" | ");
}

function soakLine(row: ModelRow): string {
  const k = row.soak!;
  const first = k.first
    ? `\`${k.first.invariant}\` (seed ${k.first.seed}, path ${k.first.path ?? "—"})`
    : "—";
  return [row.model, n(k.runs), k.workers, ms(k.millis), n(k.runsPerSecond), k.violations, first].join(" | ");
}

function soakTable(result: BenchResult): string[] {
  const soaked = result.models.filter((m) => m.soak !== null);
  if (soaked.length === 0) return [];
  return [
    "## False-alarm soak",
    "",
    `Each correct model with its default options: ${n(result.options.soakRuns)} generated schedules (seed 1, split over ${soaked[0]!.soak!.workers} worker threads, thread start-up included). 0 violations expected; the soak stops at the first.`,
    "",
    "| model | schedules | workers | time | schedules/s | violations | first violation |",
    "|---|---|---|---|---|---|---|",
    ...soaked.map((m) => `| ${soakLine(m)} |`),
    "",
  ];
}

function historyTable(result: BenchResult): string[] {
  const h = result.history;
  if (!h) return [];
  const naive =
    h.naiveMillis === null
      ? `gave up on all ${h.histories} after ${n(h.naiveStepBudget)} steps (${h.naiveGaveUpMillis === null ? "—" : ms(h.naiveGaveUpMillis)} each)`
      : `${ms(h.naiveMillis)} (${h.naiveFinished} of ${h.histories} finished within ${n(h.naiveStepBudget)} steps)`;
  return [
    "## History checker (faultline etcd)",
    "",
    `Made-up linearizable histories of ${n(h.operations)} operations, ${h.clients} clients, ${h.keys} keys; median per history.`,
    "",
    "| checker | time per history |",
    "|---|---|",
    `| faultline: per key, memoised (Wing–Gong/Lowe) | ${ms(h.fastMillis)} |`,
    `| naive: whole history, no memo | ${naive} |`,
    `| speed-up | ${h.speedup === null ? "—" : `${h.speedup.toFixed(0)}×${h.naiveMillis === null ? " or more" : ""}`} |`,
    "",
  ];
}

export function renderBench(result: BenchResult): string {
  const o = result.options;
  const other = result.defaultGeneration === "swarm" ? "uniform" : "swarm";
  return [
    "# faultline bug-zoo benchmark",
    "",
    `faultline ${result.faultline} · ${result.date} · ${result.machine.cores} cores, load average ${result.machine.load.toFixed(1)} at the end · node ${result.machine.node} on ${result.machine.platform}`,
    "",
    `Each flaw: ${o.seeds} seeds × \`check\` at ${n(o.runs)} runs (seeds 1..${o.seeds}). Runs and time are to the first failing run (before shrinking), over the detected seeds; *median / p90*. Story: steps in the shrunk counterexample (median / max). BFS minimum: the explorer's shortest violating schedule at the config most counterexamples shrank to (up to ${n(o.minimalStates)} states; \`> d\`: none of d events or fewer), compared with the stories at that config. Default generation: **${result.defaultGeneration}**; the next two columns are the same flaw with **${other}** generation; the last three the default generation with skipped events aimed at landing ones (\`check --aim\`, src/engine/aim.ts): before and after side by side.`,
    "",
    `| model | flaw | breaks | detected | runs | time to detection | story | BFS minimum | story = minimum | shrink time | detected (${other}) | runs / time (${other}) | detected (aimed) | runs (aimed) | story (aimed) |`,
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...result.models.flatMap((m) => m.flaws.map((row) => `| ${flawLine(m.model, row)} |`)),
    "",
    "## Throughput, explorer, workers",
    "",
    `Events/s over the same ${n(o.throughputRuns)} generated schedules of the correct model: through \`check\` (fast-check generation + runner + invariants), through the runner alone, and folding the bare reducer; ratios are time over the bare reducer's. Skipped: the share of generated events the reducer skipped, drawn as before → aimed; aimed check ÷ bare folds the bare reducer over the events the aimed runs landed on. Explorer: breadth-first from the default config up to ${n(o.exploreStates)} states in this thread, then the same search over ${Math.max(...o.workerCounts)} worker threads (start-up included; the load average before it says how free the cores were). Workers: the correct model at ${n(o.workerRuns)} runs in this thread versus split over worker threads (thread start-up included); start-up is a 1-run-per-worker check, and workers pay off from the run count where the time they save covers it. Timings share the machine with other work: see the load average above.`,
    "",
    "| model | checked events/s | runner events/s | bare reducer events/s | runner ÷ bare | check ÷ bare | skipped (drawn → aimed) | aimed check ÷ bare | explorer states/s | workers speed-up |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...result.models.map((m) => `| ${modelLine(m)} |`),
    "",
    ...soakTable(result),
    ...historyTable(result),
  ].join("\n");
}
