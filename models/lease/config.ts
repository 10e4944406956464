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
}

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
  maxPause: 0.5,
  maxApiDelay: 0.5,
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

/** client-go NewLeaderElector's checks, applied to every candidate's own durations. */
export function validateConfig(config: LeaseConfig): string | undefined {
  const problems = [electorProblem(config.leaseDuration, config.renewDeadline, config.retryPeriod, "")];
  if (config.candidate1LeaseDuration > 0 || config.candidate1RenewDeadline > 0) {
    const d = durations(config, 1);
    problems.push(
      electorProblem(d.leaseDuration / 1000, d.renewDeadline / 1000, config.retryPeriod, " for candidate 1"),
    );
  }
  return problems.find((p) => p !== undefined);
}

function electorProblem(lease: number, renew: number, retry: number, who: string): string | undefined {
  if (lease <= 0) return `leaseDuration must be greater than zero${who} (client-go NewLeaderElector)`;
  if (renew <= 0) return `renewDeadline must be greater than zero${who} (client-go NewLeaderElector)`;
  if (retry <= 0) return `retryPeriod must be greater than zero${who} (client-go NewLeaderElector)`;
  if (lease <= renew)
    return `leaseDuration must be greater than renewDeadline${who} (client-go NewLeaderElector; got ${lease} s ≤ ${renew} s)`;
  if (renew <= JITTER_FACTOR * retry)
    return `renewDeadline must be greater than retryPeriod × JitterFactor 1.2${who} (client-go NewLeaderElector; got ${renew} s ≤ ${+(JITTER_FACTOR * retry).toFixed(3)} s)`;
  return undefined;
}
