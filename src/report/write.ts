/** Writes a report (JSON, Markdown, HTML, and ITF when asked) under a fresh name: an existing file is never overwritten. */
import { mkdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Counterexample } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";
import { renderHtml } from "./html/page.ts";
import { renderItf } from "./itf.ts";
import { buildReport, type Found } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";
import { shellWord } from "./shell-word.ts";

export interface WrittenReport {
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
  /** The ITF trace, when asked for. */
  readonly itf?: string;
}

/** An output folder or file faultline cannot use: one line (a newline in a name shows as \n), exit 2. */
export class OutDirError extends Error {
  constructor(message: string) {
    super(message.replace(/\r?\n/g, "\\n"));
  }
}

export function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/**
 * Makes the output directory, one level at a time: a recursive mkdir loops forever under /proc, so
 * the missing levels are found from the nearest existing ancestor and created one by one.
 */
export function ensureDir(dir: string): void {
  if (dir === "") throw new OutDirError("--out needs a directory name");
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const kind = kindOf(at);
    if (kind === "directory") break;
    if (kind === "other")
      throw new OutDirError(
        at === resolve(dir)
          ? `--out ${dir} is a file, not a directory`
          : `--out ${dir}: ${at} is not a directory`,
      );
    if (dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && kindOf(level) === "directory") continue;
      throw new OutDirError(`cannot create the report directory ${dir}: ${(error as Error).message}`);
    }
  }
}

function kindOf(path: string): "directory" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "other";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing"; // ENOTDIR: an ancestor is a file
    throw new OutDirError(`cannot use ${path} for reports: ${(error as Error).message}`);
  }
}

/** One file of a report: its extension and its content (given the JSON report's path, which the others cite). */
export interface Part {
  readonly ext: string;
  readonly content: (jsonPath: string) => string;
}

/**
 * Claims `<base><ext>` for every part with exclusive creation, adding -2, -3 … until all are free.
 * The first part is the JSON report: the others are rendered from it.
 */
export function writeFresh(dir: string, base: string, parts: readonly Part[]): string[] {
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const paths = parts.map((part) => join(dir, `${name}${part.ext}`));
    const written: string[] = [];
    let clash = false;
    for (const [i, part] of parts.entries()) {
      const path = paths[i]!;
      try {
        writeFileSync(path, part.content(paths[0]!), { flag: "wx" });
        written.push(path);
      } catch (error) {
        for (const ours of written) unlinkSync(ours); // created a moment ago: keep the set together
        if ((error as NodeJS.ErrnoException).code !== "EEXIST")
          throw new OutDirError(`cannot write ${path}: ${(error as Error).message}`);
        clash = true;
        break;
      }
    }
    if (!clash) return paths;
  }
  throw new OutDirError(`no free report name left for ${base} in ${dir}`);
}

export function replayCommand(jsonPath: string): string {
  const fromHere = relative(process.cwd(), jsonPath);
  const shown = fromHere && !fromHere.startsWith("..") ? fromHere : jsonPath;
  return `npx faultline replay ${shellWord(shown)}`;
}

export function writeReport(
  model: AnyModel,
  cx: Counterexample,
  found: Found | undefined,
  outDir = "reports",
  options: { readonly itf?: boolean } = {},
): WrittenReport {
  ensureDir(outDir);
  const invariant = cx.run.violation?.invariant ?? "violation";
  const base = `${model.name}-${invariant}-${stamp(new Date())}`;
  let report: ReturnType<typeof buildReport> | undefined;
  const parts: Part[] = [
    {
      ext: ".json",
      content: (jsonPath) => {
        report = buildReport(model, cx, found, replayCommand(jsonPath));
        return `${JSON.stringify(report, null, 2)}\n`;
      },
    },
    { ext: ".md", content: () => renderMarkdown(model, cx, report!) },
    { ext: ".html", content: () => renderHtml(model, cx, report!) },
  ];
  if (options.itf) parts.push({ ext: ".itf.json", content: (jsonPath) => renderItf(model, cx, jsonPath) });
  const [json, markdown, html, itf] = writeFresh(outDir, base, parts);
  return { json: json!, markdown: markdown!, html: html!, ...(itf ? { itf } : {}) };
}
