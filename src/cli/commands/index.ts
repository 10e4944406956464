/** Every CLI subcommand. Add one import and one entry per command file. */
import type { Command } from "../command.ts";
import { benchCommand } from "./bench.ts";
import { checkCommand } from "./check.ts";
import { exploreCommand } from "./explore.ts";
import { list } from "./list.ts";
import { quorumCommand } from "./quorum.ts";
import { replayCommandCli } from "./replay.ts";
import { reportCommand } from "./report.ts";
import { sweepCommand } from "./sweep.ts";

export const commands: readonly Command[] = [
  list,
  checkCommand,
  replayCommandCli,
  reportCommand,
  exploreCommand,
  benchCommand,
  quorumCommand,
  sweepCommand,
];
