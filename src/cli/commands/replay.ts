/** `faultline replay <report.json>`: re-run a saved schedule on the current code and print its trace. */
import { replayTwice } from "../../engine/check.ts";
import type { AnyModel } from "../../model.ts";
import { parseReport, readReportFile } from "../../report/load.ts";
import { painter } from "../../report/paint.ts";
import { renderTrace } from "../../report/text.ts";
import { replayCommand } from "../../report/write.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { modelFromPath } from "../load-models.ts";
import { parseFlags } from "../parse.ts";

/** A report of a user's model names the model's file: load it when no known model has that name. */
async function modelFromReport(raw: unknown, models: readonly AnyModel[]): Promise<AnyModel[]> {
  const { model, source } = (raw ?? {}) as { model?: unknown; source?: unknown };
  if (typeof source !== "string" || models.some((m) => m.name === model)) return [];
  return [await modelFromPath(source, process.cwd())];
}

export const replayCommandCli: Command = {
  name: "replay",
  summary:
    "re-run a saved report's schedule on the current code: exit 1 while it still fails, 0 once it holds",
  usage: "faultline replay <report.json> [--json]",
  flags: { json: { type: "boolean", doc: "the replayed verdict as JSON" } },
  async run(args, { io, models, color }) {
    const { values, positionals } = parseFlags(args, { json: { type: "boolean" } }, "replay");
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError("replay needs a report file (reports/<name>.json)");
    if (extra !== undefined) throw new UsageError(`replay takes one report file, got also '${extra}'`);
    const raw = readReportFile(file);
    const known = [...models, ...(await modelFromReport(raw, models))];
    const loaded = parseReport(file, raw, (name) => known.find((m) => m.name === name));
    const run = replayTwice(loaded.model, loaded.config, loaded.flaws, loaded.schedule);
    const violation = run.violation;
    if (values.json) {
      io.out(
        JSON.stringify(
          { model: loaded.model.name, reported: loaded.invariant ?? null, violation: violation ?? null },
          null,
          2,
        ),
      );
      return violation ? EXIT.violation : EXIT.ok;
    }
    const cx = { config: loaded.config, flaws: loaded.flaws, schedule: loaded.schedule, run };
    if (!violation) {
      io.out(
        `✓ ${loaded.model.name}: every invariant holds on this schedule now (${loaded.schedule.length} events)` +
          (loaded.invariant ? `; the reported ${loaded.invariant} no longer fails.` : "."),
      );
      return EXIT.ok;
    }
    io.out(renderTrace(loaded.model, cx, replayCommand(file), painter(color)));
    if (loaded.invariant && loaded.invariant !== violation.invariant) {
      io.out("");
      io.out(
        `Note: the report recorded ${loaded.invariant}; on the current code ${violation.invariant} breaks first.`,
      );
    }
    return EXIT.violation;
  },
};
