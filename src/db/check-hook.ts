/**
 * The failure database around `check`: replay the model's saved counterexamples first (a saved one
 * that still fails is shown at once, without a new search), then search, and save what is found.
 */
import { join } from "node:path";
import { type CheckOptions, type CheckResult, replayTwice } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";
import { describeCauses, keepGoing } from "./distinct.ts";
import { replayEntry } from "./replay.ts";
import { FailureDb, type FailureEntry } from "./store.ts";

/** `--no-db`, `--db DIR`, then FAULTLINE_DB (a directory, or `off`), then `.faultline` in the project. */
export function databaseDir(
  flags: { db?: unknown; "no-db"?: unknown },
  cwd = process.cwd(),
): string | undefined {
  if (flags["no-db"] === true) return undefined;
  if (typeof flags.db === "string") return flags.db;
  const env = process.env.FAULTLINE_DB;
  if (env === "off") return undefined;
  return env || join(cwd, ".faultline");
}

/** Entries this check could have found itself: the same flaws, and a config within the params the user held. */
function matches(entry: FailureEntry, options: CheckOptions): boolean {
  const flaws = [...(options.flaws ?? [])].sort().join(",");
  if ([...entry.flaws].sort().join(",") !== flaws) return false;
  return Object.entries(options.fixed ?? {}).every(([key, value]) => entry.config[key] === value);
}

function savedFailure(model: AnyModel, entry: FailureEntry, options: CheckOptions): CheckResult {
  const started = performance.now();
  const config = { ...model.defaults, ...entry.config };
  const run = replayTwice(model, config, entry.flaws, entry.schedule);
  const millis = performance.now() - started;
  const found = entry.seeds[0];
  return {
    model: model.name,
    ok: false,
    seed: found?.seed ?? options.seed ?? 0,
    path: found?.path ?? undefined,
    generation: options.generation ?? "uniform",
    runs: 0,
    events: run.applied,
    skipped: run.skipped,
    aimed: 0,
    millis,
    millisToDetection: millis,
    witnesses: Object.fromEntries((model.witnesses ?? []).map((w) => [w.name, 0])),
    counterexample: { config, flaws: entry.flaws, schedule: entry.schedule, run },
    profile: undefined,
    shrink: undefined,
  };
}

export interface DatabaseRun {
  readonly dir: string | undefined;
  readonly keepGoing: boolean;
  /** Where the database's notes go (stdout, or stderr beside --json). */
  readonly say: (line: string) => void;
}

export async function checkWithDatabase(
  model: AnyModel,
  options: CheckOptions,
  search: (options: CheckOptions) => Promise<CheckResult>,
  { dir, keepGoing: going, say }: DatabaseRun,
): Promise<CheckResult> {
  const db = dir === undefined ? undefined : new FailureDb(dir);
  if (db && options.path === undefined) {
    const saved = db.entries(model.name).filter((entry) => matches(entry, options));
    const verdicts = saved.map((entry) => ({ entry, verdict: replayEntry(model, entry) }));
    const failing = verdicts.filter((v) => v.verdict.status === "fails");
    const count = (status: string) => verdicts.filter((v) => v.verdict.status === status).length;
    if (saved.length > 0)
      say(
        `Replayed ${saved.length} saved counterexample${saved.length === 1 ? "" : "s"} of ${model.name} from ${dir} first: ` +
          `${failing.length} still fail, ${count("passes")} pass now` +
          (count("stale") ? `, ${count("stale")} no longer fit the model` : "") +
          (count("passes") + count("stale") ? " (faultline db clean removes those)." : "."),
      );
    const first = failing[0];
    if (first && !going) {
      say(`Showing saved ${first.entry.id} (found ${first.entry.occurrences}×); --no-db searches afresh.`);
      return savedFailure(model, first.entry, options);
    }
  }
  const save = (result: CheckResult) => {
    if (!db || !result.counterexample) return;
    const { entry, isNew } = db.save(model, result.counterexample, {
      seed: result.seed,
      path: result.path ?? null,
    });
    if (!going)
      say(
        `Saved to the failure database as ${entry.id} (${isNew ? "a new cause" : `seen ${entry.occurrences}×`}); faultline db list shows it.`,
      );
  };
  if (!going || options.path !== undefined) {
    const result = await search(options);
    save(result);
    return result;
  }
  const { result, causes } = await keepGoing(model, options, search, save);
  if (causes.length) for (const line of describeCauses(causes, result.runs)) say(line);
  return result;
}
