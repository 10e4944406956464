/**
 * The process entry of the `faultline` binary: real stdout/stderr (a closed pipe ends the run
 * quietly; a full disk is one line), the built-in models from the registry module the binary names,
 * then `main`.
 */
import { importModule } from "../engine/load-module.ts";
import { modelsIn, rememberSource } from "../engine/model-source.ts";
import type { Env } from "../model.ts";
import { main } from "./main.ts";
import { terminalProgress } from "./progress.ts";

function guard(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    if (stream !== process.stderr) process.stderr.write(`faultline: cannot write output: ${error.message}\n`);
    process.exit(3);
  });
}

export async function run(argv: readonly string[], builtinRegistry: string): Promise<number> {
  guard(process.stdout);
  guard(process.stderr);
  const builtins = modelsIn(await importModule(builtinRegistry));
  for (const model of builtins) rememberSource(model, builtinRegistry, true);
  const env: Env = {
    io: {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    },
    models: builtins,
    ...(process.stderr.isTTY ? { progress: terminalProgress } : {}),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  return main(argv, env);
}
