import { describe, expect, it } from "vitest";
import { mutex } from "../fixtures/mutex.ts";
import { check } from "./check.ts";
import { minimize } from "./minimize.ts";

const acquire = (client: number) => ({ kind: "acquire" as const, client });
const release = (client: number) => ({ kind: "release" as const, client });

describe("minimize", () => {
  it("drops skipped and irrelevant events until only the failing core is left", () => {
    const schedule = [acquire(2), release(2), acquire(3), acquire(3), release(1), acquire(1)];
    const result = minimize(mutex, { clients: 3 }, ["no-check"], schedule, "mutual-exclusion");
    expect(result.schedule).toEqual([acquire(3), acquire(1)]);
    expect(result.attempts).toBeGreaterThan(0);
  });

  it("keeps a schedule that is already minimal", () => {
    const schedule = [acquire(1), acquire(2)];
    expect(minimize(mutex, { clients: 2 }, ["no-check"], schedule, "mutual-exclusion").schedule).toEqual(
      schedule,
    );
  });
});

describe("swarm generation", () => {
  it("finds the flaw and says which profile found it", () => {
    const result = check(mutex, { runs: 300, seed: 3, flaws: ["no-check"], generation: "swarm" });
    expect(result.ok).toBe(false);
    expect(result.generation).toBe("swarm");
    expect(Object.keys(result.profile ?? {})).toEqual(["acquire", "release"]);
    expect(result.counterexample?.schedule).toHaveLength(2);
  });

  it("passes the correct model", () => {
    expect(check(mutex, { runs: 300, seed: 3, generation: "swarm" }).ok).toBe(true);
  });
});
