/**
 * Each cluster invariant proves its teeth: a schedule under the flaw that breaks it (or a real
 * state with one oracle fact changed, where no schedule of the correct model reaches it) is named
 * with the message a person reads, and the documented exceptions stay quiet. Sources:
 * kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go (grace period,
 * NoExecute taints, zone rate limits, full disruption), pkg/controller/tainteviction (tolerationSeconds),
 * pkg/controller/podgc (force delete of orphaned pods), kubernetes/kubectl pkg/drain/{drain,filters}.go,
 * and https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ for PodDisruptionBudgets.
 * Default topology, 3 nodes: node-1 runs debug (no controller), web, log-agent, db-1; node-3 runs db-0.
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { ClusterConfig } from "./config.ts";
import { type DrainOptions, defaultDrainOptions } from "./drain.ts";
import type { ClusterEvent } from "./events.ts";
import type { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { cluster } from "./model.ts";
import type { ClusterState } from "./state.ts";

type ClusterFlaw = (typeof flaws)[number]["name"];

const cut = (node: number): ClusterEvent => ({ kind: "cut-off", node });
const reconnect = (node: number): ClusterEvent => ({ kind: "reconnect", node });
const wait = (seconds: number): ClusterEvent => ({ kind: "advance", seconds });
const cordon = (node: number): ClusterEvent => ({ kind: "cordon", node });
const runtimeDown = (node: number): ClusterEvent => ({ kind: "runtime-down", node });
const forceDelete = (node: number, app: string): ClusterEvent => ({ kind: "force-delete", node, app });
const drain = (node: number, flags: Partial<DrainOptions> = {}): ClusterEvent => ({
  kind: "drain",
  node,
  ...defaultDrainOptions,
  ...flags,
});

function violation(
  events: readonly ClusterEvent[],
  over: Partial<ClusterConfig> = {},
  flawNames: ClusterFlaw[] = [],
) {
  const ctx = makeContext({ ...cluster.defaults, ...over }, flawNames);
  const v = runSchedule(cluster, ctx, events).violation;
  return v && { invariant: v.invariant, message: v.message };
}

/** The states before and after the schedule's last step, and the context it ran in. */
function lastStep(events: readonly ClusterEvent[], over: Partial<ClusterConfig> = {}) {
  const ctx = makeContext({ ...cluster.defaults, ...over }, []);
  const run = runSchedule(cluster, ctx, events, { record: true });
  expect(run.violation).toBeUndefined();
  const trace = run.trace!;
  const prev = (trace.at(-2)?.state ?? run.initial) as ClusterState;
  return { state: trace.at(-1)!.state as ClusterState, prev, ctx };
}

const check = (name: string, s: ReturnType<typeof lastStep>, state = s.state, config = s.ctx.config) =>
  invariants.find((i) => i.name === name)!.check(state, s.prev, { ...s.ctx, config });

describe("no-orphan-pods", () => {
  test("a kubelet back in touch that keeps a force-deleted pod's container is named", () => {
    expect(violation([cut(3), forceDelete(3, "db"), reconnect(3)], {}, ["kubelet-keeps-orphans"])).toEqual({
      invariant: "no-orphan-pods",
      message: "db-0 still runs on node-3, whose kubelet is connected, although its pod object is gone",
    });
  });

  test("a bare pod whose object is gone for good (nothing recreates it) is named too", () => {
    expect(violation([cut(1), forceDelete(1, "debug"), reconnect(1)], {}, ["kubelet-keeps-orphans"])).toEqual(
      {
        invariant: "no-orphan-pods",
        message: "debug still runs on node-1, whose kubelet is connected, although its pod object is gone",
      },
    );
  });

  test("an orphan on a node whose container runtime is down is no violation: the kubelet can stop nothing", () => {
    expect(violation([cut(3), forceDelete(3, "db"), runtimeDown(3), reconnect(3)])).toBeUndefined();
  });

  test("a bare pod running on any node but its own is named, even on a node that is cut off", () => {
    const s = lastStep([cut(2)]);
    const debug = s.state.machines["node-1"]!.containers.find((c) => c.pod === "debug")!;
    const node2 = s.state.machines["node-2"]!;
    const moved = {
      ...s.state,
      machines: { ...s.state.machines, "node-2": { ...node2, containers: [...node2.containers, debug] } },
    };
    expect(check("no-orphan-pods", s, moved)).toBe("bare pod debug of node-1 runs on node-2");
  });
});

