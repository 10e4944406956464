/**
 * Lease election on the HTML report's timeline: a lane per candidate plus the API server's,
 * requests and replies as arrows, pauses, crashes and cut links as spans, who acts as leader on
 * each candidate and the Lease's holder on the API server, real time in seconds. Calls sent and
 * answered within one `advance` never show as arrows; the leaderships they cause do, as
 * happenings inside that step.
 */
import type { Happening, Lane, LaneStatus, TimelineHook, Wire } from "../../src/report/html/timeline.ts";
import type { LeaseConfig } from "./config.ts";
import type { LeaseEvent } from "./events.ts";
import { at } from "./invariants.ts";
import type { Candidate, LeaseState, Reply, Request } from "./state.ts";

const API = "api";
const lane = (id: number) => `c${id}`;
/** The Lease's holderIdentity in words: "" is what a release writes. */
const holder = (identity: string) => (identity === "" ? "nobody (released)" : identity);

function lanes(state: LeaseState): Lane[] {
  return [
    ...state.candidates.map((_, i) => ({ id: lane(i + 1), label: `candidate ${i + 1}` })),
    { id: API, label: "API server" },
  ];
}

function requestLabel(r: Request): string {
  return r.op === "get" ? "GET" : `${r.op.toUpperCase()} holder ${r.spec.holderIdentity || '""'}`;
}

function replyLabel(r: Reply): string {
  return r.ok ? (r.lease ? `OK rv ${r.lease.resourceVersion}` : "NotFound") : r.reason;
}

function inFlight(state: LeaseState): Wire[] {
  const { requests, replies } = state.network;
  return [
    ...requests.map((r) => ({
      key: `q${r.call}`,
      from: lane(r.from),
      to: API,
      label: requestLabel(r.request),
    })),
    ...replies.map((r) => ({ key: `a${r.call}`, from: API, to: lane(r.to), label: replyLabel(r.reply) })),
  ];
}

function fault(c: Candidate, now: number): string | undefined {
  if (c.process !== "up") return c.process;
  if (c.pausedUntil > now) return "paused";
  return c.connected ? undefined : "cut off";
}

function status(state: LeaseState): Record<string, LaneStatus> {
  const out: Record<string, LaneStatus> = {};
  state.candidates.forEach((c, i) => {
    const f = fault(c, state.now);
    out[lane(i + 1)] = { note: c.elector?.leading ? "LEADER" : "candidate", ...(f ? { fault: f } : {}) };
  });
  const lease = state.api.lease;
  out[API] = { note: lease ? `holder ${lease.spec.holderIdentity || '""'}` : "no Lease" };
  return out;
}

function happenings(before: LeaseState, after: LeaseState): Happening[] {
  return after.history.log.slice(before.history.log.length).map((h) => {
    if ("acts" in h)
      return { lane: lane(h.acts), text: `${at(h.at)}: candidate ${h.acts} starts acting as leader` };
    if ("stops" in h)
      return { lane: lane(h.stops), text: `${at(h.at)}: candidate ${h.stops} stops acting (${h.why})` };
    return { lane: API, text: `${at(h.at)}: the Lease's holder becomes ${holder(h.holder)}` };
  });
}

function laneOf(event: LeaseEvent): string | undefined {
  return event.kind === "advance" ? undefined : lane(event.candidate);
}

export const timeline: TimelineHook<LeaseConfig, LeaseState, LeaseEvent> = {
  lanes,
  laneOf,
  inFlight,
  networkFault: (event) => (event.kind === "lose" ? "loss" : undefined),
  status,
  happenings,
  seconds: (state) => state.now / 1000,
};
