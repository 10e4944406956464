/**
 * The state graph as a search walks it: successors by enabled-event number, the key that decides
 * two states are the same, the bounds, invariant verdicts and witnesses. Shared by the
 * breadth-first and the depth-first search.
 */
import type { AnyModel, Context, ModelEvent } from "../model.ts";
import type { BoundCheck } from "./bounds.ts";
import { Bytes } from "./byte-sink.ts";
import type { StateKey } from "./keys.ts";

export interface SearchLimits {
  readonly maxDepth: number;
  readonly maxStates: number;
  readonly onDepth?: (depth: number, states: number, millis: number) => void;
}

/** How a search ended, in the terms ExploreResult reports. */
export interface SearchOutcome {
  readonly stoppedBy: "exhausted" | "max-depth" | "max-states" | "violation";
  readonly states: number;
  readonly transitions: number;
  readonly depthCompleted: number;
  readonly levels: readonly number[];
  /** Enabled-event choices from the initial state to a violation (the last one breaks an invariant). */
  readonly violation: readonly number[] | undefined;
  /** Bytes of the search's own tables (fingerprints, parents) at the end. */
  readonly tableBytes: number;
  readonly collisionOdds: number;
}

export class Space {
  readonly witnesses: Record<string, number | null>;
  /** The last state's key and its fingerprint (`bytes.high`, `bytes.low`). */
  readonly bytes = new Bytes();
  private readonly enabledOf: (state: unknown, ctx: Context<unknown>) => readonly ModelEvent[];

  constructor(
    readonly model: AnyModel,
    readonly ctx: Context<unknown>,
    private readonly key: StateKey,
    private readonly bounds: BoundCheck,
  ) {
    this.enabledOf = model.enabled!;
    this.witnesses = Object.fromEntries((model.witnesses ?? []).map((w) => [w.name, null]));
  }

  get keying(): StateKey["keying"] {
    return this.key.keying;
  }

  initial(): unknown {
    return this.model.init(this.ctx);
  }

  enabled(state: unknown): readonly ModelEvent[] {
    return this.enabledOf(state, this.ctx);
  }

  step(state: unknown, event: ModelEvent): unknown {
    return this.model.step(state, event, this.ctx);
  }

  /** The state after the enabled event numbered `choice`. */
  successor(state: unknown, choice: number): unknown {
    return this.step(state, this.enabled(state)[choice]!);
  }

  within(state: unknown): boolean {
    return this.bounds.within(state);
  }

  /**
   * Writes the state's key and hashes it into `bytes.high` and `bytes.low`. The state must be the
   * last one passed to `within`, whose measures the key includes.
   */
  fingerprint(state: unknown): void {
    const bytes = this.bytes;
    bytes.clear();
    this.key.write(state, bytes);
    if (this.bounds.active) this.bounds.writeMeasures(bytes);
    bytes.hash();
  }

  /** The initial state's fingerprint (it is searched even outside the bounds, as its own root). */
  fingerprintInitial(initial: unknown): void {
    this.within(initial);
    this.fingerprint(initial);
  }

  /** Whether the step `prev` → `state` breaks an invariant. */
  broken(state: unknown, prev: unknown): boolean {
    for (const invariant of this.model.invariants)
      if (invariant.check(state, prev, this.ctx) !== undefined) return true;
    return false;
  }

  /** The witnesses among `unknown` (bit i: the model's witness i) that the step `prev` → `state` reaches. */
  reachedMask(state: unknown, prev: unknown, unknown: number): number {
    const witnesses = this.model.witnesses ?? [];
    let reached = 0;
    for (let i = 0; i < witnesses.length; i++)
      if ((unknown >> i) & 1 && witnesses[i]!.reached(state, prev, this.ctx)) reached |= 1 << i;
    return reached;
  }

  /** Bit i set for each witness i not reached yet. */
  unknownWitnesses(): number {
    let unknown = 0;
    (this.model.witnesses ?? []).forEach((w, i) => {
      if (this.witnesses[w.name] === null) unknown |= 1 << i;
    });
    return unknown;
  }

  /** Records, for a new state at `depth`, the witnesses of `reached` (a `reachedMask`) not reached before. */
  noteReached(reached: number, depth: number): void {
    (this.model.witnesses ?? []).forEach((w, i) => {
      if ((reached >> i) & 1 && this.witnesses[w.name] === null) this.witnesses[w.name] = depth;
    });
  }

  /** Records witnesses first reached by a step to `depth` (keeping the shallowest). */
  noteWitnesses(state: unknown, prev: unknown, depth: number): void {
    for (const w of this.model.witnesses ?? []) {
      const known = this.witnesses[w.name];
      if ((known === null || known! > depth) && w.reached(state, prev, this.ctx))
        this.witnesses[w.name] = depth;
    }
  }
}
