/**
 * One `faultline etcd` run: start a real cluster, run the workload while the fault timeline
 * plays, undo every fault, let the watches catch up, stop, and check the history — linearizability
 * per key and etcd's own promises.
 */

import type { History } from "../history/history.ts";
import { checkLinearizability, type LinearizabilityResult } from "../history/linearizability.ts";
import {
  distinctWriteRevisions,
  type PromiseResult,
  quorumRule,
  revisionsMonotonic,
  watchesDeliverEveryChange,
} from "../history/promises.ts";
import { type Cluster, startCluster } from "./cluster.ts";
import { quorumSegments } from "./connectivity.ts";
import { describeFault, type FaultEvent } from "./faults.ts";
import { type ReadMode, startWorkload } from "./workload.ts";

export interface RunOptions {
  readonly binary: string;
  readonly members: number;
  readonly durationMillis: number;
  readonly clients: number;
  readonly keys: number;
  readonly read: ReadMode;
  readonly seed: number;
  readonly schedule: readonly FaultEvent[];
  readonly deadlineMillis: number;
  /** Told once the cluster is up: where it lives and its PIDs (so a person, or a test, can check cleanup). */
  readonly onStarted?: (cluster: { readonly dir: string; readonly pids: readonly number[] }) => void;
  readonly progress?: (line: string) => void;
}

export interface RunResult {
  readonly history: History;
  readonly applied: readonly (FaultEvent & { readonly planned: number; readonly description: string })[];
  readonly linearizability: LinearizabilityResult;
  readonly promises: readonly PromiseResult[];
  readonly counts: { readonly ok: number; readonly fail: number; readonly info: number };
  readonly opsPerSecond: number;
  readonly workloadMillis: number;
  readonly checkMillis: number;
  readonly totalMillis: number;
  readonly cluster: { readonly dir: string; readonly pids: readonly number[] };
}

const SETTLE_MILLIS = 5000;
const OBSERVE_MILLIS = 1000;

export async function runEtcd(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const say = options.progress ?? (() => {});
  const cluster = await startCluster(options.binary, options.members);
  const info = { dir: cluster.dir, pids: cluster.members.map((m) => m.pid!) };
  options.onStarted?.(info);
  try {
    const t0 = performance.now();
    const now = () => performance.now() - t0;
    const workload = startWorkload({
      clients: options.clients,
      keys: options.keys,
      read: options.read,
      seed: options.seed,
      deadlineMillis: options.deadlineMillis,
      clientUrls: cluster.members.map((m) => m.clientUrl),
      now,
    });
    const applied = await playSchedule(cluster, options.schedule, options.durationMillis, now, say);
    const workloadMillis = now();
    const operations = await workload.stop();
    const endOfWorkload = now();
    await undoFaults(cluster);
    const lastRevisions = new Map<string, number>();
    for (const op of operations)
      if (op.outcome === "ok" && op.input.kind !== "read" && op.revision !== undefined)
        lastRevisions.set(op.key, Math.max(lastRevisions.get(op.key) ?? 0, op.revision));
    const watches = await workload.drainWatches(lastRevisions, 15_000);
    await workload.close();
    await cluster.stop();
    const history: History = { operations, watches };
    const checkStarted = performance.now();
    const linearizability = checkLinearizability(history);
    const segments = quorumSegments(options.members, applied, endOfWorkload);
    const promises = [
      revisionsMonotonic(history),
      distinctWriteRevisions(history),
      watchesDeliverEveryChange(history),
      quorumRule(history, segments, { settleMillis: SETTLE_MILLIS, observeMillis: OBSERVE_MILLIS }),
    ];
    const checkMillis = performance.now() - checkStarted;
    const counts = { ok: 0, fail: 0, info: 0 };
    for (const op of operations) counts[op.outcome]++;
    return {
      history,
      applied,
      linearizability,
      promises,
      counts,
      opsPerSecond: Math.round((counts.ok * 1000) / Math.max(workloadMillis, 1)),
      workloadMillis,
      checkMillis,
      totalMillis: performance.now() - started,
      cluster: info,
    };
  } finally {
    await cluster.stop();
  }
}

async function playSchedule(
  cluster: Cluster,
  schedule: readonly FaultEvent[],
  durationMillis: number,
  now: () => number,
  say: (line: string) => void,
): Promise<RunResult["applied"][number][]> {
  const applied: RunResult["applied"][number][] = [];
  for (const event of [...schedule].sort((a, b) => a.at - b.at)) {
    if (event.at > durationMillis) break;
    const wait = event.at - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await applyFault(cluster, event);
    const description = describeFault(event);
    applied.push({ ...event, at: Math.round(now()), planned: event.at, description });
    say(`${(now() / 1000).toFixed(1)}s ${description}`);
  }
  const rest = durationMillis - now();
  if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  return applied;
}

async function applyFault(cluster: Cluster, event: FaultEvent): Promise<void> {
  switch (event.kind) {
    case "crash":
      return cluster.members[event.member]!.crash();
    case "restart":
      return cluster.members[event.member]!.restart();
    case "pause":
      return cluster.members[event.member]!.pause();
    case "resume":
      return cluster.members[event.member]!.resume();
    case "partition":
      return cluster.network.partition(event.groups[0], event.groups[1]);
    case "heal":
      return cluster.network.heal();
  }
}

async function undoFaults(cluster: Cluster): Promise<void> {
  cluster.network.heal();
  for (const member of cluster.members) {
    member.resume();
    member.restart();
  }
}
