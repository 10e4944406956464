/** Every CLI subcommand. Add one import and one entry per command file. */
import type { Command } from "../command.ts";
import { checkCommand } from "./check.ts";
import { list } from "./list.ts";
import { replayCommandCli } from "./replay.ts";

export const commands: readonly Command[] = [list, checkCommand, replayCommandCli];
