/**
 * `faultline bench`: the bug-zoo benchmark over every model × flaw; writes reports/bench.json and
 * bench.md (bench-2.json … when those exist: a file is never overwritten).
 */
import { FULL, QUICK, runBench } from "../../bench/bench.ts";
import { renderBench } from "../../bench/markdown.ts";
import type { FlagDoc } from "../../model.ts";
import { ensureDir, writeFresh } from "../../report/write.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const benchFlags = {
  seeds: {
    type: "string",
    value: "N",
    doc: "seeds per flaw and generation mode",
    defaultText: "30 (3 with --quick)",
  },
  models: {
    type: "string",
    value: "a,b",
    doc: "models to score (names or model files)",
    defaultText: "every model",
  },
  quick: { type: "boolean", doc: "a small budget, for a smoke run" },
  "soak-runs": {
    type: "string",
    value: "N",
    doc: "schedules per correct model in the false-alarm soak (0: none; 1000000 is the long soak, ~45 min on 2 cores)",
    defaultText: "20000 (2000 with --quick)",
  },
  out: { type: "string", value: "DIR", doc: "where bench.json and bench.md go", defaultText: "reports" },
} as const satisfies Readonly<Record<string, FlagDoc>>;

export const benchCommand: Command = {
  name: "bench",
  summary: "the bug-zoo benchmark: detection, time, shrunk vs BFS-minimal length, throughput, workers",
  usage: "faultline bench [--seeds 30] [--models a,b] [--quick] [--soak-runs 20000] [--out reports]",
  flags: benchFlags,
  async run(args, { io, models }) {
    const { values, positionals } = parseFlags(args, benchFlags, "bench");
    if (positionals.length) throw new UsageError(`bench takes no arguments (got '${positionals[0]}')`);
    const preset = values.quick ? QUICK : FULL;
    const seeds =
      values.seeds === undefined
        ? preset.seeds
        : parseNumberFlag("seeds", values.seeds as string, { min: 1, max: 10_000, integer: true });
    const soakRuns =
      values["soak-runs"] === undefined
        ? preset.soakRuns
        : parseNumberFlag("soak-runs", values["soak-runs"] as string, {
            min: 0,
            max: 100_000_000,
            integer: true,
          });
    const names = models.map((m) => m.name);
    const chosen = values.models === undefined ? names : pick(String(values.models), names);
    const out = (values.out as string | undefined) ?? "reports";
    ensureDir(out);
    const result = await runBench(
      models.filter((m) => chosen.includes(m.name)),
      {
        ...preset,
        seeds,
        soakRuns,
        progress: (line) => io.out(line),
      },
    );
    const [json, markdown] = writeFresh(out, "bench", [
      { ext: ".json", content: () => `${JSON.stringify(result, null, 2)}\n` },
      { ext: ".md", content: () => renderBench(result) },
    ]);
    io.out(`Benchmark written to ${json} and ${markdown}`);
    return EXIT.ok;
  },
};

function pick(list: string, known: readonly string[]): string[] {
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown) throw new UsageError(`unknown model '${unknown}' in --models (known: ${known.join(", ")})`);
  if (names.length === 0) throw new UsageError("--models needs at least one model name");
  return names;
}
