/**
 * `sweep`: a grid over any model's params, each cell a `check` of the correct model at that
 * config. A cell is safe, unsafe (an invariant broke: a counterexample), rejected (the model's
 * own validation refuses the config) or crashed (the reducer threw: a bug in the model, never
 * counted as unsafe). Models add analytic columns (src/model.ts, `sweepColumns`).
 */
import { type CheckOptions, type CheckResult, check } from "../engine/check.ts";
import { runPool } from "../engine/pool.ts";
import { STEP_COMPLETES } from "../engine/runner.ts";
import type { ConfigValues } from "../fields.ts";
import type { AnyModel } from "../model.ts";

export interface SweepBudget {
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps: number;
}

export type Verdict = "safe" | "unsafe" | "rejected" | "crashed";

export interface SweepCell {
  readonly config: ConfigValues;
  readonly verdict: Verdict;
  /** Why the model rejected the config, or the crash message. */
  readonly reason?: string;
  readonly result?: CheckResult;
  /** The model's analytic columns for this config. */
  readonly columns: Readonly<Record<string, string | number | boolean>>;
}

export async function sweep(
  model: AnyModel,
  configs: readonly ConfigValues[],
  budget: SweepBudget,
  workers: number,
  onCell?: (done: number) => void,
): Promise<SweepCell[]> {
  let done = configs.length - configs.filter((config) => model.validateConfig?.(config) === undefined).length;
  const runnable = configs.filter((config) => model.validateConfig?.(config) === undefined);
  const keys = new Set(model.params.map((p) => p.key));
  const options = (config: ConfigValues): CheckOptions => ({
    ...budget,
    fixed: Object.fromEntries(Object.entries(config).filter(([key]) => keys.has(key))),
  });
  const results =
    workers > 1 && runnable.length > 1
      ? await runPool(
          runnable.map((config) => ({ model, options: options(config) })),
          workers,
          { onResult: () => onCell?.(++done) },
        )
      : runnable.map((config) => {
          const result = check(model, options(config));
          onCell?.(++done);
          return result;
        });
  return configs.map((config) => {
    const columns = Object.fromEntries(
      (model.extensions.sweepColumns ?? []).map((c) => [c.name, c.value(config)]),
    );
    const rejected = model.validateConfig?.(config);
    if (rejected !== undefined) return { config, verdict: "rejected", reason: rejected, columns };
    const result = results[runnable.indexOf(config)]!;
    const violation = result.counterexample?.run.violation;
    if (!violation) return { config, verdict: "safe", result, columns };
    if (violation.invariant === STEP_COMPLETES.name)
      return { config, verdict: "crashed", reason: violation.message, result, columns };
    return { config, verdict: "unsafe", result, columns };
  });
}
