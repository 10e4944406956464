/**
 * Breadth-first search with compact states: the visited set holds 64-bit fingerprints, and a
 * state is otherwise only its parent pointer (parent id, enabled-event number). A level's states
 * have consecutive ids, so the frontier is a range of ids, and each state is rebuilt by replay
 * when it is expanded. The first violation found has a shortest schedule.
 */
import { FingerprintSet } from "./fingerprints.ts";
import { ParentTable } from "./parents.ts";
import { PathStates } from "./path-states.ts";
import type { SearchLimits, SearchOutcome, Space } from "./space.ts";

export function breadthFirst(space: Space, limits: SearchLimits): SearchOutcome {
  const started = performance.now();
  const seen = new FingerprintSet();
  const parents = new ParentTable();
  const initial = space.initial();
  space.fingerprintInitial(initial);
  seen.add(space.bytes.high, space.bytes.low);
  parents.add(-1, -1);
  const path = new PathStates(space, parents, initial);
  const levels = [1];
  let transitions = 0;
  let depth = 0;
  let violation: number[] | undefined = space.broken(initial, initial) ? [] : undefined;
  let stoppedBy: SearchOutcome["stoppedBy"] = violation ? "violation" : "exhausted";
  let levelStart = 0;
  let levelEnd = 1;

  search: while (violation === undefined && levelStart < levelEnd) {
    if (depth === limits.maxDepth) {
      stoppedBy = "max-depth";
      break;
    }
    for (let id = levelStart; id < levelEnd; id++) {
      const state = path.stateOf(id, depth);
      const events = path.eventsAt(depth);
      for (let choice = 0; choice < events.length; choice++) {
        const after = space.step(state, events[choice]!);
        if (after === state) continue;
        transitions++;
        if (!space.within(after)) continue;
        if (space.broken(after, state)) {
          violation = [...parents.choicesTo(id), choice];
          stoppedBy = "violation";
          break search;
        }
        space.fingerprint(after);
        if (!seen.add(space.bytes.high, space.bytes.low)) continue;
        parents.add(id, choice);
        space.noteWitnesses(after, state, depth + 1);
        if (seen.size >= limits.maxStates) {
          levels.push(parents.size - levelEnd);
          stoppedBy = "max-states";
          break search;
        }
      }
    }
    depth++;
    limits.onDepth?.(depth, seen.size, performance.now() - started);
    if (parents.size > levelEnd) levels.push(parents.size - levelEnd);
    levelStart = levelEnd;
    levelEnd = parents.size;
  }
  return {
    stoppedBy,
    states: seen.size,
    transitions,
    depthCompleted: stoppedBy === "exhausted" ? levels.length - 1 : depth,
    levels,
    violation,
    tableBytes: seen.bytes + parents.bytes,
    collisionOdds: seen.collisionOdds,
  };
}
