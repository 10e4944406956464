/**
 * Everything a run starts is registered here, so it is removed on success, on failure and on
 * SIGINT/SIGTERM: every etcd process by its PID (SIGKILL works on a paused one too), every
 * temporary folder. The signal handlers exist only while something is registered.
 */
import { readFileSync, rmSync } from "node:fs";

const pids = new Set<number>();
const dirs = new Set<string>();
const closers = new Set<() => void>();

export function trackPid(pid: number): void {
  pids.add(pid);
  armSignals();
}

export function untrackPid(pid: number): void {
  pids.delete(pid);
}

export function trackDir(dir: string): void {
  dirs.add(dir);
  armSignals();
}

/** Sockets and servers to close on a signal, so the process can exit. */
export function trackCloser(close: () => void): () => void {
  closers.add(close);
  return () => closers.delete(close);
}

/** SIGKILL every tracked process and wait (up to 3 s) until each has died: the kill is asynchronous. */
export function killTracked(): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  const until = Date.now() + 3000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while ([...pids].some(stillRunning) && Date.now() < until) Atomics.wait(pause, 0, 0, 10);
  pids.clear();
}

/** Exists and is not a zombie (dead, waiting to be reaped). */
function stillRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

export function removeTrackedDirs(): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

export function cleanupEverything(): void {
  for (const close of closers) close();
  closers.clear();
  killTracked();
  removeTrackedDirs();
  disarmSignals();
}

const onSignal = (signal: NodeJS.Signals) => {
  cleanupEverything();
  process.stderr.write(`faultline: stopped by ${signal}; every etcd process and temporary folder removed\n`);
  process.exit(signal === "SIGINT" ? 130 : 143);
};
let armed = false;

function armSignals(): void {
  if (armed) return;
  armed = true;
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", cleanupEverything);
}

function disarmSignals(): void {
  if (!armed) return;
  armed = false;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  process.off("exit", cleanupEverything);
}
