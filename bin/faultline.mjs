#!/usr/bin/env node
// From a clone the TypeScript sources run through tsx (no build step); the installed package runs
// its compiled JavaScript in dist/.
import { existsSync } from "node:fs";

const fromSource = existsSync(new URL("../src/cli/run.ts", import.meta.url));
if (fromSource) (await import("tsx/esm/api")).register();
const root = fromSource ? "../" : "../dist/";
const ext = fromSource ? "ts" : "js";
const { run } = await import(new URL(`${root}src/cli/run.${ext}`, import.meta.url).href);
process.exitCode = await run(
  process.argv.slice(2),
  new URL(`${root}models/index.${ext}`, import.meta.url).href,
);
