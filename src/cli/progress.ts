/**
 * Progress of long runs on stderr, only when stderr is a terminal (never in a pipe, a CI log or
 * with --json on stdout): done/total, a rate and the time left, redrawn at most a few times a
 * second by cli-progress.
 */
import cliProgress from "cli-progress";
import type { Progress } from "../model.ts";

export function terminalProgress(label: string, total: number, unit: string): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} ${unit} · {detail} · {eta_formatted} left`,
      fps: 5,
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { detail: "" });
  return {
    update: (done, detail) => bar.update(done, { detail }),
    stop: () => bar.stop(),
  };
}
