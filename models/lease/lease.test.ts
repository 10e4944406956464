/** Hand-written scenarios pinning the model to client-go's documented behaviour. */
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../src/engine/config.ts";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import { defaults, type LeaseConfig, validateConfig } from "./config.ts";
import type { LeaseEvent } from "./events.ts";
import { lease } from "./model.ts";
import type { Happening, LeaseState } from "./state.ts";

function run(events: LeaseEvent[], config: Partial<LeaseConfig> = {}, flaws: string[] = []) {
  const ctx = makeContext({ ...defaults, ...config }, flaws);
  return runSchedule(lease, ctx as never, events, { record: true, freeze: true });
}

const final = (r: ReturnType<typeof run>) => (r.trace!.at(-1)?.state ?? r.initial) as LeaseState;
const advance = (ms: number): LeaseEvent => ({ kind: "advance", ms });
const actsAt = (s: LeaseState, id: number) =>
  s.history.log.find((h): h is Extract<Happening, { acts: number }> => "acts" in h && h.acts === id)?.at;
const acting = (s: LeaseState) => s.candidates.flatMap((c, i) => (c.elector?.leading ? [i + 1] : []));

describe("config validation equals client-go NewLeaderElector", () => {
  it("accepts the 15/10/2 defaults", () => expect(validateConfig(defaults)).toBeUndefined());
  it("rejects leaseDuration <= renewDeadline", () =>
    expect(validateConfig({ ...defaults, leaseDuration: 15, renewDeadline: 15 })).toMatch(
      /leaseDuration must be greater than renewDeadline/,
    ));
  it("rejects renewDeadline <= 1.2 × retryPeriod", () =>
    expect(validateConfig({ ...defaults, renewDeadline: 2.4, retryPeriod: 2 })).toMatch(/JitterFactor 1.2/));
  it("accepts renewDeadline just above 1.2 × retryPeriod", () =>
    expect(validateConfig({ ...defaults, renewDeadline: 2.5, retryPeriod: 2 })).toBeUndefined());
  it("rejects durations of zero", () => {
    expect(validateConfig({ ...defaults, retryPeriod: 0 })).toMatch(/retryPeriod must be greater than zero/);
    expect(checkConfig(lease, { ...defaults, leaseDuration: 0 })).toMatch(
      /leaseDuration must be greater than zero/,
    );
  });
  it("checks candidate 1's own durations too", () =>
    expect(validateConfig({ ...defaults, candidate1LeaseDuration: 8 })).toMatch(/for candidate 1/));
});

