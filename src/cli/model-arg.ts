/** The `<model>` argument shared by commands that act on one model. */
import type { AnyModel } from "../model.ts";
import { UsageError } from "./command.ts";

export function modelArg(name: string | undefined, models: readonly AnyModel[], command: string): AnyModel {
  const known = models.map((m) => m.name).join(", ");
  if (name === undefined || name.startsWith("-"))
    throw new UsageError(`${command} needs a model name (one of: ${known})`);
  const model = models.find((m) => m.name === name);
  if (!model) throw new UsageError(`unknown model '${name}' (known: ${known})`);
  return model;
}
