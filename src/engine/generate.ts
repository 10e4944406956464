/** The arbitrary of whole runs — config, swarm profile and schedule — shared by `check` and property suites. */
import fc, { type Arbitrary } from "fast-check";
import type { AnyModel, Flaw, ModelEvent } from "../model.ts";
import { type ConfigValues, configArbitrary, widestConfig } from "./config.ts";
import { fitSchedule } from "./events.ts";
import {
  baseProfile,
  type Generation,
  type Profile,
  profileArbitrary,
  scheduleArbitrary,
} from "./schedule.ts";

export interface GeneratedRun {
  readonly config: ConfigValues;
  readonly profile: Profile;
  readonly schedule: readonly ModelEvent[];
}

export interface RunShape {
  readonly fixed: ConfigValues;
  readonly flaws: readonly Flaw[];
  readonly maxSteps: number;
  readonly generation: Generation;
}

export function runArbitrary(model: AnyModel, shape: RunShape): Arbitrary<GeneratedRun> {
  const scope = widestConfig(model, shape.fixed, shape.flaws);
  const base = baseProfile(model, scope);
  // The config is drawn beside, not inside, the chain: fast-check then shrinks the cluster and the
  // schedule independently. Events are drawn against the widest config, then fitted into the run's own.
  const events: Arbitrary<{ profile: Profile; schedule: ModelEvent[] }> =
    shape.generation === "swarm"
      ? profileArbitrary(model, scope).chain((profile) =>
          scheduleArbitrary(model, scope, shape.maxSteps, profile).map((schedule) => ({ profile, schedule })),
        )
      : scheduleArbitrary(model, scope, shape.maxSteps).map((schedule) => ({ profile: base, schedule }));
  return fc
    .record({ config: configArbitrary(model, shape.fixed, shape.flaws), events })
    .map(({ config, events: { profile, schedule } }) => ({
      config,
      profile,
      schedule: fitSchedule(model, schedule, config),
    }));
}
