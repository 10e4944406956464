/**
 * Breadth-first search over worker threads, level by level. Each level's ids are cut into shares;
 * idle workers expand them (stepping, checking invariants, fingerprinting: the costly part) and
 * send back one record per successor; this thread merges the shares strictly in id order into the
 * one visited set and parent table. Merged in that order, every decision — which state is new,
 * its id, the first violation, where `--max-states` stops — is the one the one-thread search
 * makes, so counts, levels and the shortest counterexample are the same. The parent table lives
 * in shared memory: a worker rebuilds the states of its share by replaying their paths from it.
 */
import { Worker } from "node:worker_threads";
import { sourceOf } from "../engine/model-source.ts";
import type { AnyModel } from "../model.ts";
import { BREAKS, RECORD } from "./expand.ts";
import type { ExpandInput, ShareReply, ShareRequest } from "./expand-worker.ts";
import {
  type ExploreOptions,
  type ExploreResult,
  exploreConfig,
  PeakMemory,
  result,
  searchLimits,
  searchSpace,
} from "./explore.ts";
import { Levels } from "./levels.ts";
import type { SearchLimits, SearchOutcome, Space } from "./space.ts";

const ENTRY = new URL("../engine/worker-entry.mjs", import.meta.url);
const TASK = new URL(`./expand-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url)
  .href;

/** Shares per worker per level: enough that one slow share does not leave the others idle. */
const SHARES_PER_WORKER = 8;
const SMALLEST_SHARE = 64;
const LARGEST_SHARE = 4096;

/** `explore` with breadth-first search spread over `workers` threads (the model must come from a module). */
export async function exploreInParallel(
  model: AnyModel,
  options: ExploreOptions,
  workers: number,
): Promise<ExploreResult> {
  const source = sourceOf(model);
  if (!source)
    throw new RangeError(
      `model ${model.name} was not loaded from a module, so worker threads cannot load it; explore it with one worker`,
    );
  if (options.dfs) throw new RangeError("--workers spreads breadth-first search; --dfs runs in one thread");
  // Workers report the witnesses a successor reaches as bits 0–30 of one integer (src/explore/expand.ts).
  if (model.witnesses.length > 31)
    throw new RangeError(
      `--workers handles models of up to 31 witnesses; ${model.name} has ${model.witnesses.length}`,
    );
  const memory = new PeakMemory();
  const limits = searchLimits(options, memory);
  const spec = {
    config: exploreConfig(model, options),
    flaws: options.flaws ?? [],
    symmetry: options.symmetry ?? true,
    bounds: options.bounds ?? {},
  };
  const space = searchSpace(model, spec);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const pool = new SharePool({ modules: [source], model: model.name, spec }, workers);
  try {
    const outcome = await parallelBreadthFirst(space, limits, pool);
    return result(model, options, space, limits, outcome, { started, cpuStarted, memory });
  } finally {
    await pool.close();
  }
}

async function parallelBreadthFirst(
  space: Space,
  limits: SearchLimits,
  pool: SharePool,
): Promise<SearchOutcome> {
  const search = new Levels(space, limits, true);
  const { seen, parents } = search;

  /** Merges one share in order; false once the search must stop. */
  const merge = (share: ShareReply): boolean => {
    const { records, count } = share;
    for (let r = 0; r < count; r++) {
      const at = r * RECORD;
      const parent = records[at]!;
      const choice = records[at + 1]!;
      const flags = records[at + 4]!;
      search.transitions += records[at + 5]!;
      if (flags & BREAKS) {
        search.broke(parent, choice);
        return false;
      }
      if (!seen.add(records[at + 2]! >>> 0, records[at + 3]! >>> 0)) continue;
      parents.add(parent, choice);
      if (flags !== 0) space.noteReached(flags, search.depth + 1);
      if (!search.roomAfterAdding()) return false;
    }
    search.transitions += share.tail;
    return true;
  };

  while (search.more()) {
    const { parent, choice } = parents.columns;
    const unknown = space.unknownWitnesses();
    const { depth } = search;
    const requests = shares(search.levelStart, search.levelEnd, pool.size).map(
      ([from, to], index): ShareRequest => ({ index, from, to, depth, unknown, parent, choice }),
    );
    if (!(await pool.run(requests, merge))) break;
    search.endLevel();
  }
  return search.outcome();
}

/** Cuts ids [start, end) into consecutive shares. */
function shares(start: number, end: number, workers: number): [number, number][] {
  const size = Math.min(
    LARGEST_SHARE,
    Math.max(SMALLEST_SHARE, Math.ceil((end - start) / (workers * SHARES_PER_WORKER))),
  );
  const out: [number, number][] = [];
  for (let from = start; from < end; from += size) out.push([from, Math.min(end, from + size)]);
  return out;
}

/** Worker threads that expand shares; replies are handed to `merge` in share order. */
class SharePool {
  private readonly threads: Worker[] = [];
  private failure: ((error: Error) => void) | undefined;
  /** A worker that failed (an import error, a model that threw) fails the search, then or at the next level. */
  private failed: Error | undefined;
  private closing = false;

  constructor(
    input: ExpandInput,
    readonly size: number,
  ) {
    const fail = (error: Error) => {
      this.failed ??= error;
      this.failure?.(error);
    };
    for (let i = 0; i < size; i++) {
      const thread = new Worker(ENTRY, { workerData: { task: TASK, ...input } });
      thread.on("error", fail);
      thread.on("exit", (code) => {
        if (!this.closing) fail(new Error(`an explore worker stopped (exit code ${code})`));
      });
      this.threads.push(thread);
    }
  }

  /** Resolves true once every share is merged, false as soon as `merge` says stop. */
  run(requests: readonly ShareRequest[], merge: (reply: ShareReply) => boolean): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      const arrived: (ShareReply | undefined)[] = [];
      let sent = 0;
      let merged = 0;
      let done = false;
      const finish = (value: boolean) => {
        done = true;
        for (const thread of this.threads) thread.removeAllListeners("message");
        this.failure = undefined;
        resolve(value);
      };
      this.failure = (error) => {
        done = true;
        reject(error);
      };
      const next = (thread: Worker) => {
        if (sent < requests.length) thread.postMessage(requests[sent++]);
      };
      if (requests.length === 0) return finish(true);
      for (const thread of this.threads) {
        thread.on("message", (reply: ShareReply) => {
          if (done) return;
          arrived[reply.index] = reply;
          next(thread);
          while (merged < requests.length && arrived[merged] !== undefined) {
            const ok = merge(arrived[merged]!);
            arrived[merged++] = undefined;
            if (!ok) return finish(false);
          }
          if (merged === requests.length) finish(true);
        });
        next(thread);
      }
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }
}
