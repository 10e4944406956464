/**
 * One candidate's client-go LeaderElector (tools/leaderelection): tryAcquireOrRenew, the acquire
 * loop (JitterUntil, sliding) and the renew loop (a poll every retryPeriod that gives up leadership
 * when no try succeeded within renewDeadline), ReleaseOnCancel's release (per client-go release).
 * Every decision reads only the candidate's own clock and what it has seen of the Lease.
 */
import { durations, type LeaseConfig } from "./config.ts";
import { serialisedRecord } from "./record.ts";
import type {
  Call,
  Elector,
  LeaseContext,
  LeaseSpec,
  LeaseState,
  Reply,
  StopReason,
  StoredLease,
} from "./state.ts";
import { identity, localNow, wallNow } from "./state.ts";
import { candidateOf, happen, send, setCandidate, setElector } from "./updates.ts";

/** The local ms of the candidate's next timer: next try, HTTP timeout, renew deadline or release deadline. */
export function due(s: LeaseState, id: number, config: LeaseConfig): number | undefined {
  const c = candidateOf(s, id);
  const e = c.elector;
  if (c.process !== "up" || !e) return undefined;
  let first = e.next ?? Number.POSITIVE_INFINITY;
  if (e.call) first = Math.min(first, e.call.sent + durations(config, id).requestTimeout);
  if (e.pollDeadline !== undefined) first = Math.min(first, e.pollDeadline);
  if (e.release) first = Math.min(first, e.release.deadline);
  return first === Number.POSITIVE_INFINITY ? undefined : first;
}

/** This process's identity: hostname_<uuid>, new with every start. */
export function me(s: LeaseState, id: number): string {
  return identity(id, candidateOf(s, id).starts);
}

/** client-go IsLeader: the observed record names this process. */
function isLeader(s: LeaseState, id: number, e: Elector): boolean {
  return e.observed?.spec.holderIdentity === me(s, id);
}

/** A timer came due: the renew deadline passed, an API call timed out, or the next try starts. */
export function onTimer(s: LeaseState, id: number, ctx: LeaseContext): LeaseState {
  const { clock, elector: e } = candidateOf(s, id);
  const local = localNow(clock, s.now);
  if (e!.release && local >= e!.release.deadline) return finishRelease(s, id);
  if (e!.pollDeadline !== undefined && local >= e!.pollDeadline)
    return stopLeading(s, id, "renew deadline passed", ctx);
  if (e!.call && local >= e!.call.sent + durations(ctx.config, id).requestTimeout)
    return callFailed(s, id, ctx);
  if (e!.release) return s;
  if (e!.leading && e!.pollDeadline === undefined) {
    // wait.Until starts the next renew poll: it may run for at most renewDeadline.
    const deadline = ctx.flaws.has("no-renew-deadline")
      ? Number.MAX_SAFE_INTEGER
      : local + durations(ctx.config, id).renewDeadline;
    s = setElector(s, id, { pollDeadline: deadline });
  }
  return startTry(s, id, ctx);
}

/** tryAcquireOrRenew: the fast path (UPDATE from the cached Lease) when it holds an unexpired lease, else GET first. */
function startTry(s: LeaseState, id: number, ctx: LeaseContext): LeaseState {
  const { clock, elector: e } = candidateOf(s, id);
  const local = localNow(clock, s.now);
  s = setElector(s, id, { tryStart: local, next: undefined });
  const o = e!.observed;
  if (o && isLeader(s, id, e!) && e!.observedTime + o.spec.leaseDurationSeconds * 1000 > local) {
    const spec = {
      ...desiredSpec(s, id, ctx),
      acquireTime: o.spec.acquireTime,
      leaseTransitions: o.spec.leaseTransitions,
    };
    return sendUpdate(s, id, "renew", spec, o, ctx);
  }
  return call(s, id, "get", { op: "get" });
}