describe("no-early-eviction", () => {
  test("a silent node's pods deleted when the taint lands are named with the earliest allowed time", () => {
    expect(violation([cut(1), wait(100)], {}, ["evict-before-timeout"])).toEqual({
      invariant: "no-early-eviction",
      message: "debug on node-1 was deleted at 60s, but node-1 was last heard from at 0s, so not before 350s",
    });
  });

  test("a node that reported NotReady counts from the pass that saw it", () => {
    expect(violation([runtimeDown(1), wait(10)], {}, ["evict-before-timeout"])).toEqual({
      invariant: "no-early-eviction",
      message: "debug on node-1 was deleted at 5s, but node-1 reported NotReady at 5s, so not before 305s",
    });
  });

  const evicted = () => lastStep([cut(1), wait(360)]);

  test("the real deletions at 360 s are allowed from a heartbeat seen at 10 s, not at 11 s", () => {
    const s = evicted();
    const heardAt = (at: number) => ({
      ...s.state,
      history: { ...s.state.history, heartbeatSeenAt: { ...s.state.history.heartbeatSeenAt, "node-1": at } },
    });
    expect(check("no-early-eviction", s, heardAt(10))).toBeUndefined();
    expect(check("no-early-eviction", s, heardAt(11))).toBe(
      "debug on node-1 was deleted at 360s, but node-1 was last heard from at 11s, so not before 361s",
    );
  });

  test("a deletion on a node never seen failing is named", () => {
    const s = evicted();
    const healthy = {
      ...s.state,
      history: { ...s.state.history, failures: { ...s.state.history.failures, "node-1": null } },
    };
    expect(check("no-early-eviction", s, healthy)).toBe(
      "debug on node-1 was deleted at 360s although node-1 was never seen failing",
    );
  });

  test("the wait is the shorter default toleration in taint mode, --pod-eviction-timeout in legacy mode", () => {
    const s = evicted();
    const config = (over: Partial<ClusterConfig>) => ({ ...s.ctx.config, ...over });
    expect(check("no-early-eviction", s, s.state, config({ defaultNotReadyTolerationSeconds: 400 }))).toBe(
      undefined,
    );
    expect(
      check(
        "no-early-eviction",
        s,
        s.state,
        config({ defaultUnreachableTolerationSeconds: 320, defaultNotReadyTolerationSeconds: 400 }),
      ),
    ).toBe("debug on node-1 was deleted at 360s, but node-1 was last heard from at 0s, so not before 370s");
    expect(
      check("no-early-eviction", s, s.state, config({ evictionMode: "legacy", podEvictionTimeout: 311 })),
    ).toBe("debug on node-1 was deleted at 360s, but node-1 was last heard from at 0s, so not before 361s");
  });
});

describe("statefulset-at-most-one", () => {
  test("a StatefulSet that recreates a terminating identity at once runs it twice", () => {
    expect(violation([cut(1), wait(400)], {}, ["statefulset-eager-replace"])).toEqual({
      invariant: "statefulset-at-most-one",
      message: "db-1 runs 2 times at once, on node-1 and node-3",
    });
  });
});

describe("no-schedule-on-cordoned", () => {
  test("a DaemonSet pod recreated on a cordoned node is no violation: DaemonSet pods tolerate unschedulable", () => {
    // kubernetes/kubernetes pkg/controller/daemon/util/daemonset_util.go adds the
    // node.kubernetes.io/unschedulable:NoSchedule toleration to every DaemonSet pod.
    expect(violation([cordon(1), forceDelete(1, "log-agent")])).toBeUndefined();
  });

  test("a pod that was pending, or had another uid, one step earlier is new when bound to a cordoned node", () => {
    const s = lastStep([cordon(1), wait(5)]);
    const web = Object.values(s.state.api.pods).find((p) => p.app === "web" && p.nodeName === "node-1")!;
    const earlier = (change: Partial<typeof web>) => ({
      ...s,
      prev: {
        ...s.prev,
        api: { ...s.prev.api, pods: { ...s.prev.api.pods, [web.name]: { ...web, ...change } } },
      },
    });
    const message = `${web.name} was bound to node-1, which is cordoned`;
    expect(check("no-schedule-on-cordoned", s)).toBeUndefined();
    expect(check("no-schedule-on-cordoned", earlier({ nodeName: null }))).toBe(message);
    expect(check("no-schedule-on-cordoned", earlier({ uid: web.uid + 100 }))).toBe(message);
  });
});

