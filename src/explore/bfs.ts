/**
 * Breadth-first search with compact states: the visited set holds 64-bit fingerprints, and a
 * state is otherwise only its parent pointer (parent id, enabled-event number). A level's states
 * have consecutive ids, so the frontier is a range of ids, and each state is rebuilt by replay
 * when it is expanded. The first violation found has a shortest schedule.
 */
import { Levels } from "./levels.ts";
import { PathStates } from "./path-states.ts";
import type { SearchLimits, SearchOutcome, Space } from "./space.ts";

export function breadthFirst(space: Space, limits: SearchLimits): SearchOutcome {
  const search = new Levels(space, limits);
  const { seen, parents, initial } = search;
  const path = new PathStates(space, parents, initial);
  while (search.more()) {
    const depth = search.depth;
    for (let id = search.levelStart; id < search.levelEnd; id++) {
      const state = path.stateOf(id, depth);
      const events = path.eventsAt(depth);
      for (let choice = 0; choice < events.length; choice++) {
        const after = space.step(state, events[choice]!);
        if (after === state) continue;
        search.transitions++;
        if (!space.within(after)) continue;
        if (space.broken(after, state)) {
          search.broke(id, choice);
          return search.outcome();
        }
        space.fingerprint(after);
        if (!seen.add(space.bytes.high, space.bytes.low)) continue;
        parents.add(id, choice);
        space.noteWitnesses(after, state, depth + 1);
        if (!search.roomAfterAdding()) return search.outcome();
      }
    }
    search.endLevel();
  }
  return search.outcome();
}
