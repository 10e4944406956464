/**
 * The CLI's reading of input files for model commands (a model's own code never touches the file
 * system): one file, or every file with a matching extension in a folder (not recursive), sorted.
 * Problems are one UsageError line: a missing path, a folder with nothing to read, a file that is
 * not a regular file (a FIFO would block), an unreadable file.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./command.ts";

export interface NamedText {
  readonly file: string;
  readonly text: string;
}

function readOne(file: string): NamedText {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch {
    throw new UsageError(`${file} does not exist`);
  }
  if (!stats.isFile()) throw new UsageError(`${file} is not a regular file`);
  try {
    return { file, text: readFileSync(file, "utf8") };
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `path` itself, or the files in folder `path` whose names match `names` (e.g. /\.(ya?ml|json)$/i). */
export function readTexts(path: string, names: RegExp, describe: string): NamedText[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`${path} does not exist`);
  }
  if (!isDir) return [readOne(path)];
  const files = readdirSync(path)
    .filter((f) => names.test(f))
    .sort();
  if (files.length === 0) throw new UsageError(`${path} holds no ${describe}`);
  return files.map((f) => readOne(join(path, f)));
}
