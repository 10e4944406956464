/** `faultline explore <model>`: breadth-first search of every state reachable in a few events; shortest counterexample. */
import type { ConfigValues } from "../../engine/config.ts";
import { sourceOf } from "../../engine/model-source.ts";
import { type Bounds, parseBounds } from "../../explore/bounds.ts";
import { DFS_MAX_DEPTH } from "../../explore/dfs.ts";
import { EXPLORE_DEFAULTS, type ExploreResult, explore, exploreConfig } from "../../explore/explore.ts";
import { exploreInParallel } from "../../explore/parallel.ts";
import type { AnyModel, FlagDoc } from "../../model.ts";
import { painter } from "../../report/paint.ts";
import { configLine, renderTrace } from "../../report/text.ts";
import { ensureDir, replayCommand, writeReport } from "../../report/write.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { modelArg } from "../model-arg.ts";
import { fixedParams, paramFlags, parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const flags = {
  depth: {
    type: "string",
    value: "D",
    doc: "deepest schedule length to search",
    defaultText: String(EXPLORE_DEFAULTS.maxDepth),
  },
  "max-states": {
    type: "string",
    value: "N",
    doc: "most distinct states to visit",
    defaultText: String(EXPLORE_DEFAULTS.maxStates),
  },
  flaw: { type: "string", multiple: true, value: "NAME", doc: "switch on a deliberately wrong variant" },
  bound: {
    type: "string",
    multiple: true,
    value: "NAME=N",
    doc: "leave out states whose NAME (a state constraint the model declares) exceeds N",
  },
  dfs: { type: "boolean", doc: "iterative-deepening depth-first search: no frontier in memory" },
  workers: {
    type: "string",
    value: "N",
    doc: "spread breadth-first search over N worker threads (same states, same shortest counterexample)",
    defaultText: "1",
  },
  "no-symmetry": { type: "boolean", doc: "do not merge states that differ only by renaming node ids" },
  json: { type: "boolean", doc: "one machine-readable result on stdout" },
  out: { type: "string", value: "DIR", doc: "where reports go (created if missing)", defaultText: "reports" },
} as const satisfies Readonly<Record<string, FlagDoc>>;

export const exploreCommand: Command = {
  name: "explore",
  summary:
    "search every state reachable in a few events, breadth-first: the shortest counterexample, or a proof to that depth",
  usage: `faultline explore <model> [--depth D (${EXPLORE_DEFAULTS.maxDepth})] [--max-states N (${EXPLORE_DEFAULTS.maxStates})] [--flaw NAME]… [--bound NAME=N]… [--dfs] [--workers N] [--no-symmetry] [--json] [--out DIR] [model options]`,
  flags,
  takesModel: true,
  async run(args, { io, models, color }) {
    const model = modelArg(args[0], models, "explore");
    const { values, positionals } = parseFlags(
      args.slice(1),
      { ...flags, ...paramFlags(model) },
      `explore ${model.name}`,
    );
    if (positionals.length)
      throw new UsageError(`unexpected argument '${positionals[0]}' for 'explore ${model.name}'`);
    if (!model.enabled)
      throw new UsageError(
        `model ${model.name} cannot be explored: it does not list the events enabled in a state (no enabled())`,
      );
    const flaws = (values.flaw as string[] | undefined) ?? [];
    const unknown = flaws.find((f) => !model.flaws.some((known) => known.name === f));
    if (unknown)
      throw new UsageError(
        `unknown flaw '${unknown}' for model ${model.name} (known: ${model.flaws.map((f) => f.name).join(", ")})`,
      );
    let bounds: Bounds;
    try {
      bounds = parseBounds(model, (values.bound as string[] | undefined) ?? []);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const options = {
      bounds,
      dfs: values.dfs === true,
      fixed: fixedParams(model, values),
      flaws,
      maxDepth: optionalInt(
        values.depth,
        "depth",
        EXPLORE_DEFAULTS.maxDepth,
        values.dfs === true ? DFS_MAX_DEPTH : 10_000,
      ),
      maxStates: optionalInt(values["max-states"], "max-states", EXPLORE_DEFAULTS.maxStates, 2 ** 31 - 1),
      symmetry: values["no-symmetry"] !== true,
      // Long searches say how far they got; short ones stay quiet.
      onDepth: (depth: number, states: number, millis: number) => {
        if (!values.json && millis >= 2000)
          io.out(`  depth ${depth} complete: ${count(states)} states, ${(millis / 1000).toFixed(1)} s`);
      },
    };
    let config: ConfigValues;
    try {
      config = exploreConfig(model, options);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const workers = optionalInt(values.workers, "workers", 1, 64);
    if (workers > 1 && options.dfs)
      throw new UsageError(
        "--workers spreads breadth-first search; leave out --dfs (iterative deepening runs in one thread)",
      );
    if (workers > 1 && !sourceOf(model))
      throw new UsageError(
        `model ${model.name} was not loaded from a module, so worker threads cannot load it; explore it with one worker`,
      );
    const out = (values.out as string | undefined) ?? "reports";
    ensureDir(out); // before the search: a counterexample is never lost to a bad --out
    if (!values.json) io.out(header(model, config, flaws, options.symmetry, bounds, options.dfs, workers));
    const result = workers > 1 ? await exploreInParallel(model, options, workers) : explore(model, options);
    const cx = result.counterexample;
    const written = cx ? writeReport(model, cx, undefined, out) : undefined;
    if (values.json) {
      const { counterexample: _, ...figures } = result;
      io.out(
        JSON.stringify(
          {
            ...figures,
            millis: Math.round(result.millis),
            statesPerSecond: perSecond(result.states, result.millis),
            violation: cx?.run.violation ?? null,
            schedule: cx?.schedule ?? null,
            report: written ?? null,
          },
          null,
          2,
        ),
      );
    } else {
      if (cx && written) {
        io.out("");
        io.out(renderTrace(model, cx, replayCommand(written.json), painter(color)));
        io.out("");
        io.out(
          `Shortest: at this config, no schedule of fewer than ${cx.schedule.length} events breaks an invariant.`,
        );
      } else {
        io.out(
          `✓ ${model.name}: no invariant broke in ${count(result.states)} distinct states — ${reach(result)}`,
        );
      }
      for (const line of figures(result)) io.out(`  ${line}`);
      if (written) io.out(`Report: ${written.json} and ${written.markdown}`);
    }
    return cx ? EXIT.violation : EXIT.ok;
  },
};

function optionalInt(text: unknown, flag: string, fallback: number, max: number): number {
  return text === undefined
    ? fallback
    : parseNumberFlag(flag, text as string, { min: 1, max, integer: true });
}

function header(
  model: AnyModel,
  config: ConfigValues,
  flaws: readonly string[],
  symmetry: boolean,
  bounds: Bounds,
  dfs: boolean,
  workers: number,
): string {
  const encoder = model.extensions.encoder;
  const keying = model.fingerprint || encoder ? "fingerprint" : "structural";
  const hasSymmetry = model.symmetry !== undefined || encoder?.canonical !== undefined;
  const keys =
    symmetry && hasSymmetry
      ? "states equal up to renaming node ids are merged"
      : hasSymmetry
        ? `${keying} keys (symmetry off)`
        : `${keying} keys (the model gives no symmetry)`;
  const bounded = Object.entries(bounds).map(([name, n]) => `${name} ≤ ${n}`);
  const search = dfs
    ? "iterative deepening"
    : `breadth-first${workers > 1 ? `, ${workers} worker threads` : ""}`;
  return `Exploring ${model.name} (${search}) · ${configLine(config, model)} · flaws: ${flaws.join(", ") || "none"} · ${bounded.length ? `bounds: ${bounded.join(", ")} · ` : ""}${keys}`;
}

/** What was proved, in plain words: the whole space, or everything up to a depth and why it stopped there. */
function reach(result: ExploreResult): string {
  switch (result.stoppedBy) {
    case "exhausted":
      return `the whole reachable state space${Object.keys(result.bounds).length ? " within the bounds" : ""} — exhausted (deepest state at depth ${result.depthCompleted}).`;
    case "max-depth":
      return `every state reachable in ≤ ${result.depthCompleted} events; stopped at --depth ${result.maxDepth}, more states lie deeper.`;
    case "max-states":
      return `every state reachable in ≤ ${result.depthCompleted} events; stopped at --max-states ${count(result.maxStates)} before depth ${result.depthCompleted + 1} was complete.`;
    case "violation":
      return `every state reachable in ≤ ${result.depthCompleted} events, then a violation.`;
  }
}

function figures(result: ExploreResult): string[] {
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  const reached = Object.entries(result.witnesses).map(([name, depth]) =>
    depth === null ? `${name} never` : `${name} at depth ${depth}`,
  );
  return [
    `${count(result.states)} states, ${count(result.transitions)} transitions in ${(result.millis / 1000).toFixed(2)} s — ${count(perSecond(result.states, result.millis))} states/s (${count(perSecond(result.states, result.cpuMillis))} per CPU-second)`,
    `new states per depth: ${result.levels.join(" ")}`,
    `peak memory: rss ${mb(result.peakRss)}, heap ${mb(result.peakHeap)}; search tables ${Math.round(result.bytesPerState)} bytes/state; chance a fingerprint collision hid a state: ${result.collisionOdds.toExponential(1)}`,
    ...(reached.length ? [`witnesses: ${reached.join(", ")}`] : []),
  ];
}

function perSecond(n: number, millis: number): number {
  return Math.round((n * 1000) / Math.max(millis, 1e-3));
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
