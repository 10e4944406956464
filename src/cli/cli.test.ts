import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rememberSource } from "../engine/model-source.ts";
import { runCli } from "../fixtures/cli.ts";

const cli = (...argv: string[]) => runCli(argv);

const tmp = () => mkdtempSync(join(tmpdir(), "faultline-"));

describe("faultline check", () => {
  it("exits 0 and prints a summary when every invariant holds", async () => {
    const r = await cli("check", "mutex", "--runs", "100", "--seed", "1");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/all 1 invariants held/);
    expect(r.out).toMatch(/100 runs, .* events\/s/);
    expect(r.out).toMatch(/witnesses reached: handover/);
  });

  it("exits 1 with a readable trace and a JSON, Markdown and HTML report when a flaw is on", async () => {
    const dir = tmp();
    const r = await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/1\. client \d asks for the lock\n\s+lock.holders: \[\] → \[\d\]/);
    expect(r.out).toMatch(/✗ mutual-exclusion broke after step 2/);
    expect(readdirSync(dir).sort()).toEqual([
      expect.stringMatching(/^mutex-mutual-exclusion-.*\.html$/),
      expect.stringMatching(/^mutex-mutual-exclusion-.*\.json$/),
      expect.stringMatching(/\.md$/),
    ]);
  });

  it("never overwrites: a second failure gets a fresh file name", async () => {
    const dir = tmp();
    await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", dir);
    await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", dir);
    expect(readdirSync(dir)).toHaveLength(6);
  });

  it("--json prints one machine-readable result", async () => {
    const r = await cli("check", "mutex", "--runs", "20", "--seed", "2", "--json");
    expect(JSON.parse(r.out)).toMatchObject({ model: "mutex", ok: true, runs: 20, violation: null });
  });

  it("--clients fixes the model param", async () => {
    const r = await cli(
      "check",
      "mutex",
      "--flaw",
      "no-check",
      "--clients",
      "3",
      "--seed",
      "4",
      "--json",
      "--out",
      tmp(),
    );
    expect(JSON.parse(r.out).violation.invariant).toBe("mutual-exclusion");
  });
});

describe("faultline replay", () => {
  async function savedReport() {
    const dir = tmp();
    await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", dir);
    return join(dir, readdirSync(dir).find((f) => f.endsWith(".json"))!);
  }

  it("re-runs the saved schedule and exits 1 while the invariant still fails", async () => {
    const file = await savedReport();
    const r = await cli("replay", file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ mutual-exclusion/);
  });

  it("exits 0 once the schedule no longer breaks anything", async () => {
    const file = await savedReport();
    const report = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...report, flaws: [] }));
    const r = await cli("replay", file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mutual-exclusion no longer fails/);
  });

  it("prints the same trace as the check that found it", async () => {
    const dir = tmp();
    const found = await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", dir);
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".json"))!);
    const replayed = await cli("replay", file);
    const steps = (text: string) => text.slice(0, text.indexOf("Replay:"));
    expect(steps(replayed.out)).toBe(steps(found.out));
  });
});

