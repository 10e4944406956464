/**
 * The reducer's fault events at the edges of what the config allows (events.ts documents each
 * range), the `until` event, and the oracle bookkeeping that failover-bounded reads: a failover
 * period opens only when the acting leader fails while every other candidate is healthy.
 */
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { defaults, type LeaseConfig } from "./config.ts";
import type { LeaseEvent } from "./events.ts";
import { lease } from "./model.ts";
import type { LeaseState } from "./state.ts";

function fold(events: readonly LeaseEvent[], config: Partial<LeaseConfig> = {}): LeaseState {
  const ctx = makeContext({ ...defaults, ...config }, []) as never;
  return events.reduce((s, event) => lease.step(s, event, ctx), lease.init(ctx) as LeaseState);
}

/** The state after `events`, and whether `event` then changes it at all. */
function changes(event: LeaseEvent, events: readonly LeaseEvent[] = [], config: Partial<LeaseConfig> = {}) {
  const ctx = makeContext({ ...defaults, ...config }, []) as never;
  const before = fold(events, config);
  return lease.step(before, event, ctx) !== before;
}

const advance = (ms: number): LeaseEvent => ({ kind: "advance", ms });
/** Candidate 1 acquires at 0 and renews at once; candidate 2 sees it hold the Lease. */
const elected: LeaseEvent[] = [advance(1)];

describe("fault events stay within the bounds the config sets (defaults: 3 candidates, pause 0.25 s, API delay 0.5 s, drift 10 ‰, offset 30 s)", () => {
  it("a pause lasts 1 ms up to maxPause, and a paused process cannot be paused again", () => {
    expect(changes({ kind: "pause", candidate: 1, ms: 1 })).toBe(true);
    expect(changes({ kind: "pause", candidate: 1, ms: 250 })).toBe(true);
    expect(changes({ kind: "pause", candidate: 1, ms: 251 })).toBe(false);
    expect(changes({ kind: "pause", candidate: 1, ms: 0 })).toBe(false);
    const paused: LeaseEvent[] = [{ kind: "pause", candidate: 1, ms: 200 }];
    expect(changes({ kind: "pause", candidate: 1, ms: 10 }, paused)).toBe(false);
    expect(changes({ kind: "pause", candidate: 1, ms: 10 }, [...paused, advance(200)])).toBe(true);
    expect(fold([...paused, advance(50)]).candidates[0]!.pausedUntil).toBe(200);
  });

  it("latency ranges from 0 to maxApiDelay each way", () => {
    expect(changes({ kind: "latency", candidate: 2, ms: 500 })).toBe(true);
    expect(changes({ kind: "latency", candidate: 2, ms: 501 })).toBe(false);
    expect(changes({ kind: "latency", candidate: 2, ms: -1 })).toBe(false);
    expect(
      changes({ kind: "latency", candidate: 2, ms: 0 }, [{ kind: "latency", candidate: 2, ms: 7 }]),
    ).toBe(true);
  });

  it("a clock runs between 990 and 1010 per mille; a rate change keeps the reading it had", () => {
    expect(changes({ kind: "clock-rate", candidate: 1, perMille: 990 })).toBe(true);
    expect(changes({ kind: "clock-rate", candidate: 1, perMille: 1010 })).toBe(true);
    expect(changes({ kind: "clock-rate", candidate: 1, perMille: 989 })).toBe(false);
    expect(changes({ kind: "clock-rate", candidate: 1, perMille: 1011 })).toBe(false);
    expect(changes({ kind: "clock-rate", candidate: 1, perMille: 1000 })).toBe(false);
    const s = fold([advance(1_000), { kind: "clock-rate", candidate: 1, perMille: 1010 }, advance(1_000)]);
    // 1 s at the real rate, then 1 s at 1.01: the clock reads 2.010 s, continuous at the change.
    expect(s.candidates[0]!.clock).toEqual({ base: 1_000, since: 1_000, rate: 1010, offset: 0 });
  });

  it("a wall clock is set up to maxClockOffset away from real time, either way for a stopped process", () => {
    expect(changes({ kind: "clock-offset", candidate: 1, ms: 30_000 })).toBe(true);
    expect(changes({ kind: "clock-offset", candidate: 1, ms: 30_001 })).toBe(false);
    const crashed: LeaseEvent[] = [{ kind: "crash", candidate: 1 }];
    expect(changes({ kind: "clock-offset", candidate: 1, ms: -30_000 }, crashed)).toBe(true);
    expect(changes({ kind: "clock-offset", candidate: 1, ms: -30_001 }, crashed)).toBe(false);
  });

  it("jitter U is a whole per mille from 0 to 999", () => {
    expect(changes({ kind: "jitter", candidate: 2, u: 999 })).toBe(true);
    expect(changes({ kind: "jitter", candidate: 2, u: 1000 })).toBe(false);
    expect(changes({ kind: "jitter", candidate: 2, u: 0 }, [{ kind: "jitter", candidate: 2, u: 5 }])).toBe(
      true,
    );
    expect(changes({ kind: "jitter", candidate: 2, u: -1 })).toBe(false);
    expect(changes({ kind: "jitter", candidate: 2, u: 2.5 })).toBe(false);
  });

  it("only candidates of the run are touched, and time passes by at least 1 ms", () => {
    expect(changes({ kind: "cut", candidate: 3 })).toBe(true);
    expect(changes({ kind: "cut", candidate: 4 })).toBe(false);
    expect(changes({ kind: "cut", candidate: 0 })).toBe(false);
    expect(changes({ kind: "cut", candidate: 1.5 })).toBe(false);
    expect(changes(advance(1))).toBe(true);
    expect(changes(advance(0))).toBe(false);
  });

  it("a restart only restarts a stopped process, as a new identity with a fresh elector", () => {
    expect(changes({ kind: "restart", candidate: 1 })).toBe(false);
    const s = fold([
      ...elected,
      { kind: "crash", candidate: 1 },
      advance(3_000),
      { kind: "restart", candidate: 1 },
    ]);
    expect(s.candidates[0]).toMatchObject({ process: "up", starts: 2, pausedUntil: 3_001 });
    expect(s.candidates[0]!.elector).toMatchObject({ leading: false, observed: undefined, next: 3_001 });
  });
});

