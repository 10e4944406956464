// One worker thread of the lease sweep: load TypeScript through tsx (as bin/faultline.mjs does),
// run its share of the grid cells and post each cell's result back as soon as it is done.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runCell } = await import("../../models/lease/sweep.ts");
const { cells, budget } = workerData;
for (const { index, cell } of cells) parentPort.postMessage({ index, result: runCell(cell, budget) });
