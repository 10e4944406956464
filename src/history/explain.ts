/** Plain words for a minimal non-linearizable window of one key's operations. */
import { describeOperation, type Operation, seconds, show, wroteOk } from "./history.ts";

const writtenValue = (op: Operation): string | null => (op.input.kind === "read" ? null : op.input.value);

export function explainWindow(key: string, ops: readonly Operation[], culprit: number): string {
  const bad = ops.find((op) => op.id === culprit)!;
  const general =
    `No order of these ${ops.length} operations on ${key} respects real time (an operation that ` +
    "finished before another began must come first) and the rules of a compare-and-set register.";
  if (bad.output?.kind !== "read")
    return `${general} The answer no order explains: ${describeOperation(bad)}.`;
  const seen = bad.output.value;
  const writersOfSeen = ops.filter((op) => op.input.kind !== "read" && writtenValue(op) === seen);
  const newer = ops.find(
    (op) =>
      wroteOk(op) &&
      writtenValue(op) !== seen &&
      op.complete! < bad.invoke &&
      writersOfSeen.every((w) => w.complete !== undefined && w.complete < op.invoke),
  );
  if (newer) {
    return (
      `Stale read: ${describeOperation(bad)}, but ${describeOperation(newer)} had already finished at ` +
      `${seconds(newer.complete!)}, before the read began at ${seconds(bad.invoke)}, and ${show(seen)} ` +
      "was written before it. A linearizable read must see that write " +
      "or a later one (if no later read sees it either, the acknowledged write was lost)."
    );
  }
  if (seen !== null && writersOfSeen.length === 0)
    return `${describeOperation(bad)}: a value no operation in the history wrote.`;
  return `${general} The answer no order explains: ${describeOperation(bad)}.`;
}