describe("the network", () => {
  it("a cut holds its requests; the heal sends them on with the candidate's latency", () => {
    const cut: LeaseEvent[] = [
      { kind: "latency", candidate: 2, ms: 40 },
      { kind: "cut", candidate: 2 },
      advance(10),
    ];
    expect(fold(cut).network.requests).toMatchObject([{ from: 2, arrives: null, request: { op: "get" } }]);
    const healed = fold([...cut, { kind: "heal", candidate: 2 }]);
    expect(healed.network.requests).toMatchObject([{ from: 2, arrives: 50, request: { op: "get" } }]);
    expect(healed.candidates[1]!.connected).toBe(true);
    expect(changes({ kind: "heal", candidate: 2 }, cut.slice(0, 1))).toBe(false);
  });

  it("a cut drops the replies on their way to the candidate; other candidates' traffic stays", () => {
    const slow: LeaseEvent[] = [
      { kind: "latency", candidate: 1, ms: 100 },
      { kind: "latency", candidate: 2, ms: 100 },
      advance(150),
    ];
    expect(fold(slow).network.replies.map((r) => r.to)).toEqual([1, 2]);
    expect(fold([...slow, { kind: "cut", candidate: 2 }]).network.replies.map((r) => r.to)).toEqual([1]);
  });

  it("lose drops the candidate's requests and replies in flight, and nothing else", () => {
    const slow: LeaseEvent[] = [
      { kind: "latency", candidate: 1, ms: 100 },
      { kind: "latency", candidate: 2, ms: 100 },
      advance(50),
    ];
    const s = fold([...slow, { kind: "lose", candidate: 2 }]);
    expect(s.network.requests.map((r) => r.from)).toEqual([1]);
    expect(changes({ kind: "lose", candidate: 2 }, [...slow, { kind: "lose", candidate: 2 }])).toBe(false);
    const replies = fold([...slow, advance(100), { kind: "lose", candidate: 1 }]).network;
    expect(replies.replies.map((r) => r.to)).toEqual([2]);
  });
});

