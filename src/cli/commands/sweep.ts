/**
 * `faultline sweep <model>`: a grid over any model's params — list several values for a param
 * flag (`--retry-period 1,2,3`) — each cell a `check` of the correct model. Unsafe cells get a
 * report with the shrunk counterexample. Models add analytic columns and a default grid.
 */
import { pinnedConfig } from "../../engine/config.ts";
import { sourceOf } from "../../engine/model-source.ts";
import { defaultWorkers } from "../../engine/pool.ts";
import type { ConfigValues } from "../../fields.ts";
import type { AnyModel, AnyParam, FlagDoc, Io } from "../../model.ts";
import { tellStory } from "../../report/story.ts";
import { ensureDir, writeReport } from "../../report/write.ts";
import { type Axis, defaultAxes, gridCells } from "../../sweep/grid.ts";
import { type SweepBudget, type SweepCell, sweep } from "../../sweep/sweep.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { modelArg } from "../model-arg.ts";
import { paramFlags, paramValue, parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const flags = {
  runs: { type: "string", value: "N", doc: "generated schedules per cell", defaultText: "1000" },
  seed: { type: "string", value: "S", doc: "fast-check seed of every cell", defaultText: "1" },
  "max-steps": { type: "string", value: "K", doc: "most events per schedule", defaultText: "the model's" },
  workers: {
    type: "string",
    value: "N",
    doc: "worker threads, each running whole cells",
    defaultText: "up to 2",
  },
  json: { type: "boolean", doc: "the map as JSON" },
  out: { type: "string", value: "DIR", doc: "where unsafe cells' reports go", defaultText: "reports" },
} as const satisfies Readonly<Record<string, FlagDoc>>;

export const sweepCommand: Command = {
  name: "sweep",
  summary: "map where a model stays safe over a grid of its params (list values: --retry-period 1,2,3)",
  usage:
    "faultline sweep <model> [--<param> v1,v2,…]… [--runs N] [--seed S] [--workers N] [--json] [--out DIR]",
  flags,
  takesModel: true,
  async run(args, { io, models, progress }) {
    const model = modelArg(args[0], models, "sweep");
    const { values, positionals } = parseFlags(
      args.slice(1),
      { ...flags, ...paramFlags(model) },
      `sweep ${model.name}`,
    );
    if (positionals.length)
      throw new UsageError(`unexpected argument '${positionals[0]}' for 'sweep ${model.name}'`);
    const int = (flag: string, fallback: number, min: number, max: number) =>
      values[flag] === undefined
        ? fallback
        : parseNumberFlag(flag, String(values[flag]), { min, max, integer: true });
    const budget: SweepBudget = {
      runs: int("runs", 1000, 1, 10_000_000),
      seed: int("seed", 1, -(2 ** 31), 2 ** 31 - 1),
      maxSteps: int("max-steps", model.maxSteps, 1, 100_000),
    };
    const workers = sourceOf(model) ? int("workers", defaultWorkers(), 1, 64) : 1;
    const { axes, fixed } = gridFromFlags(model, values);
    const chosen = axes.length ? axes : defaultAxes(model).filter((a) => !(a.key in fixed));
    if (chosen.length === 0)
      throw new UsageError(
        `sweep ${model.name} needs a param with several values, e.g. --${model.params[0]?.flag ?? "param"} 1,2,3`,
      );
    const base = pinnedConfig(model, fixed, []);
    const configs = gridCells(chosen, base);
    const out = (values.out as string | undefined) ?? "reports";
    ensureDir(out); // before the sweep: no unsafe cell's report is lost to a bad --out
    const started = performance.now();
    const bar = values.json ? undefined : progress?.(`sweep ${model.name}`, configs.length, "cells");
    const cells = await sweep(model, configs, budget, workers, (done) =>
      bar?.update(done, `${workers} worker${workers === 1 ? "" : "s"}`),
    ).finally(() => bar?.stop());
    const millis = performance.now() - started;
    const rows = cells.map((cell) => row(model, cell, chosen, out));
    if (values.json)
      io.out(JSON.stringify({ model: model.name, budget, millis: Math.round(millis), cells: rows }, null, 2));
    else print(io, model, chosen, rows, budget, millis, workers);
    // A cell whose reducer threw is a bug in the model, not a finding about the system: an internal error.
    return rows.some((r) => r.verdict === "crashed") ? EXIT.internal : EXIT.ok;
  },
};

/** Param flags with a comma list become axes; single values are held fixed. */
function gridFromFlags(
  model: AnyModel,
  values: Record<string, unknown>,
): { axes: Axis[]; fixed: ConfigValues } {
  const axes: Axis[] = [];
  const fixed: Record<string, unknown> = {};
  for (const param of model.params as readonly AnyParam[]) {
    const text = values[param.flag];
    if (text === undefined) continue;
    const items = String(text)
      .split(",")
      .map((s) => s.trim());
    if (items.some((s) => s === ""))
      throw new UsageError(`--${param.flag} must be a value or a comma-separated list`);
    const parsed = [...new Set(items.map((item) => paramValue(param, item)))];
    if (parsed.length === 1) fixed[param.key] = parsed[0];
    else axes.push({ key: param.key, values: parsed });
  }
  return { axes, fixed };
}

interface Row {
  readonly config: ConfigValues;
  readonly verdict: SweepCell["verdict"];
  readonly reason?: string;
  readonly columns: SweepCell["columns"];
  readonly runs?: number;
  readonly invariant?: string;
  readonly steps?: number;
  readonly report?: string;
}

function row(model: AnyModel, cell: SweepCell, axes: readonly Axis[], out: string): Row {
  const config = Object.fromEntries(axes.map((a) => [a.key, cell.config[a.key]]));
  const base = { config, verdict: cell.verdict, columns: cell.columns, runs: cell.result?.runs };
  if (cell.verdict !== "unsafe") return { ...base, ...(cell.reason ? { reason: cell.reason } : {}) };
  const cx = cell.result!.counterexample!;
  const written = writeReport(model, cx, cell.result!, out);
  return {
    ...base,
    invariant: cx.run.violation!.invariant,
    steps: tellStory(model, cx).steps.length,
    report: written.json,
  };
}

function verdictText(r: Row): string {
  switch (r.verdict) {
    case "rejected":
      return `rejected: ${r.reason}`;
    case "crashed":
      return `MODEL CRASHED (a bug in the model, not a finding): ${r.reason}`;
    case "safe":
      return `safe (${r.runs} runs)`;
    case "unsafe":
      return `UNSAFE ${r.invariant} in ${r.steps} steps → ${r.report}`;
  }
}

function print(
  io: Io,
  model: AnyModel,
  axes: readonly Axis[],
  rows: readonly Row[],
  budget: SweepBudget,
  millis: number,
  workers: number,
): void {
  const flagOf = (key: string) => model.params.find((p) => p.key === key)?.flag ?? key;
  const columns = model.extensions.sweepColumns ?? [];
  io.out(`Sweep of ${model.name}: ${rows.length} cells, ${budget.runs} schedules each, seed ${budget.seed}`);
  for (const c of columns) io.out(`  ${c.name}: ${c.doc}`);
  io.out("");
  const header = [...axes.map((a) => flagOf(a.key)), ...columns.map((c) => c.name), "verdict"];
  const table = rows.map((r) => [
    ...axes.map((a) => String(r.config[a.key])),
    ...columns.map((c) => String(r.columns[c.name])),
    verdictText(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  io.out(line(header));
  for (const cells of table) io.out(line(cells));
  io.out("");
  const count = (v: Row["verdict"]) => rows.filter((r) => r.verdict === v).length;
  io.out(
    `${count("safe")} safe, ${count("unsafe")} unsafe, ${count("rejected")} rejected by the model's validation, ${count("crashed")} crashed; ${(millis / 1000).toFixed(1)} s on ${workers} worker${workers === 1 ? "" : "s"}.`,
  );
}
