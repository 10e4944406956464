import { test } from "@fast-check/vitest";
import { expect } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import { type GeneratedRun, schedules } from "../../src/testing.ts";
import type { ClusterConfig } from "./config.ts";
import { cluster } from "./model.ts";

function states(run: GeneratedRun, everyMonitorPass: boolean): string {
  const config = { ...(run.config as unknown as ClusterConfig), everyMonitorPass };
  const result = runSchedule(cluster, makeContext(config, []), run.schedule as never, { record: true });
  return JSON.stringify([result.violation, result.trace?.map((s) => s.state)]);
}

test.prop([schedules(cluster)], { numRuns: 100, seed: 7 })(
  "skipping uneventful monitor passes gives exactly the states of running every pass",
  (run) => {
    expect(states(run, false)).toBe(states(run, true));
  },
);
