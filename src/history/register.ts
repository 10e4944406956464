/**
 * The sequential spec of one etcd key: a register with compare-and-set. A read returns the current
 * value (null when absent), a write sets it, a cas sets it only when the value equals `expected`.
 */
import type { History, Input, Operation, Output } from "./history.ts";
import type { Spec, SpecOperation } from "./spec.ts";

export type RegisterState = string | null;

export const casRegister: Spec<RegisterState, Input, Output> = {
  name: "compare-and-set register",
  init: () => null,
  stateKey: (state) => (state === null ? "\u0000" : state),
  step(state, input, output) {
    switch (input.kind) {
      case "read":
        return {
          ok: output === undefined || (output.kind === "read" && output.value === state),
          next: state,
        };
      case "write":
        return { ok: true, next: input.value };
      case "cas": {
        const matches = state === input.expected;
        if (output === undefined) return { ok: true, next: matches ? input.value : state };
        const swapped = output.kind === "cas" && output.swapped;
        return { ok: swapped === matches, next: swapped ? input.value : state };
      }
    }
  },
};

/**
 * The operations of a history split per key (P-compositionality: a history is linearizable iff
 * each key's is), as the checker sees them. Failed operations and unanswered reads changed
 * nothing and are left out.
 */
export function partitionByKey(history: History): Map<string, SpecOperation<Input, Output>[]> {
  const parts = new Map<string, SpecOperation<Input, Output>[]>();
  for (const op of history.operations) {
    const checked = toSpecOperation(op);
    if (!checked) continue;
    const part = parts.get(op.key) ?? [];
    part.push(checked);
    parts.set(op.key, part);
  }
  return parts;
}

export function toSpecOperation(op: Operation): SpecOperation<Input, Output> | undefined {
  if (op.outcome === "fail") return undefined;
  if (op.outcome === "info" && op.input.kind === "read") return undefined;
  return {
    id: op.id,
    input: op.input,
    output: op.outcome === "ok" ? op.output : undefined,
    invoke: op.invoke,
    complete: op.outcome === "ok" ? (op.complete ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY,
  };
}

/**
 * Every value the window relies on was written by an operation in it: each value a read returned,
 * and the value each swapped compare-and-set found.
 */
export function readsHaveWriters(ops: readonly SpecOperation<Input, Output>[]): boolean {
  const written = new Set<string | null>([null]);
  for (const op of ops) if (op.input.kind !== "read") written.add(op.input.value);
  return ops.every((op) => {
    if (op.output?.kind === "read") return written.has(op.output.value);
    if (op.output?.kind === "cas" && op.output.swapped && op.input.kind === "cas")
      return written.has(op.input.expected);
    return true;
  });
}
