/**
 * The runner folds a schedule through a model's reducer, checks every invariant after every
 * step, and stops at the first violation. It is the hot path: no recording unless asked.
 */
import type { AnyModel, Context, Model, ModelEvent } from "../model.ts";
import { aimEvent } from "./aim.ts";
import type { ConfigValues } from "./config.ts";
import { deepFreeze } from "./freeze.ts";
import type { Profile } from "./schedule.ts";

/** The property every model has without declaring it: `step` returns a state for every event. */
export const STEP_COMPLETES = {
  name: "step-completes",
  doc: "the reducer returns a next state for every event; it never throws, and never writes to its (frozen) input",
} as const;

export interface Violation {
  /** 1-based index of the step after which the invariant failed (0: the initial state). */
  readonly step: number;
  readonly invariant: string;
  readonly message: string;
  /** Other invariants broken at the same step, in the model's order: blame never hangs on list order alone. */
  readonly also: readonly { readonly invariant: string; readonly message: string }[];
}

export interface TraceStep<State, Event> {
  readonly index: number;
  readonly event: Event;
  readonly skipped: boolean;
  readonly state: State;
}

export interface RunResult<State, Event> {
  readonly violation: Violation | undefined;
  /** Events applied (not skipped) and skipped, up to and including the violating one. */
  readonly applied: number;
  readonly skipped: number;
  /** Generated events that would have been skipped and were aimed at one that happens (0 unless `aim`). */
  readonly aimed: number;
  readonly initial: State;
  /** Present when recorded: one entry per event folded. */
  readonly trace: readonly TraceStep<State, Event>[] | undefined;
  /** Witness names reached during this run. */
  readonly reached: ReadonlySet<string>;
}

export interface RunOptions {
  /** Keep every intermediate state (for reports and replay). */
  readonly record?: boolean;
  /** Deep-freeze every state before the reducer sees it: a mutating reducer then throws. */
  readonly freeze?: boolean;
  /**
   * A generated run's weights: an event the reducer would skip is aimed at one that happens
   * (src/engine/aim.ts), and the trace records the event applied. Never for an explicit schedule.
   */
  readonly aim?: { readonly profile: Profile; readonly rolls: readonly number[] };
}

export function runSchedule<Config, State, Event extends ModelEvent, FlawName extends string>(
  model: Model<Config, State, Event, FlawName>,
  ctx: Context<Config, FlawName>,
  schedule: readonly Event[],
  options: RunOptions = {},
): RunResult<State, Event> {
  const trace: TraceStep<State, Event>[] | undefined = options.record ? [] : undefined;
  // Witnesses still to reach in this run: once reached, one is no longer checked.
  let unreached = model.witnesses;
  const reached = new Set<string>();
  let state = model.init(ctx);
  if (options.freeze) deepFreeze(state);
  const initial = state;
  let violation = firstViolation(model, state, state, ctx, 0);
  let applied = 0;
  let skipped = 0;
  let aimed = 0;
  for (let i = 0; i < schedule.length && violation === undefined; i++) {
    let event = schedule[i]!;
    let next: State;
    try {
      next = model.step(state, event, ctx);
      if (next === state && options.aim) {
        const landed = aimEvent(
          model as AnyModel,
          ctx as Context<ConfigValues>,
          state,
          event,
          options.aim.rolls[i] ?? 0,
          options.aim.profile,
        );
        if (landed) {
          event = landed.event as Event;
          next = landed.next;
          aimed++;
        }
      }
      if (options.freeze) deepFreeze(next);
    } catch (error) {
      // A reducer that throws (or, frozen, mutates its input) is a counterexample like any other: shrunk and reported.
      applied++;
      trace?.push({ index: i + 1, event, skipped: false, state });
      violation = {
        step: i + 1,
        invariant: STEP_COMPLETES.name,
        message: `the reducer threw: ${String(error)}`,
        also: [],
      };
      break;
    }
    const wasSkipped = next === state;
    if (wasSkipped) skipped++;
    else applied++;
    trace?.push({ index: i + 1, event, skipped: wasSkipped, state: next });
    if (!wasSkipped) {
      violation = firstViolation(model, next, state, ctx, i + 1);
      const before = reached.size;
      for (const w of unreached) if (w.reached(next, state, ctx)) reached.add(w.name);
      if (reached.size > before) unreached = unreached.filter((w) => !reached.has(w.name));
    }
    state = next;
  }
  return { violation, applied, skipped, aimed, initial, trace, reached };
}

function firstViolation<Config, State, Event extends ModelEvent, FlawName extends string>(
  model: Model<Config, State, Event, FlawName>,
  state: State,
  prev: State,
  ctx: Context<Config, FlawName>,
  step: number,
): Violation | undefined {
  const invariants = model.invariants;
  for (let i = 0; i < invariants.length; i++) {
    const message = invariants[i]!.check(state, prev, ctx);
    if (message === undefined) continue;
    const also = invariants.slice(i + 1).flatMap((other) => {
      const otherMessage = other.check(state, prev, ctx);
      return otherMessage === undefined ? [] : [{ invariant: other.name, message: otherMessage }];
    });
    return { step, invariant: invariants[i]!.name, message, also };
  }
  return undefined;
}
