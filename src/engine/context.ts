/** The context a reducer sees, and flaw names resolved against a model: shared by every search. */
import type { AnyModel, Context, Flaw } from "../model.ts";

export function makeContext<Config, FlawName extends string = string>(
  config: Config,
  flaws: readonly FlawName[],
): Context<Config, FlawName> {
  return { config, flaws: new Set(flaws) };
}

/** The model's flaws by name; an unknown name is a RangeError naming the known ones. */
export function resolveFlaws(model: AnyModel, names: readonly string[]): Flaw[] {
  return names.map((name) => {
    const flaw = model.flaws.find((f) => f.name === name);
    if (!flaw)
      throw new RangeError(
        `unknown flaw '${name}' for model ${model.name} (known: ${model.flaws.map((f) => f.name).join(", ") || "none"})`,
      );
    return flaw;
  });
}
