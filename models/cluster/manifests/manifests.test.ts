import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { desiredHealthy, topology } from "../topology.ts";
import { clusterFromManifests } from "./import.ts";
import { ManifestError, parseManifestText } from "./parse.ts";

const listText = readFileSync("examples/clusters/statefulset-failure.yaml", "utf8");
const items = parseManifestText(listText, "list.yaml");

describe("reading manifests", () => {
  it("reads a List, the same objects as multi-document YAML, and as JSON", () => {
    const multi = items.map((o) => stringify(o)).join("---\n");
    const json = JSON.stringify({ apiVersion: "v1", kind: "List", items });
    expect(parseManifestText(multi, "multi.yaml")).toEqual(items);
    expect(parseManifestText(json, "list.json")).toEqual(items);
  });

  it("rejects a mapping that is not a Kubernetes object, in one line naming it", () => {
    expect(() => parseManifestText("kind: Node\n", "x.yaml")).toThrow(ManifestError);
    expect(() => parseManifestText("kind: Node\n", "x.yaml")).toThrow("x.yaml is not a Kubernetes object");
  });
});

describe("clusterFromManifests", () => {
  const imported = clusterFromManifests(items);
  const t = topology(imported.config);

  it("gives the model's config and initial state: nodes by name, pods where kubectl saw them", () => {
    expect(t.nodes).toEqual(["worker-a", "worker-b", "worker-c"]);
    expect(imported.config.nodes).toBe(3);
    const pods = imported.initialState.api.pods;
    expect(pods["db/postgres-1"]).toMatchObject({ nodeName: "worker-b", phase: "Running", ready: true });
    expect(Object.keys(pods)).toHaveLength(5);
  });

  it("rounds budget percentages up, as the disruption controller does (GetScaledValueFromIntOrPercent, roundUp)", () => {
    const byName = Object.fromEntries(t.budgets.map((b) => [b.name, b]));
    expect(desiredHealthy(t, byName["db/postgres"]!)).toBe(2); // minAvailable 60% of 3 → ceil(1.8)
    expect(desiredHealthy(t, byName["db/api"]!)).toBe(1); // maxUnavailable 50% of 2 → 1 unavailable
    expect(desiredHealthy(t, { name: "x", apps: ["db/postgres"], maxUnavailable: "34%" })).toBe(1); // ceil(1.02) = 2 unavailable
  });

  it("a null budget selector matches nothing; an empty one every pod in its namespace", () => {
    const withSelector = (selector: unknown) =>
      items.map((o) =>
        o.kind === "PodDisruptionBudget" ? { ...o, spec: { ...(o.spec as object), selector } } : o,
      );
    const none = clusterFromManifests(withSelector(null));
    expect(topology(none.config).budgets).toEqual([]);
    expect(none.ignored.join(" ")).toContain("selects no pod the model runs");
    const all = clusterFromManifests(withSelector({}));
    expect(topology(all.config).budgets[0]!.apps).toEqual(["db/api-6q48bl8kbl", "db/postgres"]);
  });
});
