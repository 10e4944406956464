/**
 * Linearizable histories made up, for the bench and tests: clients issue operations one at a time
 * with overlapping intervals; each takes effect at a point inside its interval, in the order of
 * those points, on a compare-and-set register per key. A few writes go unanswered (outcome info),
 * half of them applied, half never.
 */
import type { History, Input, Operation, Output } from "./history.ts";

export interface SimulateOptions {
  readonly operations: number;
  readonly clients: number;
  readonly keys: number;
  readonly seed: number;
  /** Share of writes left unanswered. */
  readonly unanswered?: number;
}

/** mulberry32: a tiny seeded generator, enough for made-up workloads. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulateHistory(options: SimulateOptions): History {
  const next = random(options.seed);
  const unansweredShare = options.unanswered ?? 0.01;
  const clock = Array.from({ length: options.clients }, () => next() * 5);
  const drafts: {
    op: Omit<Operation, "outcome" | "output">;
    at: number;
    applies: boolean;
    answered: boolean;
  }[] = [];
  for (let id = 0; id < options.operations; id++) {
    const client = id % options.clients;
    const invoke = clock[client]!;
    const complete = invoke + 1 + next() * 9;
    clock[client] = complete + next() * 2;
    const key = `k${Math.floor(next() * options.keys)}`;
    const roll = next();
    const value = `c${client}-${id}`;
    const input: Input =
      roll < 0.4
        ? { kind: "read" }
        : roll < 0.8
          ? { kind: "write", value }
          : { kind: "cas", expected: null, value };
    const answered = input.kind === "read" || next() >= unansweredShare;
    drafts.push({
      op: { id, client, member: client % 3, key, input, invoke, complete },
      at: invoke + next() * (complete - invoke),
      applies: answered || next() < 0.5,
      answered,
    });
  }
  const state = new Map<string, string | null>();
  const lastWritten = new Map<string, string | null>();
  const operations: Operation[] = [];
  for (const draft of [...drafts].sort((a, b) => a.at - b.at)) {
    const { op } = draft;
    const current = state.get(op.key) ?? null;
    let input = op.input;
    // A cas expects the last value written to its key, so about half of them swap.
    if (input.kind === "cas") input = { ...input, expected: lastWritten.get(op.key) ?? null };
    if (input.kind !== "read") lastWritten.set(op.key, input.value);
    let output: Output;
    if (input.kind === "read") output = { kind: "read", value: current };
    else if (input.kind === "write") output = { kind: "write" };
    else output = { kind: "cas", swapped: current === input.expected };
    if (draft.applies && input.kind === "write") state.set(op.key, input.value);
    if (draft.applies && input.kind === "cas" && current === input.expected) state.set(op.key, input.value);
    if (draft.answered) operations.push({ ...op, input, outcome: "ok", output });
    else {
      const { complete: _never, ...unanswered } = op;
      operations.push({ ...unanswered, input, outcome: "info" });
    }
  }
  operations.sort((a, b) => a.id - b.id);
  return { operations, watches: [] };
}
