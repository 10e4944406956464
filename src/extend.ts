/**
 * Extending a model without editing it — a built-in one (`import { raft } from
 * "faultline/models/raft"`) or a colleague's: add invariants, witnesses and flaws, or keep only
 * some invariants. The result is checked like any definition (src/define.ts).
 */
import { defineModel } from "./define.ts";
import type { Context, Flaw, Invariant, Model, ModelEvent, Witness } from "./model.ts";

export interface Additions<
  Config,
  State,
  Event extends ModelEvent,
  FlawName extends string,
  Extra extends string,
> {
  /** A new name for the extended model, so its reports do not pass for the original's. */
  readonly name?: string;
  readonly invariants?: readonly Invariant<Config, State, FlawName | Extra>[];
  readonly witnesses?: readonly Witness<Config, State, FlawName | Extra>[];
  /** New flaws; each needs a place in the reducer, given by `step`. */
  readonly flaws?: readonly Flaw<Extra>[];
  /**
   * Wraps the reducer: receives the model's own `step` and returns the new one. The place where a
   * new flaw changes behaviour (`ctx.flaws.has("my-flaw")`); keep it pure.
   */
  readonly step?: (
    inner: (state: State, event: Event, ctx: Context<Config, FlawName | Extra>) => State,
  ) => (state: State, event: Event, ctx: Context<Config, FlawName | Extra>) => State;
}

export function extendModel<
  Config extends object,
  State,
  Event extends ModelEvent,
  FlawName extends string,
  const Extra extends string = never,
>(
  model: Model<Config, State, Event, FlawName>,
  additions: Additions<Config, State, Event, FlawName, Extra>,
): Model<Config, State, Event, FlawName | Extra> {
  // The model's own step only asks whether its own flaws are on: a wider flaw set is safe to pass.
  const inner = model.step as (state: State, event: Event, ctx: Context<Config, FlawName | Extra>) => State;
  return defineModel({
    ...(model as unknown as Model<Config, State, Event, FlawName | Extra>),
    name: additions.name ?? model.name,
    step: additions.step ? additions.step(inner) : model.step,
    invariants: [...model.invariants, ...(additions.invariants ?? [])],
    witnesses: [...model.witnesses, ...(additions.witnesses ?? [])],
    flaws: [...model.flaws, ...(additions.flaws ?? [])],
  } as never) as unknown as Model<Config, State, Event, FlawName | Extra>;
}

/**
 * The model checking only the named invariants (and reaching no witnesses). An invariant that
 * others always beat to a flaw still proves its teeth this way: alone, it must catch that flaw.
 */
export function withOnly<Config, State, Event extends ModelEvent, FlawName extends string>(
  model: Model<Config, State, Event, FlawName>,
  ...invariants: readonly string[]
): Model<Config, State, Event, FlawName> {
  const unknown = invariants.find((name) => !model.invariants.some((i) => i.name === name));
  if (unknown !== undefined || invariants.length === 0)
    throw new RangeError(`model ${model.name} has no invariant '${unknown ?? ""}'`);
  return {
    ...model,
    invariants: model.invariants.filter((i) => invariants.includes(i.name)),
    witnesses: [],
  };
}
