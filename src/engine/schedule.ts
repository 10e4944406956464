/** Fault schedules: arrays of events drawn from the model's event kinds by weight. */
import fc, { type Arbitrary } from "fast-check";
import type { AnyModel, ModelEvent } from "../model.ts";
import type { ConfigValues } from "./config.ts";

export function eventArbitrary(model: AnyModel, scope: ConfigValues): Arbitrary<ModelEvent> {
  const kinds = Object.values(model.events).filter((kind) => kind.weight > 0);
  return fc.oneof(...kinds.map((kind) => ({ arbitrary: kind.arbitrary(scope), weight: kind.weight })));
}

/**
 * Schedules up to `maxSteps` long. `size: "max"` lets lengths spread over the whole range:
 * fast-check's default size would keep arrays around ten events, too short for deep bugs.
 */
export function scheduleArbitrary(
  model: AnyModel,
  scope: ConfigValues,
  maxSteps: number,
): Arbitrary<ModelEvent[]> {
  return fc.array(eventArbitrary(model, scope), { maxLength: maxSteps, size: "max" });
}
