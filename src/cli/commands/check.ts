/** `faultline check <model>`: fuzz the model with generated fault schedules; report and save any counterexample. */

import { checkWithDatabase, databaseDir } from "../../db/check-hook.ts";
import { type CheckOptions, type CheckResult, check, type ShrinkFigures } from "../../engine/check.ts";
import { checkConfig, pinnedConfig } from "../../engine/config.ts";
import type { Generation, Profile } from "../../engine/schedule.ts";
import { runParallel } from "../../engine/workers.ts";
import type { AnyModel, ConfigValues, FlagDoc } from "../../model.ts";
import { type Paint, painter } from "../../report/paint.ts";
import { shellWord } from "../../report/shell-word.ts";
import { renderTrace } from "../../report/text.ts";
import { ensureDir, replayCommand, writeReport } from "../../report/write.ts";
import { type Command, type Env, EXIT, type Io, UsageError } from "../command.ts";
import { modelArg } from "../model-arg.ts";
import { fixedParams, paramFlags, parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true };
const MAX_RUNS = 10_000_000;
const MAX_SHRINK_STEP = 10_000;

const commonFlags = {
  runs: { type: "string", value: "N", doc: "generated schedules to run", defaultText: "1000" },
  seed: {
    type: "string",
    value: "S",
    doc: "fast-check seed (a 32-bit integer)",
    defaultText: "random, printed",
  },
  path: {
    type: "string",
    value: "P",
    doc: "with --seed: replay fast-check's shrunk counterexample printed with it",
  },
  "max-steps": { type: "string", value: "K", doc: "most events in one schedule", defaultText: "the model's" },
  generation: {
    type: "string",
    value: "swarm|uniform",
    doc: "how schedules are drawn",
    defaultText: "uniform",
  },
  aim: {
    type: "boolean",
    doc: "aim generated events that would do nothing at ones that happen (fewer wasted events; replays stay exact)",
  },
  workers: { type: "string", value: "N", doc: "worker threads, each with its own seed", defaultText: "1" },
  "no-minimize": { type: "boolean", doc: "skip faultline's minimization after fast-check's shrinking" },
  flaw: { type: "string", multiple: true, value: "NAME", doc: "switch on a deliberately wrong variant" },
  json: { type: "boolean", doc: "one machine-readable result on stdout" },
  itf: {
    type: "boolean",
    doc: "also write the trace in the Informal Trace Format (Apalache, Quint): <report>.itf.json",
  },
  out: { type: "string", value: "DIR", doc: "where reports go (created if missing)", defaultText: "reports" },
  from: {
    type: "string",
    value: "FILE",
    doc: "start every run from a config the model reads from FILE (cluster: kubectl get … -o yaml); unreached witnesses are listed, not failed",
  },
  db: {
    type: "string",
    value: "DIR",
    doc: "the failure database: saved counterexamples are replayed first, new ones saved",
    defaultText: ".faultline (or $FAULTLINE_DB; off disables)",
  },
  "no-db": { type: "boolean", doc: "neither replay nor save counterexamples" },
  "keep-going": {
    type: "boolean",
    doc: "after a counterexample, search on with fresh seeds over the runs left; report every distinct cause",
  },
} as const satisfies Readonly<Record<string, FlagDoc>>;

