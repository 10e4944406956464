/**
 * The minimal story of a counterexample: the steps that did something, each with its plain-words
 * event and the state changes it caused, shared by the terminal, Markdown and JSON reports.
 */

import type { Counterexample } from "../engine/check.ts";
import { makeContext } from "../engine/check.ts";
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

export interface Story {
  readonly steps: readonly StoryStep[];
  readonly skipped: number;
  readonly invariant: { readonly name: string; readonly doc: string; readonly message: string } | undefined;
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
  const invariant = violation && {
    name: violation.invariant,
    doc: [...model.invariants, STEP_COMPLETES].find((i) => i.name === violation.invariant)?.doc ?? "",
    message: violation.message,
  };
  return { steps, skipped, invariant, initialView, finalView: previous };
}
