/**
 * The bookkeeping a breadth-first search keeps, in one thread or over workers: the visited set,
 * the parent table, new states per level, and why it ended. A level's states have consecutive
 * ids, so the level being expanded is the id range [levelStart, levelEnd).
 */
import { FingerprintSet } from "./fingerprints.ts";
import { ParentTable } from "./parents.ts";
import type { SearchLimits, SearchOutcome, Space } from "./space.ts";

export class Levels {
  readonly seen = new FingerprintSet();
  readonly parents: ParentTable;
  readonly levels = [1];
  readonly initial: unknown;
  private readonly started = performance.now();
  transitions = 0;
  depth = 0;
  levelStart = 0;
  levelEnd = 1;
  violation: number[] | undefined;
  stoppedBy: SearchOutcome["stoppedBy"];

  /** Starts from the initial state; `shared` puts the parent table in shared memory for workers. */
  constructor(
    space: Space,
    private readonly limits: SearchLimits,
    shared = false,
  ) {
    this.parents = new ParentTable(shared);
    this.initial = space.initial();
    space.fingerprintInitial(this.initial);
    this.seen.add(space.bytes.high, space.bytes.low);
    this.parents.add(-1, -1);
    this.violation = space.broken(this.initial, this.initial) ? [] : undefined;
    this.stoppedBy = this.violation ? "violation" : "exhausted";
  }

  /** Whether another level is to be expanded (stopping at --depth when it is not the last). */
  more(): boolean {
    if (this.violation !== undefined || this.levelStart >= this.levelEnd) return false;
    if (this.depth !== this.limits.maxDepth) return true;
    this.stoppedBy = "max-depth";
    return false;
  }

  /** A successor of `parent` by its enabled event `choice` breaks an invariant. */
  broke(parent: number, choice: number): void {
    this.violation = [...this.parents.choicesTo(parent), choice];
    this.stoppedBy = "violation";
  }

  /** A new state was added; false when it fills the --max-states budget. */
  roomAfterAdding(): boolean {
    if (this.seen.size < this.limits.maxStates) return true;
    this.levels.push(this.parents.size - this.levelEnd);
    this.stoppedBy = "max-states";
    return false;
  }

  /** The level is complete: the next one is the states it found. */
  endLevel(): void {
    const { parents, levelEnd } = this;
    this.depth++;
    this.limits.onDepth?.(this.depth, this.seen.size, performance.now() - this.started);
    if (parents.size > levelEnd) this.levels.push(parents.size - levelEnd);
    this.levelStart = levelEnd;
    this.levelEnd = parents.size;
  }

  outcome(): SearchOutcome {
    const { seen, parents, levels, stoppedBy } = this;
    return {
      stoppedBy,
      states: seen.size,
      transitions: this.transitions,
      depthCompleted: stoppedBy === "exhausted" ? levels.length - 1 : this.depth,
      levels,
      violation: this.violation,
      tableBytes: seen.bytes + parents.bytes,
      collisionOdds: seen.collisionOdds,
    };
  }
}
