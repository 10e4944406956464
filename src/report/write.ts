/** Writes a report pair (JSON + Markdown) under a fresh name: an existing file is never overwritten. */
import { mkdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Counterexample } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";
import { buildReport, type Found } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";

export interface WrittenReport {
  readonly json: string;
  readonly markdown: string;
}

export class OutDirError extends Error {}

export function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

export function ensureDir(dir: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw new OutDirError(`--out ${dir} is a file, not a directory`);
    return;
  } catch (error) {
    if (error instanceof OutDirError) throw error;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new OutDirError(`cannot create the report directory ${dir}: ${(error as Error).message}`);
  }
}

/** Claims `<base>.json` and `<base>.md` with exclusive creation, adding -2, -3 … until both are free. */
export function writeFresh(
  dir: string,
  base: string,
  json: (name: string) => string,
  md: (name: string) => string,
): WrittenReport {
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const jsonPath = join(dir, `${name}.json`);
    const mdPath = join(dir, `${name}.md`);
    try {
      writeFileSync(jsonPath, json(jsonPath), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw new OutDirError(`cannot write ${jsonPath}: ${(error as Error).message}`);
    }
    try {
      writeFileSync(mdPath, md(jsonPath), { flag: "wx" });
    } catch (error) {
      unlinkSync(jsonPath); // ours, created a moment ago: keep the pair together
      if ((error as NodeJS.ErrnoException).code !== "EEXIST")
        throw new OutDirError(`cannot write ${mdPath}: ${(error as Error).message}`);
      continue;
    }
    return { json: jsonPath, markdown: mdPath };
  }
  throw new OutDirError(`no free report name left for ${base} in ${dir}`);
}

export function replayCommand(jsonPath: string): string {
  const fromHere = relative(process.cwd(), jsonPath);
  const shown = fromHere && !fromHere.startsWith("..") ? fromHere : jsonPath;
  return `npx faultline replay ${shown.includes(" ") ? JSON.stringify(shown) : shown}`;
}

export function writeReport(
  model: AnyModel,
  cx: Counterexample,
  found: Found | undefined,
  outDir = "reports",
): WrittenReport {
  ensureDir(outDir);
  const invariant = cx.run.violation?.invariant ?? "violation";
  const base = `${model.name}-${invariant}-${stamp(new Date())}`;
  let report: ReturnType<typeof buildReport> | undefined;
  return writeFresh(
    outDir,
    base,
    (jsonPath) => {
      report = buildReport(model, cx, found, replayCommand(jsonPath));
      return `${JSON.stringify(report, null, 2)}\n`;
    },
    () => renderMarkdown(model, cx, report!),
  );
}
