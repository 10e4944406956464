/**
 * The bug-zoo benchmark: for every model × flaw, detection over many seeds with each generation
 * mode, shrunk length against the explorer's BFS minimum; per model, throughput, explorer
 * states/s and the worker-thread speed-up. Figures only: nothing here asserts a time.
 */
import { availableParallelism, loadavg } from "node:os";
import { check } from "../engine/check.ts";
import { sourceOf } from "../engine/model-source.ts";
import type { Generation } from "../engine/schedule.ts";
import type { AnyModel } from "../model.ts";
import { VERSION } from "../version.ts";
import { type Detection, detect } from "./detection.ts";
import { type ExplorerFigures, explorerFigures } from "./explorer.ts";
import { type LinearizabilitySpeed, linearizabilitySpeed, SPEED_DEFAULTS } from "./linearizability.ts";
import { bfsMinimal, type Minimal } from "./minimal.ts";
import { type SoakRow, soak } from "./soak.ts";
import { type Speedup, workersSpeedup } from "./speedup.ts";
import { type Throughput, throughput } from "./throughput.ts";

export interface BenchOptions {
  /** Seeds per flaw and generation mode, each a `check` at `runs` runs (the CLI's default budget). */
  readonly seeds: number;
  readonly runs: number;
  readonly throughputRuns: number;
  /** States the explorer may visit when measuring states/s, and when looking for a flaw's BFS minimum. */
  readonly exploreStates: number;
  readonly minimalStates: number;
  readonly workerRuns: number;
  readonly workerCounts: readonly number[];
  /** Generated schedules per correct model in the false-alarm soak, over the most workers (0: no soak). */
  readonly soakRuns: number;
  /** Operations per made-up history when timing the linearizability checker against the naive search (0: skip). */
  readonly historyOperations: number;
  readonly progress?: (line: string) => void;
}

export const FULL: BenchOptions = {
  seeds: 30,
  runs: 1000,
  throughputRuns: 5000,
  exploreStates: 300_000,
  minimalStates: 200_000,
  workerRuns: 10_000,
  workerCounts: [1, 2],
  // 1,000,000 per model took ~45 minutes on two cores: `--soak-runs 1000000` runs the long one.
  soakRuns: 20_000,
  historyOperations: 10_000,
};

export const QUICK: BenchOptions = {
  seeds: 3,
  runs: 200,
  throughputRuns: 200,
  exploreStates: 2_000,
  minimalStates: 5_000,
  workerRuns: 400,
  workerCounts: [1, 2],
  soakRuns: 2_000,
  historyOperations: 500,
};

export interface FlawRow {
  readonly flaw: string;
  readonly breaks: string;
  /** Detection per generation mode, the default first. */
  readonly detection: readonly Detection[];
  /** The default generation again, with skipped events aimed at landing ones (`check --aim`). */
  readonly aimed: Detection;
  /** The BFS minimum at the config most of the default mode's counterexamples shrank to. */
  readonly minimal: Minimal | null;
  /** Detected seeds (default mode) at that config; of those, how many stories are as short as the minimum, and the worst ratio. */
  readonly compared: number;
  readonly atMinimum: number | null;
  readonly worstOverMinimum: number | null;
}

export type { ExplorerFigures } from "./explorer.ts";

export interface ModelRow {
  readonly model: string;
  readonly throughput: Throughput;
  readonly explorer: ExplorerFigures | null;
  readonly workers: Speedup | null;
  readonly flaws: readonly FlawRow[];
  /** The false-alarm soak of the correct model; null when skipped or the workers cannot load the model. */
  readonly soak: SoakRow | null;
}

export interface BenchResult {
  readonly faultline: string;
  readonly date: string;
  readonly machine: {
    readonly cores: number;
    readonly node: string;
    readonly platform: string;
    /** 1-minute load average when the benchmark ended: timings on a busy machine run slow. */
    readonly load: number;
  };
  readonly options: Omit<BenchOptions, "progress">;
  readonly defaultGeneration: Generation;
  readonly models: readonly ModelRow[];
  /** The etcd history checker against the naive search on the same made-up histories. */
  readonly history: LinearizabilitySpeed | null;
}

