/**
 * The user's bounds on a model's state constraints (`--bound max-term=4`), as the explorer uses
 * them: whether a state lies within every bound, and the measures to add to its key.
 */
import type { AnyModel, ByteSink, Context, StateConstraint } from "../model.ts";

export type Bounds = Readonly<Record<string, number>>;

export interface BoundCheck {
  readonly active: boolean;
  /** Whether the state lies within every bound; its measures are kept for `writeMeasures`. */
  readonly within: (state: unknown) => boolean;
  /**
   * Appends the measures of the state last passed to `within`, to keep states apart that the
   * model's key would merge (measured once per state: this is the search's inner loop).
   */
  readonly writeMeasures: (out: ByteSink) => void;
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
  const measures = active.map(([c]) => c.measure);
  const limits = Int32Array.from(active, ([, bound]) => Math.min(bound, 2 ** 31 - 1));
  const last = new Float64Array(active.length);
  return {
    active: active.length > 0,
    within: (state) => {
      let inside = true;
      for (let i = 0; i < measures.length; i++) {
        last[i] = measures[i]!(state, ctx);
        if (last[i]! > limits[i]!) inside = false;
      }
      return inside;
    },
    writeMeasures: (out) => {
      for (let i = 0; i < last.length; i++) out.int(last[i]!);
    },
  };
}
