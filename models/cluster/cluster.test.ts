/**
 * Hand-written scenarios pinning the model to documented Kubernetes behaviour
 * (Kubernetes docs: nodes, taint-based evictions; see the Sources paragraph of README.md). Default topology, 3 nodes, placed at time 0:
 *   node-1: debug (no controller), web, log-agent, db-1     node-2: web, cache, log-agent
 *   node-3: web, db-0, log-agent
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { runSchedule } from "../../src/engine/runner.ts";
import type { ClusterConfig } from "./config.ts";
import { type DrainOptions, defaultDrainOptions } from "./drain.ts";
import type { ClusterEvent } from "./events.ts";
import { cluster } from "./model.ts";
import type { ClusterState, Pod } from "./state.ts";

function play(events: readonly ClusterEvent[], config: Partial<ClusterConfig> = {}): ClusterState {
  const ctx = makeContext({ ...cluster.defaults, ...config }, []);
  const result = runSchedule(cluster, ctx, events, { record: true, freeze: true });
  expect(result.violation).toBeUndefined();
  return result.trace?.at(-1)?.state ?? result.initial;
}

const cut = (node: number): ClusterEvent => ({ kind: "cut-off", node });
const reconnect = (node: number): ClusterEvent => ({ kind: "reconnect", node });
const powerOff = (node: number): ClusterEvent => ({ kind: "power-off", node });
const powerOn = (node: number): ClusterEvent => ({ kind: "power-on", node });
const wait = (seconds: number): ClusterEvent => ({ kind: "advance", seconds });
const drain = (node: number, flags: Partial<DrainOptions> = {}): ClusterEvent => ({
  kind: "drain",
  node,
  ...defaultDrainOptions,
  ...flags,
});

const podsOf = (s: ClusterState, app: string): Pod[] =>
  Object.values(s.api.pods).filter((p) => p.app === app);
const podOn = (s: ClusterState, app: string, node: string): Pod | undefined =>
  podsOf(s, app).find((p) => p.nodeName === node);
const runningOn = (s: ClusterState, node: string): string[] => s.machines[node]!.containers.map((c) => c.pod);
const terminating = (s: ClusterState): string[] =>
  Object.values(s.api.pods)
    .filter((p) => p.deletionTimestamp !== null)
    .map((p) => p.name);

describe("node failure and eviction", () => {
  test("the initial placement spreads the workloads and runs everything", () => {
    const s = play([]);
    expect(runningOn(s, "node-1")).toEqual([
      "debug",
      expect.stringMatching(/^web-7f9c-/),
      expect.any(String),
      "db-1",
    ]);
    expect(Object.values(s.api.pods).every((p) => p.phase === "Running" && p.ready)).toBe(true);
  });

  test("pods of a silent node are deleted 360 s after its last heartbeat: 55 s to Unknown, 5 s to taint, 300 s toleration", () => {
    const before = play([cut(1), wait(359)]);
    expect(before.api.nodes["node-1"]!.taint?.timeAdded).toBe(60);
    expect(terminating(before)).toEqual([]);
    const after = play([cut(1), wait(360)]);
    expect(terminating(after).sort()).toEqual(["db-1", "debug", podOn(before, "web", "node-1")!.name].sort());
  });

  test("before 1.32 (grace 40 s) the same happens 10 s earlier", () => {
    expect(terminating(play([cut(1), wait(349)], { nodeMonitorGracePeriod: 40 }))).toEqual([]);
    expect(terminating(play([cut(1), wait(350)], { nodeMonitorGracePeriod: 40 }))).toHaveLength(3);
  });

  test("legacy mode deletes pods once Ready has been Unknown for more than --pod-eviction-timeout", () => {
    const legacy = { evictionMode: "legacy" as const };
    expect(terminating(play([cut(1), wait(355)], legacy))).toEqual([]);
    const s = play([cut(1), wait(360)], legacy);
    expect(s.api.nodes["node-1"]!.taint).toBeNull();
    expect(terminating(s)).toHaveLength(3);
  });

  test("a kubelet whose runtime fails reports NotReady: not-ready taint at the next pass, pods deleted 300 s later", () => {
    const down: ClusterEvent = { kind: "runtime-down", node: 1 };
    const tainted = play([down, wait(5)]);
    expect(tainted.api.nodes["node-1"]).toMatchObject({
      ready: "False",
      taint: { key: "node.kubernetes.io/not-ready", timeAdded: 5 },
    });
    expect(terminating(play([down, wait(304)]))).toEqual([]);
    expect(terminating(play([down, wait(305)]))).toHaveLength(3);
  });

  test("NotReady then silent: the taint swaps to unreachable at once and keeps its deadline", () => {
    const s = play([{ kind: "runtime-down", node: 1 }, wait(10), cut(1), wait(60)]);
    expect(s.api.nodes["node-1"]).toMatchObject({
      ready: "Unknown",
      taint: { key: "node.kubernetes.io/unreachable", timeAdded: 5 },
    });
    expect(terminating(play([{ kind: "runtime-down", node: 1 }, wait(10), cut(1), wait(295)]))).toHaveLength(
      3,
    );
  });

  test("a node back within the timeout keeps its pods", () => {
    const start = play([]);
    const web = podOn(start, "web", "node-1")!;
    const s = play([cut(1), wait(200), reconnect(1), wait(600)]);
    expect(s.api.nodes["node-1"]!.taint).toBeNull();
    expect(s.api.pods[web.name]?.uid).toBe(web.uid);
    expect(runningOn(s, "node-1")).toEqual(runningOn(start, "node-1"));
  });

  test("a node back after the timeout runs none of its old pods, and the ReplicaSet's pods run elsewhere", () => {
    const start = play([]);
    const old = start.machines["node-1"]!.containers.filter((c) => !c.pod.startsWith("log-agent")).map(
      (c) => c.uid,
    );
    const s = play([cut(1), wait(400), reconnect(1), wait(60)]);
    expect(s.machines["node-1"]!.containers.filter((c) => old.includes(c.uid))).toEqual([]);
    const web = podsOf(s, "web");
    expect(web).toHaveLength(3);
    expect(web.every((p) => p.nodeName !== "node-1" && p.phase === "Running")).toBe(true);
  });

  test("a ReplicaSet replaces a terminating pod at once, while the old one still runs on the cut-off node", () => {
    const s = play([cut(1), wait(400)]);
    const old = podOn(s, "web", "node-1")!;
    expect(old.deletionTimestamp).toBe(360);
    expect(runningOn(s, "node-1")).toContain(old.name);
    expect(podsOf(s, "web").filter((p) => p.deletionTimestamp === null)).toHaveLength(3);
  });

  test("a StatefulSet waits until the old pod object is gone before it recreates the identity", () => {
    const stuck = play([cut(1), wait(1000)]);
    expect(stuck.api.pods["db-1"]!.nodeName).toBe("node-1");
    expect(stuck.api.pods["db-1"]!.deletionTimestamp).toBe(360);
    const back = play([cut(1), wait(1000), reconnect(1)]);
    expect(back.machines["node-1"]!.containers.find((c) => c.pod === "db-1")?.stopAt).toBe(1030);
    const recreated = play([cut(1), wait(1000), reconnect(1), wait(30)]);
    expect(recreated.api.pods["db-1"]!.uid).not.toBe(stuck.api.pods["db-1"]!.uid);
    expect(recreated.api.pods["db-1"]!.phase).toBe("Running");
    expect(recreated.machines["node-1"]!.containers.some((c) => c.uid === stuck.api.pods["db-1"]!.uid)).toBe(
      false,
    );
  });

  test("a bare pod dies with its node and nothing recreates it", () => {
    const s = play([powerOff(1), wait(400), powerOn(1), wait(10)]);
    expect(s.api.pods.debug).toBeUndefined();
    expect(Object.values(s.machines).some((m) => m.containers.some((c) => c.pod === "debug"))).toBe(false);
  });

  test("deleting a lost node's Node object: PodGC force-deletes its pods after 40 s quarantine, the StatefulSet recreates db-1", () => {
    const old = play([]).api.pods["db-1"]!;
    const steps = [powerOff(1), wait(100), { kind: "delete-node", node: 1 } as const];
    expect(play([...steps, wait(59)]).api.pods["db-1"]!.uid).toBe(old.uid);
    const s = play([...steps, wait(60)]);
    expect(s.api.pods["db-1"]!.uid).not.toBe(old.uid);
    expect(s.api.pods["db-1"]!.nodeName).not.toBe("node-1");
    expect(s.api.pods.debug).toBeUndefined();
    const back = play([...steps, wait(60), powerOn(1)]);
    expect(back.api.nodes["node-1"]).toMatchObject({ ready: "True", unschedulable: false });
    expect(runningOn(back, "node-1")).toEqual([expect.stringMatching(/^log-agent-/)]);
  });

  test("deleting the Node object of a node that is only cut off lets a second db-1 run: PodGC's force delete is recorded", () => {
    const old = play([]).api.pods["db-1"]!;
    const s = play([cut(1), { kind: "delete-node", node: 1 }, wait(60)]);
    expect(s.history.forceDeleted).toContain(old.uid);
    expect(runningOn(s, "node-1")).toContain("db-1");
    expect(
      Object.values(s.machines).flatMap((m) => m.containers.filter((c) => c.pod === "db-1")),
    ).toHaveLength(2);
  });

  test("DaemonSet pods tolerate the unreachable taint forever", () => {
    const s = play([cut(1), wait(5000)]);
    expect(podOn(s, "log-agent", "node-1")!.deletionTimestamp).toBeNull();
  });

  test("with every node silent the controller lifts the taints and evicts nothing", () => {
    const s = play([cut(1), cut(2), cut(3), wait(2000)]);
    expect(s.nodeLifecycle.fullDisruption).toBe(true);
    expect(terminating(s)).toEqual([]);
  });

  test("a small zone with at least 3 and 55% of its nodes silent stops evicting", () => {
    const s = play([cut(1), cut(2), cut(3), wait(2000)], { nodes: 4 });
    expect(Object.values(s.api.nodes).filter((n) => n.taint)).toHaveLength(0);
    expect(terminating(s)).toEqual([]);
  });

  test("the zone taints one node per 10 s (--node-eviction-rate 0.1)", () => {
    const s = play([cut(1), cut(2), wait(100)], { nodes: 4 });
    expect([s.api.nodes["node-1"]!.taint?.timeAdded, s.api.nodes["node-2"]!.taint?.timeAdded]).toEqual([
      60, 70,
    ]);
  });

  test("a force delete removes the object at once; the kubelet kills the orphan when it is back", () => {
    const old = play([]).api.pods["db-0"]!;
    const forced = play([cut(3), { kind: "force-delete", node: 3, app: "db" }]);
    expect(forced.api.pods["db-0"]!.uid).not.toBe(old.uid);
    expect(forced.history.forceDeleted).toEqual([old.uid]);
    expect(forced.machines["node-3"]!.containers.some((c) => c.uid === old.uid)).toBe(true);
    const back = play([cut(3), { kind: "force-delete", node: 3, app: "db" }, reconnect(3)]);
    expect(back.machines["node-3"]!.containers.some((c) => c.uid === old.uid)).toBe(false);
  });
});

describe("cordon, drain, uncordon", () => {
  test("cordon leaves running pods alone and keeps new pods off the node", () => {
    const start = play([]);
    const s = play([
      { kind: "cordon", node: 1 },
      { kind: "force-delete", node: 2, app: "web" },
    ]);
    expect(s.api.nodes["node-1"]!.unschedulable).toBe(true);
    expect(runningOn(s, "node-1")).toEqual(runningOn(start, "node-1"));
    expect(podsOf(s, "web").filter((p) => p.nodeName === "node-1")).toHaveLength(1);
  });

  test("drain without --force refuses a bare pod, evicts nothing and leaves the node cordoned", () => {
    const s = play([drain(1, { ignoreDaemonsets: true })]);
    expect(s.drains["node-1"]!.status).toBe("failed");
    expect(s.drains["node-1"]!.message).toBe(
      "cannot delete Pods that declare no controller (use --force to override): default/debug",
    );
    expect(s.api.nodes["node-1"]!.unschedulable).toBe(true);
    expect(terminating(s)).toEqual([]);
    expect(s.history.drainRemovals).toEqual([]);
  });

  test("drain with --force deletes the bare pod, and nothing recreates it", () => {
    const s = play([drain(1, { ignoreDaemonsets: true, force: true }), wait(30)]);
    expect(s.drains["node-1"]!.status).toBe("done");
    expect(s.api.pods.debug).toBeUndefined();
    expect(runningOn(s, "node-1")).toEqual([podOn(s, "log-agent", "node-1")!.name]);
  });

  test("DaemonSet pods need --ignore-daemonsets, and stay running with it", () => {
    const refused = play([drain(3)]);
    expect(refused.drains["node-3"]!.message).toMatch(
      /^cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): default\/log-agent-/,
    );
    const s = play([drain(3, { ignoreDaemonsets: true }), wait(30)]);
    expect(s.drains["node-3"]!.status).toBe("done");
    expect(runningOn(s, "node-3")).toEqual([podOn(s, "log-agent", "node-3")!.name]);
  });

  test("emptyDir pods need --delete-emptydir-data; filter errors are aggregated by reason", () => {
    const s = play([drain(2)]);
    expect(s.drains["node-2"]!.message).toMatch(
      /^cannot delete DaemonSet-managed Pods .*, cannot delete Pods with local storage \(use --delete-emptydir-data to override\): default\/cache-5d8b-/,
    );
    expect(
      play([drain(2, { ignoreDaemonsets: true, deleteEmptydirData: true }), wait(30)]).drains["node-2"]!
        .status,
    ).toBe("done");
  });

  test("a PDB blocks a drain with 429 until the budget allows, then the drain finishes", () => {
    const config = { webPdbMinAvailable: 2 };
    const steps = [
      { kind: "pod-unready", node: 2, app: "web" } as const,
      drain(1, { ignoreDaemonsets: true, force: true }),
    ];
    const blocked = play([...steps, wait(60)], config);
    const d = blocked.drains["node-1"]!;
    expect(d.status).toBe("blocked");
    expect(d.pods.find((p) => p.name.startsWith("web-"))?.message).toBe(
      "429 Cannot evict pod as it would violate the pod's disruption budget web-pdb (needs 2 healthy pods and has 2 currently)",
    );
    const healed = [...steps, wait(60), { kind: "pod-ready", node: 2, app: "web" } as const];
    expect(play([...healed, wait(4)], config).drains["node-1"]!.status).toBe("blocked");
    expect(play([...healed, wait(5)], config).drains["node-1"]!.status).toBe("running");
    expect(play([...healed, wait(35)], config).drains["node-1"]!.status).toBe("done");
  });

  test("a 429 retry evicts by name: db-1 recreated on another node is evicted by node-1's drain", () => {
    // kubectl pkg/drain/drain.go evictPods: after a 429 it re-GETs the pod by name and evicts with no UID precondition.
    const steps = [
      { kind: "pod-unready", node: 3, app: "db" } as const,
      drain(1, { ignoreDaemonsets: true, force: true }),
      { kind: "force-delete", node: 1, app: "db" } as const,
      { kind: "pod-ready", node: 3, app: "db" } as const,
    ];
    const old = play([]).api.pods["db-1"]!;
    const recreated = play(steps).api.pods["db-1"]!;
    expect(recreated.uid).not.toBe(old.uid);
    expect(recreated.nodeName).not.toBe("node-1");
    expect(play([...steps, wait(4)]).api.pods["db-1"]!.deletionTimestamp).toBeNull();
    const s = play([...steps, wait(5)]);
    expect(s.api.pods["db-1"]).toMatchObject({ uid: recreated.uid, deletionTimestamp: 5 });
    expect(s.drains["node-1"]!.pods.find((p) => p.name === "db-1")).toMatchObject({
      uid: recreated.uid,
      status: "deleting",
    });
  });

  test("a blocked drain with --timeout fails, never reports done", () => {
    const s = play([drain(1, { ignoreDaemonsets: true, force: true, timeout: 60 }), wait(120)], {
      webPdbMinAvailable: 3,
    });
    expect(s.drains["node-1"]).toMatchObject({
      status: "failed",
      message: "drain did not complete within 60s",
    });
  });

  test("an eviction of a pod selected by two budgets fails with 500 and fails the drain", () => {
    const s = play([drain(2, { ignoreDaemonsets: true, deleteEmptydirData: true }), wait(30)], {
      overlappingPdb: true,
    });
    expect(s.drains["node-2"]!.status).toBe("failed");
    expect(s.drains["node-2"]!.message).toMatch(/^500 This pod has more than one PodDisruptionBudget/);
  });

  test("--disable-eviction deletes through the budget", () => {
    const s = play([drain(1, { ignoreDaemonsets: true, force: true, disableEviction: true }), wait(30)], {
      webPdbMinAvailable: 3,
    });
    expect(s.drains["node-1"]!.status).toBe("done");
    expect(s.history.drainRemovals.map((r) => r.pod)).toContain(podOn(play([]), "web", "node-1")!.name);
  });

  test("a terminating pod bypasses the budget", () => {
    const config = { webPdbMinAvailable: 3 };
    const s = play(
      [cut(1), wait(400), reconnect(1), drain(1, { ignoreDaemonsets: true, force: true })],
      config,
    );
    const web = s.drains["node-1"]!.pods.find((p) => p.name.startsWith("web-"));
    expect(web?.status).toBe("deleting");
    expect(s.drains["node-1"]!.pods.every((p) => p.status === "deleting")).toBe(true);
  });

  test("a drain of an unreachable node waits for its evicted pods forever", () => {
    const s = play([cut(1), drain(1, { ignoreDaemonsets: true, force: true }), wait(3000)], {
      webPdbMinAvailable: 0,
    });
    expect(s.drains["node-1"]!.status).toBe("running");
    expect(s.drains["node-1"]!.pods.map((p) => p.status)).toEqual(["deleting", "deleting", "deleting"]);
  });

  test("an unready pod may go while its budget is met (IfHealthyBudget), or always (AlwaysAllow)", () => {
    const steps = [
      { kind: "pod-unready", node: 1, app: "web" } as const,
      drain(1, { ignoreDaemonsets: true, force: true }),
    ];
    const webOn1 = (s: ClusterState) => s.drains["node-1"]!.pods.find((p) => p.name.startsWith("web-"))!;
    expect(webOn1(play(steps, { webPdbMinAvailable: 2 })).status).toBe("deleting");
    expect(webOn1(play(steps, { webPdbMinAvailable: 3 })).status).toBe("retrying");
    const always = play(steps, { webPdbMinAvailable: 3, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(webOn1(always).status).toBe("deleting");
  });

  test("drain --grace-period=0 of a cut-off node removes the objects at once: a second db-1 may run (recorded as forced)", () => {
    const s = play([cut(1), drain(1, { ignoreDaemonsets: true, force: true, gracePeriod: 0 })]);
    const old = play([]).api.pods["db-1"]!;
    expect(s.history.forceDeleted).toContain(old.uid);
    expect(s.machines["node-1"]!.containers.some((c) => c.uid === old.uid)).toBe(true);
    expect(s.api.pods["db-1"]!.uid).not.toBe(old.uid);
    expect(s.drains["node-1"]!.status).toBe("done");
  });

  test("--skip-wait-for-delete-timeout stops waiting for pods terminating that long, and skips them up front", () => {
    const flags = { ignoreDaemonsets: true, force: true, skipWaitForDeleteTimeout: 60 };
    const waiting = [cut(1), wait(400), drain(1, flags)];
    expect(play([...waiting, wait(20)]).drains["node-1"]!.status).toBe("running");
    expect(play([...waiting, wait(21)]).drains["node-1"]!.status).toBe("done");
    const late = play([
      cut(1),
      wait(500),
      drain(1, { ignoreDaemonsets: true, skipWaitForDeleteTimeout: 60 }),
    ]);
    expect(late.drains["node-1"]).toMatchObject({ status: "done", pods: [] });
  });

  test("uncordon makes the node schedulable again", () => {
    const s = play([drain(3, { ignoreDaemonsets: true }), wait(30), { kind: "uncordon", node: 3 }]);
    expect(s.api.nodes["node-3"]!.unschedulable).toBe(false);
  });
});

describe("enabled", () => {
  test("lists only events that change the state, including faults, drains and time", () => {
    const ctx = makeContext(cluster.defaults, []);
    const s = cluster.init(ctx);
    const events = cluster.enabled!(s, ctx);
    for (const e of events) expect(cluster.step(s, e, ctx), JSON.stringify(e)).not.toBe(s);
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of [
      "advance",
      "power-off",
      "cut-off",
      "kubelet-stop",
      "cordon",
      "drain",
      "pod-unready",
      "force-delete",
    ])
      expect(kinds).toContain(kind);
    expect(kinds).not.toContain("reconnect");
  });
});
