/**
 * The breadth-first frontier without state objects: a state at depth d is rebuilt from its
 * parent pointers by replaying enabled-event choices. States of one level are visited in id
 * order, which is their parents' order, so consecutive states share most of their path: the
 * states along the last path are kept, and only the part that differs is replayed.
 */
import type { ModelEvent } from "../model.ts";
import type { Parents } from "./parents.ts";
import type { Space } from "./space.ts";

export class PathStates {
  private ids: number[] = [0];
  private states: unknown[];
  private events: (readonly ModelEvent[] | undefined)[] = [undefined];

  constructor(
    private readonly space: Space,
    private readonly parents: Parents,
    initial: unknown,
  ) {
    this.states = [initial];
  }

  /** The state with this id, which lies at `depth`. */
  stateOf(id: number, depth: number): unknown {
    const chain: number[] = [];
    let at = id;
    let k = depth;
    // Ids are unique, so the first ancestor found on the kept path means the rest above it matches too.
    for (; k > 0 && this.ids[k] !== at; k--) {
      chain.push(at);
      at = this.parents.parentOf(at);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i]!;
      const parent = this.states[k]!;
      const event = this.eventsAt(k)[this.parents.choiceOf(child)]!;
      k++;
      this.ids[k] = child;
      this.states[k] = this.space.step(parent, event);
      this.events[k] = undefined;
    }
    this.ids.length = this.states.length = this.events.length = depth + 1;
    return this.states[depth];
  }

  /** The enabled events of the state last returned at `depth`. */
  eventsAt(depth: number): readonly ModelEvent[] {
    let events = this.events[depth];
    if (events === undefined) {
      events = this.space.enabled(this.states[depth]);
      this.events[depth] = events;
    }
    return events;
  }
}
