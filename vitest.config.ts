import { defineConfig } from "vitest/config";

const source = (path: string) => new URL(path, import.meta.url).pathname;

export default defineConfig({
  // Code in this repository imports faultline by its package name, as users do, from the sources.
  resolve: {
    alias: [
      { find: /^faultline\/vitest$/, replacement: source("./src/testing.ts") },
      { find: /^faultline\/models\/(.*)$/, replacement: source("./models/$1/model.ts") },
      { find: /^faultline$/, replacement: source("./src/index.ts") },
    ],
  },
  test: {
    include: [
      "src/**/*.test.ts",
      "models/**/*.test.ts",
      "properties/**/*.test.ts",
      "examples/*.test.ts",
      "examples/readme/*.test.ts",
      "regressions/*.test.ts",
    ],
    // Tests never read or write the project's own failure database; db tests pass --db a temp dir.
    env: { FAULTLINE_DB: "off" },
    testTimeout: 120_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts", "models/**/*.ts"],
      exclude: ["**/*.test.ts"],
      reporter: ["text-summary"],
    },
  },
});
