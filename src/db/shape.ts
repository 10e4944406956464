/**
 * The canonical shape of a counterexample: the fault kinds (crash, partition, drop…) its applied
 * events needed, as a sorted set. With the invariant and the flaws it names a cause, so a long run
 * counts distinct causes instead of occurrences. Order, ids, field values and the ordinary events
 * are left out on purpose: they differ between equally good shrinks of one bug (measured on Raft's
 * Figure 8 over 1,000 runs: 51 failures gave 51 distinct ordered kind lists, 23 kind sets, and 6
 * fault sets — partition only, crash and restart, message reordering alone, …).
 */
import { createHash } from "node:crypto";
import type { Counterexample } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";

export interface FailureKey {
  readonly model: string;
  readonly invariant: string;
  readonly flaws: readonly string[];
  readonly shape: readonly string[];
}

/** Fault kinds among the applied events up to the violation (skipped ones say nothing about the cause). */
export function scheduleShape(model: AnyModel, cx: Counterexample): string[] {
  const applied = cx.run.trace?.filter((step) => !step.skipped).map((step) => step.event) ?? cx.schedule;
  const faults = applied.map((event) => event.kind).filter((kind) => model.events[kind]?.fault === true);
  return [...new Set(faults)].sort();
}

/** `<model>/<invariant>-<8 hex>`: stable across runs, readable in `faultline db list`. */
export function failureId(key: FailureKey): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([key.model, key.invariant, [...key.flaws].sort(), key.shape]))
    .digest("hex")
    .slice(0, 8);
  return `${key.model}/${key.invariant}-${digest}`;
}

export function keyOf(model: AnyModel, cx: Counterexample): FailureKey | undefined {
  const violation = cx.run.violation;
  if (!violation) return undefined;
  return {
    model: model.name,
    invariant: violation.invariant,
    flaws: cx.flaws,
    shape: scheduleShape(model, cx),
  };
}
