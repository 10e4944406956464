/**
 * The `faultline` CLI: load the models a run may name, dispatch to a command (faultline's own or
 * one a model contributes); bad input is one line and exit 2, never a stack trace.
 */
import { NondeterminismError, PathMismatchError } from "../engine/check.ts";
import { NoSourceError } from "../engine/pool.ts";
import type { AnyModel, Command } from "../model.ts";
import { ReportError } from "../report/load.ts";
import { OutDirError } from "../report/write.ts";
import { VERSION } from "../version.ts";
import { type Env, EXIT, UsageError } from "./command.ts";
import { commands as engineCommands } from "./commands/index.ts";
import { commandHelp } from "./help.ts";
import { isModelPath, loadConfiguredModels, modelFromPath } from "./load-models.ts";

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `faultline ${VERSION} — fuzz cluster-safety models with generated fault schedules`,
    "",
    "usage: faultline <command> [options]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "A <model> is a built-in model's name, a name from faultline.config.json, or a model file (./models/m.ts).",
    "Run `faultline <command> --help` for a command's options; `faultline --version` for the version.",
    "Exit codes: 0 every invariant held · 1 a violation was found · 2 usage or input error · 3 internal error.",
  ].join("\n");
}

/** faultline's own commands, then those the models contribute (a name clash is refused). */
export function allCommands(models: readonly AnyModel[]): Command[] {
  const all = [...engineCommands];
  for (const model of models) {
    for (const command of model.extensions.commands ?? []) {
      if (all.some((c) => c.name === command.name))
        throw new UsageError(
          `model ${model.name} contributes a command '${command.name}' that already exists`,
        );
      all.push(command);
    }
  }
  return all;
}

/** Loads model files named on the command line and puts their names in their place. */
async function resolveModelPaths(
  args: readonly string[],
  models: AnyModel[],
  cwd: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const items = arg.startsWith("-") ? [arg] : arg.split(",");
    const names: string[] = [];
    for (const item of items) {
      if (!isModelPath(item)) {
        names.push(item);
        continue;
      }
      const model = await modelFromPath(item, cwd);
      const clash = models.find((m) => m.name === model.name && m !== model);
      if (clash) throw new UsageError(`model file ${item} defines '${model.name}', a name already taken`);
      if (!models.includes(model)) models.push(model);
      names.push(model.name);
    }
    out.push(names.join(","));
  }
  return out;
}

export async function main(argv: readonly string[], env: Env, cwd = process.cwd()): Promise<number> {
  const { io } = env;
  const [name, ...rest] = argv;
  try {
    if (name === "--version" || name === "-V") {
      io.out(VERSION);
      return EXIT.ok;
    }
    const models = [...env.models];
    models.push(...(await loadConfiguredModels(models, cwd)));
    const commands = allCommands(models);
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.out(usage(commands));
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = commands.find((c) => c.name === name);
    if (!command)
      throw new UsageError(`unknown command '${name}' (commands: ${commands.map((c) => c.name).join(", ")})`);
    const args = await resolveModelPaths(rest, models, cwd);
    if (args.includes("--help") || args.includes("-h")) {
      io.out(commandHelp(command, command.takesModel ? models.find((m) => m.name === args[0]) : undefined));
      return EXIT.ok;
    }
    return await command.run(args, { ...env, models });
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ReportError ||
      error instanceof OutDirError ||
      error instanceof PathMismatchError ||
      error instanceof NoSourceError
    ) {
      io.err(`faultline: ${oneLine(error.message)}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof NondeterminismError ? "" : "internal error: ";
    io.err(`faultline: ${kind}${oneLine(message)} (set FAULTLINE_DEBUG=1 for the stack)`);
    if (process.env.FAULTLINE_DEBUG && error instanceof Error) io.err(String(error.stack));
    return EXIT.internal;
  }
}

/** Input may carry newlines (a flag value, a file name): a message stays one line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, "\\n");
}
