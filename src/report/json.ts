/**
 * The JSON report: everything needed to read a counterexample and to replay it on later code.
 * The schedule is stored decoded (as events), so replay survives generator changes.
 * Schema documented in the README ("The report").
 */
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckResult, Counterexample, ShrinkFigures } from "../engine/check.ts";
import { userSourceOf } from "../engine/model-source.ts";
import type { AnyModel, ModelEvent } from "../model.ts";
import { VERSION } from "../version.ts";

/** A user model's file as a path from the project root (absolute when outside it); null for built-in ones. */
function sourceFile(model: AnyModel): string | null {
  const url = userSourceOf(model);
  if (!url?.startsWith("file:")) return null;
  const rel = relative(process.cwd(), fileURLToPath(url));
  return rel.startsWith("..") || isAbsolute(rel) ? fileURLToPath(url) : rel;
}

import { tellStory } from "./story.ts";

/** What the search that found a counterexample knows about it (absent for hand-made or explored ones). */
export type Found = Pick<CheckResult, "seed" | "path" | "runs" | "generation" | "profile" | "shrink">;

export interface ReportStep {
  readonly index: number;
  readonly event: ModelEvent;
  readonly description: string;
  readonly skipped: boolean;
  readonly state: unknown;
}

export interface Report {
  readonly faultline: string;
  readonly model: string;
  /** The user's model file, relative to the project root, for models that are not built in (replay loads it). */
  readonly source: string | null;
  readonly config: Readonly<Record<string, unknown>>;
  readonly flaws: readonly string[];
  readonly invariant: { readonly name: string; readonly message: string; readonly doc: string };
  /** Other invariants broken at the same step, in the model's order. */
  readonly alsoBroken: readonly { readonly name: string; readonly message: string; readonly doc: string }[];
  /** Index of the schedule step after which the invariant broke (0: the initial state). */
  readonly violationStep: number;
  readonly seed: number | null;
  readonly path: string | null;
  readonly runsToDetection: number | null;
  readonly generation: string | null;
  /** The swarm profile (event kind → weight) of the generated run that failed. */
  readonly profile: Readonly<Record<string, number>> | null;
  readonly shrink: ShrinkFigures | null;
  readonly schedule: readonly ModelEvent[];
  readonly initialState: unknown;
  readonly trace: readonly ReportStep[];
  readonly replay: string;
}

export function buildReport(
  model: AnyModel,
  cx: Counterexample,
  found: Found | undefined,
  replay: string,
): Report {
  const violation = cx.run.violation;
  if (!violation) throw new Error("a report needs a violation");
  const story = tellStory(model, cx);
  const ctx = { config: cx.config, flaws: new Set(cx.flaws) };
  return {
    faultline: VERSION,
    model: model.name,
    source: sourceFile(model),
    config: cx.config,
    flaws: cx.flaws,
    invariant: { name: violation.invariant, message: violation.message, doc: story.invariant?.doc ?? "" },
    alsoBroken: story.alsoBroken,
    violationStep: violation.step,
    seed: found?.seed ?? null,
    path: found?.path ?? null,
    runsToDetection: found?.runs ?? null,
    generation: found?.generation ?? null,
    profile: found?.profile ?? null,
    shrink: found?.shrink ?? null,
    schedule: cx.schedule,
    initialState: story.initialView,
    trace: (cx.run.trace ?? []).map((step, i, steps) => ({
      index: step.index,
      event: step.event,
      description: model.describeEvent(step.event, i === 0 ? cx.run.initial : steps[i - 1]!.state, ctx),
      skipped: step.skipped,
      state: model.view(step.state, ctx),
    })),
    replay,
  };
}
