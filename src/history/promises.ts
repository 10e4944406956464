/**
 * etcd's own promises, checked on a recorded run (https://etcd.io/docs/v3.4/learning/api_guarantees/):
 * response revisions never go backwards within a client session; every successful write has a
 * revision of its own; a watch delivers every change of its key exactly once, in revision order,
 * with no gaps (until a compaction it is told about); and the quorum rule — a write succeeds only
 * while ⌊N/2⌋+1 members are up and connected, and while they are, writes do succeed.
 */
import { describeOperation, type History, type Operation, seconds, show, wroteOk } from "./history.ts";

export interface PromiseResult {
  readonly name: string;
  readonly rule: string;
  readonly holds: boolean;
  /** Plain words: what was checked, or the first thing that broke. */
  readonly detail: string;
}

/** A stretch of the run during which ⌊N/2⌋+1 members were (quorum) or were not up and connected. */
export interface QuorumSegment {
  readonly from: number;
  readonly to: number;
  readonly quorum: boolean;
}

export interface QuorumRuleOptions {
  /** How long after a quorum forms before writes must succeed (elections, catching up). */
  readonly settleMillis: number;
  /**
   * How long a settled quorum must then last to be judged: a stretch barely longer than the settle
   * time leaves a window too short for any write to finish in, and would cry wolf.
   */
  readonly observeMillis: number;
}

const result = (name: string, rule: string, broken: string | undefined, fine: string): PromiseResult => ({
  name,
  rule,
  holds: broken === undefined,
  detail: broken ?? fine,
});

export function revisionsMonotonic(history: History): PromiseResult {
  const last = new Map<number, Operation>();
  let broken: string | undefined;
  let compared = 0;
  const answered = history.operations.filter((op) => op.outcome === "ok" && op.revision !== undefined);
  for (const op of [...answered].sort((a, b) => a.invoke - b.invoke)) {
    const before = last.get(op.client);
    if (before && op.revision! < before.revision!) {
      broken ??= `client ${op.client}'s revision went back from ${before.revision} (${describeOperation(before)}) to ${op.revision} (${describeOperation(op)})`;
    }
    compared++;
    last.set(op.client, op);
  }
  return result(
    "revisions-monotonic",
    "Response header revisions never go backwards within a client session.",
    broken,
    `${compared} answers over ${last.size} sessions, never backwards`,
  );
}

export function distinctWriteRevisions(history: History): PromiseResult {
  const byRevision = new Map<number, Operation>();
  let broken: string | undefined;
  for (const op of history.operations) {
    if (!wroteOk(op) || op.revision === undefined) continue;
    const other = byRevision.get(op.revision);
    if (other)
      broken ??= `two writes got revision ${op.revision}: ${describeOperation(other)}; ${describeOperation(op)}`;
    byRevision.set(op.revision, op);
  }
  return result(
    "distinct-write-revisions",
    "Every successful write has a revision of its own.",
    broken,
    `${byRevision.size} successful writes, each with its own revision`,
  );
}

export function watchesDeliverEveryChange(history: History): PromiseResult {
  let broken: string | undefined;
  let delivered = 0;
  for (const watch of history.watches) {
    broken ??= watchProblem(history, watch);
    delivered += watch.events.length;
  }
  return result(
    "watch-delivers-every-change",
    "A watch delivers every change of its key exactly once, in revision order, with no gaps.",
    broken,
    `${history.watches.length} watches delivered ${delivered} changes, each acknowledged write exactly once and in order`,
  );
}

function watchProblem(history: History, watch: History["watches"][number]): string | undefined {
  const on = `the watch on ${watch.key}`;
  for (let i = 1; i < watch.events.length; i++) {
    const [a, b] = [watch.events[i - 1]!, watch.events[i]!];
    if (b.revision === a.revision) return `${on} delivered revision ${a.revision} twice`;
    if (b.revision < a.revision) return `${on} delivered revision ${b.revision} after ${a.revision}`;
  }
  const writes = history.operations.filter((op) => op.key === watch.key && op.input.kind !== "read");
  const byRevision = new Map(watch.events.map((e) => [e.revision, e]));
  const lastDelivered = watch.events.at(-1)?.revision ?? 0;
  const floor = Math.max(watch.fromRevision, (watch.compactedAt ?? 0) + 1);
  for (const op of writes) {
    if (!wroteOk(op) || op.revision === undefined || op.revision < floor) continue;
    const event = byRevision.get(op.revision);
    if (!event && op.revision <= lastDelivered)
      return `${on} skipped revision ${op.revision} (a gap): ${describeOperation(op)}, yet it delivered revision ${lastDelivered}`;
    if (!event)
      return `${on} never delivered revision ${op.revision} (${describeOperation(op)}); its last delivery was revision ${lastDelivered}`;
    if (op.input.kind !== "read" && event.value !== op.input.value)
      return `${on} delivered ${show(event.value)} at revision ${op.revision}, but ${describeOperation(op)}`;
  }
  const acked = new Set(writes.filter((op) => wroteOk(op)).map((op) => op.revision));
  const unanswered = new Set(
    writes.filter((op) => op.outcome === "info").map((op) => (op.input as { value: string }).value),
  );
  for (const event of watch.events) {
    if (acked.has(event.revision) || (event.value !== null && unanswered.has(event.value))) continue;
    return `${on} delivered ${show(event.value)} at revision ${event.revision} (${seconds(event.at)}), a change no client made`;
  }
  return undefined;
}

export function quorumRule(
  history: History,
  segments: readonly QuorumSegment[],
  { settleMillis, observeMillis }: QuorumRuleOptions,
): PromiseResult {
  const writes = history.operations.filter(wroteOk);
  const hadQuorum = (op: Operation) =>
    segments.some((s) => s.quorum && s.from <= op.complete! && s.to >= op.invoke);
  const withoutQuorum = writes.find((op) => !hadQuorum(op));
  const judged = segments.filter((s) => s.quorum && s.to - s.from >= settleMillis + observeMillis);
  const starved = judged.find(
    (s) => !writes.some((op) => op.complete! >= s.from + settleMillis && op.complete! <= s.to),
  );
  const broken = withoutQuorum
    ? `a write succeeded while fewer than a quorum of members were up and connected: ${describeOperation(withoutQuorum)}`
    : starved
      ? `a quorum was up and connected from ${seconds(starved.from)} to ${seconds(starved.to)}, yet no write succeeded after ${seconds(starved.from + settleMillis)}`
      : undefined;
  const stretches = judged.length;
  return result(
    "quorum-rule",
    "With ⌊N/2⌋+1 members up and connected writes succeed; with fewer, none does.",
    broken,
    `${writes.length} successful writes, each while a quorum was up; writes succeeded in each of ${stretches} quorum stretches that lasted ${seconds(settleMillis)} to settle and ${seconds(observeMillis)} more`,
  );
}
