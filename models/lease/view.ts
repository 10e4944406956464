/** What a person sees of a state in a report: real time, the Lease, each candidate, messages in flight, the oracle. */

import type { LeaseConfig } from "./config.ts";
import { at, failoverBound } from "./invariants.ts";
import type {
  Call,
  Candidate,
  InFlightReply,
  InFlightRequest,
  LeaseContext,
  LeaseSpec,
  LeaseState,
  Request,
  StoredLease,
} from "./state.ts";
import { identity, localNow } from "./state.ts";

const holder = (identity: string) => (identity === "" ? '""' : identity);
const signed = (n: number) => `${n >= 0 ? "+" : "−"}${at(Math.abs(n))}`;

function leaseView(lease: StoredLease | undefined) {
  if (!lease) return { holderIdentity: "(no Lease object yet)" };
  const { spec } = lease;
  return {
    holderIdentity: holder(spec.holderIdentity),
    leaseDurationSeconds: spec.leaseDurationSeconds,
    acquireTime: at(spec.acquireTime),
    renewTime: at(spec.renewTime),
    leaseTransitions: spec.leaseTransitions,
    resourceVersion: lease.resourceVersion,
  };
}

function specLine(spec: LeaseSpec): string {
  return `holder ${holder(spec.holderIdentity)} renewTime ${at(spec.renewTime)}`;
}

const CALLS: Record<Call["op"], string> = {
  get: "GET",
  create: "CREATE",
  update: "UPDATE",
  renew: "fast-path UPDATE",
  "release-get": "release GET",
  release: "release UPDATE",
};

function candidateView(c: Candidate, id: number, now: number) {
  const { rate, base, since, offset } = c.clock;
  const clock =
    rate === 1000 && base === since && offset === 0
      ? "real time"
      : `reads ${at(localNow(c.clock, now))}, rate ${(rate / 1000).toFixed(3)}, wall ${signed(offset)}`;
  const process = c.process === "up" && c.pausedUntil > now ? `paused until ${at(c.pausedUntil)}` : c.process;
  const link = c.connected ? `connected, ${at(c.latency)} each way` : "cut off";
  const e = c.elector;
  if (!e) return { process, link, clock };
  const role = e.release
    ? `releasing (${e.release.why}), ${e.leading ? "still acting" : "no longer acting"}; release deadline ${at(e.release.deadline)}`
    : e.leading
      ? "acting leader"
      : "candidate";
  const doing = e.call
    ? `${CALLS[e.call.op]} in flight (sent ${at(e.call.sent)})`
    : `next try at ${at(e.next ?? 0)}`;
  const deadline =
    e.pollDeadline === undefined
      ? ""
      : `, renew deadline ${e.pollDeadline === Number.MAX_SAFE_INTEGER ? "never" : at(e.pollDeadline)}`;
  return {
    process,
    link,
    clock,
    identity: identity(id, c.starts),
    role,
    loop: `${e.leading ? "renew" : "acquire"}: ${doing}${deadline}`,
    observed: e.observed
      ? `${specLine(e.observed.spec)} (rv ${e.observed.resourceVersion}) seen at ${at(e.observedTime)}`
      : "nothing",
  };
}

function requestLine(r: InFlightRequest): string {
  const what = (q: Request) =>
    q.op === "get"
      ? "GET"
      : `${q.op.toUpperCase()} ${specLine(q.spec)}${q.op === "update" ? ` if rv ${q.resourceVersion ?? "any"}` : ""}`;
  return `${r.from}→API ${what(r.request)} ${r.arrives === null ? "(held by the partition)" : `arrives ${at(r.arrives)}`}`;
}

function replyLine(r: InFlightReply): string {
  const what = r.reply.ok
    ? r.reply.lease
      ? `OK rv ${r.reply.lease.resourceVersion}`
      : "NotFound"
    : r.reply.reason;
  return `API→${r.to} ${what} arrives ${at(r.arrives)}`;
}

function leaderships(s: LeaseState): string[] {
  const lines: string[] = [];
  const open = new Map<number, number>();
  for (const h of s.history.log) {
    if ("acts" in h) {
      open.set(h.acts, lines.length);
      lines.push(`${h.acts}: ${at(h.at)}–`);
    } else if ("stops" in h && open.has(h.stops)) {
      const i = open.get(h.stops)!;
      lines[i] = `${lines[i]}${at(h.at)} (${h.why})`;
      open.delete(h.stops);
    }
  }
  return lines;
}

export function view(s: LeaseState, ctx: LeaseContext): unknown {
  const config: LeaseConfig = ctx.config;
  const f = s.history.failover;
  const failover = f
    ? `since ${at(f.since)} (${f.cause}), ${f.ended === undefined ? "waiting" : `ended ${at(f.ended)}`}, bound ${at(failoverBound(config))}`
    : "no promise (a fault voided it)";
  return {
    now: at(s.now),
    lease: leaseView(s.api.lease),
    candidates: Object.fromEntries(
      s.candidates.map((c, i) => [String(i + 1), candidateView(c, i + 1, s.now)]),
    ),
    inFlight: [...s.network.requests.map(requestLine), ...s.network.replies.map(replyLine)],
    history: { leaders: leaderships(s), failover },
  };
}
