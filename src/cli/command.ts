/** CLI plumbing shared by every command: the exit codes and the error that means "bad input". */
export type { Command, Env, Io } from "../model.ts";

/** Bad input from the user: printed as one line (a newline in the input shows as \n), exit 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message.replace(/\r?\n/g, "\\n"));
  }
}

export const EXIT = { ok: 0, violation: 1, usage: 2, internal: 3 } as const;