describe("client-go behaviour", () => {
  it("one of the candidates creates the Lease; the others' CREATE loses to already exists", () => {
    const latency = [1, 2, 3].map((candidate): LeaseEvent => ({ kind: "latency", candidate, ms: 10 }));
    const s = final(run([...latency, advance(100)], { candidates: 3 }));
    expect(acting(s)).toEqual([1]);
    expect(s.api.lease?.spec.holderIdentity).toBe(1);
    expect(s.history.rejected).toBe(2);
  });

  it("a leader cut off from the API server stops acting renewDeadline after its renew poll began", () => {
    // Acquired at 0 (and renewed at once); the next poll starts at 2 s, so its deadline is 12 s.
    const s = final(run([advance(1), { kind: "cut", candidate: 1 }, advance(20_000)], { candidates: 2 }));
    expect(s.history.log).toContainEqual({ at: 12_000, stops: 1, why: "renew deadline passed" });
    expect(s.candidates[0]!.process).toBe("exited");
  });

  it("a pause delays the next renew poll, and its deadline with it (wait.Until fires late)", () => {
    const events: LeaseEvent[] = [
      advance(1_000),
      { kind: "pause", candidate: 1, ms: 3_000 },
      { kind: "cut", candidate: 1 },
      advance(20_000),
    ];
    const s = final(run(events, { candidates: 1, maxPause: 3 }));
    // The poll due at 2 s starts on resuming at 4 s, so its deadline is 14 s, not 12 s.
    expect(s.history.log).toContainEqual({ at: 14_000, stops: 1, why: "renew deadline passed" });
  });

  it("a lease unexpired by the candidate's own observation is not taken, whatever its wall clock says", () => {
    const events: LeaseEvent[] = [
      { kind: "clock-offset", candidate: 2, ms: 25_000 },
      advance(1),
      { kind: "crash", candidate: 1 },
      advance(14_998),
    ];
    expect(actsAt(final(run(events, { candidates: 2 })), 2)).toBeUndefined();
    // Candidate 2 last saw the record change at 0 s; its tries at 14 s fail and at 16 s succeed.
    expect(actsAt(final(run([...events, advance(10_000)], { candidates: 2 })), 2)).toBe(16_000);
  });

  it("a released lease is taken at once, without waiting out leaseDuration", () => {
    const events: LeaseEvent[] = [advance(1), { kind: "shutdown", candidate: 1 }, advance(5_000)];
    const s = final(run(events, { candidates: 2, releaseOnCancel: true }));
    expect(s.history.log).toContainEqual({ at: 1, holder: 0 });
    expect(actsAt(s, 2)).toBe(2_000);
  });

  it("without ReleaseOnCancel (kube-controller-manager) a graceful stop leaves the lease to expire", () => {
    const events: LeaseEvent[] = [advance(1), { kind: "shutdown", candidate: 1 }, advance(20_000)];
    expect(actsAt(final(run(events, { candidates: 2 })), 2)).toBe(16_000);
  });

  it("a conflicting update fails: two candidates read the same expired record, only one write wins", () => {
    const events: LeaseEvent[] = [
      advance(1),
      { kind: "crash", candidate: 1 },
      { kind: "latency", candidate: 2, ms: 100 },
      { kind: "latency", candidate: 3, ms: 100 },
      advance(20_000),
    ];
    const s = final(run(events, { candidates: 3 }));
    expect(acting(s)).toEqual([2]);
    expect(s.history.rejected).toBe(1);
    expect(s.api.lease?.spec.leaseTransitions).toBe(1);
  });

  it("acquire retries are spaced retryPeriod × (1 + U × 1.2), U taken from the schedule", () => {
    const s = final(run([{ kind: "jitter", candidate: 2, u: 500 }, advance(1)], { candidates: 2 }));
    expect(s.candidates[1]!.elector!.next).toBe(3_200);
  });

  it("a renewing leader uses the fast path: one conditional UPDATE from its cached Lease, no GET", () => {
    const s = final(run([advance(2_000)], { candidates: 1 }));
    expect(s.network.requests).toEqual([]);
    expect(s.candidates[0]!.elector!.call).toBeUndefined();
    const renew = final(run([{ kind: "latency", candidate: 1, ms: 100 }, advance(2_650)], { candidates: 1 }));
    // Acquired at 0.4 s (GET, CREATE), renewed at once by 0.6 s; the next poll's UPDATE left at 2.6 s.
    expect(renew.network.requests.map((r) => r.request.op)).toEqual(["update"]);
  });

  it("a clock running fast makes its owner judge expiry early (rates, not offsets, break the lease)", () => {
    const events: LeaseEvent[] = [
      { kind: "clock-rate", candidate: 2, perMille: 1500 },
      advance(1),
      { kind: "cut", candidate: 1 },
      advance(11_000),
    ];
    const s = final(run(events, { candidates: 2, maxClockDrift: 500 }));
    expect(actsAt(s, 2)).toBeLessThan(12_000);
  });

  it("events that do nothing return the very same state", () => {
    const s = final(run([{ kind: "crash", candidate: 1 }]));
    const ctx = makeContext(defaults, []) as never;
    for (const event of [
      { kind: "crash", candidate: 1 },
      { kind: "heal", candidate: 2 },
      { kind: "lose", candidate: 2 },
      { kind: "latency", candidate: 2, ms: 0 },
      { kind: "pause", candidate: 2, ms: 60_000 },
      { kind: "crash", candidate: 9 },
    ] as LeaseEvent[])
      expect(lease.step(s, event, ctx)).toBe(s);
  });
});
