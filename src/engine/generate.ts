/** The arbitrary of whole runs — config, swarm profile and schedule — shared by `check` and property suites. */
import fc, { type Arbitrary } from "fast-check";
import type { AnyModel, Flaw, ModelEvent } from "../model.ts";
import { type ConfigValues, configArbitrary, widestConfig } from "./config.ts";
import { fitEvent, fitSchedule } from "./events.ts";
import {
  baseProfile,
  eventArbitrary,
  type Generation,
  type Profile,
  profileArbitrary,
  scheduleArbitrary,
} from "./schedule.ts";

export interface GeneratedRun {
  readonly config: ConfigValues;
  readonly profile: Profile;
  readonly schedule: readonly ModelEvent[];
  /**
   * One drawn number per event when the run is aimed (src/engine/aim.ts): which landing event of
   * another kind a skipped one turns into. Drawn and shrunk (towards 0) with its event.
   */
  readonly rolls?: readonly number[];
}

export interface RunShape {
  readonly fixed: ConfigValues;
  readonly flaws: readonly Flaw[];
  readonly maxSteps: number;
  readonly generation: Generation;
  /** Draw a roll beside every event, for aiming skipped ones (default off: the generation before aiming). */
  readonly aim?: boolean;
}

export function runArbitrary(model: AnyModel, shape: RunShape): Arbitrary<GeneratedRun> {
  const scope = widestConfig(model, shape.fixed, shape.flaws);
  const base = baseProfile(model, scope);
  // The config is drawn beside, not inside, the chain: fast-check then shrinks the cluster and the
  // schedule independently. Events are drawn against the widest config, then fitted into the run's own.
  const drawn = (profile: Profile) =>
    shape.aim
      ? aimedScheduleArbitrary(model, scope, shape.maxSteps, profile)
      : scheduleArbitrary(model, scope, shape.maxSteps, profile).map((schedule) => ({ schedule }));
  const events: Arbitrary<{ profile: Profile; schedule: ModelEvent[]; rolls?: number[] }> =
    shape.generation === "swarm"
      ? profileArbitrary(model, scope).chain((profile) => drawn(profile).map((s) => ({ profile, ...s })))
      : drawn(base).map((s) => ({ profile: base, ...s }));
  return fc
    .record({ config: configArbitrary(model, shape.fixed, shape.flaws), events })
    .map(({ config, events: { profile, schedule, rolls } }) =>
      rolls
        ? { config, profile, ...fitRolled(model, schedule, rolls, config) }
        : {
            config,
            profile,
            schedule: fitSchedule(model, schedule, config),
          },
    );
}

/** Events each with its roll (a number below 2^16), as two arrays of one length. */
function aimedScheduleArbitrary(
  model: AnyModel,
  scope: ConfigValues,
  maxSteps: number,
  profile: Profile,
): Arbitrary<{ schedule: ModelEvent[]; rolls: number[] }> {
  return fc
    .array(fc.tuple(eventArbitrary(model, scope, profile), fc.nat(0xffff)), {
      maxLength: maxSteps,
      size: "max",
    })
    .map((pairs) => ({ schedule: pairs.map(([event]) => event), rolls: pairs.map(([, roll]) => roll) }));
}

/** fitSchedule, keeping each surviving event's roll beside it. */
function fitRolled(
  model: AnyModel,
  schedule: readonly ModelEvent[],
  rolls: readonly number[],
  config: ConfigValues,
): { schedule: ModelEvent[]; rolls: number[] } {
  const fitted: ModelEvent[] = [];
  const kept: number[] = [];
  schedule.forEach((event, i) => {
    const one = fitEvent(model, event, config);
    if (one) {
      fitted.push(one);
      kept.push(rolls[i]!);
    }
  });
  return { schedule: fitted, rolls: kept };
}
