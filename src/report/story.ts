/**
 * The minimal story of a counterexample: the steps that did something, each with its plain-words
 * event and the state changes it caused, shared by the terminal, Markdown and JSON reports.
 */

import type { Counterexample } from "../engine/check.ts";
import { makeContext } from "../engine/context.ts";
import { STEP_COMPLETES } from "../engine/runner.ts";
import type { AnyModel } from "../model.ts";
import { type Change, diffViews } from "./diff.ts";

export interface StoryStep {
  /** Position in the minimal story (skipped events left out), from 1. */
  readonly number: number;
  /** Position in the saved schedule, from 1. */
  readonly index: number;
  readonly description: string;
  readonly changes: readonly Change[];
}

export interface BrokenInvariant {
  readonly name: string;
  readonly doc: string;
  readonly message: string;
}

export interface Story {
  readonly steps: readonly StoryStep[];
  readonly skipped: number;
  /** The invariant that broke (the first in the model's order) and any others broken at the same step. */
  readonly invariant: BrokenInvariant | undefined;
  readonly alsoBroken: readonly BrokenInvariant[];
  readonly initialView: unknown;
  readonly finalView: unknown;
}

export function tellStory(model: AnyModel, cx: Counterexample): Story {
  const ctx = makeContext(cx.config, cx.flaws);
  const trace = cx.run.trace ?? [];
  let previous = model.view(cx.run.initial, ctx);
  const initialView = previous;
  const steps: StoryStep[] = [];
  let skipped = 0;
  let before = cx.run.initial;
  for (const entry of trace) {
    if (entry.skipped) {
      skipped++;
      continue;
    }
    const description = model.describeEvent(entry.event, before, ctx);
    before = entry.state;
    const view = model.view(entry.state, ctx);
    steps.push({
      number: steps.length + 1,
      index: entry.index,
      description,
      changes: diffViews(previous, view),
    });
    previous = view;
  }
  const violation = cx.run.violation;
  const broken = (name: string, message: string): BrokenInvariant => ({
    name,
    doc: [...model.invariants, STEP_COMPLETES].find((i) => i.name === name)?.doc ?? "",
    message,
  });
  const invariant = violation && broken(violation.invariant, violation.message);
  const alsoBroken = (violation?.also ?? []).map((a) => broken(a.invariant, a.message));
  return { steps, skipped, invariant, alsoBroken, initialView, finalView: previous };
}
