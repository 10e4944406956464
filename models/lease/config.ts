/**
 * The lease model's config: client-go's three durations (seconds, as the --leader-elect-* flags take
 * them), ReleaseOnCancel, and the bounds of the environment a schedule may draw from (clock drift
 * and offset, pauses, API latency). Validation equals client-go's NewLeaderElector.
 */
import type { Param } from "../../src/model.ts";

export interface LeaseConfig {
  readonly candidates: number;
  /** Seconds, like --leader-elect-lease-duration. */
  readonly leaseDuration: number;
  readonly renewDeadline: number;
  readonly retryPeriod: number;
  /** kube-scheduler sets it, kube-controller-manager does not. */
  readonly releaseOnCancel: boolean;
  /** Candidate 1's own leaseDuration / renewDeadline (0: the same as the others), e.g. mid-way through a rolling flag change. */
  readonly candidate1LeaseDuration: number;
  readonly candidate1RenewDeadline: number;
  /** A clock runs at (1000 ± this) / 1000 of real time. */
  readonly maxClockDrift: number;
  /** Seconds a wall clock may be set away from real time. */
  readonly maxClockOffset: number;
  /** Longest process pause (GC, SIGSTOP), seconds. */
  readonly maxPause: number;
  /** Longest one-way trip of a request or reply between a candidate and the API server, seconds. */
  readonly maxApiDelay: number;
  /** Let a running process's wall clock step backwards (outside client-go's assumption that every renew changes the record). */
  readonly wallClockStepsBack: boolean;
  /** client-go's release: "1.33" (up to 1.33: UPDATE from the cached Lease) or "1.34" (re-reads the Lease first). */
  readonly clientGo: ClientGoRelease;
}

export const CLIENT_GO_RELEASES = ["1.33", "1.34"] as const;
export type ClientGoRelease = (typeof CLIENT_GO_RELEASES)[number];

/** client-go's JitterFactor: acquire attempts are spaced retryPeriod × (1 + U[0,1) × 1.2). */
export const JITTER_FACTOR = 1.2;

export const defaults: LeaseConfig = {
  candidates: 3,
  leaseDuration: 15,
  renewDeadline: 10,
  retryPeriod: 2,
  releaseOnCancel: false,
  candidate1LeaseDuration: 0,
  candidate1RenewDeadline: 0,
  maxClockDrift: 10,
  maxClockOffset: 30,
  maxPause: 0.25,
  maxApiDelay: 0.5,
  wallClockStepsBack: false,
  clientGo: "1.34",
};

const seconds = { type: "number", min: 0, max: 3600 } as const;

export const params: readonly Param<LeaseConfig>[] = [
  {
    key: "candidates",
    flag: "candidates",
    doc: "replicas contending for the Lease (kube-controller-manager or kube-scheduler instances)",
    type: "int",
    min: 1,
    max: 5,
    generate: { min: 2, max: 5 },
  },
  {
    key: "leaseDuration",
    flag: "lease-duration",
    doc: "leaseDuration in seconds, like --leader-elect-lease-duration",
    ...seconds,
  },
  {
    key: "renewDeadline",
    flag: "renew-deadline",
    doc: "renewDeadline in seconds, like --leader-elect-renew-deadline",
    ...seconds,
  },
  {
    key: "retryPeriod",
    flag: "retry-period",
    doc: "retryPeriod in seconds, like --leader-elect-retry-period",
    ...seconds,
  },
  {
    key: "releaseOnCancel",
    flag: "release-on-cancel",
    doc: "release the Lease when leadership ends (kube-scheduler: true; kube-controller-manager: false)",
    type: "boolean",
  },
  {
    key: "candidate1LeaseDuration",
    flag: "candidate-1-lease-duration",
    doc: "candidate 1's own leaseDuration in seconds, as during a rolling flag change (0: same as the others)",
    ...seconds,
  },
  {
    key: "candidate1RenewDeadline",
    flag: "candidate-1-renew-deadline",
    doc: "candidate 1's own renewDeadline in seconds (0: same as the others)",
    ...seconds,
  },
  {
    key: "maxClockDrift",
    flag: "max-clock-drift",
    doc: "clock rate bound in parts per thousand: a clock runs at (1000 ± this)/1000 of real time",
    type: "int",
    min: 0,
    max: 900,
  },
  {
    key: "maxClockOffset",
    flag: "max-clock-offset",
    doc: "how far (seconds) a wall clock may be set from real time",
    ...seconds,
  },
  { key: "maxPause", flag: "max-pause", doc: "longest process pause (GC, SIGSTOP) in seconds", ...seconds },
  {
    key: "maxApiDelay",
    flag: "max-api-delay",
    doc: "longest one-way trip (seconds) of a request or reply between a candidate and the API server",
    ...seconds,
  },
  {
    key: "wallClockStepsBack",
    flag: "wall-clock-steps-back",
    doc: "let a running process's wall clock be stepped backwards (NTP step, `date -s`): finds the lease ABA counterexample",
    type: "boolean",
  },
  {
    key: "clientGo",
    flag: "client-go",
    doc: "client-go release of the elector: 1.33 (release UPDATEs from its cached Lease) or 1.34 (release re-reads the Lease first)",
    type: "enum",
    values: CLIENT_GO_RELEASES,
  },
];

