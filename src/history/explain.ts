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
  const finishedFirst = (op: Operation) =>
    wroteOk(op) && writtenValue(op) !== seen && op.complete! < bad.invoke;
  const newer = ops.find(
    (op) =>
      finishedFirst(op) && writersOfSeen.every((w) => w.complete !== undefined && w.complete < op.invoke),
  );
  if (newer) {
    return (
      `Stale read: ${describeOperation(bad)}, but ${describeOperation(newer)} had already finished at ` +
      `${seconds(newer.complete!)}, before the read began at ${seconds(bad.invoke)}, and ${show(seen)} ` +
      "was written before it. A linearizable read must see that write " +
      "or a later one (if no later read sees it either, the acknowledged write was lost)."
    );
  }
  // etcd's header revision says which store state answered: a read served below the revision of
  // a write that had already finished answered from the past, whatever the writes overlapped.
  const newerByRevision = ops.find(
    (op) =>
      finishedFirst(op) &&
      op.revision !== undefined &&
      bad.revision !== undefined &&
      op.revision > bad.revision,
  );
  if (newerByRevision) {
    return (
      `Stale read: ${describeOperation(bad)}, but ${describeOperation(newerByRevision)} had already ` +
      `finished at ${seconds(newerByRevision.complete!)}, before the read began at ${seconds(bad.invoke)}: ` +
      `the read was answered from revision ${bad.revision}, older than that write's ${newerByRevision.revision}. ` +
      "A linearizable read must reflect every write that finished before it began."
    );
  }
  if (seen !== null && writersOfSeen.length === 0)
    return `${describeOperation(bad)}: a value no operation in the history wrote.`;
  return `${general} The answer no order explains: ${describeOperation(bad)}.`;
}