export async function runBench(models: readonly AnyModel[], options: BenchOptions): Promise<BenchResult> {
  const say = options.progress ?? (() => {});
  const rows: ModelRow[] = [];
  let defaultGeneration: Generation = "uniform";
  for (const model of models) {
    defaultGeneration = check(model, { runs: 1, seed: 1 }).generation;
    const generations: Generation[] = [
      defaultGeneration,
      defaultGeneration === "swarm" ? "uniform" : "swarm",
    ];
    const flaws: FlawRow[] = [];
    for (const flaw of model.flaws) {
      const row = flawRow(model, flaw.name, flaw.breaks, generations, options);
      say(flawLine(model, row));
      flaws.push(row);
    }
    const tp = throughput(model, options.throughputRuns, 1, defaultGeneration);
    say(
      `${model.name} · throughput: ${tp.checkedPerSecond.toLocaleString("en-US")} checked events/s, bare reducer ${tp.barePerSecond.toLocaleString("en-US")}/s; skipped ${percent(tp.skippedBefore)} drawn, ${percent(tp.skippedAimed)} aimed`,
    );
    const explorer = await explorerFigures(model, options.exploreStates, Math.max(...options.workerCounts));
    if (explorer)
      say(
        `${model.name} · explorer: ${explorer.statesPerSecond.toLocaleString("en-US")} states/s, ${explorer.bytesPerState} B/state${explorer.parallel ? `, ${explorer.parallel.speedup.toFixed(2)}× with ${explorer.parallel.workers} workers` : ""}`,
      );
    // Worker threads load a model from its module; one built in memory is measured in this thread only.
    const workers = sourceOf(model)
      ? await workersSpeedup(model, options.workerRuns, options.workerCounts)
      : null;
    if (workers)
      say(
        `${model.name} · workers: ${workers.speedup.toFixed(2)}× with ${Math.max(...options.workerCounts)}, start-up ${Math.round(workers.startupMillis)} ms, pays off from ${workers.breakEvenRuns ?? "—"} runs`,
      );
    const soaked =
      options.soakRuns > 0 && sourceOf(model)
        ? await soak(model, options.soakRuns, Math.max(...options.workerCounts))
        : null;
    if (soaked)
      say(
        `${model.name} · soak: ${soaked.runs.toLocaleString("en-US")} schedules, ${soaked.violations} violations, ${soaked.runsPerSecond.toLocaleString("en-US")} schedules/s`,
      );
    rows.push({ model: model.name, throughput: tp, explorer, workers, flaws, soak: soaked });
  }
  const { progress: _p, ...figures } = options;
  return {
    faultline: VERSION,
    date: new Date().toISOString(),
    machine: {
      cores: availableParallelism(),
      node: process.version,
      platform: process.platform,
      load: loadavg()[0] ?? 0,
    },
    options: figures,
    defaultGeneration,
    models: rows,
    history:
      options.historyOperations > 0
        ? linearizabilitySpeed({ ...SPEED_DEFAULTS, operations: options.historyOperations })
        : null,
  };
}

function flawRow(
  model: AnyModel,
  flaw: string,
  breaks: string,
  generations: readonly Generation[],
  options: BenchOptions,
): FlawRow {
  const detection = generations.map((generation) =>
    detect(model, flaw, { seeds: options.seeds, runs: options.runs, generation }),
  );
  const aimed = detect(model, flaw, {
    seeds: options.seeds,
    runs: options.runs,
    generation: generations[0]!,
    aim: true,
  });
  const found = detection[0]!.outcomes.filter((o) => o.found);
  const config = mostCommonConfig(found.map((o) => JSON.stringify(o.config)));
  if (!model.enabled || config === undefined)
    return {
      flaw,
      breaks,
      detection,
      aimed,
      minimal: null,
      compared: 0,
      atMinimum: null,
      worstOverMinimum: null,
    };
  // One search per flaw, at the config most counterexamples shrank to: exploring is the costly part.
  const same = found.filter((o) => JSON.stringify(o.config) === config);
  const lengths = same.map((o) => o.storyLength!);
  const minimal = bfsMinimal(model, flaw, JSON.parse(config), Math.max(...lengths), options.minimalStates);
  const minimum = minimal.length;
  return {
    flaw,
    breaks,
    detection,
    aimed,
    minimal,
    compared: same.length,
    atMinimum: minimum === null ? null : lengths.filter((n) => n === minimum).length,
    worstOverMinimum: minimum === null ? null : Math.max(...lengths) / minimum,
  };
}

function mostCommonConfig(configs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const c of configs) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function flawLine(model: AnyModel, row: FlawRow): string {
  const d = row.detection[0]!;
  const runs = d.runs.median === null ? "" : `, median ${d.runs.median} runs`;
  const bfs = row.minimal ? (row.minimal.length ?? `not within ${row.minimal.states} states`) : "—";
  const a = row.aimed;
  return `${model.name} · ${row.flaw}: ${d.detected}/${d.seeds} detected (${d.generation})${runs}, story ${d.storyLength.median ?? "—"} steps, BFS minimum ${bfs}; aimed ${a.detected}/${a.seeds}, median ${a.runs.median ?? "—"} runs, story ${a.storyLength.median ?? "—"}`;
}

const percent = (share: number) => `${(share * 100).toFixed(0)} %`;