describe("until: real time passes to 1 ms before the candidate's next timer", () => {
  it("stops just before the leader's next renew try at 2 s", () => {
    const s = fold([...elected, { kind: "until", candidate: 1 }]);
    expect(s.now).toBe(1_999);
    expect(s.candidates[0]!.elector!.next).toBe(2_000);
  });

  it("counts a pause: a frozen process's timer fires when it resumes", () => {
    const s = fold([
      ...elected,
      { kind: "pause", candidate: 1, ms: 250 },
      advance(10),
      { kind: "until", candidate: 1 },
    ]);
    expect(s.now).toBe(1_999);
    const late = fold([
      { kind: "pause", candidate: 2, ms: 250 },
      { kind: "until", candidate: 2 },
    ]);
    expect(late.now).toBe(249);
  });

  it("does nothing for a stopped candidate or one whose timer is due now", () => {
    expect(changes({ kind: "until", candidate: 1 }, [{ kind: "crash", candidate: 1 }])).toBe(false);
    expect(changes({ kind: "until", candidate: 1 })).toBe(false);
  });
});

describe("failover bookkeeping (what failover-bounded promises)", () => {
  it("opens when the acting leader crashes, is cut off or shut down while the others are healthy", () => {
    for (const [kind, cause] of [
      ["crash", "leader 1 crashed"],
      ["cut", "leader 1 was cut off"],
      ["shutdown", "leader 1 was shut down"],
    ] as const) {
      const s = fold([...elected, advance(99), { kind, candidate: 1 }], { candidates: 3 });
      expect(s.history.failover, kind).toEqual({ since: 100, cause, ended: undefined });
    }
  });

  it("ends when the next leader acts", () => {
    const s = fold([...elected, { kind: "crash", candidate: 1 }, advance(20_000)]);
    expect(s.history.failover).toEqual({ since: 1, cause: "leader 1 crashed", ended: 16_000 });
  });

  it("makes no promise when a follower fails, or when another candidate is unhealthy as the leader fails", () => {
    expect(fold([...elected, { kind: "crash", candidate: 2 }]).history.failover).toBeUndefined();
    const unhealthy: LeaseEvent[][] = [
      [{ kind: "cut", candidate: 3 }],
      [{ kind: "crash", candidate: 3 }],
      [{ kind: "pause", candidate: 3, ms: 100 }],
    ];
    for (const fault of unhealthy) {
      const s = fold([...elected, ...fault, { kind: "crash", candidate: 1 }], { candidates: 3 });
      expect(s.history.failover, JSON.stringify(fault)).toBeUndefined();
    }
    expect(
      fold([...elected, { kind: "crash", candidate: 1 }], { candidates: 1 }).history.failover,
    ).toBeUndefined();
  });

  it("any other fault voids an open promise", () => {
    const open: LeaseEvent[] = [...elected, { kind: "crash", candidate: 1 }];
    expect(fold(open).history.failover).toBeDefined();
    for (const fault of [
      { kind: "pause", candidate: 2, ms: 10 },
      { kind: "heal", candidate: 1 },
    ] as LeaseEvent[])
      expect(
        fold([...elected, { kind: "cut", candidate: 1 }, fault]).history.failover,
        fault.kind,
      ).toBeUndefined();
    expect(fold([...open, { kind: "pause", candidate: 2, ms: 10 }]).history.failover).toBeUndefined();
  });
});