export const checkCommand: Command = {
  name: "check",
  summary: "fuzz a model with generated fault schedules and check every invariant after every step",
  usage:
    "faultline check <model> [--runs N] [--seed S] [--path P] [--max-steps K] [--flaw NAME]… [--generation swarm|uniform] [--no-minimize] [--workers N] [--json] [--out DIR] [model options]",
  flags: commonFlags,
  takesModel: true,
  async run(args, { io, models, progress, color }) {
    const named = modelArg(args[0], models, "check");
    const from = fromFlag(named, args);
    const model = from ? { ...named, defaults: from.config } : named;
    const { values, positionals } = parseFlags(
      args.slice(1),
      { ...commonFlags, ...paramFlags(model) },
      `check ${model.name}`,
    );
    if (positionals.length)
      throw new UsageError(`unexpected argument '${positionals[0]}' for 'check ${model.name}'`);
    const flaws = (values.flaw as string[] | undefined) ?? [];
    for (const flaw of flaws) {
      if (!model.flaws.some((f) => f.name === flaw))
        throw new UsageError(
          `unknown flaw '${flaw}' for model ${model.name} (known: ${model.flaws.map((f) => f.name).join(", ")})`,
        );
    }
    const fixed = { ...from?.held, ...fixedParams(model, values) };
    const pinnedProblem = checkConfig(
      model,
      pinnedConfig(
        model,
        fixed,
        model.flaws.filter((f) => flaws.includes(f.name)),
      ),
    );
    if (pinnedProblem) throw new UsageError(pinnedProblem);
    const path = values.path as string | undefined;
    if (path !== undefined) pathFlag(path);
    const seed =
      values.seed === undefined ? undefined : parseNumberFlag("seed", values.seed as string, INT32);
    if (path !== undefined && seed === undefined)
      throw new UsageError("--path replays only together with the --seed it was printed with");
    const workers =
      values.workers === undefined
        ? 1
        : parseNumberFlag("workers", values.workers as string, { min: 1, max: 64, integer: true });
    const options: CheckOptions = {
      runs:
        values.runs === undefined
          ? 1000
          : parseNumberFlag("runs", values.runs as string, { min: 1, max: MAX_RUNS, integer: true }),
      seed,
      path,
      maxSteps:
        values["max-steps"] === undefined
          ? undefined
          : parseNumberFlag("max-steps", values["max-steps"] as string, {
              min: 1,
              max: 100_000,
              integer: true,
            }),
      fixed,
      flaws,
      generation: generationFlag(values.generation as string | undefined),
      aim: values.aim === true,
      minimize: values["no-minimize"] !== true,
    };
    const out = (values.out as string | undefined) ?? "reports";
    ensureDir(out); // before the search: a counterexample is never lost to a bad --out
    const result = await checkWithDatabase(
      model,
      options,
      async (o) =>
        workers > 1
          ? runParallel(model, o, workers)
          : checkWithProgress(model, o, values.json ? undefined : progress),
      {
        dir: databaseDir(values),
        keepGoing: values["keep-going"] === true,
        say: values.json ? io.err : io.out,
      },
    );
    const option = (flag: string, value: unknown) => `--${flag} ${shellWord(String(value))}`;
    const rerun = [
      ...model.params.filter((p) => values[p.flag] !== undefined).map((p) => option(p.flag, values[p.flag])),
      ...(values["max-steps"] === undefined ? [] : [option("max-steps", values["max-steps"])]),
      ...(values.generation === undefined ? [] : [option("generation", values.generation)]),
      ...flaws.map((f) => option("flaw", f)),
    ].join(" ");
    return report(
      model,
      result,
      {
        json: values.json === true,
        itf: values.itf === true,
        out,
        rerun,
        paint: painter(color),
        witnessesRequired: !from,
      },
      io,
    );
  },
};

/** `check` in this thread, with a progress display when the CLI has one (a terminal). */
function checkWithProgress(model: AnyModel, options: CheckOptions, progress: Env["progress"]): CheckResult {
  const bar = progress?.(`check ${model.name}`, options.runs ?? 1000, "runs");
  const started = performance.now();
  try {
    return check(model, {
      ...options,
      onRun:
        bar && ((runs, events) => bar.update(runs, `${rate(events, performance.now() - started)} events/s`)),
    });
  } finally {
    bar?.stop();
  }
}

/** `--from FILE`: the model reads its config from the file; every generated param is then held at it. */
function fromFlag(
  model: AnyModel,
  args: readonly string[],
): { config: ConfigValues; held: ConfigValues } | undefined {
  const at = args.indexOf("--from");
  if (at < 0) return undefined;
  const path = args[at + 1];
  if (path === undefined || path.startsWith("-")) throw new UsageError("--from needs a file");
  if (!model.extensions.configFrom)
    throw new UsageError(
      `model ${model.name} reads no config from a file (--from is for models that do, such as cluster)`,
    );
  const config = model.extensions.configFrom.load(path) as ConfigValues;
  const held = Object.fromEntries(
    model.params.filter((p) => "generate" in p && p.generate).map((p) => [p.key, config[p.key]]),
  );
  return { config, held };
}

/**
 * The path fast-check printed: the failing run (at most the most runs a check makes), then one
 * shrink candidate per step. fast-check walks each index, so an absurd one would never end.
 */
function pathFlag(path: string): void {
  if (!/^\d+(:\d+)*$/.test(path))
    throw new UsageError(`--path must look like 12:0:3 (as printed with a counterexample), got '${path}'`);
  const [run, ...shrinks] = path.split(":").map(Number);
  if (run! > MAX_RUNS || shrinks.some((step) => step > MAX_SHRINK_STEP))
    throw new UsageError(
      `--path ${path} was not printed by faultline: it starts at a run up to ${MAX_RUNS.toLocaleString("en-US")}, then shrink steps up to ${MAX_SHRINK_STEP.toLocaleString("en-US")}`,
    );
}

