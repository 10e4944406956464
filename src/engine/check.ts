/**
 * `check` turns a model into a fast-check property over generated config + fault schedule,
 * lets fast-check find and shrink a failure, minimizes it further (minimize.ts), then replays
 * the result twice, recording, and insists both traces are identical (the determinism guard).
 */
import fc from "fast-check";
import type { AnyModel, ModelEvent } from "../model.ts";
import { type ConfigValues, fixedProblem } from "./config.ts";
import { makeContext, resolveFlaws } from "./context.ts";
import { type GeneratedRun, runArbitrary } from "./generate.ts";
import { minimize } from "./minimize.ts";
import { type RunOptions, type RunResult, runSchedule } from "./runner.ts";
import type { Generation, Profile } from "./schedule.ts";

export interface CheckOptions {
  readonly runs?: number;
  readonly seed?: number;
  /** fast-check's replay path, printed with every failure: with the same seed it goes straight to the counterexample. */
  readonly path?: string;
  readonly maxSteps?: number;
  /** Config values to hold constant (e.g. `{ nodes: 3 }`). */
  readonly fixed?: ConfigValues;
  readonly flaws?: readonly string[];
  readonly generation?: Generation;
  /**
   * Aim generated events the reducer would skip at events that happen (src/engine/aim.ts). Off by
   * default: aimed runs find flaws in fewer runs but shrink to longer stories on some Raft flaws
   * (`npm run bench` shows both side by side).
   */
  readonly aim?: boolean;
  /** Run the extra minimization pass after fast-check's shrinking (default on). */
  readonly minimize?: boolean;
  /** Called after every generated run with the runs and events so far (a progress display). */
  readonly onRun?: (runs: number, events: number) => void;
}

export interface Counterexample {
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly schedule: readonly ModelEvent[];
  readonly run: RunResult<unknown, ModelEvent>;
}

export interface ShrinkFigures {
  /** Events in the generated schedule that first failed, in fast-check's shrunk one, and after minimization. */
  readonly generated: number;
  readonly fastCheck: number;
  readonly minimized: number;
  readonly fastCheckSteps: number;
  readonly minimizeAttempts: number;
  readonly millis: number;
}

export interface CheckResult {
  readonly model: string;
  readonly ok: boolean;
  readonly seed: number;
  /** fast-check's path to its shrunk counterexample. */
  readonly path: string | undefined;
  readonly generation: Generation;
  /** Generated runs executed up to and including the first failure (all of them when ok). */
  readonly runs: number;
  /** Events applied and skipped over all generated runs (shrinking excluded). */
  readonly events: number;
  readonly skipped: number;
  /** Of the events applied, those aimed at a landing event after the drawn one would have been skipped. */
  readonly aimed: number;
  readonly millis: number;
  /** Time until the first failing run, before shrinking. */
  readonly millisToDetection: number | undefined;
  /** For each witness, how many generated runs reached it. */
  readonly witnesses: Readonly<Record<string, number>>;
  readonly counterexample: Counterexample | undefined;
  /** The swarm profile of the run that failed. */
  readonly profile: Profile | undefined;
  readonly shrink: ShrinkFigures | undefined;
}

export class NondeterminismError extends Error {}

/** A `--path` that leads to no failure with its seed and options: bad input, not a crash. */
export class PathMismatchError extends Error {}

export function randomSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

