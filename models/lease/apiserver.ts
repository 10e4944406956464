/**
 * The API server's side of the Lease: GET, CREATE decided by "already exists", UPDATE with the
 * resourceVersion precondition (409 Conflict when someone wrote in between). It logs every change
 * of holderIdentity into the oracle history.
 */
import type { InFlightRequest, LeaseState, Reply, Request, StoredLease } from "./state.ts";
import { candidateOf, happen } from "./updates.ts";

function handle(
  lease: StoredLease | undefined,
  request: Request,
): { lease: StoredLease | undefined; reply: Reply } {
  switch (request.op) {
    case "get":
      return { lease, reply: { ok: true, lease } };
    case "create": {
      if (lease) return { lease, reply: { ok: false, reason: "already exists" } };
      const created = { spec: request.spec, resourceVersion: 1 };
      return { lease: created, reply: { ok: true, lease: created } };
    }
    case "update": {
      const stale =
        request.resourceVersion !== undefined && request.resourceVersion !== lease?.resourceVersion;
      if (!lease || stale) return { lease, reply: { ok: false, reason: "conflict" } };
      const updated = { spec: request.spec, resourceVersion: lease.resourceVersion + 1 };
      return { lease: updated, reply: { ok: true, lease: updated } };
    }
  }
}

/** The request reaches the API server: applied, answered, and taken off the wire. */
export function serve(s: LeaseState, inFlight: InFlightRequest): LeaseState {
  const before = s.api.lease;
  const { lease, reply } = handle(before, inFlight.request);
  const requests = s.network.requests.filter((r) => r !== inFlight);
  const arrives = s.now + candidateOf(s, inFlight.from).latency;
  const replies = [...s.network.replies, { call: inFlight.call, to: inFlight.from, arrives, reply }];
  let next: LeaseState = { ...s, api: { lease }, network: { ...s.network, requests, replies } };
  const late = candidateOf(s, inFlight.from).elector?.call?.id !== inFlight.call;
  if (!reply.ok || late) {
    const { rejected, late: lateCount } = next.history;
    next = {
      ...next,
      history: { ...next.history, rejected: rejected + (reply.ok ? 0 : 1), late: lateCount + (late ? 1 : 0) },
    };
  }
  if (lease && lease !== before && lease.spec.holderIdentity !== before?.spec.holderIdentity)
    next = happen(next, { at: s.now, holder: lease.spec.holderIdentity });
  return next;
}
