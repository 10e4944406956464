/**
 * The model contract. A model is a pure reducer over plain-data events, plus the names a person
 * needs to read its failures: what each event means, what each invariant promises, which flaws
 * (deliberately broken variants) each invariant must catch.
 *
 * Everything here is data or a pure function: no clocks, randomness or I/O. The engine owns
 * generation, checking, shrinking, replay and reports; a model never sees them.
 */
import type { Arbitrary } from "fast-check";
import type { TimelineHook } from "./report/html/timeline.ts";

/** An event is JSON data with a `kind`; reports store it as it is, so replay survives generator changes. */
export interface ModelEvent {
  readonly kind: string;
}

/** What every reducer call may read besides the state: the config and the flaws switched on. */
export interface Context<Config> {
  readonly config: Config;
  readonly flaws: ReadonlySet<string>;
}

/**
 * One config value, exposed as the CLI flag `--<flag>`. A param with `generate` is drawn per run
 * from that range (shrinking towards `min`) unless the user fixes it; any other param keeps its
 * default unless set. Defaults equal the real system's defaults.
 */
export type Param<Config> = {
  readonly key: keyof Config & string;
  readonly flag: string;
  readonly doc: string;
} & (
  | {
      readonly type: "int" | "number";
      readonly min: number;
      readonly max: number;
      readonly generate?: { readonly min: number; readonly max: number };
    }
  | { readonly type: "boolean" }
  | { readonly type: "enum"; readonly values: readonly string[] }
);

/** One kind of event in the model's fault-schedule vocabulary. */
export interface EventKind<Config, Event extends ModelEvent> {
  readonly doc: string;
  /** Relative frequency in generated schedules (0 leaves the kind out unless a profile turns it on). */
  readonly weight: number;
  /** `scope` is the widest config this run can draw, so ids name nodes that may exist. */
  readonly arbitrary: (scope: Config) => Arbitrary<Event>;
  /** A fault (crash, partition, loss…): swarm generation switches fault kinds off in some runs. */
  readonly fault?: boolean;
  /** Checks the fields of an event of this kind read from a file; returns the problem, or undefined. */
  readonly check: (event: Readonly<Record<string, unknown>>, config: Config) => string | undefined;
}

/**
 * A safety property checked after every step. `prev` is the state before the step (the initial
 * state for step 0), so transition properties need no extra history. Returns undefined when it
 * holds, or a plain-words sentence saying what broke.
 */
export interface Invariant<Config, State> {
  readonly name: string;
  readonly doc: string;
  readonly check: (state: State, prev: State, ctx: Context<Config>) => string | undefined;
}

/** A condition a good suite must reach at least once (Stateright's `sometimes`): guards against vacuous runs. */
export interface Witness<Config, State> {
  readonly name: string;
  readonly doc: string;
  readonly reached: (state: State, prev: State, ctx: Context<Config>) => boolean;
}

/** A named, deliberately wrong variant of the reducer, and the invariant that must catch it. */
export interface Flaw {
  readonly name: string;
  readonly doc: string;
  readonly breaks: string;
  /** Extra params this flaw needs to show itself (e.g. two candidates configured differently). */
  readonly config?: Readonly<Record<string, unknown>>;
}

export interface Model<Config, State, Event extends ModelEvent> {
  readonly name: string;
  readonly summary: string;
  readonly params: readonly Param<Config>[];
  readonly defaults: Config;
  /** Cross-field rules; returns one line naming the broken rule, or undefined. */
  readonly validateConfig?: (config: Config) => string | undefined;
  /** How many events a generated schedule may hold by default. */
  readonly maxSteps: number;
  readonly init: (ctx: Context<Config>) => State;
  /** Pure; never mutates `state`. Returns `state` itself when the event is not enabled (a skipped no-op). */
  readonly step: (state: State, event: Event, ctx: Context<Config>) => State;
  readonly events: Readonly<Record<string, EventKind<Config, Event>>>;
  /** Every event enabled in `state` for a bounded config (for exhaustive exploration). */
  readonly enabled?: (state: State, ctx: Context<Config>) => readonly Event[];
  /** The explorer's canonical key of a state: equal keys mean equal futures (history only where invariants read it). */
  readonly fingerprint?: (state: State, ctx: Context<Config>) => string;
  /** Like `fingerprint`, but equal for states that differ only by a renaming of node ids (symmetry reduction). */
  readonly symmetry?: (state: State, ctx: Context<Config>) => string;
  /**
   * The event in plain words: "server 2 times out and starts an election". `before` is the state it
   * applies to, for events whose meaning depends on it ("the operator takes the plan's next step").
   */
  readonly describeEvent: (event: Event, before: State, ctx: Context<Config>) => string;
  /** What a person should see of a state: JSON, grouped by owner; reports diff it step by step. */
  readonly view: (state: State, ctx: Context<Config>) => unknown;
  readonly invariants: readonly Invariant<Config, State>[];
  readonly witnesses?: readonly Witness<Config, State>[];
  readonly flaws: readonly Flaw[];
  /** Lanes, messages, faults and roles for the HTML report's timeline (src/report/html/timeline.ts). */
  readonly timeline?: TimelineHook<Config, State, Event>;
}

/** A model with its type parameters erased, as the engine and CLI handle it. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds models of unrelated types.
export type AnyModel = Model<any, any, any>;

/** A param with its config type erased. */
export type AnyParam = Param<Record<string, unknown>>;
