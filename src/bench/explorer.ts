/**
 * The explorer's figures for the benchmark: breadth-first states per second on one core (wall and
 * per CPU-second), bytes per state of the search's tables, and the speed-up of the same search
 * spread over worker threads (thread start-up included), with the machine's load beside it: on a
 * shared machine a speed-up is only as good as the cores that were free.
 */
import { loadavg } from "node:os";
import { sourceOf } from "../engine/model-source.ts";
import { type ExploreResult, explore } from "../explore/explore.ts";
import { exploreInParallel } from "../explore/parallel.ts";
import type { AnyModel } from "../model.ts";

export interface ExplorerFigures {
  readonly config: Readonly<Record<string, unknown>>;
  readonly keying: ExploreResult["keying"];
  readonly states: number;
  readonly depthCompleted: number;
  readonly stoppedBy: ExploreResult["stoppedBy"];
  readonly statesPerSecond: number;
  readonly statesPerCpuSecond: number;
  readonly peakRss: number;
  /** Bytes of the search's fingerprint and parent tables per distinct state. */
  readonly bytesPerState: number;
  /** The same search over worker threads; null when the workers cannot load the model. */
  readonly parallel: ParallelFigures | null;
}

export interface ParallelFigures {
  readonly workers: number;
  readonly millis: number;
  readonly statesPerSecond: number;
  /** One thread's wall time over the workers' (start-up included). */
  readonly speedup: number;
  /** The 1-minute load average just before the two searches: above the core count, cores were shared. */
  readonly loadBefore: number;
}

export async function explorerFigures(
  model: AnyModel,
  maxStates: number,
  workers: number,
): Promise<ExplorerFigures | null> {
  if (!model.enabled) return null;
  const options = { maxDepth: 10_000, maxStates };
  const loadBefore = loadavg()[0] ?? 0;
  const one = explore(model, options);
  let parallel: ParallelFigures | null = null;
  if (workers > 1 && sourceOf(model)) {
    const spread = await exploreInParallel(model, options, workers);
    parallel = {
      workers,
      millis: spread.millis,
      statesPerSecond: perSecond(spread.states, spread.millis),
      speedup: one.millis / spread.millis,
      loadBefore,
    };
  }
  return {
    config: one.config,
    keying: one.keying,
    states: one.states,
    depthCompleted: one.depthCompleted,
    stoppedBy: one.stoppedBy,
    statesPerSecond: perSecond(one.states, one.millis),
    statesPerCpuSecond: perSecond(one.states, one.cpuMillis),
    peakRss: one.peakRss,
    bytesPerState: Math.round(one.bytesPerState),
    parallel,
  };
}

function perSecond(n: number, millis: number): number {
  return Math.round((n * 1000) / Math.max(millis, 1e-3));
}
