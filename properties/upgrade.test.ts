/**
 * The upgrade model under generated operator schedules and faults: the planned strategies and the
 * free-form runbook hold every invariant; all-at-once breaks serving-capacity, as documented;
 * every flaw is caught by its invariant with a small story.
 */
import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { upgrade } from "../models/upgrade/model.ts";
import type { UpgradeState } from "../models/upgrade/state.ts";
import { check } from "../src/engine/check.ts";
import { makeContext } from "../src/engine/context.ts";
import { runSchedule } from "../src/engine/runner.ts";
import type { AnyModel } from "../src/model.ts";
import { tellStory } from "../src/report/story.ts";
import { renderTrace } from "../src/report/text.ts";
import { assertHolds, itCatchesEveryFlaw, schedules } from "../src/testing.ts";

describe("strategies that keep the cluster serving", () => {
  for (const strategy of ["one-at-a-time", "add-new-nodes", "free"] as const) {
    test.prop([schedules(upgrade, { fixed: { strategy } })], { numRuns: 700, seed: 1 })(
      `${strategy} holds every invariant under node failures`,
      (run) => assertHolds(upgrade, run),
    );
  }

  it("reaches every witness with the planned strategies", () => {
    for (const strategy of ["one-at-a-time", "add-new-nodes"]) {
      const result = check(upgrade, { runs: 300, seed: 1, fixed: { strategy } });
      expect(result.ok).toBe(true);
      for (const [name, runs] of Object.entries(result.witnesses))
        expect(runs, `${strategy}: ${name}`).toBeGreaterThan(0);
    }
  });
});

describe("all-at-once", () => {
  it("breaks serving-capacity: the downtime the strategy accepts, shown as a short story", () => {
    const result = check(upgrade, { runs: 200, seed: 1, fixed: { strategy: "all-at-once" } });
    expect(result.ok).toBe(false);
    const cx = result.counterexample!;
    expect(cx.run.violation?.invariant).toBe("serving-capacity");
    expect(tellStory(upgrade, cx).steps.length).toBeLessThanOrEqual(8);
    expect(renderTrace(upgrade, cx)).toContain("kubectl drain w1 --disable-eviction");
  });
});

describe("minors one at a time", () => {
  const fixed = { policyRelease: "1.13", upgradeMinors: 2 };

  it("takes a cluster from 1.11 to 1.13 only through 1.12, in every generated schedule", () => {
    let reached = 0;
    for (const strategy of ["one-at-a-time", "add-new-nodes", "free"] as const) {
      fc.assert(
        fc.property(schedules(upgrade, { fixed: { ...fixed, strategy } }), ({ config, schedule }) => {
          const run = runSchedule(upgrade as AnyModel, makeContext(config, []), schedule, { record: true });
          const last = run.trace!.at(-1)?.state as UpgradeState | undefined;
          const minors = (last ?? (run.initial as UpgradeState)).history.clusterMinors;
          expect(minors[0]).toBe(11);
          expect(minors).toEqual(minors.map((_, i) => minors[0]! + i));
          if (minors.at(-1) === 13) reached++;
        }),
        { numRuns: 200, seed: 1 },
      );
    }
    expect(reached).toBeGreaterThan(0);
  });
});

describe("kubeadm's refusals reach the report", () => {
  it("a generated free-form schedule shows kubeadm's own reason for refusing an apply", () => {
    const runs = fc.sample(schedules(upgrade, { fixed: { strategy: "free" } }), { seed: 1, numRuns: 100 });
    const refused = runs
      .map(({ config, schedule }) => ({
        config,
        schedule,
        run: runSchedule(upgrade as AnyModel, makeContext(config, []), schedule, { record: true }),
      }))
      .find(({ run }) => run.reached.has("kubeadm-refuses-apply"));
    expect(refused).toBeDefined();
    const story = tellStory(upgrade, { ...refused!, flaws: [] });
    const reasons = story.steps.flatMap((s) => s.changes).filter((c) => c.path === "operator.refused");
    expect(reasons.some((c) => /^\[(upgrade\/version|preflight)\]/.test(String(c.after ?? "")))).toBe(true);
  });
});

describe("flaws", () => {
  /** Shrunk story sizes measured with seed 1 (README, "Flaws"). */
  const bounds: Record<string, number> = {
    "kubelet-before-control-plane": 1,
    "skip-minor": 3,
    "apply-before-kubeadm": 5,
    "upgrade-without-drain": 4,
    "kubectl-two-ahead": 1,
    "join-unsupported-version": 1,
    "drain-past-max-unavailable": 7,
  };
  itCatchesEveryFlaw(upgrade, bounds, { seed: 1, runs: 5000 });
});
