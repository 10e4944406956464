/**
 * Invariants about real time. They replay the oracle log (who started and stopped acting, and
 * every change of the Lease's holder at the API server, in the order they happened), never any
 * one candidate's view.
 */
import type { Invariant } from "../../src/model.ts";
import { durations, JITTER_FACTOR, type LeaseConfig, ms } from "./config.ts";
import type { Happening, LeaseState } from "./state.ts";

type LeaseInvariant = Invariant<LeaseConfig, LeaseState>;

export const at = (t: number) => `${(t / 1000).toFixed(3)} s`;
/** An identity in words: `host2_1` is candidate 2's first process. */
export const name = (holder: string) =>
  holder === ""
    ? 'nobody ("" after a release)'
    : `${holder} (candidate ${holder.slice(4, holder.indexOf("_"))})`;

/** Who acts as leader since when, holding the Lease as which identity. */
type Acting = ReadonlyMap<number, { readonly since: number; readonly as: string }>;

/** Replays the log; `visit` sees each happening with who acted just before it. Returns the first message. */
function replay(
  log: readonly Happening[],
  visit: (h: Happening, acting: Acting, holder: string) => string | undefined,
): string | undefined {
  const acting = new Map<number, { since: number; as: string }>();
  let holder = "";
  for (const h of log) {
    const problem = visit(h, acting, holder);
    if (problem) return problem;
    if ("acts" in h) acting.set(h.acts, { since: h.at, as: h.as });
    else if ("stops" in h) acting.delete(h.stops);
    else holder = h.holder;
  }
  return undefined;
}

/** A check that replays the log whenever the step added to it. */
function replayed(visit: Parameters<typeof replay>[1]): LeaseInvariant["check"] {
  return (s, prev) => (s.history.log === prev.history.log ? undefined : replay(s.history.log, visit));
}

export const singleActiveLeader: LeaseInvariant = {
  name: "single-active-leader",
  doc: "at no instant of real time do two candidates act as leader",
  check: replayed((h, acting) => {
    if (!("acts" in h)) return undefined;
    for (const [other, { since }] of acting)
      return `candidates ${other} and ${h.acts} both act as leader at ${at(h.at)} (${other} since ${at(since)})`;
    return undefined;
  }),
};

/**
 * Stronger than single-active-leader: a new holder can only act after the API server made it the
 * holder, so two actors imply a holder change under an actor. It also catches the API server
 * handing the Lease on (or a release) while the old leader still acts and nobody else yet does.
 */
export const leaderHoldsLease: LeaseInvariant = {
  name: "leader-holds-lease",
  doc: "while a candidate acts as leader, the Lease's holderIdentity at the API server is that candidate's process",
  check: replayed((h, acting, holder) => {
    if ("acts" in h && holder !== h.as)
      return `candidate ${h.acts} starts acting at ${at(h.at)} while the Lease is held by ${name(holder)}`;
    if ("holder" in h)
      for (const [leader, { as }] of acting)
        if (as !== h.holder)
          return `the Lease passes to ${name(h.holder)} at ${at(h.at)} while candidate ${leader} (${as}) still acts as leader`;
    return undefined;
  }),
};

/**
 * The longest real time from a leader's crash (or cut-off, or shutdown) to a new leader acting,
 * when the others stay up, connected and unpaused, clocks within the drift bound and no message is
 * lost; see README for the derivation. Zero drift: leaseDuration + 4.4 × retryPeriod + 14 × delay.
 */
export function failoverBound(config: LeaseConfig): number {
  let longest = 0;
  for (let id = 1; id <= config.candidates; id++)
    longest = Math.max(longest, durations(config, id).leaseDuration);
  const retry = ms(config.retryPeriod);
  const slowest = (1000 - config.maxClockDrift) / 1000;
  return Math.ceil((longest + 2 * (1 + JITTER_FACTOR) * retry) / slowest) + 14 * ms(config.maxApiDelay);
}

export const failoverBounded: LeaseInvariant = {
  name: "failover-bounded",
  doc: "after the leader crashes, is cut off or shut down while the others are healthy, a new leader acts within the failover bound",
  check: (s, _prev, ctx) => {
    const f = s.history.failover;
    if (!f) return undefined;
    const waited = (f.ended ?? s.now) - f.since;
    const bound = failoverBound(ctx.config);
    if (waited <= bound) return undefined;
    const what = f.cause === "start" ? "since the start" : `since ${f.cause} at ${at(f.since)}`;
    return `no candidate acted as leader for ${at(waited)} ${what}; the bound is ${at(bound)}`;
  },
};

export const invariants: readonly LeaseInvariant[] = [singleActiveLeader, leaderHoldsLease, failoverBounded];
