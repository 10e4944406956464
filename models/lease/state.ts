/**
 * The lease model's state, grouped by owner: real time, the API server's Lease, the requests and
 * replies in flight, each candidate (its process, clock and client-go elector), and the oracle
 * `history` that only invariants and witnesses read.
 */
import type { Context } from "../../src/model.ts";
import type { LeaseConfig } from "./config.ts";

/**
 * A process's identity, as kube-controller-manager and kube-scheduler build it: hostname + "_" + a
 * new UUID per process. The model's hostname is `host<candidate>`, its UUID the count of starts.
 */
export function identity(candidate: number, starts: number): string {
  return `host${candidate}_${starts}`;
}

/** coordination.k8s.io/v1 LeaseSpec. "" is the empty holderIdentity a release writes. */
export interface LeaseSpec {
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  /** MicroTime from the writer's wall clock, in ms (the LeaderElectionRecord serialises it to whole seconds). */
  readonly acquireTime: number;
  readonly renewTime: number;
  readonly leaseTransitions: number;
}

export interface StoredLease {
  readonly spec: LeaseSpec;
  readonly resourceVersion: number;
}

export type Request =
  | { readonly op: "get" }
  | { readonly op: "create"; readonly spec: LeaseSpec }
  /** resourceVersion undefined: an unconditional write (only the blind-update flaw sends one). */
  | { readonly op: "update"; readonly spec: LeaseSpec; readonly resourceVersion: number | undefined };

export type Reply =
  /** A GET (lease undefined: NotFound) or a write that succeeded (the stored Lease). */
  | { readonly ok: true; readonly lease: StoredLease | undefined }
  | { readonly ok: false; readonly reason: "conflict" | "already exists" };

export interface InFlightRequest {
  readonly call: number;
  readonly from: number;
  /** Real ms when it reaches the API server; null while its sender is cut off. */
  readonly arrives: number | null;
  readonly request: Request;
}

export interface InFlightReply {
  readonly call: number;
  readonly to: number;
  readonly arrives: number;
  readonly reply: Reply;
}

/** A local clock: monotonic reading = base + floor((now − since) × rate / 1000); wall = monotonic + offset. */
export interface Clock {
  readonly base: number;
  readonly since: number;
  readonly rate: number;
  readonly offset: number;
}

/** What the elector is waiting for: the reply to one API call of the current tryAcquireOrRenew. */
export interface Call {
  readonly id: number;
  /** "renew" is the fast-path UPDATE from the cached Lease; "release-get" and "release" are ReleaseOnCancel's read and write. */
  readonly op: "get" | "create" | "update" | "renew" | "release-get" | "release";
  /** Local ms when the request was sent (the HTTP timeout runs from here). */
  readonly sent: number;
}

/** client-go LeaderElector state, lost when the process exits. All times are the candidate's own monotonic ms. */
export interface Elector {
  /** Acting as leader: from a successful acquire until it stops leading by its own clock. */
  readonly leading: boolean;
  /**
   * observedRecord (the spec) with the resourceVersion of the Lease the lock last read or wrote
   * (what the next UPDATE is conditional on).
   */
  readonly observed: StoredLease | undefined;
  /** observedRawRecord: the serialised record of the last GET that differed from it; own writes leave it. */
  readonly observedRaw: string | undefined;
  /** When this candidate last saw the record change (or wrote it). */
  readonly observedTime: number;
  /** When the current or last tryAcquireOrRenew started. */
  readonly tryStart: number;
  /** When the next try starts; undefined while a try is running. */
  readonly next: number | undefined;
  readonly call: Call | undefined;
  /** Deadline of the running renew poll (RenewDeadline from its start). */
  readonly pollDeadline: number | undefined;
  /** ReleaseOnCancel's release() is running: why leadership ends, and its context's deadline (RenewDeadline). */
  readonly release: { readonly why: StopReason; readonly deadline: number } | undefined;
}

export type Process = "up" | "crashed" | "exited" | "shut down";

export interface Candidate {
  readonly process: Process;
  /** Process starts so far: each start is a new identity (hostname_<uuid>). */
  readonly starts: number;
  /** Real ms until which the process is frozen (its clock keeps running). */
  readonly pausedUntil: number;
  readonly connected: boolean;
  /** One-way delay of its requests and replies, real ms. */
  readonly latency: number;
  /** U in [0, 1000) per mille: its acquire waits are retryPeriod × (1 + U × 1.2). */
  readonly jitter: number;
  readonly clock: Clock;
  readonly elector: Elector | undefined;
}

/** One fact in the order it happened; invariants replay these. */
export type Happening =
  /** Candidate `acts` starts acting as leader, holding the Lease as identity `as`. */
  | { readonly at: number; readonly acts: number; readonly as: string }
  | { readonly at: number; readonly stops: number; readonly why: StopReason }
  /** The Lease's holderIdentity changed at the API server ("": released). */
  | { readonly at: number; readonly holder: string };

export type StopReason = "renew deadline passed" | "crashed" | "shut down" | "saw another holder";

/** A period with nobody acting in which failover-bounded promises a new leader. */
export interface Failover {
  readonly since: number;
  readonly cause: string;
  /** When a candidate started acting; undefined while none has. */
  readonly ended: number | undefined;
}

export interface History {
  readonly log: readonly Happening[];
  readonly failover: Failover | undefined;
  /** Writes the API server rejected (conflict or already exists). */
  readonly rejected: number;
  /** Requests that reached the API server after their sender had given up on them (or exited). */
  readonly late: number;
}

export interface LeaseState {
  /** Real time, ms. */
  readonly now: number;
  readonly api: { readonly lease: StoredLease | undefined };
  readonly network: {
    readonly requests: readonly InFlightRequest[];
    readonly replies: readonly InFlightReply[];
    readonly nextCall: number;
  };
  /** Index i holds candidate i + 1. */
  readonly candidates: readonly Candidate[];
  readonly history: History;
}

export type LeaseContext = Context<LeaseConfig>;

export function localNow(clock: Clock, now: number): number {
  return clock.base + Math.floor(((now - clock.since) * clock.rate) / 1000);
}

export function wallNow(clock: Clock, now: number): number {
  return localNow(clock, now) + clock.offset;
}

/** The earliest real ms at which the clock reads at least `local` (never before `now`). */
export function realWhen(clock: Clock, local: number, now: number): number {
  if (localNow(clock, now) >= local) return now;
  return clock.since + Math.ceil(((local - clock.base) * 1000) / clock.rate);
}

export function freshElector(local: number): Elector {
  return {
    leading: false,
    observed: undefined,
    observedRaw: undefined,
    observedTime: 0,
    tryStart: local,
    next: local,
    call: undefined,
    pollDeadline: undefined,
    release: undefined,
  };
}

export function init(ctx: LeaseContext): LeaseState {
  const clock: Clock = { base: 0, since: 0, rate: 1000, offset: 0 };
  const candidate: Candidate = {
    process: "up",
    starts: 1,
    pausedUntil: 0,
    connected: true,
    latency: 0,
    jitter: 0,
    clock,
    elector: freshElector(0),
  };
  return {
    now: 0,
    api: { lease: undefined },
    network: { requests: [], replies: [], nextCall: 1 },
    candidates: Array.from({ length: ctx.config.candidates }, () => candidate),
    history: { log: [], failover: { since: 0, cause: "start", ended: undefined }, rejected: 0, late: 0 },
  };
}