/** The reply to the elector's current call arrived (replies to calls it gave up on never get here). */
export function onReply(s: LeaseState, id: number, reply: Reply, ctx: LeaseContext): LeaseState {
  const { clock, elector: e } = candidateOf(s, id);
  const local = localNow(clock, s.now);
  const op = e!.call!.op;
  s = setElector(s, id, { call: undefined });
  if (op === "release-get") return releaseAfterRead(s, id, reply, ctx);
  if (op === "release") {
    if (reply.ok) s = setElector(s, id, { observed: reply.lease, observedTime: local });
    return finishRelease(s, id);
  }
  if (!reply.ok) return op === "renew" ? call(s, id, "get", { op: "get" }) : tryFailed(s, id, ctx);
  if (op !== "get") {
    s = setElector(s, id, { observed: reply.lease, observedTime: local });
    return trySucceeded(s, id, ctx);
  }
  const lease = reply.lease;
  if (!lease)
    return call(s, id, "create", { op: "create", spec: { ...desiredSpec(s, id, ctx), leaseTransitions: 0 } });
  s = observe(s, id, lease, ctx);
  if (heldByAnother(s, id, lease, ctx)) return tryFailed(s, id, ctx);
  const mine = isLeader(s, id, candidateOf(s, id).elector!);
  const spec = {
    ...desiredSpec(s, id, ctx),
    acquireTime: mine ? lease.spec.acquireTime : wallNow(clock, s.now),
    leaseTransitions: mine ? lease.spec.leaseTransitions : lease.spec.leaseTransitions + 1,
  };
  return sendUpdate(s, id, "update", spec, lease, ctx);
}

/**
 * The lock keeps the Lease it read (its resourceVersion); observedRecord and observedTime move only
 * when the serialised record differs from the last one read (bytes.Equal on whole-second times).
 */
function observe(s: LeaseState, id: number, lease: StoredLease, ctx: LeaseContext): LeaseState {
  const { clock, elector: e } = candidateOf(s, id);
  const raw = serialisedRecord(lease.spec);
  if (raw !== e!.observedRaw || ctx.flaws.has("observe-every-read"))
    return setElector(s, id, { observed: lease, observedRaw: raw, observedTime: localNow(clock, s.now) });
  const spec = e!.observed?.spec ?? lease.spec;
  return setElector(s, id, { observed: { spec, resourceVersion: lease.resourceVersion } });
}

/** Held, and not expired by this candidate's own observation (an empty holder can be taken at once). */
function heldByAnother(s: LeaseState, id: number, lease: StoredLease, ctx: LeaseContext): boolean {
  const { clock, elector: e } = candidateOf(s, id);
  if (lease.spec.holderIdentity === "" || isLeader(s, id, e!)) return false;
  const duration = ctx.flaws.has("own-duration-expiry")
    ? durations(ctx.config, id).leaseDuration
    : e!.observed!.spec.leaseDurationSeconds * 1000;
  if (ctx.flaws.has("remote-clock-expiry")) return lease.spec.renewTime + duration > wallNow(clock, s.now);
  return e!.observedTime + duration > localNow(clock, s.now);
}

function trySucceeded(s: LeaseState, id: number, ctx: LeaseContext): LeaseState {
  const { clock, elector: e } = candidateOf(s, id);
  const local = localNow(clock, s.now);
  if (e!.leading) {
    return setElector(s, id, {
      pollDeadline: undefined,
      next: local + durations(ctx.config, id).retryPeriod,
    });
  }
  // Acquired: OnStartedLeading, then renew() starts its first poll at once.
  s = happen(setElector(s, id, { leading: true }), { at: s.now, acts: id, as: me(s, id) });
  const failover = s.history.failover;
  if (failover && failover.ended === undefined)
    s = { ...s, history: { ...s.history, failover: { ...failover, ended: s.now } } };
  return onTimer(s, id, ctx);
}

function tryFailed(s: LeaseState, id: number, ctx: LeaseContext): LeaseState {
  const c = candidateOf(s, id);
  const e = c.elector!;
  const local = localNow(c.clock, s.now);
  const { retryPeriod } = durations(ctx.config, id);
  if (!e.leading) {
    // JitterUntil, sliding: the wait starts when the try returns. U comes from the schedule.
    return setElector(s, id, { next: local + Math.floor((retryPeriod * (5000 + 6 * c.jitter)) / 5000) });
  }
  if (ctx.flaws.has("no-renew-deadline") && !isLeader(s, id, e))
    return stopLeading(s, id, "saw another holder", ctx);
  // PollUntilContextTimeout: the next try is due retryPeriod after the last one started.
  return setElector(s, id, { next: Math.max(e.tryStart + retryPeriod, local) });
}

/** The client gave up on its call (HTTP timeout); the request may still reach the API server. */
function callFailed(s: LeaseState, id: number, ctx: LeaseContext): LeaseState {
  const op = candidateOf(s, id).elector!.call!.op;
  s = setElector(s, id, { call: undefined });
  if (op === "release" || op === "release-get") return finishRelease(s, id);
  if (op === "renew") return call(s, id, "get", { op: "get" });
  return tryFailed(s, id, ctx);
}

/**
 * Leadership ends (Run in leaderelection.go). Without ReleaseOnCancel, or after a crash, the
 * process stops acting and exits at once. With it, renew() calls release() before it returns, and
 * only then does Run cancel the context it gave OnStartedLeading: a leader whose renew deadline
 * passed keeps acting until its release returns or times out. On a graceful shutdown the caller
 * cancels Run's own context, the parent of OnStartedLeading's, so acting stops at once and the
 * release runs on while the process exits.
 */
