/**
 * Each HA invariant proves its teeth on a state known to be bad, with the message a person reads:
 * a flaw's counterexample where one exists, else a real state with one fact changed. Sources:
 * client-go leader election (tools/leaderelection/leaderelection.go), kubeadm's HA guide
 * (https://github.com/kubernetes/kubeadm/blob/main/docs/ha-considerations.md).
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { HaEvent } from "./events.ts";
import type { HaFlaw } from "./flaws.ts";
import { readsStayAvailable, writesNeedQuorum } from "./invariants.ts";
import { ha } from "./model.ts";
import type { HaConfig, HaState } from "./state.ts";

const seconds = (n: number): HaEvent => ({ kind: "time-passes", seconds: n });
const read: HaEvent = { kind: "client-reads" };
const write: HaEvent = { kind: "client-writes" };
/** etcd member 1 loses both peers: it steps down and members 2 and 3 elect a leader. */
const isolateMember1: HaEvent[] = [
  { kind: "link-fails", link: "etcd1-etcd2" },
  { kind: "link-fails", link: "etcd1-etcd3" },
];

function run(events: readonly HaEvent[], over: Partial<HaConfig> = {}, flaws: HaFlaw[] = []) {
  const ctx = makeContext({ ...ha.defaults, ...over }, flaws);
  const result = runSchedule(ha, ctx, events, { record: true });
  const trace = result.trace!;
  return {
    violation: result.violation,
    state: (trace.at(-1)?.state ?? result.initial) as HaState,
    prev: (trace.at(-2)?.state ?? result.initial) as HaState,
    ctx,
  };
}

describe("one-active-controller", () => {
  test("with --leader-elect=false every replica acts at once", () => {
    const { violation } = run([seconds(1)], { controlPlanes: 2 }, ["no-leader-election"]);
    expect(violation).toMatchObject({
      invariant: "one-active-controller",
      message: "kube-controller-manager is active on nodes 1 and 2 at the same time",
    });
  });

  test("a leader that keeps acting past renewDeadline overlaps the standby that took its Lease", () => {
    const { violation } = run([...isolateMember1, seconds(15)], {}, ["keep-leading-without-renew"]);
    expect(violation).toMatchObject({
      invariant: "one-active-controller",
      message: "kube-controller-manager is active on nodes 1 and 2 at the same time",
    });
  });
});

describe("reads-stay-available", () => {
  test("a /livez health check sends a read to an apiserver cut off from etcd while others serve", () => {
    const { violation } = run([...isolateMember1, seconds(1), read], {}, ["lb-checks-livez"]);
    expect(violation).toMatchObject({
      invariant: "reads-stay-available",
      message: "a read failed (it went to apiserver 1) although apiserver 2, 3 reaches an etcd quorum",
    });
    expect(run([...isolateMember1, seconds(1), read]).violation).toBeUndefined();
  });

  test("a read refused with no apiserver passing the health check, while every one could serve, breaks it", () => {
    const { state, prev, ctx } = run([read]);
    expect(readsStayAvailable.check(state, prev, ctx)).toBeUndefined();
    const refused: HaState = {
      ...state,
      history: { ...state.history, last: { op: "read", via: null, leader: 1, ok: false } },
    };
    expect(readsStayAvailable.check(refused, prev, ctx)).toBe(
      "a read failed (no apiserver passed the load balancer's health check) although apiserver 1, 2, 3 reaches an etcd quorum",
    );
  });
});

describe("writes-need-quorum", () => {
  test("a write accepted by a leader that is down hears from nobody: the message names no member", () => {
    const { state, prev, ctx } = run([write]);
    expect(state.history.last).toEqual({ op: "write", via: 1, leader: 1, ok: true });
    expect(writesNeedQuorum.check(state, prev, ctx)).toBeUndefined();
    const leaderDown: HaState = { ...state, nodes: { ...state.nodes, 1: { ...state.nodes[1]!, up: false } } };
    expect(writesNeedQuorum.check(leaderDown, prev, ctx)).toBe(
      "a write through apiserver 1 was accepted by etcd leader 1 with only 0 of 3 members up and linked to it (none); a quorum is 2",
    );
  });
});
