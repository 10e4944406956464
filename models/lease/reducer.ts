/**
 * The reducer. `advance` lets real time pass and runs, in time order, everything due meanwhile:
 * requests reaching the API server, replies reaching candidates, candidates' timers. The other
 * events are faults and environment changes applied at the current instant.
 */

import { serve } from "./apiserver.ts";
import { ms } from "./config.ts";
import { due, onReply, onTimer, shutdown, stopLeading } from "./elector.ts";
import type { LeaseEvent } from "./events.ts";
import {
  type Candidate,
  freshElector,
  type InFlightReply,
  type InFlightRequest,
  type LeaseContext,
  type LeaseState,
  localNow,
  realWhen,
} from "./state.ts";
import { candidateOf, healthy, setCandidate } from "./updates.ts";

export function step(s: LeaseState, event: LeaseEvent, ctx: LeaseContext): LeaseState {
  if (event.kind === "advance") return event.ms >= 1 ? advance(s, s.now + event.ms, ctx) : s;
  const id = event.candidate;
  if (!Number.isInteger(id) || id < 1 || id > s.candidates.length) return s;
  const c = candidateOf(s, id);
  const { config } = ctx;
  switch (event.kind) {
    case "until": {
      const local = due(s, id, ctx.config);
      if (local === undefined) return s;
      const at = Math.max(realWhen(c.clock, local, s.now), c.pausedUntil) - 1;
      return at > s.now ? advance(s, at, ctx) : s;
    }
    case "crash":
      if (c.process !== "up") return s;
      return failover(stopLeading(s, id, "crashed", ctx), s, id, "crashed");
    case "shutdown":
      if (c.process !== "up") return s;
      return failover(shutdown(s, id, ctx), s, id, "was shut down");
    case "restart":
      if (c.process === "up") return s;
      // A new process: a new hostname_<uuid> identity, so it must wait out its predecessor's lease too.
      return setCandidate(s, id, {
        ...c,
        process: "up",
        starts: c.starts + 1,
        pausedUntil: s.now,
        elector: freshElector(localNow(c.clock, s.now)),
      });
    case "pause":
      if (c.process !== "up" || c.pausedUntil > s.now || event.ms < 1 || event.ms > ms(config.maxPause))
        return s;
      return voidFailover(setCandidate(s, id, { ...c, pausedUntil: s.now + event.ms }));
    case "cut":
      if (!c.connected) return s;
      return failover(cut(s, id), s, id, "was cut off");
    case "heal":
      if (c.connected) return s;
      return voidFailover(heal(s, id));
    case "lose":
      return lose(s, id);
    case "latency":
      if (event.ms === c.latency || event.ms < 0 || event.ms > ms(config.maxApiDelay)) return s;
      return setCandidate(s, id, { ...c, latency: event.ms });
    case "clock-rate": {
      const { perMille } = event;
      if (perMille === c.clock.rate || Math.abs(perMille - 1000) > config.maxClockDrift) return s;
      const clock = { ...c.clock, base: localNow(c.clock, s.now), since: s.now, rate: perMille };
      return setCandidate(s, id, { ...c, clock });
    }
    case "clock-offset":
      if (event.ms === c.clock.offset || Math.abs(event.ms) > ms(config.maxClockOffset)) return s;
      // client-go assumes every renew changes the record: a running process's wall clock never steps back.
      if (event.ms < c.clock.offset && c.process === "up" && !config.wallClockStepsBack) return s;
      return setCandidate(s, id, { ...c, clock: { ...c.clock, offset: event.ms } });
    case "jitter":
      if (event.u === c.jitter || !Number.isInteger(event.u) || event.u < 0 || event.u > 999) return s;
      return setCandidate(s, id, { ...c, jitter: event.u });
  }
}

/** What comes due next, in a fixed order for ties: requests, then replies, then timers; lower ids first. */
type Due =
  | { readonly at: number; readonly request: InFlightRequest }
  | { readonly at: number; readonly reply: InFlightReply }
  | { readonly at: number; readonly timer: number };

