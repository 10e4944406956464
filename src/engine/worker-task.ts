/** What a pool worker does with its share of jobs: import the models' modules, run `check` on each job. */
import type { AnyModel } from "../model.ts";
import { type CheckOptions, type CheckResult, check } from "./check.ts";
import { importModule } from "./load-module.ts";
import { modelsIn } from "./model-source.ts";

export interface Job {
  /** Position in the caller's job list, echoed back with the result. */
  readonly index: number;
  readonly model: string;
  readonly options: CheckOptions;
}

export interface JobResult {
  readonly index: number;
  readonly result: CheckResult;
}

export interface WorkerInput {
  /** Module URLs to import models from. */
  readonly modules: readonly string[];
  readonly jobs: readonly Job[];
}

export async function runJobs(input: WorkerInput, post: (result: JobResult) => void): Promise<void> {
  const models: AnyModel[] = [];
  for (const url of input.modules) models.push(...modelsIn(await importModule(url)));
  for (const job of input.jobs) {
    const model = models.find((m) => m.name === job.model);
    if (!model) throw new Error(`worker: no model '${job.model}' in ${input.modules.join(", ")}`);
    post({ index: job.index, result: check(model, job.options) });
  }
}
