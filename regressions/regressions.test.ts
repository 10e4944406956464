/**
 * Replays every promoted counterexample (`faultline db promote`) on the current code: a flaw's
 * fixture must still break its invariant, a fixed bug's fixture must keep holding.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { models } from "../models/index.ts";
import { fixtureProblem, readFixtures } from "../src/db/regression.ts";

const fixtures = readFixtures(fileURLToPath(new URL(".", import.meta.url)));

describe("promoted regressions", () => {
  it("holds at least one fixture (the suite is not vacuous)", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map(({ file, fixture }) => [fixture.from, file, fixture] as const))(
    "%s behaves as promoted",
    (_id, file, fixture) => {
      const model = models.find((m) => m.name === fixture.model);
      expect(model, `${file} names an unknown model`).toBeDefined();
      expect(fixtureProblem(model!, fixture)).toBeUndefined();
    },
  );
});
