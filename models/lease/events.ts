/**
 * The schedule vocabulary. Time passes only by `advance`; inside it candidates' timers fire and API
 * calls arrive on their own, as client-go runs them. Every other event is a fault or a change of
 * the environment, named by what it does to one candidate.
 */
import fc from "fast-check";
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

type Kind = EventKind<LeaseConfig, LeaseEvent>;
type Fields = Readonly<Record<string, unknown>>;

/** Candidate ids start at 1 so schedules shrink towards the smallest cluster. */
const candidate = (scope: LeaseConfig) => fc.integer({ min: 1, max: scope.candidates });

function checkInt(event: Fields, field: string, min: number, max: number): string | undefined {
  const value = event[field];
  if (typeof value !== "number" || !Number.isInteger(value)) return `${field} must be a whole number`;
  if (value < min || value > max) return `${field} must be between ${min} and ${max} (got ${value})`;
  return undefined;
}

const checkCandidate = (event: Fields, config: LeaseConfig) =>
  checkInt(event, "candidate", 1, config.candidates);

/** A fault on one candidate with no other field. */
function onCandidate(kind: LeaseEvent["kind"], doc: string, weight: number, fault = true): Kind {
  return {
    doc,
    weight,
    fault,
    arbitrary: (scope) => candidate(scope).map((c) => ({ kind, candidate: c }) as LeaseEvent),
    check: checkCandidate,
  };
}

/** Bounds are where timing bugs live: draw them twice as often as the values between. */
function favouringBounds(min: number, max: number) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(min, max), weight: 2 },
    { arbitrary: fc.integer({ min, max }), weight: 1 },
  );
}

/** A candidate plus one bounded integer field. */
function withValue(
  kind: LeaseEvent["kind"],
  doc: string,
  weight: number,
  field: string,
  range: (config: LeaseConfig) => { min: number; max: number },
  fault = true,
): Kind {
  return {
    doc,
    weight,
    fault,
    arbitrary: (scope) =>
      fc
        .tuple(candidate(scope), favouringBounds(range(scope).min, range(scope).max))
        .map(([c, value]) => ({ kind, candidate: c, [field]: value }) as LeaseEvent),
    check: (event, config) => {
      const { min, max } = range(config);
      return checkCandidate(event, config) ?? checkInt(event, field, min, max);
    },
  };
}

const MAX_ADVANCE = 20_000;

export const events: Readonly<Record<LeaseEvent["kind"], Kind>> = {
  advance: {
    doc: "real time passes by ms; timers fire and API calls arrive in time order meanwhile",
    weight: 10,
    arbitrary: () => fc.integer({ min: 1, max: MAX_ADVANCE }).map((n) => ({ kind: "advance", ms: n })),
    check: (event) => checkInt(event, "ms", 1, 3_600_000),
  },
  until: onCandidate(
    "until",
    "real time passes until 1 ms before the candidate's next timer (try, HTTP timeout or renew deadline) fires",
    3,
    false,
  ),
  crash: onCandidate(
    "crash",
    "the candidate's process dies at once: no release, its elector state is lost",
    2,
  ),
  restart: onCandidate(
    "restart",
    "a stopped process starts again with a fresh elector (kubelet restart)",
    2,
    false,
  ),
  shutdown: onCandidate(
    "shutdown",
    "graceful stop (SIGTERM): leadership ends, released if ReleaseOnCancel",
    1,
  ),
  pause: withValue(
    "pause",
    "the process freezes for ms (GC pause, SIGSTOP); its clock keeps running",
    2,
    "ms",
    (c) => ({
      min: 1,
      max: Math.max(1, ms(c.maxPause)),
    }),
  ),
  cut: onCandidate(
    "cut",
    "the candidate is partitioned from the API server; its requests wait, replies to it are lost",
    2,
  ),
  heal: onCandidate(
    "heal",
    "the partition ends; requests held by it reach the API server, maybe after their sender gave up",
    2,
    false,
  ),
  lose: onCandidate("lose", "the candidate's requests and replies in flight are lost", 1),
  latency: withValue("latency", "its API calls now take ms each way", 2, "ms", (c) => ({
    min: 0,
    max: ms(c.maxApiDelay),
  })),
  "clock-rate": withValue(
    "clock-rate",
    "its clock now runs at perMille / 1000 of real time",
    3,
    "perMille",
    (c) => ({ min: 1000 - c.maxClockDrift, max: 1000 + c.maxClockDrift }),
  ),
  "clock-offset": withValue(
    "clock-offset",
    "its wall clock is set ms away from real time (monotonic time is unaffected)",
    1,
    "ms",
    (c) => ({ min: -ms(c.maxClockOffset), max: ms(c.maxClockOffset) }),
  ),
  jitter: withValue(
    "jitter",
    "its acquire waits become retryPeriod × (1 + u/1000 × 1.2)",
    1,
    "u",
    () => ({ min: 0, max: 999 }),
    false,
  ),
};

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
