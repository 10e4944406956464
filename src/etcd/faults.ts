/**
 * Faults as data: a timeline of events (ms after the workload starts), drawn by fast-check from the
 * seed and saved in the report, so `--schedule report.json` plays the same timeline again. Each
 * fault is an episode — crash then restart on the same data dir, pause then resume (one member or
 * several at once, up to a majority), partition into two groups then heal — and episodes follow
 * one another with quiet gaps between.
 */
import fc from "fast-check";

export const FAULT_KINDS = ["kill", "pause", "partition"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultEvent =
  | { readonly at: number; readonly kind: "crash" | "restart" | "pause" | "resume"; readonly member: number }
  | { readonly at: number; readonly kind: "partition"; readonly groups: readonly [number[], number[]] }
  | { readonly at: number; readonly kind: "heal" };

interface Episode {
  readonly kind: FaultKind;
  readonly gap: number;
  readonly hold: number;
  /** Crashed or paused together: sometimes a majority, so the quorum rule is tried both ways. */
  readonly victims: readonly number[];
  readonly minority: readonly number[];
}

function episode(members: number, kinds: readonly FaultKind[]): fc.Arbitrary<Episode> {
  const indices = Array.from({ length: members }, (_, i) => i);
  return fc.record({
    kind: fc.constantFrom(...kinds),
    gap: fc.integer({ min: 500, max: 2000 }),
    hold: fc.integer({ min: 1500, max: 4000 }),
    victims: fc.shuffledSubarray(indices, { minLength: 1, maxLength: Math.ceil(members / 2) }),
    minority: fc.shuffledSubarray(indices, {
      minLength: 1,
      maxLength: Math.max(1, Math.floor((members - 1) / 2)),
    }),
  });
}

/** The timeline for a run: episodes until `durationMillis`, each undone before the next begins. */
export function drawSchedule(
  seed: number,
  members: number,
  durationMillis: number,
  kinds: readonly FaultKind[],
): FaultEvent[] {
  const usable = members === 1 ? kinds.filter((k) => k !== "partition") : kinds;
  if (usable.length === 0) return [];
  const [episodes] = fc.sample(fc.array(episode(members, usable), { minLength: 40, maxLength: 40 }), {
    seed,
    numRuns: 1,
  });
  const events: FaultEvent[] = [];
  let at = 0;
  for (const e of episodes!) {
    const start = at + e.gap;
    const end = start + e.hold;
    if (end > durationMillis) break;
    events.push(...episodeEvents(e, start, end, members));
    at = end;
  }
  return events;
}

function episodeEvents(e: Episode, start: number, end: number, members: number): FaultEvent[] {
  switch (e.kind) {
    case "kill":
      return [
        ...e.victims.map((member) => ({ at: start, kind: "crash" as const, member })),
        ...e.victims.map((member) => ({ at: end, kind: "restart" as const, member })),
      ];
    case "pause":
      return [
        ...e.victims.map((member) => ({ at: start, kind: "pause" as const, member })),
        ...e.victims.map((member) => ({ at: end, kind: "resume" as const, member })),
      ];
    case "partition": {
      const minority = [...e.minority].sort((a, b) => a - b);
      const rest = Array.from({ length: members }, (_, i) => i).filter((i) => !minority.includes(i));
      return [
        { at: start, kind: "partition", groups: [minority, rest] },
        { at: end, kind: "heal" },
      ];
    }
  }
}

export function describeFault(event: FaultEvent): string {
  switch (event.kind) {
    case "crash":
      return `crash member ${event.member + 1} (SIGKILL)`;
    case "restart":
      return `restart member ${event.member + 1} on its data dir`;
    case "pause":
      return `pause member ${event.member + 1} (SIGSTOP)`;
    case "resume":
      return `resume member ${event.member + 1} (SIGCONT)`;
    case "partition":
      return `partition {${event.groups[0].map((i) => i + 1).join(",")}} from {${event.groups[1].map((i) => i + 1).join(",")}}`;
    case "heal":
      return "heal the network";
  }
}

/** Reads a saved timeline back, checking every event; returns an error line or the events. */
export function parseSchedule(value: unknown, members: number): FaultEvent[] | string {
  if (!Array.isArray(value)) return "its schedule is not a list of fault events";
  const member = (m: unknown) => Number.isInteger(m) && (m as number) >= 0 && (m as number) < members;
  for (const [i, e] of value.entries()) {
    const bad = `fault event ${i + 1} is malformed`;
    if (typeof e !== "object" || e === null || typeof e.at !== "number" || e.at < 0) return bad;
    if (["crash", "restart", "pause", "resume"].includes(e.kind) && member(e.member)) continue;
    if (e.kind === "heal") continue;
    const groups = e.groups;
    if (e.kind === "partition" && Array.isArray(groups) && groups.length === 2 && groups.flat().every(member))
      continue;
    return bad;
  }
  return value as FaultEvent[];
}