export function stopLeading(s: LeaseState, id: number, why: StopReason, ctx: LeaseContext): LeaseState {
  const { clock, elector: e } = candidateOf(s, id);
  const releases = why !== "crashed" && e!.leading && ctx.config.releaseOnCancel && isLeader(s, id, e!);
  if (!releases) return exit(s, id, why);
  if (why === "shut down" && !ctx.flaws.has("release-before-stop")) s = stopActing(s, id, why);
  const deadline = localNow(clock, s.now) + durations(ctx.config, id).renewDeadline;
  s = setElector(s, id, {
    next: undefined,
    call: undefined,
    pollDeadline: undefined,
    release: { why, deadline },
  });
  return ctx.config.clientGo === "1.33"
    ? sendRelease(s, id, e!.observed!, ctx)
    : call(s, id, "release-get", { op: "get" });
}

/** Graceful shutdown (SIGTERM): the run context is cancelled. A release already running carries on. */
export function shutdown(s: LeaseState, id: number, ctx: LeaseContext): LeaseState {
  const e = candidateOf(s, id).elector!;
  if (!e.release) return stopLeading(s, id, "shut down", ctx);
  return ctx.flaws.has("release-before-stop") ? s : stopActing(s, id, "shut down");
}

/** client-go 1.34: release re-reads the Lease, but judges IsLeader on its own (stale) observed record. */
function releaseAfterRead(s: LeaseState, id: number, reply: Reply, ctx: LeaseContext): LeaseState {
  const e = candidateOf(s, id).elector!;
  if (!reply.ok || !reply.lease || !isLeader(s, id, e)) return finishRelease(s, id);
  return sendRelease(s, id, reply.lease, ctx);
}

/** The empty holder, leaseDurationSeconds 1, conditional on the resourceVersion of `base`. */
function sendRelease(s: LeaseState, id: number, base: StoredLease, ctx: LeaseContext): LeaseState {
  const wall = wallNow(candidateOf(s, id).clock, s.now);
  const spec = {
    holderIdentity: "",
    leaseDurationSeconds: 1,
    acquireTime: wall,
    renewTime: wall,
    leaseTransitions: base.spec.leaseTransitions,
  };
  return sendUpdate(s, id, "release", spec, base, ctx);
}

function finishRelease(s: LeaseState, id: number): LeaseState {
  return exit(s, id, candidateOf(s, id).elector!.release!.why);
}

function stopActing(s: LeaseState, id: number, why: StopReason): LeaseState {
  if (!candidateOf(s, id).elector!.leading) return s;
  return setElector(happen(s, { at: s.now, stops: id, why }), id, { leading: false });
}

/** OnStoppedLeading, and the process exits (kube-controller-manager and kube-scheduler both do). */
function exit(s: LeaseState, id: number, why: StopReason): LeaseState {
  s = stopActing(s, id, why);
  const process = why === "crashed" ? "crashed" : why === "shut down" ? "shut down" : "exited";
  return setCandidate(s, id, { ...candidateOf(s, id), process, elector: undefined });
}

function desiredSpec(s: LeaseState, id: number, ctx: LeaseContext): LeaseSpec {
  const wall = wallNow(candidateOf(s, id).clock, s.now);
  const leaseDurationSeconds = Math.trunc(durations(ctx.config, id).leaseDuration / 1000);
  return {
    holderIdentity: me(s, id),
    leaseDurationSeconds,
    acquireTime: wall,
    renewTime: wall,
    leaseTransitions: 0,
  };
}

function sendUpdate(
  s: LeaseState,
  id: number,
  op: "update" | "renew" | "release",
  spec: LeaseSpec,
  base: StoredLease,
  ctx: LeaseContext,
) {
  return call(s, id, op, { op: "update", spec, resourceVersion: precondition(base, ctx) });
}

/** The resourceVersion the UPDATE is conditional on. */
function precondition(base: StoredLease, ctx: LeaseContext): number | undefined {
  return ctx.flaws.has("blind-update") ? undefined : base.resourceVersion;
}

function call(s: LeaseState, id: number, op: Call["op"], request: Parameters<typeof send>[2]): LeaseState {
  const [next, callId] = send(s, id, request);
  return setElector(next, id, { call: callOf(next, id, callId, op) });
}

function callOf(s: LeaseState, id: number, callId: number, op: Call["op"]): Call {
  return { id: callId, op, sent: localNow(candidateOf(s, id).clock, s.now) };
}
