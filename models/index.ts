/** Every model faultline knows, by name. Add one import and one entry per model. */
import type { AnyModel } from "../src/model.ts";

export const models: readonly AnyModel[] = [
];

export function findModel(name: string): AnyModel | undefined {
  return models.find((m) => m.name === name);
}
