/**
 * The obviously correct, exponential check the fast search is compared with: try every order of
 * every subset of the unanswered operations together with all answered ones, and accept if one
 * order respects real time and the spec. Only for histories of a handful of operations.
 */
import type { Spec, SpecOperation } from "./spec.ts";

export function bruteForceLinearizable<S, I, O>(
  spec: Spec<S, I, O>,
  ops: readonly SpecOperation<I, O>[],
): boolean {
  const answered = ops.filter((op) => Number.isFinite(op.complete));
  const unanswered = ops.filter((op) => !Number.isFinite(op.complete));
  for (let mask = 0; mask < 1 << unanswered.length; mask++) {
    const chosen = [...answered, ...unanswered.filter((_, i) => mask & (1 << i))];
    for (const order of permutations(chosen))
      if (respectsTime(order) && followsSpec(spec, order)) return true;
  }
  return false;
}

function respectsTime<I, O>(order: readonly SpecOperation<I, O>[]): boolean {
  return order.every((later, j) => order.slice(j + 1).every((earlier) => !(earlier.complete < later.invoke)));
}

function followsSpec<S, I, O>(spec: Spec<S, I, O>, order: readonly SpecOperation<I, O>[]): boolean {
  let state = spec.init();
  for (const op of order) {
    const { ok, next } = spec.step(state, op.input, op.output);
    if (!ok) return false;
    state = next;
  }
  return true;
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length === 0) {
    yield [];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}
