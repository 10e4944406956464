/**
 * `faultline etcd`: drive a real etcd cluster under a generated fault timeline and check what the
 * clients saw — linearizability per key and etcd's own promises. `--quorum-table` measures the
 * fault tolerance of real clusters of 1..5 members instead.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { findEtcd, INSTALL_HINT } from "../../etcd/binary.ts";
import {
  drawSchedule,
  FAULT_KINDS,
  type FaultEvent,
  type FaultKind,
  parseSchedule,
} from "../../etcd/faults.ts";
import { measureQuorumTable, renderQuorumTable } from "../../etcd/quorum-table.ts";
import { type EtcdConfig, holdsAll, verdictLines, windowLines, writeEtcdReport } from "../../etcd/report.ts";
import { runEtcd } from "../../etcd/run.ts";
import type { ReadMode } from "../../etcd/workload.ts";
import type { FlagDoc } from "../../model.ts";
import { ensureDir } from "../../report/write.ts";
import { type Command, EXIT, UsageError } from "../command.ts";
import { parseFlags } from "../parse.ts";
import { parseNumberFlag } from "../values.ts";

const OPTIONS = {
  members: { type: "string", value: "N", doc: "etcd members, 1..7", defaultText: "3" },
  duration: {
    type: "string",
    value: "D",
    doc: "how long the workload runs while faults play: 30s, 1500ms, 2m",
    defaultText: "30s",
  },
  faults: {
    type: "string",
    value: "LIST",
    doc: "fault kinds to draw from: kill (SIGKILL, then restart on the same data dir), pause (SIGSTOP, then SIGCONT), partition (two groups, then heal); or none",
    defaultText: "kill,pause,partition",
  },
  clients: {
    type: "string",
    value: "N",
    doc: "concurrent client sessions, session i talking to member i mod N, 1..64",
    defaultText: "5",
  },
  keys: {
    type: "string",
    value: "N",
    doc: "keys the workload spreads over, one watch each, 1..100",
    defaultText: "10",
  },
  read: {
    type: "string",
    value: "MODE",
    doc: "linearizable or serializable gets",
    defaultText: "linearizable",
  },
  seed: {
    type: "string",
    value: "S",
    doc: "fast-check seed for the fault timeline and the workload",
    defaultText: "random, printed",
  },
  schedule: {
    type: "string",
    value: "FILE",
    doc: "replay the fault timeline (and members, duration, faults) of a saved etcd report",
  },
  timeout: {
    type: "string",
    value: "MS",
    doc: "deadline of each client call; past it the outcome is unknown, 100..10000",
    defaultText: "1000",
  },
  json: { type: "boolean", doc: "one machine-readable result on stdout" },
  out: {
    type: "string",
    value: "DIR",
    doc: "where the JSON + Markdown report goes, never overwriting",
    defaultText: "reports",
  },
  "quorum-table": {
    type: "boolean",
    doc: "measure, for 1..5 members, how many can crash while writes still succeed",
  },
} as const satisfies Readonly<Record<string, FlagDoc>>;

export const etcdCommand: Command = {
  name: "etcd",
  summary: "drive a real etcd cluster under generated faults and check its history for linearizability",
  usage:
    "faultline etcd [--members 3] [--duration 30s] [--faults kill,pause,partition] [--clients 5] [--keys 10] [--read linearizable|serializable] [--seed S] [--schedule report.json] [--json] [--out DIR] | faultline etcd --quorum-table",
  flags: OPTIONS,
  async run(args, { io }) {
    const { values, positionals } = parseFlags(args, OPTIONS, "etcd");
    if (positionals.length) throw new UsageError(`etcd takes no arguments (got ${positionals[0]})`);
    const binary = findEtcd();
    if (!binary) throw new UsageError(INSTALL_HINT);
    if (values["quorum-table"]) {
      const rows = await measureQuorumTable(binary, [1, 2, 3, 4, 5], 6000, (line) => {
        if (!values.json) io.err(line);
      });
      io.out(values.json ? JSON.stringify(rows, null, 2) : renderQuorumTable(rows));
      return rows.every((r) => r.measured === r.expected) ? EXIT.ok : EXIT.violation;
    }
    const saved = values.schedule === undefined ? undefined : loadSchedule(String(values.schedule));
    const members = saved?.members ?? intFlag(values, "members", 3, 1, 7);
    const durationMillis = saved?.durationMillis ?? parseDuration(values.duration as string | undefined);
    const faults = saved?.faults ?? parseFaults(values.faults as string | undefined);
    const seed =
      values.seed === undefined
        ? Math.floor(Math.random() * 2 ** 31)
        : parseNumberFlag("seed", String(values.seed), { min: -(2 ** 31), max: 2 ** 31 - 1, integer: true });
    const read = values.read ?? "linearizable";
    if (read !== "linearizable" && read !== "serializable")
      throw new UsageError(`--read must be linearizable or serializable (got '${read}')`);
    const schedule = saved
      ? (parseSchedule(saved.schedule, members) as FaultEvent[])
      : drawSchedule(seed, members, durationMillis, faults);
    const config: EtcdConfig = {
      members,
      durationMillis,
      clients: intFlag(values, "clients", 5, 1, 64),
      keys: intFlag(values, "keys", 10, 1, 100),
      read: read as ReadMode,
      faults,
      seed,
      etcdVersion: etcdVersion(binary),
    };
    const deadlineMillis = intFlag(values, "timeout", 1000, 100, 10_000);
    const out = (values.out as string | undefined) ?? "reports";
    ensureDir(out); // before the cluster starts: a run is never lost to a bad --out
    const say = (line: string) => {
      if (!values.json) io.err(line);
    };
    const run = await runEtcd({
      binary,
      ...config,
      schedule,
      deadlineMillis,
      onStarted: ({ dir, pids }) => say(`cluster up: ${members} members, pids ${pids.join(" ")}, in ${dir}`),
      progress: say,
    });
    const written = writeEtcdReport(config, schedule, run, out);
    const ok = holdsAll(run);
    if (values.json) {
      io.out(
        JSON.stringify({
          ok,
          config,
          counts: run.counts,
          opsPerSecond: run.opsPerSecond,
          linearizable: run.linearizability.linearizable,
          window: run.linearizability.window,
          promises: run.promises,
          faultsApplied: run.applied.length,
          report: written.json,
        }),
      );
    } else {
      io.out([...verdictLines(config, run), "", ...windowLines(run)].join("\n"));
      io.out(`\nReport: ${written.markdown}\nRerun:  ${written.rerun}`);
    }
    return ok ? EXIT.ok : EXIT.violation;
  },
};

function intFlag(
  values: Record<string, unknown>,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = values[flag];
  return text === undefined ? fallback : parseNumberFlag(flag, String(text), { min, max, integer: true });
}

export function parseDuration(text: string | undefined): number {
  if (text === undefined) return 30_000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--duration must look like 30s, 1500ms or 2m (got '${text}')`);
  const unit = match[2] === "ms" ? 1 : match[2] === "m" ? 60_000 : 1000;
  const millis = Math.round(Number(match[1]) * unit);
  if (millis < 1000 || millis > 3_600_000)
    throw new UsageError(`--duration must be between 1s and 60m (got '${text}')`);
  return millis;
}

export function parseFaults(text: string | undefined): FaultKind[] {
  if (text === undefined) return [...FAULT_KINDS];
  if (text === "none") return [];
  const kinds = text.split(",").map((k) => k.trim());
  for (const kind of kinds)
    if (!(FAULT_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--faults takes ${FAULT_KINDS.join(", ")} or none (got '${kind}')`);
  return [...new Set(kinds)] as FaultKind[];
}

interface SavedRun {
  readonly members: number;
  readonly durationMillis: number;
  readonly faults: FaultKind[];
  readonly schedule: unknown;
}

function loadSchedule(path: string): SavedRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code ? `cannot read --schedule ${path} (${code})` : `--schedule ${path} is not JSON`,
    );
  }
  const report = parsed as { kind?: unknown; config?: Partial<SavedRun>; schedule?: unknown };
  const config = report.config;
  if (
    report.kind !== "etcd" ||
    !config ||
    !Number.isInteger(config.members) ||
    !Number.isFinite(config.durationMillis)
  )
    throw new UsageError(`--schedule ${path} is not a faultline etcd report`);
  const schedule = parseSchedule(report.schedule, config.members!);
  if (typeof schedule === "string") throw new UsageError(`--schedule ${path}: ${schedule}`);
  return {
    members: config.members!,
    durationMillis: config.durationMillis!,
    faults: Array.isArray(config.faults) ? (config.faults as FaultKind[]) : [],
    schedule,
  };
}

function etcdVersion(binary: string): string {
  try {
    const text = execFileSync(binary, ["--version"], { encoding: "utf8", timeout: 5000 });
    return /etcd Version: (\S+)/.exec(text)?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}
