/** The `faultline` CLI: dispatch to a subcommand; bad input is one line and exit 2, never a stack trace. */
import { models } from "../../models/index.ts";
import { NondeterminismError } from "../engine/check.ts";
import { ReportError } from "../report/load.ts";
import { OutDirError } from "../report/write.ts";
import { VERSION } from "../version.ts";
import { type Env, EXIT, UsageError } from "./command.ts";
import { commands } from "./commands/index.ts";

export const processEnv: Env = {
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  models,
};

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `faultline ${VERSION} — fuzz cluster-safety models with generated fault schedules`,
    "",
    "usage: faultline <command> [options]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `faultline <command> --help` for a command's options.",
    "Exit codes: 0 every invariant held · 1 a violation was found · 2 usage or input error · 3 internal error.",
  ].join("\n");
}

export async function main(argv: readonly string[], env: Env = processEnv): Promise<number> {
  const { io } = env;
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version") {
    io.out(VERSION);
    return EXIT.ok;
  }
  try {
    const command = commands.find((c) => c.name === name);
    if (!command)
      throw new UsageError(`unknown command '${name}' (commands: ${commands.map((c) => c.name).join(", ")})`);
    if (rest.includes("--help") && command.name !== "check") {
      io.out([`usage: ${command.usage}`, ...(command.help ?? [])].join("\n"));
      return EXIT.ok;
    }
    return await command.run(rest, env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReportError || error instanceof OutDirError) {
      io.err(`faultline: ${error.message}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof NondeterminismError ? "" : "internal error: ";
    io.err(`faultline: ${kind}${message} (set FAULTLINE_DEBUG=1 for the stack)`);
    if (process.env.FAULTLINE_DEBUG && error instanceof Error) io.err(String(error.stack));
    return 3;
  }
}
