/**
 * `check --keep-going`: after a counterexample, search on with a fresh seed over the runs left, so
 * a long run reports every distinct cause (invariant + shape) with its count instead of the first.
 */
import { type CheckOptions, type CheckResult, randomSeed } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";
import { failureId, keyOf } from "./shape.ts";

export interface Cause {
  readonly id: string;
  /** The fault kinds it needed (its shape). */
  readonly shape: readonly string[];
  readonly occurrences: number;
  /** The shortest counterexample of this cause seen in the run. */
  readonly example: CheckResult;
}

export interface KeepGoingResult {
  /** The first failure (or the passing search), with runs, events and time summed over every search. */
  readonly result: CheckResult;
  readonly causes: readonly Cause[];
}

/** The next seed: well spread (the golden-ratio step the worker seeds use too). */
const nextSeed = (seed: number) => (seed + 0x9e3779b9) | 0;

export async function keepGoing(
  model: AnyModel,
  options: CheckOptions,
  search: (options: CheckOptions) => Promise<CheckResult>,
  onFailure: (result: CheckResult) => void = () => {},
): Promise<KeepGoingResult> {
  let remaining = options.runs ?? 1000;
  let seed = options.seed ?? randomSeed();
  const causes = new Map<string, Cause>();
  let first: CheckResult | undefined;
  let runs = 0;
  let events = 0;
  let skipped = 0;
  const started = performance.now();
  while (remaining > 0) {
    const result = await search({ ...options, runs: remaining, seed, path: undefined });
    first ??= result;
    runs += result.runs;
    events += result.events;
    skipped += result.skipped;
    remaining -= result.runs;
    seed = nextSeed(seed);
    const key = result.counterexample && keyOf(model, result.counterexample);
    if (!key) break;
    onFailure(result);
    const id = failureId(key);
    const known = causes.get(id);
    const shorter =
      !known ||
      (result.counterexample?.schedule.length ?? 0) < (known.example.counterexample?.schedule.length ?? 0);
    causes.set(id, {
      id,
      shape: key.shape,
      occurrences: (known?.occurrences ?? 0) + 1,
      example: shorter ? result : known.example,
    });
  }
  const base = first as CheckResult;
  return {
    result: { ...base, runs, events, skipped, millis: performance.now() - started },
    causes: [...causes.values()].sort((a, b) => b.occurrences - a.occurrences),
  };
}

export function describeCauses(causes: readonly Cause[], runs: number): string[] {
  const total = causes.reduce((sum, c) => sum + c.occurrences, 0);
  const bugs = `${causes.length} distinct ${causes.length === 1 ? "cause" : "causes"}`;
  return [
    `Kept going: ${bugs}, ${total} ${total === 1 ? "occurrence" : "occurrences"} in ${runs.toLocaleString("en-US")} runs.`,
    ...causes.map(
      (c) =>
        `  ${String(c.occurrences).padStart(4)}× ${c.id}: ${c.shape.length ? c.shape.join(", ") : "no fault kinds"} (shortest ${c.example.counterexample?.schedule.length ?? 0} events)`,
    ),
  ];
}
