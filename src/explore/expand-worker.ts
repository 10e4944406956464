/**
 * A worker thread of the parallel breadth-first search (src/explore/parallel.ts), started through
 * the pool's entry (src/engine/worker-entry.mjs, which calls `runJobs`): it imports the model's
 * module again, builds the same state space, then expands each share of a level it is sent.
 */
import { parentPort } from "node:worker_threads";
import { importModule } from "../engine/load-module.ts";
import { modelsIn } from "../engine/model-source.ts";
import { expandShare } from "./expand.ts";
import { type SpaceSpec, searchSpace } from "./explore.ts";
import { ParentColumns } from "./parents.ts";
import { PathStates } from "./path-states.ts";

export interface ExpandInput {
  readonly modules: readonly string[];
  readonly model: string;
  readonly spec: SpaceSpec;
}

/** A share of a level: ids [from, to) at `depth`, and the parent columns as the searching thread holds them. */
export interface ShareRequest {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly depth: number;
  /** Witnesses not reached before this level (bit i: the model's witness i). */
  readonly unknown: number;
  readonly parent: Int32Array;
  readonly choice: Int32Array;
}

export interface ShareReply {
  readonly index: number;
  readonly records: Int32Array;
  readonly count: number;
  readonly tail: number;
}

export async function runJobs(input: ExpandInput): Promise<void> {
  const models = [];
  for (const url of input.modules) models.push(...modelsIn(await importModule(url)));
  const model = models.find((m) => m.name === input.model);
  if (!model) throw new Error(`explore worker: no model '${input.model}' in ${input.modules.join(", ")}`);
  const space = searchSpace(model, input.spec);
  const parents = new ParentColumns(new Int32Array(0), new Int32Array(0));
  const path = new PathStates(space, parents, space.initial());
  const port = parentPort!;
  port.on("message", (request: ShareRequest) => {
    parents.parent = request.parent;
    parents.choice = request.choice;
    const share = expandShare(space, path, request);
    const reply: ShareReply = { index: request.index, ...share };
    port.postMessage(reply, [share.records.buffer as ArrayBuffer]);
  });
}
