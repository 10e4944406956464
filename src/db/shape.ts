/**
 * The canonical shape of a counterexample: which invariant broke and the kinds of the events that
 * did something, in order. Two seeds that shrink to the same story share a shape, so a long run can
 * count distinct causes instead of occurrences; ids and field values are left out on purpose, as
 * they differ between equally good shrinks of one bug.
 */
import { createHash } from "node:crypto";
import type { Counterexample } from "../engine/check.ts";

export interface FailureKey {
  readonly model: string;
  readonly invariant: string;
  readonly flaws: readonly string[];
  readonly shape: readonly string[];
}

/** Kinds of the applied events up to the violation (skipped ones say nothing about the cause). */
export function scheduleShape(cx: Counterexample): string[] {
  const trace = cx.run.trace;
  if (trace) return trace.filter((step) => !step.skipped).map((step) => step.event.kind);
  return cx.schedule.map((event) => event.kind);
}

/** `<model>/<invariant>-<8 hex>`: stable across runs, readable in `faultline db list`. */
export function failureId(key: FailureKey): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([key.model, key.invariant, [...key.flaws].sort(), key.shape]))
    .digest("hex")
    .slice(0, 8);
  return `${key.model}/${key.invariant}-${digest}`;
}

export function keyOf(model: string, cx: Counterexample): FailureKey | undefined {
  const violation = cx.run.violation;
  if (!violation) return undefined;
  return { model, invariant: violation.invariant, flaws: cx.flaws, shape: scheduleShape(cx) };
}
