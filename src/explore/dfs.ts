/**
 * Iterative deepening: depth-first search to depth 1, 2, 3…, for spaces whose breadth-first
 * frontier would not fit in memory. Memory is the visited set (fingerprint and shallowest depth
 * per state) plus one path. A state is expanded again when reached by a shorter path, so each
 * pass sees every state within its depth, and the first pass that meets a violation, at depth L,
 * yields a schedule of L events: as short as breadth-first search finds.
 */
import type { ModelEvent } from "../model.ts";
import { FingerprintSet } from "./fingerprints.ts";
import type { SearchLimits, SearchOutcome, Space } from "./space.ts";

/** Depths are kept in one byte per state. */
export const DFS_MAX_DEPTH = 254;

export function iterativeDeepening(space: Space, limits: SearchLimits): SearchOutcome {
  if (limits.maxDepth > DFS_MAX_DEPTH)
    throw new RangeError(`depth-first search goes at most ${DFS_MAX_DEPTH} events deep`);
  const started = performance.now();
  const initial = space.initial();
  let pass: Pass = { seen: new FingerprintSet({ depths: true }), transitions: 0, end: "complete" };
  space.fingerprintInitial(initial);
  pass.seen.addAtDepth(space.bytes.high, space.bytes.low, 0);
  if (space.broken(initial, initial)) return outcome(pass, "violation", 0, []);
  let before = 1;
  for (let limit = 1; ; limit++) {
    if (limit > limits.maxDepth) return outcome(pass, "max-depth", limits.maxDepth);
    pass = depthLimited(space, initial, limit, limits.maxStates);
    if (Array.isArray(pass.end)) return outcome(pass, "violation", limit - 1, pass.end);
    if (pass.end === "full") return outcome(pass, "max-states", limit - 1);
    if (pass.seen.size === before) return outcome(pass, "exhausted", limit - 1);
    before = pass.seen.size;
    limits.onDepth?.(limit, pass.seen.size, performance.now() - started);
  }
}

interface Pass {
  readonly seen: FingerprintSet;
  transitions: number;
  /** Every state within the depth was seen, the state budget ran out, or the choices to a violation. */
  end: "complete" | "full" | number[];
}

function depthLimited(space: Space, initial: unknown, limit: number, maxStates: number): Pass {
  const seen = new FingerprintSet({ depths: true });
  space.fingerprintInitial(initial);
  seen.addAtDepth(space.bytes.high, space.bytes.low, 0);
  const pass: Pass = { seen, transitions: 0, end: "complete" };
  const states: unknown[] = [initial];
  const events: (readonly ModelEvent[])[] = [space.enabled(initial)];
  const next: number[] = [0];
  const choices: number[] = [];
  let d = 0;
  while (d >= 0) {
    const choice = next[d]!++;
    if (choice >= events[d]!.length) {
      d--;
      choices.pop();
      continue;
    }
    const state = states[d];
    const after = space.step(state, events[d]![choice]!);
    if (after === state) continue;
    pass.transitions++;
    if (!space.within(after)) continue;
    if (space.broken(after, state)) {
      pass.end = [...choices, choice];
      return pass;
    }
    space.fingerprint(after);
    if (!seen.addAtDepth(space.bytes.high, space.bytes.low, d + 1)) continue;
    space.noteWitnesses(after, state, d + 1);
    if (seen.size >= maxStates) {
      pass.end = "full";
      return pass;
    }
    if (d + 1 < limit) {
      d++;
      states[d] = after;
      events[d] = space.enabled(after);
      next[d] = 0;
      choices.push(choice);
    }
  }
  return pass;
}

function outcome(
  pass: Pass,
  stoppedBy: SearchOutcome["stoppedBy"],
  depthCompleted: number,
  violation?: number[],
): SearchOutcome {
  return {
    stoppedBy,
    states: pass.seen.size,
    transitions: pass.transitions,
    depthCompleted,
    levels: pass.seen.depthCounts(),
    violation,
    tableBytes: pass.seen.bytes,
    collisionOdds: pass.seen.collisionOdds,
  };
}
