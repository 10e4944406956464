/**
 * The fewest kubectl drain flags a node needs right now: run kubectl's filter chain
 * (drain.ts filterPod, after kubectl pkg/drain/filters.go) and add the flag each refusal names,
 * until no pod is refused. Filters stop at the first refusal, so a bare pod with an emptyDir
 * needs --delete-emptydir-data before --force shows up.
 */
import type { Ctx } from "../config.ts";
import { type DrainOptions, defaultDrainOptions, filterPod } from "../drain.ts";
import { type ClusterState, podsOn } from "../state.ts";

export interface NeededFlags {
  readonly options: DrainOptions;
  /** What plain `kubectl drain NODE` says, when it refuses. */
  readonly refusals: readonly string[];
}

const FLAG_FOR: readonly [RegExp, keyof DrainOptions][] = [
  [/--ignore-daemonsets/, "ignoreDaemonsets"],
  [/--delete-emptydir-data/, "deleteEmptydirData"],
  [/--force/, "force"],
];

export function neededFlags(state: ClusterState, node: string, ctx: Ctx): NeededFlags {
  let options: DrainOptions = defaultDrainOptions;
  const refusals: string[] = [];
  for (let round = 0; round < FLAG_FOR.length; round++) {
    const reasons = new Map<string, string[]>();
    for (const pod of podsOn(state, node)) {
      const verdict = filterPod(pod, options, state.now, ctx);
      if (verdict.action === "error")
        reasons.set(verdict.reason, [...(reasons.get(verdict.reason) ?? []), pod.name]);
    }
    if (reasons.size === 0) break;
    for (const [reason, pods] of reasons) {
      refusals.push(`cannot delete ${reason}: ${pods.join(", ")}`);
      const flag = FLAG_FOR.find(([pattern]) => pattern.test(reason));
      if (flag) options = { ...options, [flag[1]]: true };
    }
  }
  return { options, refusals };
}

export function flagWords(options: DrainOptions): string {
  const words: string[] = [];
  if (options.ignoreDaemonsets) words.push("--ignore-daemonsets");
  if (options.deleteEmptydirData) words.push("--delete-emptydir-data");
  if (options.force) words.push("--force");
  return words.map((w) => ` ${w}`).join("");
}