function generationFlag(text: string | undefined): Generation | undefined {
  if (text === undefined || text === "swarm" || text === "uniform") return text;
  throw new UsageError(`--generation must be swarm or uniform (got '${text}')`);
}

function describeShrink(s: ShrinkFigures): string {
  return `Shrunk ${s.generated} → ${s.fastCheck} events by fast-check (${s.fastCheckSteps} steps), → ${s.minimized} by minimization (${s.minimizeAttempts} replays), in ${(s.millis / 1000).toFixed(2)} s.`;
}

function describeProfile(profile: Profile): string {
  return Object.entries(profile)
    .map(([kind, weight]) => `${kind}×${weight}`)
    .join(" ");
}

function rate(count: number, millis: number): string {
  return millis > 0 ? Math.round((count * 1000) / millis).toLocaleString("en-US") : "∞";
}

function report(
  model: AnyModel,
  result: CheckResult,
  options: {
    json: boolean;
    itf: boolean;
    out: string;
    rerun: string;
    paint: Paint;
    witnessesRequired: boolean;
  },
  io: Io,
): number {
  const unreached = Object.entries(result.witnesses)
    .filter(([, n]) => n === 0)
    .map(([name]) => name);
  const cx = result.counterexample;
  const written = cx ? writeReport(model, cx, result, options.out, { itf: options.itf }) : undefined;
  const exit = cx || (unreached.length && options.witnessesRequired) ? EXIT.violation : EXIT.ok;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          model: model.name,
          ok: exit === EXIT.ok,
          seed: result.seed,
          path: result.path ?? null,
          runs: result.runs,
          events: result.events,
          skipped: result.skipped,
          millis: Math.round(result.millis),
          eventsPerSecond: Math.round((result.events * 1000) / Math.max(result.millis, 1e-9)),
          witnesses: result.witnesses,
          unreachedWitnesses: unreached,
          generation: result.generation,
          millisToDetection: result.millisToDetection ?? null,
          shrink: result.shrink ?? null,
          profile: result.profile ?? null,
          violation: cx?.run.violation ?? null,
          report: written ?? null,
        },
        null,
        2,
      ),
    );
    return exit;
  }
  const millis = cx ? (result.millisToDetection ?? result.millis) : result.millis;
  const stats = `${result.runs.toLocaleString("en-US")} runs, ${result.events.toLocaleString("en-US")} events (${result.skipped.toLocaleString("en-US")} skipped${result.aimed ? `, ${result.aimed.toLocaleString("en-US")} aimed` : ""}) in ${(millis / 1000).toFixed(2)} s — ${rate(result.events, millis)} events/s, ${rate(result.runs, millis)} runs/s`;
  if (cx && written) {
    io.out(renderTrace(model, cx, replayCommand(written.json), options.paint));
    io.out("");
    io.out(`Found after ${stats}.`);
    if (result.shrink) io.out(describeShrink(result.shrink));
    if (result.generation === "swarm" && result.profile)
      io.out(`Swarm profile of the failing run: ${describeProfile(result.profile)}`);
    io.out(
      `Seed ${result.seed}, path ${result.path} — or: npx faultline check ${model.name} --seed ${result.seed} --path ${result.path} ${options.rerun}`.trimEnd(),
    );
    io.out(
      `Report: ${[written.json, written.markdown, written.html, written.itf].filter(Boolean).join(", ")}`,
    );
    return exit;
  }
  io.out(
    options.paint.good(
      `✓ ${model.name}: all ${model.invariants.length} invariants held (${model.invariants.map((i) => i.name).join(", ")})`,
    ),
  );
  io.out(`  ${stats}; seed ${result.seed}`);
  const witnessLines = Object.entries(result.witnesses).map(([name, n]) => `${name} ${n}/${result.runs}`);
  if (witnessLines.length) io.out(`  witnesses reached: ${witnessLines.join(", ")}`);
  if (unreached.length && !options.witnessesRequired)
    io.out(
      `  not reached: ${unreached.join(", ")} — runs start from your config, which may not offer it (not a failure with --from)`,
    );
  else if (unreached.length) {
    io.out(
      options.paint.bad(
        `✗ vacuous: no run reached ${unreached.join(", ")} — the schedules never exercised it, so passing proves little.`,
      ),
    );
  }
  return exit;
}
