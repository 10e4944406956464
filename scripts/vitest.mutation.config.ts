/** The project's vitest config, limited to the tests of one model (MUTATION_MODEL) for Stryker. */
import { existsSync, readdirSync } from "node:fs";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../vitest.config.ts";

const root = new URL("../", import.meta.url).pathname;
const model = process.env.MUTATION_MODEL ?? "";

/** The model's own tests, its property suite, and the golden stories and state counts. */
export function mutationTests(name: string): string[] {
  const own = readdirSync(`${root}models/${name}`)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `models/${name}/${f}`);
  const property = `properties/${name}.test.ts`;
  return [...own, ...(existsSync(root + property) ? [property] : []), "src/golden/*.test.ts"];
}

const config = mergeConfig(base, defineConfig({ test: { coverage: { enabled: false } } }));
// mergeConfig concatenates arrays; the model's tests replace the project's list.
config.test = { ...config.test, include: model ? mutationTests(model) : [] };

export default config;
