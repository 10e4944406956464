/**
 * `faultline sweep lease`: the safe-parameter map of lease-based leader election. Each grid cell
 * is a `check` of the correct elector; unsafe cells get a report file with the shrunk
 * counterexample. The grid and the boundaries live in models/lease/sweep.ts.
 */
import { lease } from "../../../models/lease/model.ts";
import {
  type CellResult,
  cells,
  defaultBudget,
  defaultGrid,
  type SweepBudget,
  type SweepGrid,
} from "../../../models/lease/sweep.ts";
import { tellStory } from "../../report/story.ts";
import { writeReport } from "../../report/write.ts";
import { defaultWorkers, runCells } from "../../sweep/pool.ts";
import { type Command, EXIT, type Io, UsageError } from "../command.ts";

/** main.ts's exit code for an internal error. */
const INTERNAL_ERROR = 3;

import { parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const flags = {
  "lease-duration": { type: "string" },
  "renew-ratios": { type: "string" },
  "retry-periods": { type: "string" },
  skews: { type: "string" },
  pauses: { type: "string" },
  "wall-clock-steps-back": { type: "boolean" },
  runs: { type: "string" },
  seed: { type: "string" },
  "max-steps": { type: "string" },
  candidates: { type: "string" },
  workers: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
} as const;

const HELP = [
  "  --lease-duration S    leaseDuration of every cell (default 15)",
  "  --renew-ratios LIST   renewDeadline / leaseDuration, comma-separated (default 0.5,0.667,0.8)",
  "  --retry-periods LIST  retryPeriod in seconds (default 1,2,3)",
  "  --skews LIST          fastest / slowest clock rate (default 1,1.1,1.25,1.5,2)",
  "  --pauses LIST         longest process pause in seconds (default 0,4)",
  "  --wall-clock-steps-back  let running processes' wall clocks step back in every cell (the record ABA)",
  "  --runs N              generated schedules per cell (default 1000)",
  "  --seed S              fast-check seed of every cell (default 1)",
  "  --max-steps K         events per schedule (default 60)",
  "  --candidates N        replicas per cell (default 2: the smallest cluster where two can act)",
  "  --workers N           worker threads, each running whole cells (default: up to 2)",
  "  --json                the map as JSON",
  "  --out DIR             where unsafe cells' reports go (default reports)",
];

export const sweepCommand: Command = {
  name: "sweep",
  summary: "map where lease-based leader election's durations, clock skew and pauses stay safe",
  usage:
    "faultline sweep lease [--renew-ratios LIST] [--retry-periods LIST] [--skews LIST] [--pauses LIST] [--runs N] [--json] [--out DIR]",
  help: HELP,
  async run(args, { io }) {
    const { values, positionals } = parseFlags(args, flags, "sweep");
    if (positionals.length !== 1 || positionals[0] !== "lease")
      throw new UsageError(
        positionals.length === 0
          ? "sweep needs a model name: only lease has a safe-parameter map"
          : `sweep maps only the lease model (got '${positionals.join(" ")}')`,
      );
    const text = (flag: keyof typeof flags) => values[flag] as string | undefined;
    const grid: SweepGrid = {
      leaseDuration: number("lease-duration", text("lease-duration"), defaultGrid.leaseDuration, 0.001, 3600),
      renewRatios: list("renew-ratios", text("renew-ratios"), defaultGrid.renewRatios, 0.01, 0.99),
      retryPeriods: list("retry-periods", text("retry-periods"), defaultGrid.retryPeriods, 0.001, 3600),
      skews: list("skews", text("skews"), defaultGrid.skews, 1, 19),
      pauses: list("pauses", text("pauses"), defaultGrid.pauses, 0, 3600),
      wallClockStepsBack: values["wall-clock-steps-back"] === true,
    };
    const budget: SweepBudget = {
      runs: integer("runs", text("runs"), defaultBudget.runs, 1, 10_000_000),
      seed: integer("seed", text("seed"), defaultBudget.seed, -(2 ** 31), 2 ** 31 - 1),
      maxSteps: integer("max-steps", text("max-steps"), defaultBudget.maxSteps, 1, 100_000),
      candidates: integer("candidates", text("candidates"), defaultBudget.candidates, 2, 5),
    };
    const workers = integer("workers", text("workers"), defaultWorkers(), 1, 64);
    const out = text("out") ?? "reports";
    const started = performance.now();
    const results = await runCells(cells(grid, budget), budget, workers);
    const millis = performance.now() - started;
    const rows = results.map((r) => row(r, out));
    if (values.json)
      io.out(JSON.stringify({ grid, budget, millis: Math.round(millis), cells: rows }, null, 2));
    else print(io, grid, budget, rows, millis, workers);
    // A cell whose reducer threw is a bug in the model, not a finding: an internal error.
    return rows.some((r) => r.verdict === "crashed") ? INTERNAL_ERROR : EXIT.ok;
  },
};

interface Row {
  readonly leaseDuration: number;
  readonly renewDeadline: number;
  readonly retryPeriod: number;
  readonly skew: number;
  readonly maxClockDrift: number;
  readonly maxPause: number;
  readonly isDefault: boolean;
  readonly docTolerates: number;
  readonly derivedTolerates: number;
  readonly verdict: "safe" | "unsafe" | "rejected" | "crashed";
  readonly rejected?: string;
  readonly crashed?: string;
  readonly runs?: number;
  readonly millis?: number;
  readonly invariant?: string;
  readonly steps?: number;
  readonly report?: string;
}

export function row(r: CellResult, out: string): Row {
  const { config } = r;
  const base = {
    leaseDuration: config.leaseDuration,
    renewDeadline: config.renewDeadline,
    retryPeriod: config.retryPeriod,
    skew: r.skew,
    maxClockDrift: config.maxClockDrift,
    maxPause: config.maxPause,
    isDefault: r.isDefault,
    docTolerates: round(r.docTolerates),
    derivedTolerates: round(r.derivedTolerates),
  };
  if (r.rejected !== undefined) return { ...base, verdict: "rejected", rejected: r.rejected };
  const result = r.result!;
  const cx = result.counterexample;
  const figures = { runs: result.runs, millis: Math.round(result.millis) };
  if (r.crashed !== undefined) return { ...base, verdict: "crashed", crashed: r.crashed, ...figures };
  if (!cx) return { ...base, verdict: "safe", ...figures };
  const written = writeReport(lease, cx, result, out);
  return {
    ...base,
    verdict: "unsafe",
    ...figures,
    invariant: cx.run.violation?.invariant,
    steps: tellStory(lease, cx).steps.length,
    report: written.json,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

function number(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  return text === undefined ? fallback : parseNumberFlag(flag, text, { min, max });
}

function integer(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  return text === undefined ? fallback : parseNumberFlag(flag, text, { min, max, integer: true });
}

function list(flag: string, text: string | undefined, fallback: readonly number[], min: number, max: number) {
  if (text === undefined) return fallback;
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === ""))
    throw new UsageError(`--${flag} must be a comma-separated list of numbers`);
  return [...new Set(items.map((item) => parseNumberFlag(flag, item, { min, max })))];
}

const seconds = (n: number) => `${n} s`;

function verdict(r: Row): string {
  if (r.verdict === "rejected") return `rejected: ${r.rejected}`;
  if (r.verdict === "safe") return `safe (${r.runs} runs)`;
  if (r.verdict === "crashed") return `ERROR, not a verdict: ${r.crashed}`;
  return `UNSAFE ${r.invariant} in ${r.steps} steps → ${r.report}`;
}

function within(skew: number, tolerated: number): string {
  return `${tolerated.toFixed(2)} ${skew < tolerated ? "✓" : "✗"}`;
}

function print(
  io: Io,
  grid: SweepGrid,
  budget: SweepBudget,
  rows: readonly Row[],
  millis: number,
  workers: number,
): void {
  io.out(
    `Safe-parameter map of lease: leaseDuration ${grid.leaseDuration} s, ${budget.candidates} candidates, API replies up to 0.5 s, ${budget.runs} schedules per cell, seed ${budget.seed}`,
  );
  if (grid.wallClockStepsBack)
    io.out(
      "Wall clocks may step back while a process runs (--wall-clock-steps-back): outside client-go's assumption that every renew changes the record.",
    );
  io.out(
    "Columns: the tolerated clock-rate ratio by client-go's rule of thumb (leaseDuration / renewDeadline)",
  );
  io.out(
    "and by the derived margin ((leaseDuration − reply delay − 3 × pause) / (renewDeadline + retryPeriod + 1 s)),",
  );
  io.out(
    "✓ when the cell's skew is below it; then what the model found. ★ marks the client-go defaults 15/10/2.",
  );
  io.out("");
  const header = ["renewDeadline", "retryPeriod", "skew", "pause", "doc", "derived", "model"];
  const table = rows.map((r) => [
    `${seconds(r.renewDeadline)}${r.isDefault ? " ★" : ""}`,
    seconds(r.retryPeriod),
    r.skew.toFixed(2),
    seconds(r.maxPause),
    within(r.skew, r.docTolerates),
    within(r.skew, r.derivedTolerates),
    verdict(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  io.out(line(header));
  for (const cells of table) io.out(line(cells));
  io.out("");
  const checked = rows.filter((r) => r.verdict !== "rejected" && r.verdict !== "crashed");
  const crashed = rows.filter((r) => r.verdict === "crashed").length;
  if (crashed > 0)
    io.out(
      `${crashed} cell${crashed === 1 ? "" : "s"} crashed the reducer: a bug in the model, counted as neither safe nor unsafe.`,
    );
  const count = (f: (r: Row) => boolean) => checked.filter(f).length;
  const unsafe = (r: Row) => r.verdict === "unsafe";
  io.out(
    `${checked.length} cells checked, ${count(unsafe)} unsafe, ${rows.length - checked.length - crashed} rejected by validation; ${(millis / 1000).toFixed(1)} s on ${workers} worker${workers === 1 ? "" : "s"}.`,
  );
  io.out(
    `Unsafe although the rule of thumb tolerates the skew: ${count((r) => unsafe(r) && r.skew < r.docTolerates)}. ` +
      `Unsafe although the derived margin holds: ${count((r) => unsafe(r) && r.skew < r.derivedTolerates)}. ` +
      `Past the derived margin but no violation within the budget: ${count((r) => !unsafe(r) && r.skew >= r.derivedTolerates)}.`,
  );
}
