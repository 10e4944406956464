/**
 * Reading a saved report back for replay. Every problem becomes one line naming it: a missing or
 * unreadable file, bad JSON, a report of an unknown model or flaw, a bad config, an unknown event.
 */
import { readFileSync, statSync } from "node:fs";
import { type ConfigValues, checkConfig } from "../engine/config.ts";
import { eventProblem } from "../engine/events.ts";
import type { AnyModel, ModelEvent } from "../model.ts";

export class ReportError extends Error {}

export interface LoadedReport {
  readonly model: AnyModel;
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly schedule: readonly ModelEvent[];
  /** The invariant the report says broke. */
  readonly invariant: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports are a few megabytes even for 100,000 events; beyond this a file is not one. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;
/** A report nests a few levels (report → schedule → event → field); far deeper is not a report. */
const MAX_DEPTH = 64;

export function readReportFile(file: string): unknown {
  if (file === "") throw new ReportError("the report file name is empty");
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new ReportError(`report ${file} is a directory, not a report file`);
    if (!stat.isFile())
      throw new ReportError(`report ${file} is not a regular file (a pipe or device cannot be replayed)`);
    if (stat.size > MAX_REPORT_BYTES)
      throw new ReportError(`report ${file} is ${stat.size} bytes, larger than any report (256 MB)`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ReportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ReportError(`report ${file} does not exist`);
    if (code === "ENOTDIR")
      throw new ReportError(`report ${file} does not exist (a part of its path is a file)`);
    throw new ReportError(`cannot read report ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new ReportError(`report ${file} is not valid JSON`);
  }
  if (depthBeyond(raw, MAX_DEPTH))
    throw new ReportError(`report ${file} nests deeper than ${MAX_DEPTH} levels, which no report does`);
  return raw;
}

/** Whether a parsed value nests deeper than `limit`, walked without recursion. */
function depthBeyond(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

export function parseReport(
  file: string,
  raw: unknown,
  findModel: (name: string) => AnyModel | undefined,
): LoadedReport {
  const bad = (why: string) => new ReportError(`report ${file} ${why}`);
  if (!isRecord(raw)) throw bad("is not a faultline report (expected a JSON object)");
  if (typeof raw.model !== "string") throw bad("is not a faultline report (no 'model' field)");
  const model = findModel(raw.model);
  if (!model) throw bad(`is for model '${raw.model}', which this faultline does not know`);
  if (!isRecord(raw.config)) throw bad("has no 'config' object");
  const flaws = raw.flaws ?? [];
  if (!Array.isArray(flaws) || !flaws.every((f) => typeof f === "string"))
    throw bad("has a 'flaws' field that is not a list of names");
  for (const flaw of flaws) {
    if (!model.flaws.some((f) => f.name === flaw))
      throw bad(`names flaw '${flaw}', which model ${model.name} does not have`);
  }
  const config: ConfigValues = { ...model.defaults, ...raw.config };
  const unknownKey = Object.keys(raw.config).find((key) => !Object.hasOwn(model.defaults, key));
  if (unknownKey) throw bad(`has config '${unknownKey}', which model ${model.name} does not have`);
  const configProblem = checkConfig(model, config);
  if (configProblem) throw bad(`has a bad config: ${configProblem.replace(/^--/, "")}`);
  if (!Array.isArray(raw.schedule)) throw bad("has no 'schedule' list");
  raw.schedule.forEach((event: unknown, i: number) => {
    const problem = eventProblem(model, event, config);
    if (problem) throw bad(`has a bad event ${i + 1} in its schedule: ${problem}`);
  });
  const invariant =
    isRecord(raw.invariant) && typeof raw.invariant.name === "string" ? raw.invariant.name : undefined;
  return { model, config, flaws, schedule: raw.schedule as ModelEvent[], invariant };
}
