/** Hand-written scenarios pinning the model to client-go's documented behaviour. */
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../src/engine/config.ts";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import { defaults, type LeaseConfig, validateConfig } from "./config.ts";
import type { LeaseEvent } from "./events.ts";
import { lease } from "./model.ts";
import { serialisedRecord } from "./record.ts";
import type { Happening, LeaseSpec, LeaseState } from "./state.ts";

function run(events: LeaseEvent[], config: Partial<LeaseConfig> = {}, flaws: string[] = []) {
  const ctx = makeContext({ ...defaults, ...config }, flaws);
  return runSchedule(lease, ctx as never, events, { record: true, freeze: true });
}

const final = (r: ReturnType<typeof run>) => (r.trace!.at(-1)?.state ?? r.initial) as LeaseState;
const advance = (ms: number): LeaseEvent => ({ kind: "advance", ms });
const actsAt = (s: LeaseState, id: number) =>
  s.history.log.find((h): h is Extract<Happening, { acts: number }> => "acts" in h && h.acts === id)?.at;
const stopsAt = (s: LeaseState, id: number) =>
  s.history.log.find((h): h is Extract<Happening, { stops: number }> => "stops" in h && h.stops === id)?.at;
/** Folds every event, past any violation: for scenarios that pin what happens after an invariant broke. */
function fold(events: LeaseEvent[], config: Partial<LeaseConfig> = {}): LeaseState {
  const ctx = makeContext({ ...defaults, ...config }, []) as never;
  return events.reduce((s, event) => lease.step(s, event, ctx), lease.init(ctx));
}
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
  it("compares in integer nanoseconds like Go: 1.2 × 3 s is exactly 3.6 s, so 3.6 s is rejected", () => {
    expect(validateConfig({ ...defaults, renewDeadline: 3.6, retryPeriod: 3 })).toMatch(/got 3.6 s ≤ 3.6 s/);
    expect(validateConfig({ ...defaults, renewDeadline: 10.8, retryPeriod: 9 })).toMatch(/JitterFactor/);
    expect(validateConfig({ ...defaults, renewDeadline: 3.601, retryPeriod: 3 })).toBeUndefined();
  });
  it("refuses a retryPeriod too short to simulate instead of crashing mid-run", () =>
    expect(
      checkConfig(lease, { ...defaults, leaseDuration: 3600, renewDeadline: 3599, retryPeriod: 0.001 }),
    ).toMatch(/retryPeriod must be at least 0.05 s in this model/));
});

