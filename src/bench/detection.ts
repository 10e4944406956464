/**
 * The bug zoo's first column: how reliably, how fast and how small `check` finds one flaw,
 * over many seeds at the default budget.
 */
import { check } from "../engine/check.ts";
import type { ConfigValues } from "../engine/config.ts";
import type { Generation } from "../engine/schedule.ts";
import type { AnyModel } from "../model.ts";
import { tellStory } from "../report/story.ts";
import { median, p90 } from "./stats.ts";

export interface SeedOutcome {
  readonly seed: number;
  readonly found: boolean;
  /** The invariant that broke (it should be the one the flaw's `breaks` names). */
  readonly invariant: string | null;
  readonly runs: number;
  readonly millisToDetection: number | null;
  readonly shrinkMillis: number | null;
  /** Steps in the minimal story (skipped events left out). */
  readonly storyLength: number | null;
  readonly config: ConfigValues | null;
}

export interface Detection {
  readonly generation: Generation;
  /** Whether skipped events were aimed at landing ones (false: the generation before aiming). */
  readonly aim: boolean;
  readonly seeds: number;
  readonly detected: number;
  /** Seeds whose violation was of another invariant than the flaw's `breaks`. */
  readonly otherInvariant: number;
  readonly runs: { readonly median: number | null; readonly p90: number | null };
  readonly millis: { readonly median: number | null; readonly p90: number | null };
  readonly shrinkMillis: { readonly median: number | null };
  readonly storyLength: { readonly median: number | null; readonly max: number | null };
  readonly outcomes: readonly SeedOutcome[];
}

export interface DetectionOptions {
  readonly seeds: number;
  readonly runs: number;
  readonly generation: Generation;
  /** Aim skipped events, as `check --aim` does (default off). */
  readonly aim?: boolean;
}

export function detect(model: AnyModel, flaw: string, options: DetectionOptions): Detection {
  const outcomes: SeedOutcome[] = [];
  for (let seed = 1; seed <= options.seeds; seed++) {
    const result = check(model, {
      seed,
      runs: options.runs,
      flaws: [flaw],
      generation: options.generation,
      aim: options.aim ?? false,
    });
    const cx = result.counterexample;
    outcomes.push({
      seed,
      found: cx !== undefined,
      invariant: cx?.run.violation?.invariant ?? null,
      runs: result.runs,
      millisToDetection: result.millisToDetection ?? null,
      shrinkMillis: result.shrink?.millis ?? null,
      storyLength: cx ? tellStory(model, cx).steps.length : null,
      config: cx?.config ?? null,
    });
  }
  const found = outcomes.filter((o) => o.found);
  const breaks = model.flaws.find((f) => f.name === flaw)?.breaks;
  const lengths = found.map((o) => o.storyLength!);
  return {
    generation: options.generation,
    aim: options.aim ?? false,
    seeds: options.seeds,
    detected: found.length,
    otherInvariant: found.filter((o) => o.invariant !== breaks).length,
    runs: { median: median(found.map((o) => o.runs)), p90: p90(found.map((o) => o.runs)) },
    millis: {
      median: median(found.map((o) => o.millisToDetection!)),
      p90: p90(found.map((o) => o.millisToDetection!)),
    },
    shrinkMillis: { median: median(found.map((o) => o.shrinkMillis!)) },
    storyLength: { median: median(lengths), max: lengths.length ? Math.max(...lengths) : null },
    outcomes,
  };
}
