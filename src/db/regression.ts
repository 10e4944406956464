/**
 * Regression fixtures: a database entry promoted to a file under `regressions/<model>/` that a
 * vitest suite replays on every `npm test`. A fixture found with a flaw switched on must keep
 * failing (the checker keeps its teeth); one found on the model as written records a fixed bug and
 * must keep holding.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnyModel } from "../model.ts";
import { VERSION } from "../version.ts";
import { type Replayable, replayEntry } from "./replay.ts";
import type { FailureEntry } from "./store.ts";

export type Expectation = "violation" | "holds";

export interface RegressionFixture extends Replayable {
  readonly faultline: string;
  /** The database entry it came from. */
  readonly from: string;
  readonly invariant: string;
  readonly expect: Expectation;
}

export function fixtureFrom(entry: FailureEntry, expect?: Expectation): RegressionFixture {
  return {
    faultline: VERSION,
    from: entry.id,
    model: entry.model,
    invariant: entry.invariant,
    expect: expect ?? (entry.flaws.length > 0 ? "violation" : "holds"),
    flaws: entry.flaws,
    config: entry.config,
    schedule: entry.schedule,
  };
}

/** `regressions/<model>/<invariant>-<hash>.json` for entry `<model>/<invariant>-<hash>`. */
export const fixturePath = (dir: string, entry: FailureEntry) => join(dir, `${entry.id}.json`);

/** Every fixture file under `dir` (one folder per model), with its path. */
export function readFixtures(dir: string): { file: string; fixture: RegressionFixture }[] {
  let models: string[];
  try {
    models = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  return models.flatMap((model) =>
    readdirSync(join(dir, model))
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => {
        const file = join(dir, model, f);
        return { file, fixture: JSON.parse(readFileSync(file, "utf8")) as RegressionFixture };
      }),
  );
}

/** What is wrong with the fixture on the current code, or undefined when it behaves as it promises. */
export function fixtureProblem(model: AnyModel, fixture: RegressionFixture): string | undefined {
  const verdict = replayEntry(model, fixture);
  if (verdict.status === "stale") return `no longer fits model ${model.name}: ${verdict.why}`;
  if (fixture.expect === "holds")
    return verdict.status === "fails" ? `breaks ${verdict.invariant} again` : undefined;
  if (verdict.status === "passes") return `no longer breaks ${fixture.invariant}: the flaw went undetected`;
  return verdict.status === "fails" && verdict.invariant !== fixture.invariant
    ? `breaks ${verdict.invariant} first, not ${fixture.invariant}`
    : undefined;
}