describe("client-go behaviour", () => {
  it("one of the candidates creates the Lease; the others' CREATE loses to already exists", () => {
    const latency = [1, 2, 3].map((candidate): LeaseEvent => ({ kind: "latency", candidate, ms: 10 }));
    const s = final(run([...latency, advance(100)], { candidates: 3 }));
    expect(acting(s)).toEqual([1]);
    expect(s.api.lease?.spec.holderIdentity).toBe("host1_1");
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
    expect(s.history.log).toContainEqual({ at: 1, holder: "" });
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

describe("the observed record is compared serialised, with whole-second times (LeaseLock.Get, bytes.Equal)", () => {
  const spec = (renewTime: number): LeaseSpec => ({
    holderIdentity: "host1_1",
    leaseDurationSeconds: 15,
    acquireTime: 0,
    renewTime,
    leaseTransitions: 0,
  });
  it("records whose times differ below the second serialise to the same bytes", () => {
    expect(serialisedRecord(spec(10_200))).toBe(serialisedRecord(spec(10_900)));
    expect(serialisedRecord(spec(10_900))).not.toBe(serialisedRecord(spec(11_000)));
    expect(serialisedRecord(spec(-500))).toBe(serialisedRecord(spec(-200)));
  });
  it("a renew in the same second as the record a candidate saw does not move its observedTime", () => {
    const events: LeaseEvent[] = [
      { kind: "crash", candidate: 2 },
      { kind: "latency", candidate: 1, ms: 100 },
      advance(350), // 1 created the Lease at 0.3 s with renewTime 0.2 s
      { kind: "restart", candidate: 2 }, // 2 reads it at 0.35 s
      advance(2_100), // 1's first renew landed at 0.5 s with renewTime 0.4 s; 2 reads again at 2.35 s
    ];
    const s = fold(events, { candidates: 2 });
    expect(s.api.lease!.spec.renewTime).toBe(400);
    expect(s.candidates[1]!.elector!.observed!.resourceVersion).toBe(s.api.lease!.resourceVersion);
    expect(s.candidates[1]!.elector!.observedTime).toBe(350);
  });
});

describe("ReleaseOnCancel (Run, renew and release in leaderelection.go)", () => {
  const cutAt1ms: LeaseEvent[] = [advance(1), { kind: "cut", candidate: 1 }];
  it("a leader whose renew deadline passed keeps acting until its release returns or times out", () => {
    // Deadline at 12 s; the release's GET is held by the partition and times out after renewDeadline / 2.
    const s = fold([...cutAt1ms, advance(20_000)], { candidates: 1, releaseOnCancel: true });
    expect(stopsAt(s, 1)).toBe(17_000);
    expect(stopsAt(fold([...cutAt1ms, advance(20_000)], { candidates: 1 }), 1)).toBe(12_000);
  });
  it("so a partitioned kube-scheduler leader still acts when another takes over at expiry", () => {
    const r = run([...cutAt1ms, advance(20_000)], { candidates: 2, releaseOnCancel: true });
    expect(r.violation?.message).toBe("candidates 1 and 2 both act as leader at 16.000 s (1 since 0.000 s)");
  });
  it("a graceful shutdown stops acting at once: the cancelled run context is OnStartedLeading's parent", () => {
    const s = fold([...cutAt1ms, { kind: "shutdown", candidate: 1 }], {
      candidates: 1,
      releaseOnCancel: true,
    });
    expect(stopsAt(s, 1)).toBe(1);
    expect(s.candidates[0]!.elector!.release?.why).toBe("shut down");
  });
});

describe("release: client-go up to 1.33 versus from 1.34", () => {
  // Leader 1 is cut off and shut down at 11.5 s: it stops acting, its release is held by the
  // partition. Candidate 2 takes the expired lease at 16 s; at 16.2 s the partition heals.
  const events: LeaseEvent[] = [
    advance(1),
    { kind: "cut", candidate: 1 },
    advance(11_499),
    { kind: "shutdown", candidate: 1 },
    advance(4_700),
    { kind: "heal", candidate: 1 },
    advance(100),
  ];
  const config = { candidates: 2, releaseOnCancel: true };
  it("1.33 UPDATEs from its cached Lease: the stale resourceVersion conflicts, 2 keeps the lease", () => {
    const s = fold(events, { ...config, clientGo: "1.33" });
    expect(actsAt(s, 2)).toBe(16_000);
    expect(s.api.lease!.spec.holderIdentity).toBe("host2_1");
  });
  it("1.34 re-reads the Lease but judges IsLeader on its stale copy: it blanks the successor's lease", () => {
    const s = fold(events, { ...config, clientGo: "1.34" });
    expect(s.api.lease!.spec.holderIdentity).toBe("");
    expect(acting(s)).toEqual([2]);
  });
  it("and leader-holds-lease calls it out", () => {
    const r = run(events, { ...config, clientGo: "1.34" });
    expect(r.violation?.invariant).toBe("leader-holds-lease");
    expect(r.violation?.message).toMatch(/passes to nobody .* while candidate 2 \(host2_1\) still acts/);
  });
});

describe("identities are hostname_<uuid>, new per process (kube-controller-manager, kube-scheduler)", () => {
  it("a restarted leader is a new candidate and waits out its predecessor's lease", () => {
    const events: LeaseEvent[] = [
      advance(1),
      { kind: "crash", candidate: 1 },
      advance(1),
      { kind: "restart", candidate: 1 },
      advance(20_000),
    ];
    const s = fold(events, { candidates: 1 });
    expect(s.history.log.filter((h) => "acts" in h)).toEqual([
      { at: 0, acts: 1, as: "host1_1" },
      { at: 16_002, acts: 1, as: "host1_2" },
    ]);
    expect(s.api.lease!.spec.leaseTransitions).toBe(1);
  });
});

describe("wall-clock steps", () => {
  const back: LeaseEvent = { kind: "clock-offset", candidate: 1, ms: -30_000 };
  it("by default a running process's wall clock may step forward, never back", () => {
    const s = fold([advance(1), { kind: "clock-offset", candidate: 1, ms: 30_000 }, back]);
    expect(s.candidates[0]!.clock.offset).toBe(30_000);
  });
  it("a stopped process may come back with its clock set anywhere", () => {
    const s = fold([{ kind: "crash", candidate: 1 }, back]);
    expect(s.candidates[0]!.clock.offset).toBe(-30_000);
  });
  it("--wall-clock-steps-back lets it step back", () =>
    expect(fold([advance(1), back], { wallClockStepsBack: true }).candidates[0]!.clock.offset).toBe(-30_000));
});

describe("HTTP timeouts: renewDeadline / 2, at least 1 s (resourcelock.NewFromKubeconfig)", () => {
  it("a candidate cut off before its first GET gives up on it after 5 s and retries retryPeriod later", () => {
    const s = final(run([{ kind: "cut", candidate: 2 }, advance(5_500)], { candidates: 2 }));
    expect(s.candidates[1]!.elector).toMatchObject({ call: undefined, next: 7_000 });
    expect(s.network.requests).toMatchObject([{ from: 2, arrives: null, request: { op: "get" } }]);
  });

  it("a leader whose renew UPDATE times out falls back to a GET at once (tryAcquireOrRenew's slow path)", () => {
    // The renew poll starts at 2 s; its fast-path UPDATE is held by the cut and times out at 7 s.
    const s = final(run([advance(1), { kind: "cut", candidate: 1 }, advance(7_500)], { candidates: 2 }));
    expect(s.candidates[0]!.elector).toMatchObject({ leading: true, call: { op: "get", sent: 7_000 } });
    expect(s.network.requests.map((r) => r.request.op)).toEqual(["update", "get"]);
  });
});
