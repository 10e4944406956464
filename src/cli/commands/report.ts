/** `faultline report <report.json>`: render a saved report as HTML (default), Markdown or ITF, beside it. */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Counterexample, replayTwice } from "../../engine/check.ts";
import type { AnyModel, FlagDoc } from "../../model.ts";
import { renderHtml } from "../../report/html/page.ts";
import { renderItf } from "../../report/itf.ts";
import { buildReport, type Found, type Report } from "../../report/json.ts";
import { parseReport, readReportFile } from "../../report/load.ts";
import { renderMarkdown } from "../../report/markdown.ts";
import { replayCommand } from "../../report/write.ts";
import { type Command, EXIT, type Io, UsageError } from "../command.ts";
import { parseFlags } from "../parse.ts";

const FORMATS = { html: ".html", md: ".md", itf: ".itf.json" } as const;
type Format = keyof typeof FORMATS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How the saved report says it was found, where its fields have the right types. */
function foundIn(raw: Record<string, unknown>): Found | undefined {
  if (typeof raw.seed !== "number") return undefined;
  const shrink = isRecord(raw.shrink) ? (raw.shrink as unknown as Found["shrink"]) : undefined;
  return {
    seed: raw.seed,
    path: typeof raw.path === "string" ? raw.path : undefined,
    runs: typeof raw.runsToDetection === "number" ? raw.runsToDetection : 0,
    generation: raw.generation === "swarm" ? "swarm" : "uniform",
    profile: isRecord(raw.profile) ? (raw.profile as Found["profile"]) : undefined,
    shrink,
  };
}

/** The report as the current code tells it; when the schedule no longer breaks anything, the saved words stand. */
function currentReport(
  model: AnyModel,
  cx: Counterexample,
  raw: Record<string, unknown>,
  file: string,
): Report {
  const found = foundIn(raw);
  if (cx.run.violation) return buildReport(model, cx, found, replayCommand(file));
  const saved = isRecord(raw.invariant) ? raw.invariant : {};
  const words = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    ...buildReport(
      model,
      {
        ...cx,
        run: { ...cx.run, violation: { step: cx.schedule.length, invariant: "", message: "", also: [] } },
      },
      found,
      replayCommand(file),
    ),
    invariant: { name: words(saved.name), message: words(saved.message), doc: words(saved.doc) },
  };
}

function render(format: Format, model: AnyModel, cx: Counterexample, report: Report, file: string): string {
  if (format === "md") return renderMarkdown(model, cx, report);
  if (format === "itf") return renderItf(model, cx, file);
  return renderHtml(model, cx, report);
}

/** `<dir>/<name><ext>` beside the report, or `-2`, `-3` … when taken: a file is never overwritten. */
function writeBeside(file: string, ext: string, content: string): string {
  const stem = join(dirname(file), basename(file).replace(/\.json$/i, ""));
  for (let n = 1; n < 10_000; n++) {
    const path = n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`;
    if (writeNew(path, content)) return path;
  }
  throw new UsageError(`no free name left beside ${file}`);
}

/** Exclusive creation: false when the file exists. */
function writeNew(path: string, content: string): boolean {
  try {
    writeFileSync(path, content, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

function openInBrowser(path: string, io: Io): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [path]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", path]]
        : ["xdg-open", [path]];
  try {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.on("error", () =>
      io.err(`faultline: no browser to open here (${command} failed); open ${path} yourself`),
    );
    child.unref();
  } catch {
    io.err(`faultline: no browser to open here; open ${path} yourself`);
  }
}

const FLAGS = {
  html: {
    type: "boolean",
    doc: "a self-contained page: lane-per-node timeline, each step's state diff, the violation marked (the default)",
  },
  md: { type: "boolean", doc: "the Markdown report" },
  itf: { type: "boolean", doc: "the trace in the Informal Trace Format that Apalache and Quint read" },
  out: {
    type: "string",
    value: "FILE",
    doc: "where to write (must not exist)",
    defaultText: "beside the report, never overwriting",
  },
  open: { type: "boolean", doc: "open the result in the default browser, where there is one" },
} as const satisfies Readonly<Record<string, FlagDoc>>;

export const reportCommand: Command = {
  name: "report",
  summary: "render a saved report as a self-contained HTML timeline (default), Markdown, or an ITF trace",
  usage: "faultline report <report.json> [--html|--md|--itf] [--out FILE] [--open]",
  flags: FLAGS,
  run(args, { io, models }) {
    const { values, positionals } = parseFlags(args, FLAGS, "report");
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError("report needs a report file (reports/<name>.json)");
    if (extra !== undefined) throw new UsageError(`report takes one report file, got also '${extra}'`);
    const chosen = (Object.keys(FORMATS) as Format[]).filter((f) => values[f] === true);
    if (chosen.length > 1)
      throw new UsageError(
        `choose one of --html, --md, --itf (got ${chosen.map((f) => `--${f}`).join(" ")})`,
      );
    const format = chosen[0] ?? "html";
    const raw = readReportFile(file);
    const loaded = parseReport(file, raw, (name) => models.find((m) => m.name === name));
    const run = replayTwice(loaded.model, loaded.config, loaded.flaws, loaded.schedule);
    const cx: Counterexample = { config: loaded.config, flaws: loaded.flaws, schedule: loaded.schedule, run };
    const report = currentReport(loaded.model, cx, raw as Record<string, unknown>, file);
    const content = render(format, loaded.model, cx, report, file);
    const out = values.out as string | undefined;
    let written: string;
    if (out === undefined) written = writeBeside(file, FORMATS[format], content);
    else if (writeNew(out, content)) written = out;
    else throw new UsageError(`--out ${out} exists; faultline never overwrites a file`);
    if (!run.violation)
      io.err(
        `faultline: on the current code this schedule no longer breaks ${loaded.invariant ?? "an invariant"}`,
      );
    else if (loaded.invariant && loaded.invariant !== run.violation.invariant)
      io.err(
        `faultline: the report recorded ${loaded.invariant}; on the current code ${run.violation.invariant} breaks first`,
      );
    io.out(written);
    if (values.open) openInBrowser(written, io);
    return EXIT.ok;
  },
};