/** One candidate's durations in milliseconds, as its LeaderElectionConfig holds them. */
export interface Durations {
  readonly leaseDuration: number;
  readonly renewDeadline: number;
  readonly retryPeriod: number;
  /** The HTTP client timeout resourcelock.NewFromKubeconfig sets: renewDeadline / 2, at least 1 s. */
  readonly requestTimeout: number;
}

const cache = new WeakMap<LeaseConfig, Durations[]>();

/** Memoized per config object: the reducer asks for them at every timer and message. */
export function durations(config: LeaseConfig, candidate: number): Durations {
  let all = cache.get(config);
  if (!all) {
    all = Array.from({ length: config.candidates + 1 }, (_, id) => computeDurations(config, id));
    cache.set(config, all);
  }
  return all[candidate] ?? computeDurations(config, candidate);
}

function computeDurations(config: LeaseConfig, candidate: number): Durations {
  const odd = candidate === 1;
  const leaseDuration = ms(
    odd && config.candidate1LeaseDuration > 0 ? config.candidate1LeaseDuration : config.leaseDuration,
  );
  const renewDeadline = ms(
    odd && config.candidate1RenewDeadline > 0 ? config.candidate1RenewDeadline : config.renewDeadline,
  );
  const retryPeriod = ms(config.retryPeriod);
  return {
    leaseDuration,
    renewDeadline,
    retryPeriod,
    requestTimeout: Math.max(1000, Math.floor(renewDeadline / 2)),
  };
}

export function ms(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** client-go NewLeaderElector's checks, applied to every candidate's own durations, and the model's own timer budget. */
export function validateConfig(config: LeaseConfig): string | undefined {
  const problems = [electorProblem(config.leaseDuration, config.renewDeadline, config.retryPeriod, "")];
  if (config.candidate1LeaseDuration > 0 || config.candidate1RenewDeadline > 0) {
    const d = durations(config, 1);
    problems.push(
      electorProblem(d.leaseDuration / 1000, d.renewDeadline / 1000, config.retryPeriod, " for candidate 1"),
    );
  }
  problems.push(timerProblem(config));
  return problems.find((p) => p !== undefined);
}

/** Go's time.Duration: integer nanoseconds, as the --leader-elect-* flags parse to. */
const nanoseconds = (seconds: number) => Math.round(seconds * 1e9);

function electorProblem(lease: number, renew: number, retry: number, who: string): string | undefined {
  if (lease <= 0) return `leaseDuration must be greater than zero${who} (client-go NewLeaderElector)`;
  if (renew <= 0) return `renewDeadline must be greater than zero${who} (client-go NewLeaderElector)`;
  if (retry <= 0) return `retryPeriod must be greater than zero${who} (client-go NewLeaderElector)`;
  if (nanoseconds(lease) <= nanoseconds(renew))
    return `leaseDuration must be greater than renewDeadline${who} (client-go NewLeaderElector; got ${lease} s ≤ ${renew} s)`;
  // RenewDeadline <= time.Duration(JitterFactor*float64(RetryPeriod)): a float64 product truncated to whole ns.
  const jittered = Math.trunc(JITTER_FACTOR * nanoseconds(retry));
  if (nanoseconds(renew) <= jittered)
    return `renewDeadline must be greater than retryPeriod × JitterFactor 1.2${who} (client-go NewLeaderElector; got ${renew} s ≤ ${jittered / 1e9} s)`;
  return undefined;
}

/**
 * The model's own limit, not client-go's: every candidate tries at most once per retryPeriod and a
 * try is at most a timer and three calls, so the happenings in one `advance` grow as its length
 * over retryPeriod. Below 50 ms, one generated advance (up to 20 s) could exceed the reducer's
 * guard against runaway loops; refuse such configs here rather than crash mid-run.
 */
export const MIN_RETRY_PERIOD_MS = 50;

function timerProblem(config: LeaseConfig): string | undefined {
  if (ms(config.retryPeriod) < MIN_RETRY_PERIOD_MS)
    return `retryPeriod must be at least ${MIN_RETRY_PERIOD_MS / 1000} s in this model (got ${config.retryPeriod} s): shorter periods fire too many timers per step to simulate`;
  return undefined;
}
