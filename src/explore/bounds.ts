/**
 * The user's bounds on a model's state constraints (`--bound max-term=4`), as the explorer uses
 * them: whether a state lies within every bound, and the measures to add to its key.
 */
import type { AnyModel, Context, StateConstraint } from "../model.ts";

export type Bounds = Readonly<Record<string, number>>;

export interface BoundCheck {
  readonly active: boolean;
  readonly within: (state: unknown) => boolean;
  /** The bounded measures, to keep states apart that the model's key would merge. */
  readonly keySuffix: (state: unknown) => string;
}

/** Reads `NAME=N` texts; throws a RangeError naming the first that does not fit the model. */
export function parseBounds(model: AnyModel, texts: readonly string[]): Bounds {
  const known = model.extensions.constraints ?? [];
  const bounds: Record<string, number> = {};
  for (const text of texts) {
    const match = /^([a-z][a-z0-9-]*)=(\d+)$/.exec(text);
    if (!match) throw new RangeError(`--bound takes NAME=N (a whole number), e.g. max-term=4; got '${text}'`);
    const [, name, value] = match;
    if (!known.some((c) => c.name === name))
      throw new RangeError(
        known.length === 0
          ? `model ${model.name} declares no state constraints, so --bound ${name} cannot apply`
          : `unknown bound '${name}' for model ${model.name} (known: ${known.map((c) => c.name).join(", ")})`,
      );
    bounds[name!] = Number(value);
  }
  return bounds;
}

export function boundCheck(model: AnyModel, bounds: Bounds, ctx: Context<unknown>): BoundCheck {
  const byName = new Map((model.extensions.constraints ?? []).map((c) => [c.name, c]));
  const active: [StateConstraint<unknown, unknown>, number][] = [];
  for (const [name, bound] of Object.entries(bounds)) {
    const constraint = byName.get(name);
    if (!constraint) throw new RangeError(`unknown bound '${name}' for model ${model.name}`);
    active.push([constraint, bound]);
  }
  return {
    active: active.length > 0,
    within: (state) => active.every(([c, bound]) => c.measure(state, ctx) <= bound),
    keySuffix: (state) => {
      let suffix = "";
      for (const [c] of active) suffix += `#${c.measure(state, ctx)}`;
      return suffix;
    },
  };
}
