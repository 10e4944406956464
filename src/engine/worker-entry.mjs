// One worker thread of `runParallel`: load TypeScript through tsx (as bin/faultline.mjs does),
// find the model by name in the registry module, run `check` on this worker's seed and share
// of the runs, and post the result back.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { check } = await import("./check.ts");
const { modelName, registry, options } = workerData;
const module = await import(registry);
const candidates = Array.isArray(module.models) ? module.models : Object.values(module);
const model = candidates.find((m) => m?.name === modelName && typeof m.step === "function");
if (!model) throw new Error(`unknown model '${modelName}' in ${registry}`);
parentPort.postMessage(check(model, options));
