/** Replaying saved failures on the current code: does each still break, hold now, or no longer fit the model? */
import { type ConfigValues, checkConfig } from "../engine/config.ts";
import { makeContext } from "../engine/context.ts";
import { eventProblem } from "../engine/events.ts";
import { type RunResult, runSchedule } from "../engine/runner.ts";
import type { AnyModel, ModelEvent } from "../model.ts";

export interface Replayable {
  readonly model: string;
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly schedule: readonly ModelEvent[];
}

export type Verdict =
  | { readonly status: "fails"; readonly invariant: string; readonly run: RunResult<unknown, ModelEvent> }
  | { readonly status: "passes" }
  /** The model changed under it: an unknown flaw, config or event. */
  | { readonly status: "stale"; readonly why: string };

export function replayEntry(model: AnyModel, entry: Replayable): Verdict {
  const unknownFlaw = entry.flaws.find((flaw) => !model.flaws.some((f) => f.name === flaw));
  if (unknownFlaw) return { status: "stale", why: `model ${model.name} has no flaw ${unknownFlaw}` };
  const config = { ...model.defaults, ...entry.config };
  const configProblem = checkConfig(model, config);
  if (configProblem) return { status: "stale", why: configProblem };
  for (const [i, event] of entry.schedule.entries()) {
    const problem = eventProblem(model, event, config);
    if (problem) return { status: "stale", why: `event ${i + 1}: ${problem}` };
  }
  const run = runSchedule(model, makeContext(config, entry.flaws), entry.schedule);
  return run.violation ? { status: "fails", invariant: run.violation.invariant, run } : { status: "passes" };
}
