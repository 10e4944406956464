import type { AnyModel } from "../model.ts";

/** A CLI subcommand: `faultline <name> …`. Each lives in its own file under commands/. */

export interface Io {
  /** One line (or block) to standard output. */
  out(text: string): void;
  /** One line to standard error. */
  err(text: string): void;
}

/** What a command may use: where to print, and the models it may name (the registry, or a test's own). */
export interface Env {
  readonly io: Io;
  readonly models: readonly AnyModel[];
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Option lines printed under the usage by `faultline <name> --help`. */
  readonly help?: readonly string[];
  /** Returns the exit code: 0 all held, 1 a violation was found, 2 usage or input error. */
  run(args: readonly string[], env: Env): Promise<number> | number;
}

/** Bad input from the user: printed as one line, exit 2, never a stack trace. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, violation: 1, usage: 2 } as const;
