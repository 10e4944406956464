/**
 * Fault schedules: arrays of events drawn from the model's event kinds by weight.
 *
 * Two generation modes. `uniform`: every run draws each kind at the model's own weights.
 * `swarm` (Groce et al., "Swarm Testing"): each run first draws a profile — fault kinds switched
 * off or on, every kind's weight scaled — so some runs are partition-heavy, others crash-heavy,
 * others fault-free, reaching states a single mix rarely does.
 */
import fc, { type Arbitrary } from "fast-check";
import type { AnyModel, EventKind, ModelEvent } from "../model.ts";
import type { ConfigValues } from "./config.ts";
import { kindArbitrary, weightOf } from "./events.ts";

const kindsOf = (model: AnyModel) => Object.entries(model.events) as [string, EventKind<ConfigValues>][];

export type Generation = "swarm" | "uniform";

/** Event kind → weight for one run; 0 leaves the kind out. */
export type Profile = Readonly<Record<string, number>>;

/** The model's own mix for runs whose widest config is `scope`. */
export function baseProfile(model: AnyModel, scope: ConfigValues = model.defaults): Profile {
  return Object.fromEntries(kindsOf(model).map(([kind, spec]) => [kind, weightOf(spec, scope)]));
}

/** Fault kinds may be switched off; every kind's weight is scaled by 1 or 3. Shrinks towards the model's own mix. */
export function profileArbitrary(model: AnyModel, scope: ConfigValues = model.defaults): Arbitrary<Profile> {
  const base = baseProfile(model, scope);
  const anyFault = kindsOf(model).some(([, spec]) => spec.fault);
  const scales: Record<string, Arbitrary<number>> = {};
  for (const [kind, spec] of kindsOf(model)) {
    if ((base[kind] ?? 0) <= 0) continue;
    const switchable = anyFault ? spec.fault === true : true;
    scales[kind] = switchable ? fc.constantFrom(1, 3, 0) : fc.constantFrom(1, 3);
  }
  return fc.record(scales).map((scale) => {
    const profile = Object.fromEntries(
      kindsOf(model).map(([kind]) => [kind, (base[kind] ?? 0) * (scale[kind] ?? 0)]),
    );
    return Object.values(profile).some((w) => w > 0) ? profile : base;
  });
}

export function eventArbitrary(
  model: AnyModel,
  scope: ConfigValues,
  profile: Profile,
): Arbitrary<ModelEvent> {
  const kinds = kindsOf(model).filter(([kind]) => (profile[kind] ?? 0) > 0);
  return fc.oneof(
    ...kinds.map(([kind, spec]) => ({ arbitrary: kindArbitrary(kind, spec, scope), weight: profile[kind]! })),
  );
}

/**
 * Schedules up to `maxSteps` long. `size: "max"` lets lengths spread over the whole range:
 * fast-check's default size would keep arrays around ten events, too short for deep bugs.
 */
export function scheduleArbitrary(
  model: AnyModel,
  scope: ConfigValues,
  maxSteps: number,
  profile: Profile = baseProfile(model, scope),
): Arbitrary<ModelEvent[]> {
  return fc.array(eventArbitrary(model, scope, profile), { maxLength: maxSteps, size: "max" });
}