export function nextDue(s: LeaseState, ctx: LeaseContext): Due | undefined {
  let best: Due | undefined;
  for (const request of s.network.requests)
    if (request.arrives !== null && (best === undefined || request.arrives < best.at))
      best = { at: request.arrives, request };
  for (const reply of s.network.replies) {
    const to = candidateOf(s, reply.to);
    const at = Math.max(reply.arrives, to.process === "up" ? to.pausedUntil : 0);
    if (best === undefined || at < best.at) best = { at, reply };
  }
  for (let id = 1; id <= s.candidates.length; id++) {
    const local = due(s, id, ctx.config);
    if (local === undefined) continue;
    const c = candidateOf(s, id);
    const at = Math.max(realWhen(c.clock, local, s.now), c.pausedUntil);
    if (best === undefined || at < best.at) best = { at, timer: id };
  }
  return best;
}

/**
 * A guard against runaway loops, not a limit on legitimate work: each candidate tries at most once
 * per retryPeriod of its own clock (at most 1.9× real time), a try is a timer and a few calls, so
 * this bound grows with the length of the advance. validateConfig keeps retryPeriod large enough
 * for generated advances to stay cheap.
 */
function happeningBudget(s: LeaseState, until: number, ctx: LeaseContext): number {
  const periods = Math.ceil((until - s.now) / Math.max(1, ms(ctx.config.retryPeriod))) + 1;
  return 1000 + s.candidates.length * 32 * periods;
}

function advance(s: LeaseState, until: number, ctx: LeaseContext): LeaseState {
  const budget = happeningBudget(s, until, ctx);
  for (let i = 0; i < budget; i++) {
    const d = nextDue(s, ctx);
    if (d === undefined || d.at > until) return { ...s, now: until };
    s = { ...s, now: Math.max(s.now, d.at) };
    if ("request" in d) s = serve(s, d.request);
    else if ("reply" in d) s = deliver(s, d.reply, ctx);
    else s = onTimer(s, d.timer, ctx);
  }
  throw new Error(`lease model: more than ${budget} timers and messages in one advance`);
}

/** A reply reaches its candidate: handled if it is the answer its elector still waits for, else dropped. */
function deliver(s: LeaseState, reply: InFlightReply, ctx: LeaseContext): LeaseState {
  const replies = s.network.replies.filter((r) => r !== reply);
  s = { ...s, network: { ...s.network, replies } };
  const c = candidateOf(s, reply.to);
  if (c.process !== "up" || !c.connected || c.elector?.call?.id !== reply.call) return s;
  return onReply(s, reply.to, reply.reply, ctx);
}

function cut(s: LeaseState, id: number): LeaseState {
  const requests = s.network.requests.map((r) => (r.from === id ? { ...r, arrives: null } : r));
  const replies = s.network.replies.filter((r) => r.to !== id);
  s = { ...s, network: { ...s.network, requests, replies } };
  return setCandidate(s, id, { ...candidateOf(s, id), connected: false });
}

function heal(s: LeaseState, id: number): LeaseState {
  const c = candidateOf(s, id);
  const requests = s.network.requests.map((r) =>
    r.arrives === null && r.from === id ? { ...r, arrives: s.now + c.latency } : r,
  );
  return setCandidate({ ...s, network: { ...s.network, requests } }, id, { ...c, connected: true });
}

function lose(s: LeaseState, id: number): LeaseState {
  const requests = s.network.requests.filter((r) => r.from !== id);
  const replies = s.network.replies.filter((r) => r.to !== id);
  if (requests.length === s.network.requests.length && replies.length === s.network.replies.length) return s;
  return voidFailover({ ...s, network: { ...s.network, requests, replies } });
}

/**
 * Oracle bookkeeping for failover-bounded: the acting leader crashing, being shut down or cut off
 * while every other candidate is healthy opens a failover period; any other fault voids the promise.
 */
function failover(s: LeaseState, before: LeaseState, id: number, what: string): LeaseState {
  const wasActing = candidateOf(before, id).elector?.leading === true;
  const others = s.candidates.filter((_, i) => i !== id - 1);
  const othersHealthy = others.length > 0 && others.every((c: Candidate) => healthy(c, s.now));
  if (!wasActing || !othersHealthy) return voidFailover(s);
  const open = { since: s.now, cause: `leader ${id} ${what}`, ended: undefined };
  return { ...s, history: { ...s.history, failover: open } };
}

function voidFailover(s: LeaseState): LeaseState {
  return s.history.failover ? { ...s, history: { ...s.history, failover: undefined } } : s;
}
