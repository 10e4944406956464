/**
 * Stryker's config for one model, named by MUTATION_MODEL; run it through
 * `npm run mutation -- <model>` (scripts/mutation.mjs), which sets the variable and tabulates.
 * Stryker 9 (Stryker 10 needs Node 22).
 */
const model = process.env.MUTATION_MODEL;
if (!model) throw new Error("set MUTATION_MODEL, or run `npm run mutation -- <model>`");
const out = `reports/mutation/${model}`;

export default {
  packageManager: "npm",
  testRunner: "vitest",
  // Runs this model's tests only (MUTATION_MODEL reaches the runner processes through the environment).
  vitest: { configFile: "scripts/vitest.mutation.config.ts", related: false },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [`models/${model}/**/*.ts`, `!models/${model}/**/*.test.ts`],
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `${out}/mutation.json` },
  clearTextReporter: { reportTests: false, reportMutants: false },
  // One sandbox folder per model, so two models can be measured at once.
  tempDirName: `reports/mutation/tmp-${model}`,
  ignorePatterns: [
    "reports/mutation",
    "dist",
    "coverage",
    "scratch",
    "test-output",
    "examples/twopc/node_modules",
  ],
  timeoutMS: 10_000,
};