export function check(model: AnyModel, options: CheckOptions = {}): CheckResult {
  const flawNames = options.flaws ?? [];
  const problem = fixedProblem(model, options.fixed ?? {});
  if (problem) throw new RangeError(problem);
  const generation = options.generation ?? "uniform";
  const arbitrary = runArbitrary(model, {
    fixed: options.fixed ?? {},
    flaws: resolveFlaws(model, flawNames),
    maxSteps: options.maxSteps ?? model.maxSteps,
    generation,
    aim: options.aim ?? false,
  });

  const witnesses: Record<string, number> = Object.fromEntries(
    (model.witnesses ?? []).map((w) => [w.name, 0]),
  );
  let generatedRuns = 0;
  let events = 0;
  let skipped = 0;
  let aimed = 0;
  let firstFailure: { length: number; millis: number } | undefined;
  const started = performance.now();
  const property = fc.property(arbitrary, (generated) => {
    const { config, schedule } = generated;
    const run = runSchedule(model, makeContext(config, flawNames), schedule, aimOf(generated));
    if (!firstFailure) {
      generatedRuns++;
      events += run.applied;
      skipped += run.skipped;
      aimed += run.aimed;
      for (const name of run.reached) witnesses[name] = (witnesses[name] ?? 0) + 1;
      if (run.violation) firstFailure = { length: schedule.length, millis: performance.now() - started };
      options.onRun?.(generatedRuns, events);
    }
    return run.violation === undefined;
  });

  const seed = options.seed ?? randomSeed();
  const details = checkAlongPath(property, { numRuns: options.runs ?? 1000, seed, path: options.path });
  if (details.errorInstance && !details.counterexample) throw details.errorInstance;

  let counterexample: Counterexample | undefined;
  let shrink: ShrinkFigures | undefined;
  let profile: Profile | undefined;
  if (details.failed && details.counterexample) {
    const [found] = details.counterexample;
    profile = found.profile;
    // From here on the schedule is explicit: the events the generated run actually applied.
    const applied = landedSchedule(model, found, flawNames);
    const shrunk = runSchedule(model, makeContext(found.config, flawNames), applied);
    const minimized =
      options.minimize === false || !shrunk.violation
        ? { schedule: applied, attempts: 0 }
        : minimize(model, found.config, flawNames, applied, shrunk.violation.invariant);
    const run = replayTwice(model, found.config, flawNames, minimized.schedule);
    counterexample = { config: found.config, flaws: flawNames, schedule: minimized.schedule, run };
    shrink = {
      generated: firstFailure?.length ?? found.schedule.length,
      fastCheck: found.schedule.length,
      minimized: minimized.schedule.length,
      fastCheckSteps: details.numShrinks,
      minimizeAttempts: minimized.attempts,
      millis: performance.now() - started - (firstFailure?.millis ?? 0),
    };
  }
  return {
    model: model.name,
    ok: !details.failed,
    seed: details.seed,
    path: details.counterexamplePath ?? undefined,
    generation,
    runs: details.failed ? generatedRuns : details.numRuns,
    events,
    skipped,
    aimed,
    millis: performance.now() - started,
    millisToDetection: firstFailure?.millis,
    witnesses,
    counterexample,
    profile,
    shrink,
  };
}

/** The events a generated run folded (aimed ones in place of those drawn), up to its violation. */
function landedSchedule(model: AnyModel, run: GeneratedRun, flaws: readonly string[]): readonly ModelEvent[] {
  if (!run.rolls) return run.schedule;
  const ctx = makeContext(run.config, flaws);
  const folded = runSchedule(model, ctx, run.schedule, { record: true, ...aimOf(run) });
  return (folded.trace ?? []).map((step) => step.event);
}

/** The runner's options for a generated run: aimed when it was drawn with rolls. */
export function aimOf(run: GeneratedRun): RunOptions {
  return run.rolls ? { aim: { profile: run.profile, rolls: run.rolls } } : {};
}

/**
 * fast-check's run, and with a path its replay: a path fast-check cannot follow, or one that now
 * ends in a passing run, is a PathMismatchError naming both.
 */
function checkAlongPath(
  property: fc.IProperty<[GeneratedRun]>,
  parameters: { numRuns: number; seed: number; path: string | undefined },
): fc.RunDetails<[GeneratedRun]> {
  const { path, seed } = parameters;
  const mismatch = () =>
    new PathMismatchError(
      `--path ${path} leads to no failure with --seed ${seed} and these options: it was printed with another seed, flaw or model option — or this run now passes`,
    );
  let details: fc.RunDetails<[GeneratedRun]>;
  try {
    details = fc.check(property, { ...parameters, endOnFailure: false });
  } catch (error) {
    if (path !== undefined && /Unable to replay/.test((error as Error).message)) throw mismatch();
    throw error;
  }
  if (path !== undefined && !details.failed) throw mismatch();
  return details;
}

/** Runs a schedule twice, recording and freezing; throws if the two traces differ in any way. */
export function replayTwice(
  model: AnyModel,
  config: ConfigValues,
  flaws: readonly string[],
  schedule: readonly ModelEvent[],
): RunResult<unknown, ModelEvent> {
  const first = runSchedule(model, makeContext(config, flaws), schedule, { record: true, freeze: true });
  const second = runSchedule(model, makeContext(config, flaws), schedule, { record: true, freeze: true });
  if (!sameRun(first, second))
    throw new NondeterminismError(
      `model ${model.name} is not deterministic: the same schedule gave two different traces`,
    );
  return first;
}

/** Step by step, so a long trace is never one giant string (a 100,000-event schedule replays in seconds). */
function sameRun(a: RunResult<unknown, ModelEvent>, b: RunResult<unknown, ModelEvent>): boolean {
  if (JSON.stringify(a.violation) !== JSON.stringify(b.violation)) return false;
  const stepsA = a.trace ?? [];
  const stepsB = b.trace ?? [];
  if (stepsA.length !== stepsB.length) return false;
  return stepsA.every((step, i) => JSON.stringify(step) === JSON.stringify(stepsB[i]));
}
