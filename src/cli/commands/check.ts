/** `faultline check <model>`: fuzz the model with generated fault schedules; report and save any counterexample. */
import { type CheckOptions, type CheckResult, check, type ShrinkFigures } from "../../engine/check.ts";
import { checkConfig, pinnedConfig } from "../../engine/config.ts";
import type { Generation, Profile } from "../../engine/schedule.ts";
import { runParallel } from "../../engine/workers.ts";
import type { AnyModel } from "../../model.ts";
import { renderTrace } from "../../report/text.ts";
import { replayCommand, writeReport } from "../../report/write.ts";
import { type Command, EXIT, type Io, UsageError } from "../command.ts";
import { modelArg } from "../model-arg.ts";
import { describeParam, fixedParams, paramFlags, parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true };

const commonFlags = {
  runs: { type: "string" },
  seed: { type: "string" },
  path: { type: "string" },
  "max-steps": { type: "string" },
  generation: { type: "string" },
  workers: { type: "string" },
  "no-minimize": { type: "boolean" },
  flaw: { type: "string", multiple: true },
  json: { type: "boolean" },
  itf: { type: "boolean" },
  out: { type: "string" },
  help: { type: "boolean" },
} as const;

export const checkCommand: Command = {
  name: "check",
  summary: "fuzz a model with generated fault schedules and check every invariant after every step",
  usage:
    "faultline check <model> [--runs N] [--seed S] [--path P] [--max-steps K] [--flaw NAME]… [--generation swarm|uniform] [--no-minimize] [--workers N] [--json] [--itf] [--out DIR] [model options]",
  async run(args, { io, models }) {
    if (args.includes("--help")) return help(args[0], models, io);
    const model = modelArg(args[0], models, "check");
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
    const fixed = fixedParams(model, values);
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
    if (path !== undefined && !/^\d+(:\d+)*$/.test(path))
      throw new UsageError(`--path must look like 12:0:3 (as printed with a counterexample), got '${path}'`);
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
          : parseNumberFlag("runs", values.runs as string, { min: 1, max: 10_000_000, integer: true }),
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
      minimize: values["no-minimize"] !== true,
    };
    const result = workers > 1 ? await runParallel(model.name, options, workers) : check(model, options);
    const rerun = [
      ...model.params.filter((p) => values[p.flag] !== undefined).map((p) => `--${p.flag} ${values[p.flag]}`),
      ...(values["max-steps"] === undefined ? [] : [`--max-steps ${values["max-steps"]}`]),
      ...(values.generation === undefined ? [] : [`--generation ${values.generation}`]),
      ...flaws.map((f) => `--flaw ${f}`),
    ].join(" ");
    const out = (values.out as string | undefined) ?? "reports";
    return report(model, result, { json: values.json === true, itf: values.itf === true, out, rerun }, io);
  },
};

function generationFlag(text: string | undefined): Generation | undefined {
  if (text === undefined || text === "swarm" || text === "uniform") return text;
  throw new UsageError(`--generation must be swarm or uniform (got '${text}')`);
}

function help(modelName: string | undefined, models: readonly AnyModel[], io: Io): number {
  io.out(`usage: ${checkCommand.usage}`);
  const model = modelName && !modelName.startsWith("-") ? modelArg(modelName, models, "check") : undefined;
  if (model) {
    io.out(`options of model ${model.name}:`);
    for (const param of model.params) io.out(`  ${describeParam(param, model.defaults)}`);
  } else io.out("model options: see `faultline check <model> --help` or `faultline list`");
  return EXIT.ok;
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
  options: { json: boolean; itf: boolean; out: string; rerun: string },
  io: Io,
): number {
  const unreached = Object.entries(result.witnesses)
    .filter(([, n]) => n === 0)
    .map(([name]) => name);
  const cx = result.counterexample;
  const written = cx ? writeReport(model, cx, result, options.out, { itf: options.itf }) : undefined;
  const exit = cx || unreached.length ? EXIT.violation : EXIT.ok;
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
  const stats = `${result.runs.toLocaleString("en-US")} runs, ${result.events.toLocaleString("en-US")} events (${result.skipped.toLocaleString("en-US")} skipped) in ${(millis / 1000).toFixed(2)} s — ${rate(result.events, millis)} events/s, ${rate(result.runs, millis)} runs/s`;
  if (cx && written) {
    io.out(renderTrace(model, cx, replayCommand(written.json)));
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
    `✓ ${model.name}: all ${model.invariants.length} invariants held (${model.invariants.map((i) => i.name).join(", ")})`,
  );
  io.out(`  ${stats}; seed ${result.seed}`);
  const witnessLines = Object.entries(result.witnesses).map(([name, n]) => `${name} ${n}/${result.runs}`);
  if (witnessLines.length) io.out(`  witnesses reached: ${witnessLines.join(", ")}`);
  if (unreached.length) {
    io.out(
      `✗ vacuous: no run reached ${unreached.join(", ")} — the schedules never exercised it, so passing proves little.`,
    );
  }
  return exit;
}
