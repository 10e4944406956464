// One worker thread of the pool (pool.ts). Plain JavaScript, so it starts the same way from a clone
// (TypeScript sources, loaded through tsx) and from the installed package (compiled JavaScript).
import { parentPort, workerData } from "node:worker_threads";

const { task, modules } = workerData;
if ([task, ...modules].some((url) => /\.(c|m)?ts$/.test(new URL(url).pathname))) {
  const { register } = await import("tsx/esm/api");
  register();
}
const { runJobs } = await import(task);
await runJobs(workerData, (message) => parentPort.postMessage(message));
