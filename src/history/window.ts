/**
 * Narrows a non-linearizable history of one key to a small window a person can read: first the
 * shortest failing prefix in time (operations still running at the cut count as unanswered), then
 * chunks and single operations dropped while it still fails (ddmin-style). The result is
 * 1-minimal: removing any one of its operations makes it linearizable.
 */
import { searchLinearization } from "./search.ts";
import type { Spec, SpecOperation } from "./spec.ts";

export interface Window<I, O> {
  /** The operations of the window, as the checker saw them (cut operations have complete = Infinity). */
  readonly operations: readonly SpecOperation<I, O>[];
  /** The operation whose answer no order explains: the last to complete in the shortest failing prefix. */
  readonly culprit: number;
}

/**
 * `coherent` guards every removal: a window a person can follow keeps, for instance, the write
 * of every value a read in it returned (else "a value nobody wrote" would hide a stale read).
 */
export function minimalWindow<S, I, O>(
  spec: Spec<S, I, O>,
  ops: readonly SpecOperation<I, O>[],
  coherent: (part: readonly SpecOperation<I, O>[]) => boolean = () => true,
): Window<I, O> {
  const fails = (part: readonly SpecOperation<I, O>[]) =>
    searchLinearization(spec, part).result === "not-linearizable";
  const cuts = [...new Set(ops.filter((op) => Number.isFinite(op.complete)).map((op) => op.complete))].sort(
    (a, b) => a - b,
  );
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fails(prefix(ops, cuts[mid]!))) hi = mid;
    else lo = mid + 1;
  }
  const cut = cuts[lo]!;
  const culprit = ops.find((op) => op.complete === cut)!.id;
  let kept = prefix(ops, cut);
  const dropChunks = (size: number): boolean => {
    let dropped = false;
    for (let start = 0; start < kept.length; ) {
      const without = [...kept.slice(0, start), ...kept.slice(start + size)];
      const keepsCulprit = without.some((op) => op.id === culprit);
      if (keepsCulprit && coherent(without) && fails(without)) {
        kept = without;
        dropped = true;
      } else start += size;
    }
    return dropped;
  };
  for (let size = kept.length >> 1; size > 1; size >>= 1) dropChunks(size);
  // Single operations until none can go: a removal may have freed one tried earlier.
  while (dropChunks(1));
  return { operations: kept, culprit };
}

function prefix<I, O>(ops: readonly SpecOperation<I, O>[], cut: number): SpecOperation<I, O>[] {
  return ops
    .filter((op) => op.invoke <= cut)
    .map((op) =>
      op.complete <= cut ? op : { ...op, output: undefined, complete: Number.POSITIVE_INFINITY },
    );
}
