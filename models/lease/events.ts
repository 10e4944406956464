/**
 * The schedule vocabulary. Time passes only by `advance`; inside it candidates' timers fire and API
 * calls arrive on their own, as client-go runs them. Every other event is a fault or a change of
 * the environment, named by what it does to one candidate.
 */
import fc from "fast-check";
import { type ConfigValues, type Field, field } from "../../src/fields.ts";
import type { EventKind } from "../../src/model.ts";
import { type LeaseConfig, ms } from "./config.ts";

export type LeaseEvent =
  | { readonly kind: "advance"; readonly ms: number }
  | { readonly kind: "until"; readonly candidate: number }
  | { readonly kind: "crash"; readonly candidate: number }
  | { readonly kind: "restart"; readonly candidate: number }
  | { readonly kind: "shutdown"; readonly candidate: number }
  | { readonly kind: "pause"; readonly candidate: number; readonly ms: number }
  | { readonly kind: "cut"; readonly candidate: number }
  | { readonly kind: "heal"; readonly candidate: number }
  | { readonly kind: "lose"; readonly candidate: number }
  | { readonly kind: "latency"; readonly candidate: number; readonly ms: number }
  | { readonly kind: "clock-rate"; readonly candidate: number; readonly perMille: number }
  | { readonly kind: "clock-offset"; readonly candidate: number; readonly ms: number }
  | { readonly kind: "jitter"; readonly candidate: number; readonly u: number };

/** Candidate ids start at 1 so schedules shrink towards the smallest cluster. */
const candidate = field.id("candidates", "candidate");

/**
 * A whole number within bounds the config sets (the longest pause, the widest drift). Bounds are
 * where timing bugs live: they are drawn twice as often as the values between.
 */
function withinConfig(
  reads: readonly (keyof LeaseConfig & string)[],
  range: (config: LeaseConfig) => { readonly min: number; readonly max: number },
): Field<number> {
  const bounds = (config: ConfigValues) => range(config as unknown as LeaseConfig);
  return field.custom({
    describe: `a whole number within the bounds ${reads.join(" and ")} set`,
    reads,
    arbitrary: (scope) => {
      const { min, max } = bounds(scope);
      return field.int(min, max, { edges: true }).arbitrary(scope);
    },
    fit: (value, config) => {
      const { min, max } = bounds(config);
      return Math.min(max, Math.max(min, value));
    },
    check: (value, config) => {
      const { min, max } = bounds(config);
      return field.int(min, max).check(value, config);
    },
  });
}

const MAX_ADVANCE = 20_000;

/** Generated steps stay short; a hand-written schedule may let up to an hour pass at once. */
const advanceMs = field.custom({
  ...field.int(1, 3_600_000),
  arbitrary: () => fc.integer({ min: 1, max: MAX_ADVANCE }),
});

/** A fault on one candidate with no other field. */
function onCandidate(doc: string, weight: number, fault = true) {
  return { doc, weight, fault, fields: { candidate } };
}

export const events = {
  advance: {
    doc: "real time passes by ms; timers fire and API calls arrive in time order meanwhile",
    weight: 10,
    fields: { ms: advanceMs },
  },
  until: onCandidate(
    "real time passes until 1 ms before the candidate's next timer (try, HTTP timeout or renew deadline) fires",
    3,
    false,
  ),
  crash: onCandidate("the candidate's process dies at once: no release, its elector state is lost", 2),
  restart: onCandidate("a stopped process starts again with a fresh elector (kubelet restart)", 2, false),
  shutdown: onCandidate("graceful stop (SIGTERM): leadership ends, released if ReleaseOnCancel", 1),
  pause: {
    doc: "the process freezes for ms (GC pause, SIGSTOP); its clock keeps running",
    weight: 2,
    fault: true,
    fields: {
      candidate,
      ms: withinConfig(["maxPause"], (c) => ({ min: 1, max: Math.max(1, ms(c.maxPause)) })),
    },
  },
  cut: onCandidate(
    "the candidate is partitioned from the API server; its requests wait, replies to it are lost",
    2,
  ),
  heal: onCandidate(
    "the partition ends; requests held by it reach the API server, maybe after their sender gave up",
    2,
    false,
  ),
  lose: onCandidate("the candidate's requests and replies in flight are lost", 1),
  latency: {
    doc: "its API calls now take ms each way",
    weight: 2,
    fault: true,
    fields: { candidate, ms: withinConfig(["maxApiDelay"], (c) => ({ min: 0, max: ms(c.maxApiDelay) })) },
  },
  "clock-rate": {
    doc: "its clock now runs at perMille / 1000 of real time",
    weight: 3,
    fault: true,
    fields: {
      candidate,
      perMille: withinConfig(["maxClockDrift"], (c) => ({
        min: 1000 - c.maxClockDrift,
        max: 1000 + c.maxClockDrift,
      })),
    },
  },
  "clock-offset": {
    doc: "its wall clock is set ms away from real time (monotonic time is unaffected); with --wall-clock-steps-back a running process's clock may step back too, and such steps are drawn 4 times as often",
    weight: (scope) => (scope.wallClockStepsBack ? 4 : 1),
    fault: true,
    fields: {
      candidate,
      ms: withinConfig(["maxClockOffset"], (c) => ({
        min: -ms(c.maxClockOffset),
        max: ms(c.maxClockOffset),
      })),
    },
  },
  jitter: {
    doc: "its acquire waits become retryPeriod × (1 + u/1000 × 1.2)",
    weight: 1,
    fault: false,
    fields: { candidate, u: field.int(0, 999, { edges: true }) },
  },
} satisfies Readonly<Record<LeaseEvent["kind"], EventKind<LeaseConfig>>>;

const seconds = (n: number) => `${+(n / 1000).toFixed(3)} s`;

export function describeEvent(event: LeaseEvent): string {
  switch (event.kind) {
    case "advance":
      return `${seconds(event.ms)} of real time pass`;
    case "until":
      return `real time passes until just before candidate ${event.candidate}'s next timer`;
    case "crash":
      return `candidate ${event.candidate} crashes (no release)`;
    case "restart":
      return `candidate ${event.candidate} restarts with a fresh elector`;
    case "shutdown":
      return `candidate ${event.candidate} is shut down gracefully (SIGTERM)`;
    case "pause":
      return `candidate ${event.candidate} freezes for ${seconds(event.ms)} (its clock keeps running)`;
    case "cut":
      return `candidate ${event.candidate} is cut off from the API server`;
    case "heal":
      return `candidate ${event.candidate} reconnects to the API server`;
    case "lose":
      return `candidate ${event.candidate}'s requests and replies in flight are lost`;
    case "latency":
      return `candidate ${event.candidate}'s API calls now take ${seconds(event.ms)} each way`;
    case "clock-rate":
      return `candidate ${event.candidate}'s clock now runs at ${(event.perMille / 1000).toFixed(3)}× real time`;
    case "clock-offset":
      return `candidate ${event.candidate}'s wall clock is set ${event.ms >= 0 ? "+" : "−"}${seconds(Math.abs(event.ms))} from real time`;
    case "jitter":
      return `candidate ${event.candidate}'s acquire retries now wait retryPeriod × ${(1 + (event.u / 1000) * 1.2).toFixed(3)}`;
  }
}
