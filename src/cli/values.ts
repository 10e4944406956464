/** Turning flag text into checked values; every problem is a UsageError naming the flag. */
import { UsageError } from "./command.ts";

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

export function parseNumberFlag(flag: string, text: string | undefined, rule: NumberRule): number {
  if (text === undefined || text.trim() === "") throw new UsageError(`--${flag} needs a value`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${flag} must be a number (got '${text}')`);
  if (rule.integer && !Number.isInteger(value))
    throw new UsageError(`--${flag} must be a whole number (got '${text}')`);
  if (value < rule.min || value > rule.max)
    throw new UsageError(`--${flag} must be between ${rule.min} and ${rule.max} (got ${text})`);
  return value;
}

export function parseBooleanFlag(flag: string, text: string | undefined): boolean {
  if (text === undefined || text === "true") return true;
  if (text === "false") return false;
  throw new UsageError(`--${flag} must be true or false (got '${text}')`);
}
