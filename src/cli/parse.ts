/**
 * Flag parsing on top of node:util parseArgs, with every failure turned into one UsageError line.
 * Model params become flags of their own (`--nodes 3`), so each model's options come from its contract.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { ConfigValues } from "../engine/config.ts";
import type { AnyModel, AnyParam } from "../model.ts";
import { UsageError } from "./command.ts";
import { parseBooleanFlag, parseNumberFlag } from "./values.ts";

export type FlagSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parseFlags(args: readonly string[], options: FlagSpec, command: string): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: withNegativeValues(args, options),
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed["values"], positionals };
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown)
      throw new UsageError(
        `unknown option ${unknown[1]} for '${command}' (see faultline ${command.split(" ")[0]} --help)`,
      );
    const missing = /Option '([^']+)'.*argument missing/.exec(message);
    if (missing) throw new UsageError(`${missing[1]?.split(",").pop()?.trim().split(" ")[0]} needs a value`);
    throw new UsageError(message.split("\n")[0] ?? message);
  }
}

/**
 * `--seed -5` as `--seed=-5`: parseArgs takes a value starting with "-" for an option of its own,
 * yet negative numbers are values faultline prints (seeds) and accepts.
 */
function withNegativeValues(args: readonly string[], options: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    const takesValue = name !== undefined && Object.hasOwn(options, name) && options[name]?.type === "string";
    if (takesValue && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** The flag spec for a model's params. */
export function paramFlags(model: AnyModel): FlagSpec {
  const spec: FlagSpec = {};
  for (const param of model.params) spec[param.flag] = { type: "string" };
  return spec;
}

/** The config values the user fixed with param flags, each checked against its param. */
export function fixedParams(model: AnyModel, values: Parsed["values"]): ConfigValues {
  const fixed: Record<string, unknown> = {};
  for (const param of model.params as readonly AnyParam[]) {
    const text = values[param.flag];
    if (text === undefined) continue;
    fixed[param.key] = paramValue(param, String(text));
  }
  return fixed;
}

export function paramValue(param: AnyParam, text: string): unknown {
  switch (param.type) {
    case "int":
      return parseNumberFlag(param.flag, text, { min: param.min, max: param.max, integer: true });
    case "number":
      return parseNumberFlag(param.flag, text, { min: param.min, max: param.max });
    case "boolean":
      return parseBooleanFlag(param.flag, text);
    case "enum":
      if (!param.values.includes(text))
        throw new UsageError(`--${param.flag} must be one of ${param.values.join(", ")} (got '${text}')`);
      return text;
  }
}

export function describeParam(param: AnyParam, defaults: ConfigValues): string {
  const range =
    param.type === "int" || param.type === "number"
      ? `${param.min}..${param.max}`
      : param.type === "enum"
        ? param.values.join("|")
        : "true|false";
  const generated =
    "generate" in param && param.generate ? `, generated ${param.generate.min}..${param.generate.max}` : "";
  return `--${param.flag} <${range}>  ${param.doc} (default ${JSON.stringify(defaults[param.key])}${generated})`;
}
