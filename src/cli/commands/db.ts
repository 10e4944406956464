/** `faultline db list | show | promote | clean`: the failure database that `check` fills and replays. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { databaseDir } from "../../db/check-hook.ts";
import { type Expectation, fixtureFrom, fixturePath } from "../../db/regression.ts";
import { replayEntry, type Verdict } from "../../db/replay.ts";
import { FailureDb, type FailureEntry } from "../../db/store.ts";
import { replayTwice } from "../../engine/check.ts";
import type { AnyModel, FlagDoc } from "../../model.ts";
import { painter } from "../../report/paint.ts";
import { renderTrace } from "../../report/text.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { parseFlags } from "../parse.ts";

const flags = {
  db: {
    type: "string",
    value: "DIR",
    doc: "the failure database",
    defaultText: ".faultline (or $FAULTLINE_DB)",
  },
  model: { type: "string", value: "NAME", doc: "list: only this model's entries; clean: only this model's" },
  json: { type: "boolean", doc: "list, show: machine-readable output" },
  all: { type: "boolean", doc: "clean: remove every entry, not only those that pass now or no longer fit" },
  to: {
    type: "string",
    value: "DIR",
    doc: "promote: where regression fixtures go",
    defaultText: "regressions",
  },
  expect: {
    type: "string",
    value: "violation|holds",
    doc: "promote: what the fixture must keep doing",
    defaultText: "violation with a flaw, holds without",
  },
} as const satisfies Readonly<Record<string, FlagDoc>>;

const ACTIONS = ["list", "show", "promote", "clean"] as const;

function verdictOf(entry: FailureEntry, models: readonly AnyModel[]): Verdict {
  const model = models.find((m) => m.name === entry.model);
  return model ? replayEntry(model, entry) : { status: "stale", why: `unknown model ${entry.model}` };
}

const statusText = (v: Verdict) =>
  v.status === "fails" ? "still fails" : v.status === "passes" ? "passes now" : "stale";

function entryOf(db: FailureDb, id: string | undefined, action: string): FailureEntry {
  if (id === undefined) throw new UsageError(`db ${action} needs an entry id (faultline db list shows them)`);
  const entry = db.get(id);
  if (!entry) throw new UsageError(`no entry '${id}' in the failure database ${db.dir}`);
  return entry;
}

export const dbCommand: Command = {
  name: "db",
  summary:
    "the failure database: list, show, promote (to a regression fixture) or clean saved counterexamples",
  usage:
    "faultline db list [--model M] [--json] | show <id> [--json] | promote <id> [--to DIR] [--expect violation|holds] | clean [--all] [--model M]   (each with [--db DIR])",
  flags,
  async run(args, { io, models, color }) {
    const { values, positionals } = parseFlags(args, flags, "db");
    const [action, id, extra] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number]))
      throw new UsageError(
        action === undefined
          ? `db needs an action (${ACTIONS.join(", ")})`
          : `unknown db action '${action}' (actions: ${ACTIONS.join(", ")})`,
      );
    const takesId = action === "show" || action === "promote";
    if ((takesId && extra !== undefined) || (!takesId && id !== undefined))
      throw new UsageError(`unexpected argument '${takesId ? extra : id}' for 'db ${action}'`);
    const dir = databaseDir({ db: values.db }) ?? ".faultline";
    const db = new FailureDb(dir);
    const only = values.model as string | undefined;

    if (action === "list") {
      const rows = db.entries(only).map((entry) => ({ entry, verdict: verdictOf(entry, models) }));
      if (values.json) {
        io.out(
          JSON.stringify(
            rows.map(({ entry, verdict }) => ({
              id: entry.id,
              model: entry.model,
              invariant: entry.invariant,
              flaws: entry.flaws,
              events: entry.schedule.length,
              occurrences: entry.occurrences,
              lastSeen: entry.lastSeen,
              status: verdict.status,
            })),
            null,
            2,
          ),
        );
        return EXIT.ok;
      }
      if (rows.length === 0) {
        io.out(`The failure database ${dir} is empty${only ? ` for ${only}` : ""}.`);
        return EXIT.ok;
      }
      const total = rows.reduce((sum, r) => sum + r.entry.occurrences, 0);
      io.out(`${rows.length} distinct causes, ${total} occurrences in ${dir}:`);
      for (const { entry, verdict } of rows)
        io.out(
          `  ${entry.id}  ${entry.occurrences}×  ${entry.schedule.length} events${entry.flaws.length ? `  flaws: ${entry.flaws.join(", ")}` : ""}  ${statusText(verdict)}  last ${entry.lastSeen.slice(0, 10)}`,
        );
      return EXIT.ok;
    }

    if (action === "show") {
      const entry = entryOf(db, id, action);
      if (values.json) {
        io.out(JSON.stringify(entry, null, 2));
        return EXIT.ok;
      }
      const model = models.find((m) => m.name === entry.model);
      const verdict = verdictOf(entry, models);
      io.out(
        `${entry.id}: ${entry.invariant}, found ${entry.occurrences}× (first ${entry.firstSeen}, last ${entry.lastSeen})`,
      );
      if (!model || verdict.status !== "fails") {
        io.out(verdict.status === "stale" ? `Stale: ${verdict.why}` : "Every invariant holds on it now.");
        return EXIT.ok;
      }
      const config = { ...model.defaults, ...entry.config };
      const run = replayTwice(model, config, entry.flaws, entry.schedule);
      io.out(
        renderTrace(
          model,
          { config, flaws: entry.flaws, schedule: entry.schedule, run },
          undefined,
          painter(color),
        ),
      );
      return EXIT.ok;
    }

    if (action === "promote") {
      const entry = entryOf(db, id, action);
      const expect = values.expect as string | undefined;
      if (expect !== undefined && expect !== "violation" && expect !== "holds")
        throw new UsageError(`--expect must be violation or holds (got '${expect}')`);
      const file = fixturePath((values.to as string | undefined) ?? "regressions", entry);
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(
          file,
          `${JSON.stringify(fixtureFrom(entry, expect as Expectation | undefined), null, 2)}\n`,
          {
            flag: "wx",
          },
        );
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(
          code === "EEXIST"
            ? `${file} already exists (never overwritten)`
            : `cannot write ${file}: ${(error as Error).message}`,
        );
      }
      io.out(`Promoted ${entry.id} to ${file}; the regression suite replays it on every npm test.`);
      return EXIT.ok;
    }

    const removed = db
      .entries(only)
      .filter((entry) => values.all === true || verdictOf(entry, models).status !== "fails")
      .filter((entry) => db.remove(entry.id));
    io.out(
      `Removed ${removed.length} ${removed.length === 1 ? "entry" : "entries"}${values.all ? "" : " that pass now or no longer fit their model"} from ${dir}.`,
    );
    for (const entry of removed) io.out(`  ${entry.id}`);
    return EXIT.ok;
  },
};
