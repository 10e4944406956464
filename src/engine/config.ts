/**
 * Configs from params: defaults, user-fixed values, the per-run arbitrary and the widest scope
 * a run can draw. Values the user fixed never vary; flaws may ask for values the user left free.
 */
import fc, { type Arbitrary } from "fast-check";
import type { AnyModel, AnyParam, Flaw } from "../model.ts";

export type ConfigValues = Readonly<Record<string, unknown>>;

/** The values held constant in a check: what the flaws need, overridden by what the user fixed. */
function pinned(fixed: ConfigValues, flaws: readonly Flaw[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const flaw of flaws) Object.assign(values, flaw.config ?? {});
  return { ...values, ...fixed };
}

/** The range a param is drawn from in this check, or undefined when it is held constant. */
function drawnRange(
  param: AnyParam,
  pins: Record<string, unknown>,
): { min: number; max: number } | undefined {
  return "generate" in param && !(param.key in pins) ? param.generate : undefined;
}

/** The arbitrary of configs for a check: generated params drawn from their range, others pinned. */
export function configArbitrary(
  model: AnyModel,
  fixed: ConfigValues,
  flaws: readonly Flaw[],
): Arbitrary<ConfigValues> {
  const pins = pinned(fixed, flaws);
  const base = { ...model.defaults, ...pins };
  const drawn: Record<string, Arbitrary<unknown>> = {};
  for (const param of model.params as readonly AnyParam[]) {
    const range = drawnRange(param, pins);
    if (range) {
      const { min, max } = range;
      drawn[param.key] =
        param.type === "int"
          ? fc.integer({ min, max })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
  }
  const arbitrary = fc.record(drawn).map((values) => ({ ...base, ...values }) as ConfigValues);
  return model.validateConfig ? arbitrary.filter((c) => model.validateConfig!(c) === undefined) : arbitrary;
}

/** The largest config a run can draw: every generated param at the top of its range. */
export function widestConfig(model: AnyModel, fixed: ConfigValues, flaws: readonly Flaw[]): ConfigValues {
  const pins = pinned(fixed, flaws);
  const values: Record<string, unknown> = { ...model.defaults, ...pins };
  for (const param of model.params as readonly AnyParam[]) {
    const range = drawnRange(param, pins);
    if (range) values[param.key] = range.max;
  }
  return values;
}

/** The config with every value the user did not set at its default: what `--nodes` and friends fix. */
export function pinnedConfig(model: AnyModel, fixed: ConfigValues, flaws: readonly Flaw[]): ConfigValues {
  return { ...model.defaults, ...pinned(fixed, flaws) };
}

/** Checks one param value; returns the problem in one line, or undefined. */
export function checkParamValue(param: AnyParam, value: unknown): string | undefined {
  switch (param.type) {
    case "int":
    case "number":
      if (typeof value !== "number" || Number.isNaN(value)) return `--${param.flag} must be a number`;
      if (param.type === "int" && !Number.isInteger(value)) return `--${param.flag} must be a whole number`;
      if (value < param.min || value > param.max)
        return `--${param.flag} must be between ${param.min} and ${param.max} (got ${value})`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : `--${param.flag} must be true or false`;
    case "enum":
      return typeof value === "string" && param.values.includes(value)
        ? undefined
        : `--${param.flag} must be one of ${param.values.join(", ")} (got ${String(value)})`;
  }
}

/** Checks a whole config (from a report or the CLI): every param, then the model's cross-field rules. */
export function checkConfig(model: AnyModel, config: ConfigValues): string | undefined {
  for (const param of model.params as readonly AnyParam[]) {
    const problem = checkParamValue(param, config[param.key]);
    if (problem) return problem;
  }
  return model.validateConfig?.(config);
}

/** Fixed values a check was given: every key must be a param, every value in its range. */
export function fixedProblem(model: AnyModel, fixed: ConfigValues): string | undefined {
  for (const [key, value] of Object.entries(fixed)) {
    const param = (model.params as readonly AnyParam[]).find((p) => p.key === key);
    if (!param)
      return `model ${model.name} has no param '${key}' (params: ${model.params.map((p) => p.key).join(", ") || "none"})`;
    const problem = checkParamValue(param, value);
    if (problem) return problem;
  }
  return undefined;
}
