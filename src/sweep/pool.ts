/** Runs the lease sweep's cells over worker threads, each cell whole on one worker; results keep grid order. */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type Cell, type CellResult, runCell, type SweepBudget } from "../../models/lease/sweep.ts";

const ENTRY = new URL("./worker.mjs", import.meta.url);

export function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

export function runCells(
  cells: readonly Cell[],
  budget: SweepBudget,
  workers: number,
): Promise<CellResult[]> {
  if (workers <= 1 || cells.length <= 1) return Promise.resolve(cells.map((cell) => runCell(cell, budget)));
  const results: (CellResult | undefined)[] = cells.map(() => undefined);
  const shares = Array.from({ length: Math.min(workers, cells.length) }, (_, w) =>
    cells.flatMap((cell, index) => (index % workers === w ? [{ index, cell }] : [])),
  );
  return new Promise((resolve, reject) => {
    const threads: Worker[] = [];
    let pending = cells.length;
    for (const share of shares) {
      const thread = new Worker(ENTRY, { workerData: { cells: share, budget } });
      threads.push(thread);
      thread.on("message", ({ index, result }: { index: number; result: CellResult }) => {
        results[index] = result;
        if (--pending === 0) {
          for (const t of threads) void t.terminate();
          resolve(results as CellResult[]);
        }
      });
      thread.on("error", (error) => {
        for (const t of threads) void t.terminate();
        reject(error);
      });
    }
  });
}