describe("bad input: one line, exit 2, no stack trace", () => {
  const cases: [string, string[], RegExp][] = [
    ["unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
    ["unknown model", ["check", "paxos"], /unknown model 'paxos' \(known: mutex\)/],
    ["missing model", ["check"], /check needs a model name/],
    ["unknown flaw", ["check", "mutex", "--flaw", "nope"], /unknown flaw 'nope'/],
    ["unknown flag", ["check", "mutex", "--frobs", "3"], /unknown option --frobs/],
    ["non-numeric runs", ["check", "mutex", "--runs", "many"], /--runs must be a number/],
    ["zero runs", ["check", "mutex", "--runs", "0"], /--runs must be between 1 and/],
    ["fractional seed", ["check", "mutex", "--seed", "1.5"], /--seed must be a whole number/],
    ["out-of-range param", ["check", "mutex", "--clients", "99"], /--clients must be between 1 and 9/],
    ["flag without value", ["check", "mutex", "--runs"], /--runs needs a value/],
    ["zero workers", ["check", "mutex", "--workers", "0"], /--workers must be between 1 and 64/],
    [
      "unknown generation",
      ["check", "mutex", "--generation", "lucky"],
      /--generation must be swarm or uniform/,
    ],
    ["malformed path", ["check", "mutex", "--seed", "1", "--path", "x"], /--path must look like/],
    [
      "path without seed",
      ["check", "mutex", "--path", "1:2"],
      /--path replays only together with the --seed/,
    ],
    ["replay without file", ["replay"], /replay needs a report file/],
    ["missing report", ["replay", "/no/such/report.json"], /report \/no\/such\/report.json does not exist/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.errLines).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }

  const reportCases: [string, string, RegExp][] = [
    ["not JSON", "{ nope", /is not valid JSON/],
    ["not an object", "[1,2]", /is not a faultline report/],
    [
      "another model",
      JSON.stringify({ model: "paxos", config: {}, schedule: [] }),
      /model 'paxos', which this faultline does not know/,
    ],
    [
      "unknown flaw",
      JSON.stringify({ model: "mutex", config: {}, flaws: ["x"], schedule: [] }),
      /names flaw 'x'/,
    ],
    [
      "bad config",
      JSON.stringify({ model: "mutex", config: { clients: 0 }, schedule: [] }),
      /bad config: clients must be between/,
    ],
    [
      "unknown config key",
      JSON.stringify({ model: "mutex", config: { nodes: 3 }, schedule: [] }),
      /has config 'nodes'/,
    ],
    ["no schedule", JSON.stringify({ model: "mutex", config: {} }), /has no 'schedule' list/],
    [
      "unknown event",
      JSON.stringify({ model: "mutex", config: {}, schedule: [{ kind: "explode" }] }),
      /bad event 1 in its schedule: model mutex has no event kind "explode"/,
    ],
    [
      "bad event field",
      JSON.stringify({ model: "mutex", config: {}, schedule: [{ kind: "acquire", client: 7 }] }),
      /acquire: client must be a client of this run, 1 to 2 \(got 7\)/,
    ],
  ];
  for (const [name, content, message] of reportCases) {
    it(`report: ${name}`, async () => {
      const file = join(tmp(), "r.json");
      writeFileSync(file, content);
      const r = await cli("replay", file);
      expect(r.code).toBe(2);
      expect(r.errLines).toBe(1);
      expect(r.err).toMatch(message);
      expect(readFileSync(file, "utf8")).toBe(content);
    });
  }

  it("--out pointing at a file is refused and the file is left alone", async () => {
    const file = join(tmp(), "not-a-dir");
    writeFileSync(file, "mine");
    const r = await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a file, not a directory/);
    expect(readFileSync(file, "utf8")).toBe("mine");
  });
});

describe("faultline check --workers", () => {
  it("splits the runs over threads and merges their counts (real registry: workers look models up by name)", async () => {
    const registry = new URL("../../models/index.ts", import.meta.url).href;
    const { models } = await import("../../models/index.ts");
    for (const model of models) rememberSource(model, registry, true);
    const run = await runCli(
      ["check", "raft", "--runs", "200", "--seed", "3", "--workers", "2", "--json"],
      models,
    );
    const result = JSON.parse(run.out);
    expect(run.code).toBe(0);
    expect(result.runs).toBe(200);
    expect(result.witnesses["leader-after-heal"]).toBeGreaterThan(0);
  });
});

describe("check --from", () => {
  it("is refused in one line for a model that reads no config from a file", async () => {
    const r = await cli("check", "mutex", "--from", "cluster.yaml");
    expect(r.code).toBe(2);
    expect(r.errLines).toBe(1);
    expect(r.err).toMatch(/model mutex reads no config from a file/);
  });
});
