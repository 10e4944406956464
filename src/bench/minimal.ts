/**
 * The BFS-minimal counterexample length for a flaw, at the config a shrunk counterexample ended
 * with: the yardstick for how well shrinking did. Explored once per distinct config.
 */
import type { ConfigValues } from "../engine/config.ts";
import { explore } from "../explore/explore.ts";
import type { AnyModel } from "../model.ts";

export interface Minimal {
  readonly config: ConfigValues;
  /** Events in the shortest violating schedule, or null when the bounds stopped the search first. */
  readonly length: number | null;
  readonly states: number;
  /** Every schedule this short was tried: the minimum is longer when none broke an invariant. */
  readonly depthCompleted: number;
  readonly stoppedBy: string;
}

export function bfsMinimal(
  model: AnyModel,
  flaw: string,
  config: ConfigValues,
  maxDepth: number,
  maxStates: number,
): Minimal {
  const result = explore(model, { fixed: config, flaws: [flaw], maxDepth, maxStates });
  return {
    config,
    length: result.counterexample ? result.counterexample.schedule.length : null,
    states: result.states,
    depthCompleted: result.depthCompleted,
    stoppedBy: result.stoppedBy,
  };
}
