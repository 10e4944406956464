/**
 * The reducer's own rules: which faults and commands change a machine, which are no-ops, what a
 * power cycle resets, and what counts as a disturbance. A machine that powers on starts its
 * kubelet and container runtime again (systemd units), a stopped kubelet kills no container
 * (the runtime keeps them: https://kubernetes.io/docs/concepts/architecture/nodes/), and
 * `kubectl delete pod --force --grace-period=0` removes one named pod object.
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import type { ClusterConfig } from "./config.ts";
import { defaultDrainOptions } from "./drain.ts";
import type { ClusterEvent } from "./events.ts";
import type { ImportedCluster } from "./imported.ts";
import { cluster } from "./model.ts";
import type { ClusterState } from "./state.ts";

function play(events: readonly ClusterEvent[], over: Partial<ClusterConfig> = {}): ClusterState {
  const ctx = makeContext({ ...cluster.defaults, ...over }, []);
  return events.reduce((s, e) => cluster.step(s, e, ctx), cluster.init(ctx));
}

const on = (node: number, kind: string): ClusterEvent => ({ kind, node }) as ClusterEvent;
const wait = (seconds: number): ClusterEvent => ({ kind: "advance", seconds });
const running = (s: ClusterState, node: string) => s.machines[node]!.containers.map((c) => c.pod);

describe("events that do not apply change nothing", () => {
  const ctx = makeContext(cluster.defaults, []);
  const start = play([]);
  const off = play([on(1, "power-off")]);
  const cases: [string, ClusterState, ClusterEvent][] = [
    ["a node the cluster does not have", start, on(4, "cut-off")],
    ["power-on of a running machine", start, on(1, "power-on")],
    ["power-off of a machine already off", off, on(1, "power-off")],
    ["cut-off of a machine already cut off", play([on(1, "cut-off")]), on(1, "cut-off")],
    ["reconnect of a connected machine", start, on(1, "reconnect")],
    ["kubelet-start of a running kubelet", start, on(1, "kubelet-start")],
    ["kubelet-stop on a machine that is off", off, on(1, "kubelet-stop")],
    ["runtime-up of a healthy runtime", start, on(1, "runtime-up")],
    ["runtime-down on a machine that is off", off, on(1, "runtime-down")],
    [
      "runtime-up on a machine that is off",
      play([on(1, "runtime-down"), on(1, "power-off")]),
      on(1, "runtime-up"),
    ],
    [
      "kubelet-start on a machine that is off",
      play([on(1, "kubelet-stop"), on(1, "power-off")]),
      on(1, "kubelet-start"),
    ],
    [
      "delete-node of a powered-off node whose Node object is gone",
      play([on(1, "power-off"), on(1, "delete-node")]),
      on(1, "delete-node"),
    ],
    ["pod-ready of a pod whose probe passes", start, { kind: "pod-ready", node: 1, app: "web" }],
    ["pod-unready of an app not on the node", start, { kind: "pod-unready", node: 1, app: "cache" }],
    ["force-delete of an app not on the node", start, { kind: "force-delete", node: 1, app: "cache" }],
  ];
  for (const [name, state, event] of cases)
    test(name, () => {
      expect(cluster.step(state, event, ctx)).toBe(state);
    });
});

describe("machines", () => {
  test("a power cycle loses every container and brings the kubelet and the container runtime back up", () => {
    const down = play([on(1, "kubelet-stop"), on(1, "runtime-down"), on(1, "power-off")]);
    expect(down.machines["node-1"]).toMatchObject({ power: "off", kubelet: "stopped", runtime: "down" });
    expect(running(down, "node-1")).toEqual([]);
    const up = play([on(1, "kubelet-stop"), on(1, "runtime-down"), on(1, "power-off"), on(1, "power-on")]);
    expect(up.machines["node-1"]).toMatchObject({ power: "on", kubelet: "running", runtime: "healthy" });
  });

  test("a stopped kubelet and a down runtime come back on their own commands", () => {
    const s = play([
      on(1, "kubelet-stop"),
      on(1, "runtime-down"),
      on(1, "kubelet-start"),
      on(1, "runtime-up"),
    ]);
    expect(s.machines["node-1"]).toMatchObject({ power: "on", kubelet: "running", runtime: "healthy" });
    expect(play([on(2, "cut-off"), on(2, "reconnect")]).machines["node-2"]!.network).toBe("connected");
  });

  test("a stopped kubelet kills no container, even past its grace period; started again it does", () => {
    const drain: ClusterEvent = {
      kind: "drain",
      node: 1,
      ...defaultDrainOptions,
      force: true,
      ignoreDaemonsets: true,
    };
    const stopped = play([drain, on(1, "kubelet-stop"), wait(60)]);
    expect(running(stopped, "node-1")).toContain("debug");
    expect(
      running(play([drain, on(1, "kubelet-stop"), wait(60), on(1, "kubelet-start")]), "node-1"),
    ).not.toContain("debug");
  });
});

describe("disturbances", () => {
  test("a fault or command marks the last disturbance at its time; time passing and no-ops do not", () => {
    const s = play([wait(100), on(2, "cut-off"), wait(50), on(2, "cut-off")]);
    expect(s.now).toBe(150);
    expect(s.history.lastDisturbanceAt).toBe(100);
  });
});

describe("pod commands pick by pod name", () => {
  const twoWebs = { nodes: 2, webReplicas: 4 };

  test("force-delete removes the first pod of the app on the node, by name", () => {
    const start = play([], twoWebs);
    const webs = Object.values(start.api.pods)
      .filter((p) => p.app === "web" && p.nodeName === "node-1")
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(webs).toHaveLength(2);
    const s = play([{ kind: "force-delete", node: 1, app: "web" }], twoWebs);
    expect(s.history.forceDeleted).toEqual([webs[0]!.uid]);
    expect(s.api.pods[webs[1]!.name]?.uid).toBe(webs[1]!.uid);
  });

  test("pod-unready fails the first passing probe of the app by name, pod-ready heals the first failing one", () => {
    const webs = (s: ClusterState) =>
      s.machines["node-1"]!.containers.filter((c) => c.pod.startsWith("web-")).sort((a, b) =>
        a.pod.localeCompare(b.pod),
      );
    const unready: ClusterEvent = { kind: "pod-unready", node: 1, app: "web" };
    const ready: ClusterEvent = { kind: "pod-ready", node: 1, app: "web" };
    expect(webs(play([unready], twoWebs)).map((c) => c.probe)).toEqual(["failing", "passing"]);
    expect(webs(play([unready, unready], twoWebs)).map((c) => c.probe)).toEqual(["failing", "failing"]);
    expect(webs(play([unready, unready, ready], twoWebs)).map((c) => c.probe)).toEqual([
      "passing",
      "failing",
    ]);
  });
});

test("an OrderedReady StatefulSet of five brings every ordinal up within the first instant", () => {
  const s = play([], { nodes: 4, dbReplicas: 5 });
  const db = Object.values(s.api.pods).filter((p) => p.app === "db");
  expect(db.map((p) => [p.name, p.phase, p.ready])).toEqual(
    ["db-0", "db-1", "db-2", "db-3", "db-4"].map((n) => [n, "Running", true]),
  );
});

test("an imported cluster starts from its manifests: listed pods stay where they run, a missing replica is created on a Ready node", () => {
  const imported: ImportedCluster = {
    nodes: [
      { name: "worker-a", ready: "True", unschedulable: false, taint: null },
      { name: "worker-b", ready: "False", unschedulable: false, taint: "node.kubernetes.io/not-ready" },
    ],
    replicaSets: [{ name: "shop/api-6d4f", app: "shop/api", replicas: 2, emptyDir: false }],
    statefulSets: [],
    daemonSets: [],
    budgets: [],
    pods: [
      {
        name: "shop/api-6d4f-aaaaa",
        app: "shop/api",
        owner: { kind: "ReplicaSet", name: "shop/api-6d4f" },
        nodeName: "worker-b",
        phase: "Running",
        ready: false,
        emptyDir: false,
      },
    ],
    goals: null,
  };
  const s = play([], { nodes: 2, cluster: imported });
  expect(s.machines["worker-b"]).toMatchObject({
    runtime: "down",
    containers: [{ pod: "shop/api-6d4f-aaaaa" }],
  });
  const api = Object.values(s.api.pods).filter((p) => p.app === "shop/api");
  expect(api.map((p) => [p.nodeName, p.phase])).toEqual([
    ["worker-b", "Running"],
    ["worker-a", "Running"],
  ]);
});
