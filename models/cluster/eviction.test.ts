/**
 * The Eviction API's answers, as kubernetes/kubernetes pkg/registry/core/pod/storage/eviction.go
 * gives them and https://kubernetes.io/docs/tasks/run-application/configure-pdb/ documents:
 * 404 for a pod that is gone, 500 for a pod two budgets select, a pending pod always goes, an
 * unhealthy pod goes while its budget is met (IfHealthyBudget, desiredHealthy > 0) or always
 * (AlwaysAllow), and otherwise 429 once no disruption is left. Default topology: 3 web pods
 * (one per node), db-0 and db-1.
 */
import { describe, expect, test } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import type { ClusterConfig } from "./config.ts";
import type { ClusterEvent } from "./events.ts";
import { evict } from "./eviction.ts";
import { cluster } from "./model.ts";
import type { ClusterState } from "./state.ts";

function at(events: readonly ClusterEvent[], over: Partial<ClusterConfig> = {}) {
  const ctx = makeContext({ ...cluster.defaults, ...over }, []);
  const state = events.reduce((s, e) => cluster.step(s, e, ctx), cluster.init(ctx));
  const webOn = (node: string) =>
    Object.values(state.api.pods).find((p) => p.app === "web" && p.nodeName === node)!.name;
  const answer = (name: string, s: ClusterState = state) => evict(s, name, 30, ctx).result;
  return { state, ctx, webOn, answer };
}

const unready = (node: number, app = "web"): ClusterEvent => ({ kind: "pod-unready", node, app });
const tooMany = (budget: string, needs: number, has: number) => ({
  code: 429,
  message: `Cannot evict pod as it would violate the pod's disruption budget ${budget} (needs ${needs} healthy pods and has ${has} currently)`,
});

describe("healthy pods", () => {
  test("go while the budget allows a disruption, 429 once none is left", () => {
    expect(at([], { webPdbMinAvailable: 2 }).answer(at([]).webOn("node-1"))).toEqual({ code: 200 });
    const full = at([], { webPdbMinAvailable: 3 });
    expect(full.answer(full.webOn("node-1"))).toEqual(tooMany("web-pdb", 3, 3));
    expect(full.state.api.pods[full.webOn("node-1")]!.deletionTimestamp).toBeNull();
  });

  test("a 200 deletes the pod with the DisruptionTarget reason of the Eviction API", () => {
    const s = at([], { webPdbMinAvailable: 2 });
    const name = s.webOn("node-1");
    const after = evict(s.state, name, 30, s.ctx).state.api.pods[name]!;
    expect(after).toMatchObject({
      deletionTimestamp: 0,
      deletionGracePeriodSeconds: 30,
      disruption: "EvictionByEvictionAPI",
    });
  });

  test("a pod two budgets select gets 500, whatever they allow", () => {
    const s = at([], { webPdbMinAvailable: 1, overlappingPdb: true });
    expect(s.answer(s.webOn("node-1"))).toEqual({
      code: 500,
      message:
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    });
  });

  test("a pod that was never found is 404, and a pod no budget selects always goes", () => {
    const s = at([]);
    expect(s.answer("web-7f9c-nope")).toEqual({ code: 404 });
    expect(s.answer("debug")).toEqual({ code: 200 });
  });
});

describe("unhealthy and pending pods", () => {
  test("IfHealthyBudget: an unready pod goes while the budget is met, not when it is short", () => {
    const met = at([unready(2)], { webPdbMinAvailable: 2 });
    expect(met.answer(met.webOn("node-2"))).toEqual({ code: 200 });
    const short = at([unready(2)], { webPdbMinAvailable: 3 });
    expect(short.answer(short.webOn("node-2"))).toEqual(tooMany("web-pdb", 3, 2));
  });

  test("AlwaysAllow: an unready pod goes even when the budget is short", () => {
    const s = at([unready(2)], { webPdbMinAvailable: 3, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(s.answer(s.webOn("node-2"))).toEqual({ code: 200 });
    expect(s.answer(s.webOn("node-1"))).toEqual(tooMany("web-pdb", 3, 2));
  });

  test("a budget that needs no healthy pod is not 'met' for an unhealthy pod: with none healthy it is 429", () => {
    const db = { dbPdbMaxUnavailable: 2 };
    const bothUnready = at([unready(1, "db"), unready(3, "db")], db);
    expect(bothUnready.answer("db-1")).toEqual(tooMany("db-pdb", 0, 0));
    expect(at([unready(1, "db")], db).answer("db-1")).toEqual({ code: 200 });
  });

  test("a pending pod goes whatever its budget says", () => {
    const s = at([], { webPdbMinAvailable: 3 });
    const name = s.webOn("node-1");
    const pending = {
      ...s.state,
      api: {
        ...s.state.api,
        pods: { ...s.state.api.pods, [name]: { ...s.state.api.pods[name]!, phase: "Pending" as const } },
      },
    };
    expect(s.answer(name, pending)).toEqual({ code: 200 });
  });
});
