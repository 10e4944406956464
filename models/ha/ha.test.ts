/**
 * Hand-written scenarios pinning the HA model to the documented behaviour (kubernetes-facts.md
 * §5.1, §5.5, §6; client-go leader election §3). The property suite is properties/ha.test.ts.
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { eventProblem } from "../../src/engine/events.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { HaEvent } from "./events.ts";
import type { HaFlaw } from "./flaws.ts";
import { ha } from "./model.ts";
import type { HaConfig, HaState } from "./state.ts";

const config = (over: Partial<HaConfig> = {}): HaConfig => ({ ...ha.defaults, ...over });

function play(events: readonly HaEvent[], over: Partial<HaConfig> = {}, flaws: HaFlaw[] = []) {
  const run = runSchedule(ha, makeContext(config(over), flaws), events, { record: true, freeze: true });
  const last = run.trace?.at(-1)?.state ?? run.initial;
  return { run, state: last as HaState };
}

const write: HaEvent = { kind: "client-writes" };
const read: HaEvent = { kind: "client-reads" };
const seconds = (n: number): HaEvent => ({ kind: "time-passes", seconds: n });
const nodeFails = (node: number): HaEvent => ({ kind: "node-fails", node });
const leaderOf = (state: HaState, c: "controllerManager" | "scheduler") =>
  Object.entries(state.nodes)
    .filter(([, n]) => n.up && n[c].leading)
    .map(([id]) => Number(id));

describe("etcd quorum (floor(N/2)+1)", () => {
  test("three stacked nodes keep accepting writes after one fails, once etcd re-elects", () => {
    const { state, run } = play([nodeFails(1), write, seconds(1), write]);
    expect(run.violation).toBeUndefined();
    expect(run.trace![1]!.state.history.last).toMatchObject({ op: "write", ok: false });
    expect(state.etcd.leader).toBe(2);
    expect(state.history.last).toMatchObject({ op: "write", ok: true, via: 2 });
  });

  test("a leader that still hears a quorum keeps leading when a follower fails: no election, same term", () => {
    const { state } = play([nodeFails(3), seconds(5), write]);
    expect(state.etcd).toMatchObject({ leader: 1, term: 1 });
    expect(state.history.last).toMatchObject({ op: "write", ok: true });
  });

  test("two stacked nodes refuse writes after one fails: 2 members tolerate no failure", () => {
    const { state } = play([nodeFails(2), seconds(5), write], { controlPlanes: 2 });
    expect(state.etcd.leader).toBeNull();
    expect(state.history.last).toMatchObject({ op: "write", ok: false });
  });

  test("a leader cut off from the majority steps down and the majority elects a new one (check-quorum)", () => {
    const cut: HaEvent[] = [
      { kind: "link-fails", link: "etcd1-etcd2" },
      { kind: "link-fails", link: "etcd1-etcd3" },
    ];
    const { state } = play([...cut, seconds(1), write]);
    expect(state.etcd).toMatchObject({ leader: 2, term: 2 });
    expect(state.history.last).toMatchObject({ ok: true });
  });
});

describe("topologies (kubeadm)", () => {
  test("a stacked node failure takes an apiserver and an etcd member with it", () => {
    const { state } = play([nodeFails(3)]);
    const v = ha.view(state, makeContext(config(), [])) as { etcd: { members: Record<string, string> } };
    expect(state.nodes[3]!.up).toBe(false);
    expect(v.etcd.members["3"]).toBe("down");
  });

  test("external etcd hosts fail independently of the control-plane nodes", () => {
    const external = { topology: "external" as const, controlPlanes: 2, etcdMembers: 3 };
    const { state } = play([nodeFails(1), { kind: "etcd-host-fails", member: 3 }, read], external);
    expect(state.history.last).toMatchObject({ op: "read", ok: true, via: 2 });
  });

  test("an etcd host event is a no-op in the stacked topology, where etcd lives on the nodes", () => {
    const { run } = play([{ kind: "etcd-host-fails", member: 1 }]);
    expect(run.trace![0]!.skipped).toBe(true);
  });
});

describe("apiservers: active-active behind the load balancer", () => {
  test("the load balancer's /readyz check routes around a failed apiserver", () => {
    const { state } = play([nodeFails(2), seconds(1), read, read], { topology: "external" });
    expect(state.history.last).toMatchObject({ op: "read", ok: true });
    expect(state.history.last!.via).not.toBe(2);
  });

  // kubeadm's HA guide configures HAProxy with `balance roundrobin` and a health check
  // (https://github.com/kubernetes/kubeadm/blob/main/docs/ha-considerations.md).
  test("the load balancer takes the apiservers in turn, and skips one that fails its health check", () => {
    const vias = (events: readonly HaEvent[]) => {
      const { run } = play(events);
      return run
        .trace!.filter((t) => t.event.kind === "client-reads")
        .map((t) => (t.state as HaState).history.last!.via);
    };
    expect(vias([read, read, read, read])).toEqual([1, 2, 3, 1]);
    expect(vias([nodeFails(2), seconds(1), read, read, read])).toEqual([1, 3, 1]);
  });

  test("nothing answers while the load balancer is down", () => {
    const { state } = play([{ kind: "lb-fails" }, read]);
    expect(state.history.last).toMatchObject({ ok: false, via: null });
  });
});

describe("controller manager and scheduler: active-passive by Lease (client-go defaults 15 s / 10 s)", () => {
  test("a standby takes over only once the Lease has gone unrenewed for leaseDuration", () => {
    const at14 = play([nodeFails(1), seconds(14)]).state;
    expect(leaderOf(at14, "controllerManager")).toEqual([]);
    const at15 = play([nodeFails(1), seconds(15)]).state;
    expect(leaderOf(at15, "controllerManager")).toEqual([2]);
    expect(leaderOf(at15, "scheduler")).toEqual([2]);
    expect(at15.leases.controllerManager).toEqual({ holder: { node: 2, process: 1 }, renewTime: 15 });
  });

  test("a leader that cannot renew gives up after renewDeadline, before anyone can take over", () => {
    const cut: HaEvent[] = [
      { kind: "link-fails", link: "etcd1-etcd2" },
      { kind: "link-fails", link: "etcd1-etcd3" },
    ];
    expect(leaderOf(play([...cut, seconds(9)]).state, "controllerManager")).toEqual([1]);
    expect(leaderOf(play([...cut, seconds(10)]).state, "controllerManager")).toEqual([]);
    expect(leaderOf(play([...cut, seconds(15)]).state, "controllerManager")).toEqual([2]);
  });

  // kube-controller-manager and kube-scheduler elect as hostname_<uuid>, a fresh uuid per process
  // (cmd/kube-controller-manager/app/controllermanager.go Run, cmd/kube-scheduler/app/options/options.go).
  test("a restarted holder is a new identity: it waits for its old Lease to expire like any standby", () => {
    const restarted = [nodeFails(1), { kind: "node-returns", node: 1 } as const];
    const at14 = play([...restarted, seconds(14)]).state;
    expect(leaderOf(at14, "controllerManager")).toEqual([]);
    expect(at14.nodes[1]!.controllerManager.process).toBe(2);
    const at15 = play([...restarted, seconds(15)]).state;
    expect(leaderOf(at15, "controllerManager")).toEqual([1]);
    expect(at15.leases.controllerManager.holder).toEqual({ node: 1, process: 2 });
  });

  test("a leader that gave up exits and comes back as a new process, which must wait for the Lease", () => {
    const cut: HaEvent[] = [
      { kind: "link-fails", link: "etcd1-etcd2" },
      { kind: "link-fails", link: "etcd1-etcd3" },
    ];
    const healed: HaEvent[] = [
      { kind: "link-returns", link: "etcd1-etcd2" },
      { kind: "link-returns", link: "etcd1-etcd3" },
    ];
    const gaveUp = play([...cut, seconds(10)]).state;
    expect(gaveUp.nodes[1]!.controllerManager).toMatchObject({ leading: false, process: 2 });
    const back = play([...cut, seconds(10), ...healed, seconds(1)]).state;
    expect(leaderOf(back, "controllerManager")).toEqual([]);
  });
});

describe("Lease renewals and acquisitions go through the apiserver, so they need etcd", () => {
  test("the holder renews every second while its apiserver can write", () => {
    const { state } = play([seconds(5)]);
    expect(state.leases.scheduler).toEqual({ holder: { node: 1, process: 1 }, renewTime: 5 });
    expect(state.nodes[1]!.scheduler).toEqual({ leading: true, lastRenew: 5, process: 1 });
  });

  test("a standby whose apiserver cannot reach an etcd quorum cannot take the Lease; the next one can", () => {
    const isolate2 = [1, 3, 4, 5].map(
      (m): HaEvent => ({ kind: "link-fails", link: m < 2 ? "etcd1-etcd2" : `etcd2-etcd${m}` }),
    );
    const { state } = play([...isolate2, nodeFails(1), seconds(15)], { controlPlanes: 5 });
    expect(state.etcd.leader).toBe(3);
    expect(leaderOf(state, "controllerManager")).toEqual([3]);
    expect(state.leases.controllerManager.holder).toEqual({ node: 3, process: 1 });
  });
});

describe("faults and repairs", () => {
  test("the load balancer fails and returns once; repeating either is a no-op", () => {
    const { run } = play([
      { kind: "lb-fails" },
      { kind: "lb-fails" },
      { kind: "lb-returns" },
      { kind: "lb-returns" },
    ]);
    expect(run.trace!.map((t) => t.skipped)).toEqual([false, true, false, true]);
    expect((run.trace![2]!.state as HaState).loadBalancer.up).toBe(true);
  });

  test("links that are down are kept by name, and only the one that returns comes back", () => {
    const { run, state } = play([
      { kind: "link-fails", link: "etcd2-etcd3" },
      { kind: "link-fails", link: "etcd1-etcd2" },
      { kind: "link-returns", link: "etcd2-etcd3" },
    ]);
    expect((run.trace![1]!.state as HaState).linksDown).toEqual(["etcd1-etcd2", "etcd2-etcd3"]);
    expect(state.linksDown).toEqual(["etcd1-etcd2"]);
  });

  test("the liveness clock restarts at each fault or repair after which a quorum can serve, and stops while none can", () => {
    const since = (events: readonly HaEvent[]) => play(events).state.history.stableSince;
    const failures = [seconds(3), nodeFails(2), seconds(2), read, write];
    expect(since(failures)).toBe(3);
    expect(since([...failures, nodeFails(3)])).toBeNull();
    expect(since([...failures, nodeFails(3), seconds(4), { kind: "node-returns", node: 3 }])).toBe(9);
  });
});

describe("the contract", () => {
  test("repeated faults and unknown links are skipped no-ops", () => {
    const { run } = play([
      nodeFails(1),
      nodeFails(1),
      { kind: "link-fails", link: "api1-etcd2" },
      nodeFails(9),
    ]);
    expect(run.trace!.map((t) => t.skipped)).toEqual([false, true, true, true]);
  });

  test("events read from a file are checked field by field", () => {
    const problem = (event: object, over: Partial<HaConfig> = {}) =>
      eventProblem(ha, event, { ...config(over) });
    expect(problem({ kind: "link-fails", link: "etcd1-etcd4" })).toMatch(/link must name/);
    expect(problem({ kind: "link-fails", link: "lb-api2" })).toBeUndefined();
    expect(problem({ kind: "link-fails", link: "api1-etcd2" })).toMatch(/link must name/);
    expect(problem({ kind: "link-fails", link: "api1-etcd2" }, { topology: "external" })).toBeUndefined();
    expect(problem({ kind: "node-fails", node: 0 })).toMatch(/node must be/);
    expect(problem({ kind: "time-passes", seconds: "x" })).toMatch(/seconds/);
    expect(problem({ kind: "time-passes", seconds: 60 })).toBeUndefined();
  });

  test("renewDeadline must stay below leaseDuration", () => {
    expect(ha.validateConfig!(config({ renewDeadline: 15 }))).toMatch(/--renew-deadline/);
    expect(ha.validateConfig!(config())).toBeUndefined();
  });

  test("enabled lists exactly the events that change the state", () => {
    const ctx = makeContext(config(), []);
    const state = ha.init(ctx);
    const events = ha.enabled!(state, ctx);
    expect(events).toContainEqual(nodeFails(3));
    expect(events).not.toContainEqual({ kind: "node-returns", node: 3 });
    for (const e of events) expect(ha.step(state, e, ctx)).not.toBe(state);
  });
});
