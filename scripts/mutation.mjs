#!/usr/bin/env node
/**
 * Mutation testing per model with Stryker (https://stryker-mutator.io): `npm run mutation -- raft`
 * mutates models/raft/ and runs the tests that exercise it (models/raft/*.test.ts and the golden
 * stories and state counts in src/golden/; properties/raft.test.ts too with MUTATION_PROPERTIES=1;
 * the config is stryker.config.mjs with scripts/vitest.mutation.config.ts). Incremental: a re-run
 * only tests mutants whose code or tests changed (reports/mutation/<model>/incremental.json) — but
 * an edited story file is not a changed test to Stryker, so pass --force after editing stories.
 * One file or several: `--mutate models/raft/invariants.ts,models/raft/reducer.ts` (a second
 * --mutate flag replaces the first).
 *
 * A mutant that makes the model refuse to load (an invariant renamed "", the list emptied) fails
 * every test file at import; Stryker's vitest runner then sees no test complete and calls it
 * survived (test files that load no model still pass). A module-level mutant runs every test, so
 * one that survives with fewer tests completed than the run holds is counted here as detected, in
 * its own "refused at load" column.
 * `npm run mutation -- --all` runs every model in turn and writes reports/mutation.md, a score table
 * per model and per file, and prints it. Any other flag (--concurrency 1, --force …) goes to Stryker.
 * Not part of `npm test`: it takes minutes per model.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "reports", "mutation");
const MODELS = readdirSync(join(ROOT, "models"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, "models", d.name, "model.ts")))
  .map((d) => d.name)
  .sort();

const USAGE = `usage: npm run mutation -- <model>|--all [stryker flags, e.g. --concurrency 1]\nmodels: ${MODELS.join(", ")}`;

function fail(message) {
  process.stderr.write(`mutation: ${message}\n`);
  process.exit(2);
}

function run(model, extra) {
  const started = Date.now();
  const result = spawnSync("npx", ["stryker", "run", "stryker.config.mjs", ...extra], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, MUTATION_MODEL: model },
  });
  const minutes = (Date.now() - started) / 60_000;
  if (result.status !== 0) fail(`stryker failed on ${model} (exit ${result.status})`);
  return { model, minutes, files: scores(join(OUT, model, "mutation.json")) };
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** Per file: killed, timeouts, survived, without coverage, and Stryker's score (detected / valid). */
function scores(jsonFile) {
  const report = JSON.parse(readFileSync(jsonFile, "utf8"));
  const allTests = Object.values(report.testFiles ?? {}).reduce((n, f) => n + f.tests.length, 0);
  // A static mutant (module level) runs every test; fewer completing means test files failed to load.
  const refused = (m) => m.status === "Survived" && m.static === true && m.testsCompleted < allTests;
  return Object.entries(report.files)
    .map(([path, file]) => {
      const refusedAtLoad = file.mutants.filter(refused).length;
      const count = (status) => file.mutants.filter((m) => m.status === status).length;
      const detected = file.mutants.filter((m) => DETECTED.has(m.status)).length + refusedAtLoad;
      const valid = detected + file.mutants.filter((m) => UNDETECTED.has(m.status)).length;
      return {
        file: relative(ROOT, join(ROOT, path)),
        killed: count("Killed"),
        timeout: count("Timeout"),
        refusedAtLoad,
        survived: count("Survived") - refusedAtLoad,
        noCoverage: count("NoCoverage"),
        detected,
        valid,
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const pct = (detected, valid) => (valid === 0 ? "—" : `${((100 * detected) / valid).toFixed(1)} %`);

function table(results) {
  const lines = ["# Mutation scores (Stryker, per model, with that model's tests)", ""];
  lines.push(
    "| model | mutants | killed | timeout | refused at load | survived | no coverage | score | minutes |",
  );
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    const sum = (k) => r.files.reduce((s, f) => s + f[k], 0);
    lines.push(
      `| ${r.model} | ${sum("valid")} | ${sum("killed")} | ${sum("timeout")} | ${sum("refusedAtLoad")} | ${sum("survived")} | ${sum("noCoverage")} | ${pct(sum("detected"), sum("valid"))} | ${r.minutes.toFixed(1)} |`,
    );
  }
  for (const r of results) {
    lines.push(
      "",
      `## ${r.model}`,
      "",
      "| file | killed | timeout | refused at load | survived | no coverage | score |",
    );
    lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const f of r.files)
      lines.push(
        `| ${f.file} | ${f.killed} | ${f.timeout} | ${f.refusedAtLoad} | ${f.survived} | ${f.noCoverage} | ${pct(f.detected, f.valid)} |`,
      );
  }
  return `${lines.join("\n")}\n`;
}

const args = process.argv.slice(2);
const target = args[0];
if (!target || target === "--help" || target === "-h") {
  process.stdout.write(`${USAGE}\n`);
  process.exit(target ? 0 : 2);
}
const extra = args.slice(1);
let chosen;
if (target === "--all") chosen = MODELS;
else if (MODELS.includes(target)) chosen = [target];
else fail(`unknown model '${target}'\n${USAGE}`);

const results = chosen.map((model) => run(model, extra));
const markdown = table(results);
mkdirSync(OUT, { recursive: true });
const file = target === "--all" ? join(ROOT, "reports", "mutation.md") : join(OUT, target, "scores.md");
writeFileSync(file, markdown);
process.stdout.write(`\n${markdown}\nwritten to ${relative(ROOT, file)}\n`);
