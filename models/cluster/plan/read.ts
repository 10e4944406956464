/** The command layer's file reading: one manifest file, or every .yaml/.yml/.json file in a folder (not recursive). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type KubeObject, ManifestError, parseManifestText } from "../manifests/parse.ts";

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(
      code === "ENOENT" ? `${file} does not exist` : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
}

export function readManifests(path: string): KubeObject[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new ManifestError(`${path} does not exist`);
  }
  if (!isDir) return parseManifestText(readText(path), path);
  const files = readdirSync(path)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
  if (files.length === 0) throw new ManifestError(`${path} holds no .yaml, .yml or .json file`);
  return files.flatMap((f) => parseManifestText(readText(join(path, f)), join(path, f)));
}
