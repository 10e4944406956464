/**
 * `check` turns a model into a fast-check property over generated config + fault schedule,
 * lets fast-check find and shrink a failure, then replays the shrunk schedule twice, recording,
 * and insists both traces are identical (the determinism guard).
 */
import fc from "fast-check";
import type { AnyModel, Context, Flaw, ModelEvent } from "../model.ts";
import { type ConfigValues, configArbitrary, widestConfig } from "./config.ts";
import { type RunResult, runSchedule } from "./runner.ts";
import { scheduleArbitrary } from "./schedule.ts";

export interface CheckOptions {
  readonly runs?: number;
  readonly seed?: number;
  /** fast-check's replay path, printed with every failure: with the same seed it goes straight to the counterexample. */
  readonly path?: string;
  readonly maxSteps?: number;
  /** Config values to hold constant (e.g. `{ nodes: 3 }`). */
  readonly fixed?: ConfigValues;
  readonly flaws?: readonly string[];
}

export interface Counterexample {
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly schedule: readonly ModelEvent[];
  readonly run: RunResult<unknown, ModelEvent>;
}

export interface CheckResult {
  readonly model: string;
  readonly ok: boolean;
  readonly seed: number;
  /** fast-check's path to the shrunk counterexample. */
  readonly path: string | undefined;
  /** Generated runs executed before the first failure (all of them when ok). */
  readonly runs: number;
  /** Events applied and skipped over all generated runs (shrinking excluded). */
  readonly events: number;
  readonly skipped: number;
  readonly shrinks: number;
  readonly millis: number;
  /** For each witness, how many generated runs reached it. */
  readonly witnesses: Readonly<Record<string, number>>;
  readonly counterexample: Counterexample | undefined;
}

export class NondeterminismError extends Error {}

export function resolveFlaws(model: AnyModel, names: readonly string[]): Flaw[] {
  return names.map((name) => {
    const flaw = model.flaws.find((f) => f.name === name);
    if (!flaw) throw new RangeError(`unknown flaw '${name}' for model ${model.name}`);
    return flaw;
  });
}

export function makeContext<Config>(config: Config, flaws: readonly string[]): Context<Config> {
  return { config, flaws: new Set(flaws) };
}

export function check(model: AnyModel, options: CheckOptions = {}): CheckResult {
  const flawNames = options.flaws ?? [];
  const flaws = resolveFlaws(model, flawNames);
  const fixed = options.fixed ?? {};
  const maxSteps = options.maxSteps ?? model.maxSteps;
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const runs = options.runs ?? 1000;
  const arbitrary = fc.record({
    config: configArbitrary(model, fixed, flaws),
    schedule: scheduleArbitrary(model, widestConfig(model, fixed, flaws), maxSteps),
  });

  const witnesses: Record<string, number> = Object.fromEntries(
    (model.witnesses ?? []).map((w) => [w.name, 0]),
  );
  let generatedRuns = 0;
  let events = 0;
  let skipped = 0;
  let shrinking = false;
  const property = fc.property(arbitrary, ({ config, schedule }) => {
    const run = runSchedule(model, makeContext(config, flawNames), schedule);
    if (!shrinking) {
      generatedRuns++;
      events += run.applied;
      skipped += run.skipped;
      for (const name of run.reached) witnesses[name] = (witnesses[name] ?? 0) + 1;
      if (run.violation) shrinking = true;
    }
    return run.violation === undefined;
  });

  const started = performance.now();
  const details = fc.check(property, { numRuns: runs, seed, path: options.path, endOnFailure: false });
  const millis = performance.now() - started;
  if (details.errorInstance && !details.counterexample) throw details.errorInstance;

  let counterexample: Counterexample | undefined;
  if (details.failed && details.counterexample) {
    const [{ config, schedule }] = details.counterexample;
    counterexample = {
      config,
      flaws: flawNames,
      schedule,
      run: replayTwice(model, config, flawNames, schedule),
    };
  }
  return {
    model: model.name,
    ok: !details.failed,
    seed: details.seed,
    path: details.counterexamplePath ?? undefined,
    runs: details.failed ? generatedRuns : details.numRuns,
    events,
    skipped,
    shrinks: details.numShrinks,
    millis,
    witnesses,
    counterexample,
  };
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
  const a = JSON.stringify([first.violation, first.trace]);
  const b = JSON.stringify([second.violation, second.trace]);
  if (a !== b)
    throw new NondeterminismError(
      `model ${model.name} is not deterministic: the same schedule gave two different traces`,
    );
  return first;
}
