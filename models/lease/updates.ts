/** Small structural-sharing updates the API server, the electors and the fault events share. */
import type { Candidate, Elector, Happening, InFlightRequest, LeaseState, Request } from "./state.ts";

export function candidateOf(s: LeaseState, id: number): Candidate {
  return s.candidates[id - 1]!;
}

export function setCandidate(s: LeaseState, id: number, candidate: Candidate): LeaseState {
  const candidates = s.candidates.slice();
  candidates[id - 1] = candidate;
  return { ...s, candidates };
}

export function setElector(s: LeaseState, id: number, changes: Partial<Elector>): LeaseState {
  const c = candidateOf(s, id);
  return setCandidate(s, id, { ...c, elector: { ...c.elector!, ...changes } });
}

export function happen(s: LeaseState, happening: Happening): LeaseState {
  return { ...s, history: { ...s.history, log: [...s.history.log, happening] } };
}

/** Puts a request on the wire (held while its sender is cut off) and returns its call id. */
export function send(s: LeaseState, from: number, request: Request): [LeaseState, number] {
  const c = candidateOf(s, from);
  const call = s.network.nextCall;
  const inFlight: InFlightRequest = { call, from, arrives: c.connected ? s.now + c.latency : null, request };
  const network = { ...s.network, requests: [...s.network.requests, inFlight], nextCall: call + 1 };
  return [{ ...s, network }, call];
}

export function healthy(c: Candidate, now: number): boolean {
  return c.process === "up" && c.connected && c.pausedUntil <= now;
}
