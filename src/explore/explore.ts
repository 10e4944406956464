/**
 * The exhaustive small-scope explorer: every state reachable from the initial state over every
 * event the model says is enabled, for one fixed config, within the user's bounds on the model's
 * state constraints. Breadth-first by default, iterative deepening with `dfs`. Every transition is
 * checked against every invariant (with `prev` its source state, so transition invariants are
 * checked on every edge, not only on the first path to a state). Both searches find a shortest
 * violating schedule first; it is replayed through the normal runner, so it becomes a normal,
 * replayable counterexample.
 */
import { type Counterexample, replayTwice } from "../engine/check.ts";
import { type ConfigValues, checkConfig, pinnedConfig } from "../engine/config.ts";
import { makeContext, resolveFlaws } from "../engine/context.ts";
import type { AnyModel, Context, ModelEvent } from "../model.ts";
import { breadthFirst } from "./bfs.ts";
import { type Bounds, boundCheck } from "./bounds.ts";
import { iterativeDeepening } from "./dfs.ts";
import { type Keying, stateKey } from "./keys.ts";
import { type SearchLimits, type SearchOutcome, Space } from "./space.ts";

export interface ExploreOptions {
  /** Config values to hold (e.g. `{ nodes: 3 }`); the rest keep their defaults. */
  readonly fixed?: ConfigValues;
  readonly flaws?: readonly string[];
  /** Explore every state reachable in at most this many events. */
  readonly maxDepth?: number;
  /** Stop once this many distinct states have been seen. */
  readonly maxStates?: number;
  /** Identify states equal up to a renaming of node ids, when the model says how (default on). */
  readonly symmetry?: boolean;
  /** Bounds on the model's state constraints (`{ "max-term": 4 }`): states beyond them are left out. */
  readonly bounds?: Bounds;
  /** Iterative-deepening depth-first search instead of breadth-first (memory: no frontier). */
  readonly dfs?: boolean;
  /** Called after each depth is complete, with every state seen so far (for progress lines). */
  readonly onDepth?: (depth: number, states: number, millis: number) => void;
}

export const EXPLORE_DEFAULTS = { maxDepth: 12, maxStates: 1_000_000 } as const;

export interface ExploreResult {
  readonly model: string;
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly keying: Keying;
  readonly bounds: Bounds;
  readonly search: "bfs" | "dfs";
  /** Distinct states seen, the initial one included. */
  readonly states: number;
  /** Events that changed the state (edges of the state graph) followed. */
  readonly transitions: number;
  /** Every state reachable in this many events or fewer was checked. */
  readonly depthCompleted: number;
  /** New states found at each depth, from depth 0 (the initial state). */
  readonly levels: readonly number[];
  /** Why the search ended: the whole reachable space was seen, a bound was hit, or an invariant broke. */
  readonly stoppedBy: "exhausted" | "max-depth" | "max-states" | "violation";
  readonly maxDepth: number;
  readonly maxStates: number;
  readonly millis: number;
  /** CPU time of this process over the search: on a shared machine, a steadier measure than wall time. */
  readonly cpuMillis: number;
  readonly peakRss: number;
  readonly peakHeap: number;
  /** Bytes of the search's own tables (fingerprints, parent pointers) per distinct state. */
  readonly bytesPerState: number;
  /** Chance that two distinct states shared a 64-bit fingerprint, so one went unexplored. */
  readonly collisionOdds: number;
  /** For each witness, the depth at which it was first reached, or null. */
  readonly witnesses: Readonly<Record<string, number | null>>;
  /** A shortest schedule breaking an invariant, replayed through the runner. */
  readonly counterexample: Counterexample | undefined;
}

/** The config the explorer runs: defaults, then what the flaws need, then what the user fixed. */
export function exploreConfig(model: AnyModel, options: ExploreOptions): ConfigValues {
  const flaws = resolveFlaws(model, options.flaws ?? []);
  const config = pinnedConfig(model, options.fixed ?? {}, flaws);
  const problem = checkConfig(model, config);
  if (problem) throw new RangeError(problem);
  return config;
}

