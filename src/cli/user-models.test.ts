/** A user's own model, outside faultline: named by file, by faultline.config.json, and replayed from its report. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../fixtures/cli.ts";

const api = new URL("../index.ts", import.meta.url).pathname;

function project(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), "faultline-user-"));
  mkdirSync(join(dir, "models"));
  writeFileSync(
    join(dir, "models/counter.ts"),
    `import { defineModel, field } from ${JSON.stringify(api)};
export const counter = defineModel({
  name: "counter",
  defaults: { limit: 3 },
  params: [{ key: "limit", flag: "limit", doc: "highest allowed", type: "int", min: 1, max: 9 }],
  init: () => ({ n: 0 }),
  events: { add: { doc: "add some", weight: 1, fields: { by: field.int(1, 2) } } },
  step: (s, e, { config, flaws }) => (s.n + e.by <= config.limit || flaws.has("no-limit") ? { n: s.n + e.by } : s),
  invariants: [{ name: "within-limit", doc: "n never passes the limit", check: (s, _p, { config }) => (s.n > config.limit ? \`n is \${s.n}\` : undefined) }],
  flaws: [{ name: "no-limit", doc: "adds past the limit", breaks: "within-limit" }],
});
`,
  );
  if (config) writeFileSync(join(dir, "faultline.config.json"), JSON.stringify(config));
  return dir;
}

describe("user models", () => {
  it("check takes a model file and the name faultline.config.json gives it", async () => {
    const dir = project({ models: ["./models/counter.ts"] });
    const byPath = await runCli(["check", "./models/counter.ts", "--runs", "50", "--seed", "1"], [], dir);
    expect(byPath.out).toMatch(/✓ counter: all 1 invariants held/);
    const byName = await runCli(["check", "counter", "--runs", "50", "--seed", "1"], [], dir);
    expect(byName.code).toBe(0);
    expect((await runCli(["list"], [], dir)).out).toMatch(/^counter — counter/m);
  });

  it("a report of a user model records its file, and replay loads it from there", async () => {
    const dir = project();
    const found = await runCli(
      ["check", "models/counter.ts", "--flaw", "no-limit", "--seed", "1", "--json", "--out", join(dir, "r")],
      [],
      dir,
    );
    expect(found.code).toBe(1);
    const report = JSON.parse(found.out).report.json as string;
    const replayed = await runCli(["replay", report], [], dir);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toMatch(/within-limit broke/);
  });

  it.each([
    [["check", "./models/missing.ts"], /model file \.\/models\/missing\.ts does not exist/],
    [["check", "./models/counter.ts#other"], /has no model 'other' \(it exports counter\)/],
  ])("bad model files are one line: %j", async (argv, message) => {
    const r = await runCli(argv, [], project());
    expect(r.code).toBe(2);
    expect(r.errLines).toBe(1);
    expect(r.err).toMatch(message);
  });

  it("a config file that names no list is one line", async () => {
    const r = await runCli(["list"], [], project({ models: "./models/counter.ts" }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/faultline.config.json must have "models": a list of model file paths/);
  });
});
