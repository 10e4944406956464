/**
 * Flags that faultline's own commands take beside a model's params (check, explore, replay,
 * bench, sweep). A model param may never use one of these names: `--workers` must always mean
 * worker threads, never a model's number of worker nodes. A CLI test keeps this list complete.
 */
export const ENGINE_FLAGS: readonly string[] = [
  "help",
  "version",
  "runs",
  "seed",
  "path",
  "max-steps",
  "generation",
  "workers",
  "no-minimize",
  "flaw",
  "json",
  "out",
  "depth",
  "max-states",
  "no-symmetry",
  "bound",
  "dfs",
  "models",
  "seeds",
  "quick",
  "soak-runs",
  "grid",
  "itf",
  "from",
  "db",
  "no-db",
  "keep-going",
];
