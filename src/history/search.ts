/**
 * The linearizability search of Wing & Gong as improved by Lowe ("Testing for linearizability",
 * 2017) and used by Porcupine: walk the history's call/return events in time order, linearize a
 * pending call when the spec accepts it, backtrack at a return whose operation is not linearized
 * yet, and memoise every (set of linearized operations, spec state) already tried so no
 * configuration is explored twice. Operations with an unknown outcome (complete = Infinity) have
 * no return event: they may be linearized at any point after their call, or never.
 */
import type { Spec, SpecOperation } from "./spec.ts";

export type SearchResult = "linearizable" | "not-linearizable" | "gave-up";

export interface SearchOptions {
  /** Remember tried (linearized set, state) pairs; off gives the original, exponential Wing–Gong search. */
  readonly memo?: boolean;
  /** Stop with "gave-up" after this many search steps. */
  readonly maxSteps?: number;
}

interface Entry {
  readonly op: number;
  readonly call: boolean;
  /** For a call, its return entry (undefined when the outcome is unknown). */
  match: Entry | undefined;
  prev: Entry | undefined;
  next: Entry | undefined;
}

function entryList<I, O>(ops: readonly SpecOperation<I, O>[]): Entry {
  const events: { time: number; call: boolean; op: number }[] = [];
  ops.forEach((op, i) => {
    events.push({ time: op.invoke, call: true, op: i });
    if (Number.isFinite(op.complete)) events.push({ time: op.complete, call: false, op: i });
  });
  // At equal times calls come first: the two operations then count as concurrent.
  events.sort((a, b) => a.time - b.time || Number(b.call) - Number(a.call));
  const head: Entry = { op: -1, call: false, match: undefined, prev: undefined, next: undefined };
  const calls = new Map<number, Entry>();
  let last = head;
  for (const event of events) {
    const entry: Entry = { op: event.op, call: event.call, match: undefined, prev: last, next: undefined };
    last.next = entry;
    last = entry;
    if (event.call) calls.set(event.op, entry);
    else calls.get(event.op)!.match = entry;
  }
  return head;
}

function lift(entry: Entry): void {
  entry.prev!.next = entry.next;
  if (entry.next) entry.next.prev = entry.prev;
  const ret = entry.match;
  if (ret) {
    ret.prev!.next = ret.next;
    if (ret.next) ret.next.prev = ret.prev;
  }
}

function unlift(entry: Entry): void {
  const ret = entry.match;
  if (ret) {
    ret.prev!.next = ret;
    if (ret.next) ret.next.prev = ret;
  }
  entry.prev!.next = entry;
  if (entry.next) entry.next.prev = entry;
}

export function searchLinearization<S, I, O>(
  spec: Spec<S, I, O>,
  ops: readonly SpecOperation<I, O>[],
  options: SearchOptions = {},
): { readonly result: SearchResult; readonly steps: number } {
  const memo = options.memo ?? true;
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
  const head = entryList(ops);
  const linearized = new Uint16Array(Math.ceil(ops.length / 16) || 1);
  const seen = new Set<string>();
  const stack: { entry: Entry; state: S }[] = [];
  let okLeft = ops.filter((op) => Number.isFinite(op.complete)).length;
  let state = spec.init();
  let entry = head.next;
  let steps = 0;
  const flip = (op: number) => {
    linearized[op >> 4]! ^= 1 << (op & 15);
  };
  while (okLeft > 0) {
    if (++steps > maxSteps) return { result: "gave-up", steps };
    if (entry?.call) {
      const op = ops[entry.op]!;
      const { ok, next } = spec.step(state, op.input, op.output);
      if (ok) {
        flip(entry.op);
        const key = memo ? `${spec.stateKey(next)}|${String.fromCharCode(...linearized)}` : "";
        if (!memo || !seen.has(key)) {
          if (memo) seen.add(key);
          stack.push({ entry, state });
          state = next;
          lift(entry);
          if (entry.match) okLeft--;
          entry = head.next;
          continue;
        }
        flip(entry.op);
      }
      entry = entry.next;
      continue;
    }
    // A return of an operation not yet linearized (or the end): undo the latest choice.
    const top = stack.pop();
    if (!top) return { result: "not-linearizable", steps };
    state = top.state;
    flip(top.entry.op);
    unlift(top.entry);
    if (top.entry.match) okLeft++;
    entry = top.entry.next;
  }
  return { result: "linearizable", steps };
}
