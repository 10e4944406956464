/**
 * The exhaustive small-scope explorer: breadth-first search from the initial state over every
 * event the model says is enabled, for one fixed config. Every transition is checked against
 * every invariant (with `prev` its source state, so transition invariants are checked on every
 * edge, not only on the first path to a state). Because the search is breadth-first, the first
 * violation found has a shortest schedule; it is replayed through the normal runner, so it
 * becomes a normal, replayable counterexample.
 */
import { type Counterexample, replayTwice } from "../engine/check.ts";
import { type ConfigValues, checkConfig, pinnedConfig } from "../engine/config.ts";
import { makeContext, resolveFlaws } from "../engine/context.ts";
import type { AnyModel, Context, ModelEvent } from "../model.ts";
import { FingerprintSet } from "./fingerprints.ts";
import { type Keying, stateKey } from "./keys.ts";
import { ParentTable } from "./parents.ts";

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
  /** Called after each depth is complete, with every state seen so far (for progress lines). */
  readonly onDepth?: (depth: number, states: number, millis: number) => void;
}

export const EXPLORE_DEFAULTS = { maxDepth: 12, maxStates: 1_000_000 } as const;

export interface ExploreResult {
  readonly model: string;
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly keying: Keying;
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
  const enabled = model.enabled;
  if (!enabled)
    throw new RangeError(
      `model ${model.name} does not list its enabled events (no enabled()), so it cannot be explored`,
    );
  const flaws = options.flaws ?? [];
  const maxDepth = options.maxDepth ?? EXPLORE_DEFAULTS.maxDepth;
  const maxStates = options.maxStates ?? EXPLORE_DEFAULTS.maxStates;
  const config = exploreConfig(model, options);
  const ctx: Context<unknown> = makeContext(config, flaws);
  const key = stateKey(model, ctx, options.symmetry ?? true);
  const seen = new FingerprintSet();
  const parents = new ParentTable();
  const witnesses: Record<string, number | null> = Object.fromEntries(
    (model.witnesses ?? []).map((w) => [w.name, null]),
  );
  const memory = new PeakMemory();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();

  const initial = model.init(ctx);
  seen.add(key.of(initial));
  parents.add(-1, -1);
  const levels = [1];
  let frontier = [initial];
  let frontierIds = [0];
  let transitions = 0;
  let depth = 0;
  let violating: { parent: number; choice: number } | undefined =
    firstBroken(model, initial, initial, ctx) !== undefined ? { parent: -1, choice: -1 } : undefined;
  let stoppedBy: ExploreResult["stoppedBy"] = violating ? "violation" : "exhausted";

  search: while (violating === undefined && frontier.length > 0) {
    if (depth === maxDepth) {
      stoppedBy = "max-depth";
      break;
    }
    const next: unknown[] = [];
    const nextIds: number[] = [];
    for (let i = 0; i < frontier.length; i++) {
      const state = frontier[i];
      const events = enabled(state, ctx);
      for (let choice = 0; choice < events.length; choice++) {
        const after = model.step(state, events[choice], ctx);
        if (after === state) continue;
        transitions++;
        if (firstBroken(model, after, state, ctx) !== undefined) {
          violating = { parent: frontierIds[i]!, choice };
          stoppedBy = "violation";
          break search;
        }
        if (!seen.add(key.of(after))) continue;
        nextIds.push(parents.add(frontierIds[i]!, choice));
        next.push(after);
        for (const w of model.witnesses ?? [])
          if (witnesses[w.name] === null && w.reached(after, state, ctx)) witnesses[w.name] = depth + 1;
        if (seen.size >= maxStates) {
          levels.push(next.length);
          stoppedBy = "max-states";
          break search;
        }
      }
    }
    memory.maybeSample(seen.size);
    depth++;
    options.onDepth?.(depth, seen.size, performance.now() - started);
    if (next.length > 0) levels.push(next.length);
    frontier = next;
    frontierIds = nextIds;
  }
  memory.sample();
  const millis = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const depthCompleted = stoppedBy === "exhausted" ? levels.length - 1 : depth;
  return {
    model: model.name,
    config,
    flaws,
    keying: key.keying,
    states: seen.size,
    transitions,
    depthCompleted,
    levels,
    stoppedBy,
    maxDepth,
    maxStates,
    millis,
    cpuMillis: (cpu.user + cpu.system) / 1000,
    peakRss: memory.rss,
    peakHeap: memory.heap,
    collisionOdds: seen.collisionOdds,
    witnesses,
    counterexample:
      violating &&
      counterexampleAlong(model, ctx, [...parents.choicesTo(violating.parent), violating.choice]),
  };
}

function firstBroken(model: AnyModel, state: unknown, prev: unknown, ctx: Context<unknown>) {
  for (const invariant of model.invariants)
    if (invariant.check(state, prev, ctx) !== undefined) return invariant.name;
  return undefined;
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

/** Peak memory, sampled at most once per 64k new states: process.memoryUsage() is too slow to call per level. */
class PeakMemory {
  rss = 0;
  heap = 0;
  private sampledAt = -Infinity;
  maybeSample(states: number): void {
    if (states - this.sampledAt < 65_536) return;
    this.sampledAt = states;
    this.sample();
  }
  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.rss = Math.max(this.rss, rss);
    this.heap = Math.max(this.heap, heapUsed);
  }
}
