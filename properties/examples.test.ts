/** The curated reports in reports/examples must keep replaying on the current code, failing as recorded. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { models } from "../models/index.ts";
import { runCli } from "../src/fixtures/cli.ts";

const dir = join(import.meta.dirname, "../reports/examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("curated example reports", () => {
  it("exist", () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(`${file} still replays to its recorded violation`, async () => {
      const path = join(dir, file);
      const recorded = JSON.parse(readFileSync(path, "utf8"));
      const run = await runCli(["replay", path, "--json"], models);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.out).violation.invariant).toBe(recorded.invariant.name);
    });
  }
});
