/** Every CLI subcommand. Add one import and one entry per command file. */
import type { Command } from "../command.ts";

export const commands: readonly Command[] = [
];
