/** Small hand-written histories for the checker tests: one line per operation. */
import type { History, Operation, WatchLog } from "./history.ts";

type Timing = { invoke: number; complete?: number; client?: number; member?: number; revision?: number };

let nextId = 0;
const base = (key: string, t: Timing) => ({
  id: nextId++,
  client: t.client ?? 0,
  member: t.member ?? 0,
  key,
  invoke: t.invoke,
  ...(t.complete === undefined ? {} : { complete: t.complete }),
  ...(t.revision === undefined ? {} : { revision: t.revision }),
});

export const write = (key: string, value: string, t: Timing): Operation => ({
  ...base(key, t),
  input: { kind: "write", value },
  outcome: "ok",
  output: { kind: "write" },
});

export const read = (key: string, value: string | null, t: Timing): Operation => ({
  ...base(key, t),
  input: { kind: "read" },
  outcome: "ok",
  output: { kind: "read", value },
});

export const cas = (
  key: string,
  expected: string | null,
  value: string,
  swapped: boolean,
  t: Timing,
): Operation => ({
  ...base(key, t),
  input: { kind: "cas", expected, value },
  outcome: "ok",
  output: { kind: "cas", swapped },
});

/** A write that got no answer. */
export const lostWrite = (key: string, value: string, t: Timing): Operation => {
  const { complete: _none, ...rest } = base(key, t);
  return { ...rest, input: { kind: "write", value }, outcome: "info", error: "DEADLINE_EXCEEDED" };
};

export const history = (operations: Operation[], watches: WatchLog[] = []): History => ({
  operations,
  watches,
});
