/** The contract's guarantees that no single feature test would notice breaking. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { models } from "../models/index.ts";
import { commands } from "./cli/commands/index.ts";
import { ENGINE_FLAGS } from "./engine/engine-flags.ts";

const src = new URL(".", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the engine knows no model", () => {
  it("no file under src/ imports from models/", () => {
    const leaks = sources(src).filter((file) =>
      /from\s+["'](\.\.\/)+models\//.test(readFileSync(file, "utf8")),
    );
    expect(leaks).toEqual([]);
  });
});

describe("flags", () => {
  it("every flag of a command that takes model params is a reserved engine flag", () => {
    const flags = commands.filter((c) => c.takesModel).flatMap((c) => Object.keys(c.flags ?? {}));
    expect(flags.filter((f) => !ENGINE_FLAGS.includes(f))).toEqual([]);
  });

  it("no built-in model has a param that shadows an engine flag", () => {
    const shadows = models.flatMap((m) =>
      m.params.filter((p) => ENGINE_FLAGS.includes(p.flag)).map((p) => `${m.name} --${p.flag}`),
    );
    expect(shadows).toEqual([]);
  });
});
