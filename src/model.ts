/**
 * The model contract. A model is a pure reducer over plain-data events, plus the names a person
 * needs to read its failures: what each event means, what each invariant promises, which flaws
 * (deliberately broken variants) each invariant must catch. Write one with `defineModel`
 * (src/define.ts), which fills in the optional parts and refuses a definition that cannot work.
 *
 * Everything here is data or a pure function: no clocks, randomness or I/O. The engine owns
 * generation, checking, shrinking, replay and reports; a model never sees them.
 */
import type { ConfigValues, Field } from "./fields.ts";
import type { TimelineHook } from "./report/html/timeline.ts";

export type { ConfigValues, Field } from "./fields.ts";

/** An event is JSON data with a `kind`; reports store it as it is, so replay survives generator changes. */
export interface ModelEvent {
  readonly kind: string;
}

/** What every reducer call may read besides the state: the config and the flaws switched on. */
export interface Context<Config, FlawName extends string = string> {
  readonly config: Config;
  readonly flaws: ReadonlySet<FlawName>;
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

/**
 * One kind of event in the model's fault-schedule vocabulary. Its fields are declared once
 * (src/fields.ts); generation, fitting into the run's config and checking events read from a
 * file all derive from the declaration.
 */
export interface EventKind<Config = ConfigValues> {
  readonly doc: string;
  /**
   * Relative frequency in generated schedules (0 leaves the kind out unless a profile turns it on).
   * A function of the widest config when the mix depends on it (a kind only some strategies use).
   */
  readonly weight: number | ((scope: Config) => number);
  /** A fault (crash, partition, loss…): swarm generation switches fault kinds off in some runs. */
  readonly fault?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: fields of any value type.
  readonly fields?: Readonly<Record<string, Field<any>>>;
  /**
   * A rule across fields ("from and to name two different servers"): generated events that break
   * it are dropped, events from a file that break it are refused with this message.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the event of this kind, typed by the model.
  readonly where?: (event: any, config: Config) => string | undefined;
}

/**
 * A safety property checked after every step. `prev` is the state before the step (the initial
 * state for step 0), so transition properties need no extra history. Returns undefined when it
 * holds, or a plain-words sentence saying what broke.
 */
export interface Invariant<Config, State, FlawName extends string = string> {
  readonly name: string;
  readonly doc: string;
  readonly check: (state: State, prev: State, ctx: Context<Config, FlawName>) => string | undefined;
}

/** A condition a good suite must reach at least once (Stateright's `sometimes`): guards against vacuous runs. */
export interface Witness<Config, State, FlawName extends string = string> {
  readonly name: string;
  readonly doc: string;
  readonly reached: (state: State, prev: State, ctx: Context<Config, FlawName>) => boolean;
}

/** A named, deliberately wrong variant of the reducer, and the invariant that must catch it. */
export interface Flaw<Name extends string = string> {
  readonly name: Name;
  readonly doc: string;
  readonly breaks: string;
  /** Extra params this flaw needs to show itself (e.g. two candidates configured differently). */
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * What a model adds to the CLI besides check, replay, explore and bench: whole commands of its
 * own (`faultline quorum` is the ha model's), and analytic columns for `faultline sweep` cells.
 */
export interface Extensions<Config, State = unknown, Event = unknown> {
  /** Lanes, messages, faults and roles for the HTML report's timeline (src/report/html/timeline.ts). */
  readonly timeline?: TimelineHook<Config, State, Event>;
  readonly commands?: readonly Command[];
  /** Extra columns of a sweep cell, computed from the cell's config alone (a rule of thumb, a margin). */
  readonly sweepColumns?: readonly SweepColumn<Config>[];
  /**
   * `check <model> --from FILE`: a config read from a file of the model's own kind (the cluster
   * model reads `kubectl get … -o yaml`). Runs start from it, with every generated param held.
   * Throw a `UsageError` for a file that cannot be read or represented.
   */
  readonly configFrom?: { readonly doc: string; readonly load: (path: string) => Config };
  /** The grid `faultline sweep <model>` maps when the user lists no values: param flag → values. */
  readonly sweepGrid?: Readonly<Record<string, readonly (number | string | boolean)[]>>;
  /** State constraints for `explore --bound NAME=N` (TLC's CONSTRAINT): bounds that make the space finite. */
  readonly constraints?: readonly StateConstraint<Config, State>[];
  /**
   * The explorer's state key as bytes, written without building strings: faster than
   * `fingerprint`/`symmetry`, which the explorer then no longer calls (they must agree).
   */
  readonly encoder?: StateEncoder<Config, State>;
}

/**
 * Writes a state as bytes for the explorer's visited set, which keeps only a 64-bit hash of them.
 * Equal bytes must mean equal futures (the rule of `fingerprint`): write every field that can
 * change a later step or an invariant's verdict, each part with its length so the bytes read back
 * one way only.
 */
export interface StateEncoder<Config, State> {
  readonly encode: (state: State, out: ByteSink, ctx: Context<Config>) => void;
  /**
   * Like `encode`, but the same bytes for states that differ only by a renaming of node ids
   * (symmetry reduction): e.g. the least encoding over the renamings that could be least.
   */
  readonly canonical?: (state: State, out: ByteSink, ctx: Context<Config>) => void;
}

/** Where a `StateEncoder` writes: a growing byte buffer. */
export interface ByteSink {
  /** Bytes written so far. */
  readonly length: number;
  /** Appends a whole number of magnitude below 2^52 (below 64 takes one byte). */
  int(value: number): void;
  /** Appends a string: its length, then its characters. */
  text(value: string): void;
  /**
   * For two encodings written back to back, `[start, middle)` and `[middle, length)`: keeps the
   * lesser (byte-wise, a prefix first) at `start` and drops the other.
   */
  keepLesser(start: number, middle: number): void;
}

/**
 * A quantity of a state the explorer may bound (the highest term, the client writes so far).
 * States whose measure exceeds the user's bound are neither checked nor expanded. The measure is
 * also added to the state's key, so two states merged by the model's key never differ in it.
 */
export interface StateConstraint<Config, State> {
  /** Named as the user sets it: `--bound max-term=4`. */
  readonly name: string;
  readonly doc: string;
  readonly measure: (state: State, ctx: Context<Config>) => number;
}

export interface SweepColumn<Config> {
  readonly name: string;
  readonly doc: string;
  readonly value: (config: Config) => string | number | boolean;
}

export interface Model<Config, State, Event extends ModelEvent, FlawName extends string = string> {
  readonly name: string;
  readonly summary: string;
  readonly params: readonly Param<Config>[];
  readonly defaults: Config;
  /** Cross-field rules; returns one line naming the broken rule, or undefined. */
  readonly validateConfig?: (config: Config) => string | undefined;
  /** How many events a generated schedule may hold by default. */
  readonly maxSteps: number;
  readonly init: (ctx: Context<Config, FlawName>) => State;
  /** Pure; never mutates `state`. Returns `state` itself when the event is not enabled (a skipped no-op). */
  readonly step: (state: State, event: Event, ctx: Context<Config, FlawName>) => State;
  readonly events: Readonly<Record<Event["kind"], EventKind<Config>>>;
  /** Every event enabled in `state` for a bounded config (for exhaustive exploration). */
  readonly enabled?: (state: State, ctx: Context<Config, FlawName>) => readonly Event[];
  /** The explorer's canonical key of a state: equal keys mean equal futures (history only where invariants read it). */
  readonly fingerprint?: (state: State, ctx: Context<Config, FlawName>) => string;
  /** Like `fingerprint`, but equal for states that differ only by a renaming of node ids (symmetry reduction). */
  readonly symmetry?: (state: State, ctx: Context<Config, FlawName>) => string;
  /**
   * The event in plain words: "server 2 times out and starts an election". `before` is the state it
   * applies to, for events whose meaning depends on it ("the operator takes the plan's next step").
   */
  readonly describeEvent: (event: Event, before: State, ctx: Context<Config, FlawName>) => string;
  /** What a person should see of a state: JSON, grouped by owner; reports diff it step by step. */
  readonly view: (state: State, ctx: Context<Config, FlawName>) => unknown;
  readonly invariants: readonly Invariant<Config, State, FlawName>[];
  readonly witnesses: readonly Witness<Config, State, FlawName>[];
  readonly flaws: readonly Flaw<FlawName>[];
  readonly extensions: Extensions<Config, State, Event>;
}

/** A model with its type parameters erased, as the engine and CLI handle it. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds models of unrelated types.
export type AnyModel = Model<any, any, any, any>;

/** A param with its config type erased. */
export type AnyParam = Param<Record<string, unknown>>;

/** The config type of a model. */
// biome-ignore lint/suspicious/noExplicitAny: type-level extraction.
export type ConfigOf<M> = M extends Model<infer C, any, any, any> ? C : never;
/** The flaw names of a model. */
// biome-ignore lint/suspicious/noExplicitAny: type-level extraction.
export type FlawOf<M> = M extends Model<any, any, any, infer F> ? F : never;
/** The state type of a model. */
// biome-ignore lint/suspicious/noExplicitAny: type-level extraction.
export type StateOf<M> = M extends Model<any, infer S, any, any> ? S : never;
/** The event type of a model. */
// biome-ignore lint/suspicious/noExplicitAny: type-level extraction.
export type EventOf<M> = M extends Model<any, any, infer E, any> ? E : never;

/** Where a command prints. */
export interface Io {
  /** One line (or block) to standard output. */
  out(text: string): void;
  /** One line to standard error. */
  err(text: string): void;
}

/** A progress display for a long run; the CLI gives one only when stderr is a terminal. */
export interface Progress {
  update(done: number, detail: string): void;
  stop(): void;
}

/** What a command may use: where to print, and the models it may name (built-in and the user's own). */
export interface Env {
  readonly io: Io;
  readonly models: readonly AnyModel[];
  /** Starts a progress display of `total` units, or is absent (tests, pipes, CI logs). */
  readonly progress?: (label: string, total: number, unit: string) => Progress;
  /** Whether stdout may carry colour (a terminal, and NO_COLOR unset). */
  readonly color?: boolean;
}

/** One command-line option: its parser type and what `--help` says of it. */
export interface FlagDoc {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in help (`N`, `DIR`). */
  readonly value?: string;
  readonly doc: string;
  /** The default as help shows it (named apart from parseArgs' own `default`, which would apply it). */
  readonly defaultText?: string;
}

/** A CLI subcommand, `faultline <name> …`: the engine's own, or one a model contributes. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Every option, as the parser reads it and `--help` documents it (node:util parseArgs options plus words). */
  readonly flags?: Readonly<Record<string, FlagDoc>>;
  /** Whether the first argument names a model: `--help` then lists that model's options too. */
  readonly takesModel?: boolean;
  /** Returns the exit code: 0 all held, 1 a violation was found, 2 usage or input error. */
  run(args: readonly string[], env: Env): Promise<number> | number;
}
