/**
 * The README's "Spreading suites over machines" recipe, run for real: two `--shard` runs write
 * blob reports into one folder, `--merge-reports` joins them, and the merged totals equal one
 * unsharded run of the same files.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(new URL("..", import.meta.url).pathname);
const vitest = join(root, "node_modules/.bin/vitest");
/** Small, fast suites: the recipe is under test here, not these files. */
const FILES = ["src/report/diff.test.ts", "src/cycles.test.ts"];
const folder = mkdtempSync(join(tmpdir(), "faultline-shards-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** This process's own VITEST* variables would make the child think it runs inside a worker. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));

async function run(args: readonly string[]): Promise<void> {
  await promisify(execFile)(vitest, ["run", ...args], { cwd: root, env: { ...env, NO_COLOR: "1" } });
}

interface JsonReport {
  readonly numTotalTests: number;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly testResults: readonly { readonly name: string; readonly assertionResults: readonly unknown[] }[];
}

const read = (path: string): JsonReport => JSON.parse(readFileSync(path, "utf8"));
const totals = (r: JsonReport) => ({
  total: r.numTotalTests,
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  files: r.testResults.map((f) => f.name).sort(),
});

describe("vitest --shard + --merge-reports", () => {
  it("two shards merged report the same totals as one unsharded run", async () => {
    const blobs = join(folder, "blobs");
    await Promise.all(
      [1, 2].map((i) =>
        run([
          ...FILES,
          `--shard=${i}/2`,
          "--reporter=blob",
          `--outputFile=${join(blobs, `blob-${i}-2.json`)}`,
        ]),
      ),
    );
    const merged = join(folder, "merged.json");
    await run([`--merge-reports=${blobs}`, "--reporter=json", `--outputFile=${merged}`]);
    const whole = join(folder, "whole.json");
    await run([...FILES, "--reporter=json", `--outputFile=${whole}`]);

    expect(totals(read(whole)).files).toHaveLength(FILES.length);
    expect(totals(read(whole)).total).toBeGreaterThan(FILES.length);
    expect(totals(read(merged))).toEqual(totals(read(whole)));
  });
});
