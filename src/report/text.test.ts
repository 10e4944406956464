import { describe, expect, it } from "vitest";
import { cluster } from "../../models/cluster/model.ts";
import { configLine } from "./text.ts";

describe("configLine", () => {
  it("abbreviates object and array values, keeps scalars, null and empty values whole", () => {
    const line = configLine({
      nodes: 3,
      cluster: { nodes: ["a", "b"] },
      zones: ["z1"],
      tags: [],
      extra: null,
    });
    expect(line).toBe("nodes=3 cluster={…} zones=[…] tags=[] extra=null");
  });

  it("names an imported cluster in one short word instead of printing it whole", () => {
    const imported = cluster.extensions!.configFrom!.load("examples/clusters/pdb-deadlock.yaml");
    const config = { ...cluster.defaults, ...imported };
    expect(JSON.stringify(config.cluster).length).toBeGreaterThan(200);
    const line = configLine(config, cluster);
    expect(line).toContain("cluster={…}");
    expect(line).not.toContain('"');
  });
});
