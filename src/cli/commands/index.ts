/** faultline's own CLI subcommands (models contribute theirs through `extensions.commands`). */
import type { Command } from "../command.ts";
import { benchCommand } from "./bench.ts";
import { checkCommand } from "./check.ts";
import { dbCommand } from "./db.ts";
import { etcdCommand } from "./etcd.ts";
import { exploreCommand } from "./explore.ts";
import { list } from "./list.ts";
import { replayCommandCli } from "./replay.ts";
import { reportCommand } from "./report.ts";
import { sweepCommand } from "./sweep.ts";

export const commands: readonly Command[] = [
  list,
  checkCommand,
  replayCommandCli,
  dbCommand,
  reportCommand,
  exploreCommand,
  benchCommand,
  sweepCommand,
  etcdCommand,
];