export function explore(model: AnyModel, options: ExploreOptions = {}): ExploreResult {
  if (!model.enabled)
    throw new RangeError(
      `model ${model.name} does not list its enabled events (no enabled()), so it cannot be explored`,
    );
  const flaws = options.flaws ?? [];
  const memory = new PeakMemory();
  const bounds = options.bounds ?? {};
  const limits = searchLimits(options, memory);
  const config = exploreConfig(model, options);
  const space = searchSpace(model, { config, flaws, symmetry: options.symmetry ?? true, bounds });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const outcome = options.dfs ? iterativeDeepening(space, limits) : breadthFirst(space, limits);
  return result(model, options, space, limits, outcome, { started, cpuStarted, memory });
}

/** What decides the state space: the same in the searching thread and in each worker. */
export interface SpaceSpec {
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly symmetry: boolean;
  readonly bounds: Bounds;
}

export function searchSpace(model: AnyModel, spec: SpaceSpec): Space {
  const ctx: Context<unknown> = makeContext(spec.config, spec.flaws);
  const key = stateKey(model, ctx, spec.symmetry);
  return new Space(model, ctx, key, boundCheck(model, spec.bounds, ctx));
}

/** The limits of a search from the options, sampling peak memory after each depth. */
export function searchLimits(options: ExploreOptions, memory: PeakMemory): SearchLimits {
  return {
    maxDepth: options.maxDepth ?? EXPLORE_DEFAULTS.maxDepth,
    maxStates: options.maxStates ?? EXPLORE_DEFAULTS.maxStates,
    onDepth: (depth: number, states: number, millis: number) => {
      memory.sample();
      options.onDepth?.(depth, states, millis);
    },
  };
}

/** The result of a finished search, its counterexample replayed through the runner. */
export function result(
  model: AnyModel,
  options: ExploreOptions,
  space: Space,
  limits: SearchLimits,
  outcome: SearchOutcome,
  clock: { readonly started: number; readonly cpuStarted: NodeJS.CpuUsage; readonly memory: PeakMemory },
): ExploreResult {
  const { memory, started, cpuStarted } = clock;
  memory.sample();
  const millis = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return {
    model: model.name,
    config: space.ctx.config as ConfigValues,
    flaws: options.flaws ?? [],
    keying: space.keying,
    bounds: options.bounds ?? {},
    search: options.dfs ? "dfs" : "bfs",
    states: outcome.states,
    transitions: outcome.transitions,
    depthCompleted: outcome.depthCompleted,
    levels: outcome.levels,
    stoppedBy: outcome.stoppedBy,
    maxDepth: limits.maxDepth,
    maxStates: limits.maxStates,
    millis,
    cpuMillis: (cpu.user + cpu.system) / 1000,
    peakRss: memory.rss,
    peakHeap: memory.heap,
    bytesPerState: outcome.tableBytes / outcome.states,
    collisionOdds: outcome.collisionOdds,
    witnesses: space.witnesses,
    counterexample: outcome.violation && counterexampleAlong(model, space.ctx, outcome.violation),
  };
}

/** Replays enabled-event choices from the initial state into a schedule, then through the runner. */
function counterexampleAlong(
  model: AnyModel,
  ctx: Context<unknown>,
  choices: readonly number[],
): Counterexample {
  const schedule: ModelEvent[] = [];
  let state = model.init(ctx);
  for (const choice of choices) {
    if (choice < 0) continue; // the initial state itself broke an invariant
    const event = model.enabled!(state, ctx)[choice]!;
    schedule.push(event);
    state = model.step(state, event, ctx);
  }
  const config = ctx.config as ConfigValues;
  const flaws = [...ctx.flaws];
  return { config, flaws, schedule, run: replayTwice(model, config, flaws, schedule) };
}

/** Peak memory, sampled after each depth and at the end: process.memoryUsage() is too slow to call per state. */
export class PeakMemory {
  rss = 0;
  heap = 0;
  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.rss = Math.max(this.rss, rss);
    this.heap = Math.max(this.heap, heapUsed);
  }
}
