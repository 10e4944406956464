/**
 * Is a recorded key-value history linearizable? Each key is checked alone against the
 * compare-and-set register (P-compositionality), with the memoised search; a failing key is
 * narrowed to a minimal window and explained in plain words.
 */
import { explainWindow } from "./explain.ts";
import type { History, Operation, Output } from "./history.ts";
import { casRegister, partitionByKey, readsHaveWriters } from "./register.ts";
import { searchLinearization } from "./search.ts";
import { minimalWindow } from "./window.ts";

export interface BadWindow {
  readonly key: string;
  /** The window's operations in invocation order, as recorded (ops cut mid-flight shown unanswered). */
  readonly operations: readonly Operation[];
  /** The id of the operation whose answer no order explains. */
  readonly culprit: number;
  /** What is wrong, in plain words. */
  readonly explanation: string;
}

export interface LinearizabilityResult {
  readonly linearizable: boolean;
  readonly keys: number;
  readonly operationsChecked: number;
  readonly searchSteps: number;
  readonly window: BadWindow | null;
}

export function checkLinearizability(history: History): LinearizabilityResult {
  const byId = new Map(history.operations.map((op) => [op.id, op]));
  const parts = partitionByKey(history);
  let steps = 0;
  let checked = 0;
  for (const [key, ops] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    checked += ops.length;
    const { result, steps: used } = searchLinearization(casRegister, ops);
    steps += used;
    if (result === "linearizable") continue;
    const found = minimalWindow(casRegister, ops, readsHaveWriters);
    const operations = found.operations
      .map((op) => asRecorded(byId.get(op.id)!, op.output))
      .sort((a, b) => a.invoke - b.invoke);
    return {
      linearizable: false,
      keys: parts.size,
      operationsChecked: checked,
      searchSteps: steps,
      window: {
        key,
        operations,
        culprit: found.culprit,
        explanation: explainWindow(key, operations, found.culprit),
      },
    };
  }
  return {
    linearizable: true,
    keys: parts.size,
    operationsChecked: checked,
    searchSteps: steps,
    window: null,
  };
}

/** An operation cut mid-flight by the window is shown as unanswered. */
function asRecorded(op: Operation, output: Output | undefined): Operation {
  if (output !== undefined || op.outcome !== "ok") return op;
  const { output: _answer, complete: _complete, ...rest } = op;
  return { ...rest, outcome: "info" };
}
