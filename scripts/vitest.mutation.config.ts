/** The project's vitest config, limited to the tests of one model (MUTATION_MODEL) for Stryker. */
import { existsSync, readdirSync } from "node:fs";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../vitest.config.ts";

const root = new URL("../", import.meta.url).pathname;
const model = process.env.MUTATION_MODEL ?? "";

/**
 * The model's own tests and the golden stories and state counts; its property suite too with
 * MUTATION_PROPERTIES=1. The property suites run thousands of generated schedules: with them a
 * single file of a model takes hours per Stryker run on two cores, without them minutes, and the
 * score is a floor (adding them could only kill more).
 */
export function mutationTests(
  name: string,
  withProperties = process.env.MUTATION_PROPERTIES === "1",
): string[] {
  const own = readdirSync(`${root}models/${name}`)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `models/${name}/${f}`);
  const property = `properties/${name}.test.ts`;
  const properties = withProperties && existsSync(root + property) ? [property] : [];
  return [...own, ...properties, "src/golden/*.test.ts"];
}

const config = mergeConfig(base, defineConfig({ test: { coverage: { enabled: false } } }));
// mergeConfig concatenates arrays; the model's tests replace the project's list.
config.test = { ...config.test, include: model ? mutationTests(model) : [] };

export default config;