describe("drain-keeps-unmanaged", () => {
  test("a drain without --force that deletes a pod with no controller is named", () => {
    expect(violation([drain(1, { ignoreDaemonsets: true })], {}, ["drain-deletes-unmanaged"])).toEqual({
      invariant: "drain-keeps-unmanaged",
      message: "the drain of node-1 deleted debug, which has no controller, without --force",
    });
  });

  test("a drain whose filters failed that still evicts the pods that passed is named", () => {
    expect(violation([drain(1, { ignoreDaemonsets: true })], {}, ["drain-partial-evict"])).toEqual({
      invariant: "drain-keeps-unmanaged",
      message: "the drain of node-1 removed web-7f9c-s5rvf although its filters failed",
    });
  });
});

describe("drain-blocked-is-not-done", () => {
  test("a drain that counts a 429-refused pod as finished reports done while the pod is still there", () => {
    const unready: ClusterEvent = { kind: "pod-unready", node: 2, app: "web" };
    const steps = [unready, drain(1, { ignoreDaemonsets: true, force: true }), wait(60)];
    expect(violation(steps, {}, ["drain-blocked-reported-done"])).toEqual({
      invariant: "drain-blocked-is-not-done",
      message: "the drain of node-1 reports done, but web-7f9c-s5rvf is still there",
    });
  });
});

describe("replicas-restored", () => {
  const counting: ClusterFlaw[] = ["replicaset-counts-terminating"];

  test("pods stuck terminating on a lost node are named once the derived bound (395 s) has passed, not before", () => {
    // 50 s grace + 300 s toleration + 3 passes of 5 s + 3 nodes × 10 s (--node-eviction-rate 0.1).
    expect(violation([cut(1), wait(394)], {}, counting)).toBeUndefined();
    expect(violation([cut(1), wait(395)], {}, counting)).toEqual({
      invariant: "replicas-restored",
      message:
        "ReplicaSet web-7f9c has 2 of 3 pods running on Ready nodes 395s after the last disturbance (bound 395s)",
    });
  });

  test("the bound waits for the longer default toleration, and rounds the zone's interval up to whole passes", () => {
    expect(
      violation([cut(1), wait(494)], { defaultNotReadyTolerationSeconds: 400 }, counting),
    ).toBeUndefined();
    expect(violation([cut(1), wait(495)], { defaultNotReadyTolerationSeconds: 400 }, counting)?.message).toBe(
      "ReplicaSet web-7f9c has 2 of 3 pods running on Ready nodes 495s after the last disturbance (bound 495s)",
    );
    // 1 / 0.15 = 6.7 s between evictions: two 5 s passes.
    expect(violation([cut(1), wait(394)], { nodeEvictionRate: 0.15 }, counting)).toBeUndefined();
    expect(violation([cut(1), wait(395)], { nodeEvictionRate: 0.15 }, counting)?.invariant).toBe(
      "replicas-restored",
    );
  });

  test("legacy mode bounds the wait with --pod-eviction-timeout", () => {
    const legacy = { evictionMode: "legacy" as const, podEvictionTimeout: 200 };
    expect(violation([cut(1), wait(294)], legacy, counting)).toBeUndefined();
    expect(violation([cut(1), wait(295)], legacy, counting)?.message).toBe(
      "ReplicaSet web-7f9c has 2 of 3 pods running on Ready nodes 295s after the last disturbance (bound 295s)",
    );
  });

  test("promises nothing with --node-eviction-rate 0 (no node is ever evicted) or with no schedulable Ready node", () => {
    expect(violation([cut(1), wait(2000)], { nodeEvictionRate: 0 })).toBeUndefined();
    expect(violation([cordon(2), cordon(3), cut(1), wait(2000)])).toBeUndefined();
  });
});