describe("what a stopped, paused or cut-off process can still do", () => {
  it("a stopped process cannot crash, be shut down, be paused or be cut off again", () => {
    const ctx = makeContext(defaults, []) as never;
    const crashed = fold([{ kind: "crash", candidate: 1 }]);
    for (const event of [
      { kind: "crash", candidate: 1 },
      { kind: "shutdown", candidate: 1 },
      { kind: "pause", candidate: 1, ms: 10 },
    ] as LeaseEvent[])
      expect(lease.step(crashed, event, ctx), event.kind).toBe(crashed);
    const cut = fold([{ kind: "cut", candidate: 2 }]);
    expect(lease.step(cut, { kind: "cut", candidate: 2 }, ctx)).toBe(cut);
    expect(changes({ kind: "clock-offset", candidate: 1, ms: 0 })).toBe(false);
  });

  it("a paused process reads its reply only when it resumes (a stopped process reads no socket)", () => {
    // GET leaves at 0, reaches the API server at 100 and its answer is back at 200, while 1 is paused
    // from 50 to 300: the CREATE leaves at 300 and the Lease exists from 400.
    const events: LeaseEvent[] = [
      { kind: "latency", candidate: 1, ms: 100 },
      advance(50),
      { kind: "pause", candidate: 1, ms: 250 },
    ];
    const during = fold([...events, advance(200)], { candidates: 1 });
    expect(during.network.replies).toMatchObject([{ to: 1, arrives: 200, reply: { ok: true } }]);
    expect(during.api.lease).toBeUndefined();
    const after = fold([...events, advance(260)], { candidates: 1 });
    expect(after.network.requests).toMatchObject([{ from: 1, arrives: 400, request: { op: "create" } }]);
  });

  it("a reply to a process that crashed is lost when it arrives, not held until its pause would have ended", () => {
    const events: LeaseEvent[] = [
      { kind: "latency", candidate: 1, ms: 100 },
      advance(50),
      { kind: "pause", candidate: 1, ms: 250 },
      { kind: "crash", candidate: 1 },
      advance(200),
    ];
    expect(fold(events, { candidates: 1 }).network.replies).toEqual([]);
  });

  it("a heal sends on only the healed candidate's held requests", () => {
    const bothCut: LeaseEvent[] = [
      { kind: "cut", candidate: 1 },
      { kind: "cut", candidate: 2 },
      advance(10),
      { kind: "heal", candidate: 1 },
    ];
    const { requests } = fold(bothCut, { candidates: 2 }).network;
    expect(requests.map((r) => [r.from, r.arrives])).toEqual([
      [1, 10],
      [2, null],
    ]);
  });
});

describe("advance runs what is due at its last instant", () => {
  it("the renew try due at 2 s runs in the advance that ends at 2 s", () => {
    const s = fold([...elected, { kind: "until", candidate: 1 }, advance(1)]);
    expect(s.now).toBe(2_000);
    expect(s.candidates[0]!.elector!.next).toBe(4_000);
  });

  it("a second until, 1 ms before the timer, does nothing", () => {
    expect(changes({ kind: "until", candidate: 1 }, [...elected, { kind: "until", candidate: 1 }])).toBe(
      false,
    );
  });
});

describe("a cut and a long advance", () => {
  it("a cut holds only the cut candidate's requests; the others' stay on their way", () => {
    const slow: LeaseEvent[] = [
      { kind: "latency", candidate: 1, ms: 100 },
      { kind: "latency", candidate: 2, ms: 100 },
      advance(50),
      { kind: "cut", candidate: 2 },
    ];
    expect(fold(slow, { candidates: 2 }).network.requests.map((r) => [r.from, r.arrives])).toEqual([
      [1, 100],
      [2, null],
    ]);
  });

  it("an hour passes in one advance (hand-written schedules may): the leader renews every 2 s throughout", () => {
    const s = fold([advance(3_600_000)]);
    expect(s.now).toBe(3_600_000);
    expect(s.api.lease?.spec).toMatchObject({ holderIdentity: "host1_1", renewTime: 3_600_000 });
  });
});
