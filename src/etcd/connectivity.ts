/**
 * From the fault timeline as applied, the stretches during which ⌊N/2⌋+1 members were up (neither
 * crashed nor paused) and could all reach each other — the condition of etcd's quorum rule.
 */
import type { QuorumSegment } from "../history/promises.ts";
import type { FaultEvent } from "./faults.ts";

export const quorumSize = (members: number): number => Math.floor(members / 2) + 1;

export function quorumSegments(
  members: number,
  applied: readonly FaultEvent[],
  end: number,
): QuorumSegment[] {
  const down = new Set<number>();
  let groups: readonly (readonly number[])[] = [Array.from({ length: members }, (_, i) => i)];
  const hasQuorum = () => groups.some((g) => g.filter((m) => !down.has(m)).length >= quorumSize(members));
  const segments: QuorumSegment[] = [];
  let from = 0;
  let quorum = hasQuorum();
  for (const event of [...applied].sort((a, b) => a.at - b.at)) {
    if (event.kind === "crash" || event.kind === "pause") down.add(event.member);
    else if (event.kind === "restart" || event.kind === "resume") down.delete(event.member);
    else if (event.kind === "partition") groups = event.groups;
    else groups = [Array.from({ length: members }, (_, i) => i)];
    const now = hasQuorum();
    if (now === quorum) continue;
    segments.push({ from, to: event.at, quorum });
    from = event.at;
    quorum = now;
  }
  segments.push({ from, to: end, quorum });
  return segments;
}
