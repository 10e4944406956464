/**
 * A model-independent pass after fast-check's shrinking (in the spirit of DEMi): drop events that
 * did nothing, then try removing single events and pairs, and moving events earlier, until no
 * change helps. A candidate is kept only if the same invariant still breaks.
 */
import type { AnyModel, ModelEvent } from "../model.ts";
import type { ConfigValues } from "./config.ts";
import { makeContext } from "./context.ts";
import { runSchedule } from "./runner.ts";

export interface Minimized {
  readonly schedule: readonly ModelEvent[];
  /** Schedule runs this pass spent. */
  readonly attempts: number;
}

/** Past this length the quadratic steps are skipped: fast-check's own shrinking has usually done the bulk. */
const PAIR_LIMIT = 60;

export function minimize(
  model: AnyModel,
  config: ConfigValues,
  flaws: readonly string[],
  schedule: readonly ModelEvent[],
  invariant: string,
): Minimized {
  const ctx = makeContext(config, flaws);
  let attempts = 0;
  const breaks = (candidate: readonly ModelEvent[]) => {
    attempts++;
    return runSchedule(model, ctx, candidate).violation?.invariant === invariant;
  };
  const run = runSchedule(model, ctx, schedule, { record: true });
  let best = (run.trace ?? []).filter((step) => !step.skipped).map((step) => step.event);
  if (!breaks(best)) best = [...schedule];

  let improved = true;
  while (improved) {
    improved = false;
    for (let i = best.length - 1; i >= 0; i--) {
      const candidate = without(best, i);
      if (breaks(candidate)) {
        best = candidate;
        improved = true;
      }
    }
    if (best.length > PAIR_LIMIT) break;
    for (let i = best.length - 1; i >= 1 && !improved; i--) {
      for (let j = i - 1; j >= 0 && !improved; j--) {
        const candidate = without(without(best, i), j);
        if (breaks(candidate)) {
          best = candidate;
          improved = true;
        }
      }
    }
    for (let i = 1; i < best.length && !improved; i++) {
      for (let j = 0; j < i && !improved; j++) {
        const candidate = moved(best, i, j);
        if (breaks(candidate) && removesSomething(candidate, breaks)) {
          best = candidate;
          improved = true;
        }
      }
    }
  }
  return { schedule: best, attempts };
}

function without<T>(items: readonly T[], index: number): T[] {
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const rest = without(items, from);
  return [...rest.slice(0, to), items[from]!, ...rest.slice(to)];
}

/** A move is only worth keeping when it lets some single event be removed afterwards. */
function removesSomething(
  candidate: readonly ModelEvent[],
  breaks: (c: readonly ModelEvent[]) => boolean,
): boolean {
  for (let i = 0; i < candidate.length; i++) if (breaks(without(candidate, i))) return true;
  return false;
}
