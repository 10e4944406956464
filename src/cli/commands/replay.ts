/** `faultline replay <report.json>`: re-run a saved schedule on the current code and print its trace. */
import { replayTwice } from "../../engine/check.ts";
import { parseReport, readReportFile } from "../../report/load.ts";
import { renderTrace } from "../../report/text.ts";
import { replayCommand } from "../../report/write.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { parseFlags } from "../parse.ts";

export const replayCommandCli: Command = {
  name: "replay",
  summary:
    "re-run a saved report's schedule on the current code: exit 1 while it still fails, 0 once it holds",
  usage: "faultline replay <report.json> [--json]",
  run(args, { io, models }) {
    const { values, positionals } = parseFlags(args, { json: { type: "boolean" } }, "replay");
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError("replay needs a report file (reports/<name>.json)");
    if (extra !== undefined) throw new UsageError(`replay takes one report file, got also '${extra}'`);
    const loaded = parseReport(file, readReportFile(file), (name) => models.find((m) => m.name === name));
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
    io.out(renderTrace(loaded.model, cx, replayCommand(file)));
    if (loaded.invariant && loaded.invariant !== violation.invariant) {
      io.out("");
      io.out(
        `Note: the report recorded ${loaded.invariant}; on the current code ${violation.invariant} breaks first.`,
      );
    }
    return EXIT.violation;
  },
};
