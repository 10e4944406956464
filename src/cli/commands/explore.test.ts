import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { raft } from "../../../models/raft/model.ts";
import { rememberSource } from "../../engine/model-source.ts";
import { runCli } from "../../fixtures/cli.ts";
import { mutex } from "../../fixtures/mutex.ts";

const cli = (...argv: string[]) => runCli(argv);

const tmp = () => mkdtempSync(join(tmpdir(), "faultline-explore-"));

describe("faultline explore", () => {
  it("proves the correct model clean to the depth and says the bound stopped it", async () => {
    const r = await cli("explore", "mutex", "--depth", "4");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ mutex: no invariant broke in 7 distinct states/);
    expect(r.out).toMatch(/stopped at --depth 4, more states lie deeper/);
    expect(r.out).toMatch(/states\/s/);
    expect(r.out).toMatch(/peak memory: rss \d+ MB, heap \d+ MB/);
  });

  it("says plainly when --max-states stopped it", async () => {
    const r = await cli("explore", "mutex", "--max-states", "10");
    expect(r.out).toMatch(/stopped at --max-states 10 before depth 6 was complete/);
  });

  it("exits 1 with the shortest trace and a replayable report pair", async () => {
    const dir = tmp();
    const r = await cli("explore", "mutex", "--flaw", "no-check", "--out", dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Minimal schedule: 2 steps/);
    expect(r.out).toMatch(/✗ mutual-exclusion broke after step 2/);
    const json = readdirSync(dir).find((f) => f.endsWith(".json"))!;
    const replayed = await cli("replay", join(dir, json));
    expect(replayed.code).toBe(1);
    expect(replayed.out).toMatch(/✗ mutual-exclusion/);
  });

  it("--json prints one machine-readable result", async () => {
    const r = await cli("explore", "mutex", "--clients", "3", "--depth", "2", "--json");
    expect(JSON.parse(r.out)).toMatchObject({
      model: "mutex",
      config: { clients: 3 },
      stoppedBy: "max-depth",
      depthCompleted: 2,
      states: 5,
      violation: null,
    });
  });

  const bad: [string, string[], RegExp][] = [
    ["no model", ["explore"], /explore needs a model name/],
    ["unknown flaw", ["explore", "mutex", "--flaw", "nope"], /unknown flaw 'nope'/],
    ["zero depth", ["explore", "mutex", "--depth", "0"], /--depth must be between 1 and/],
    ["bad param", ["explore", "mutex", "--clients", "0"], /--clients must be between 1 and 9/],
    ["extra argument", ["explore", "mutex", "deep"], /unexpected argument 'deep'/],
  ];
  for (const [name, argv, message] of bad) {
    it(`bad input: ${name} → one line, exit 2`, async () => {
      const r = await cli(...argv);
      expect(r).toMatchObject({ code: 2, errLines: 1 });
      expect(r.err).toMatch(message);
    });
  }

  it("bad input: a model without enabled() → one line, exit 2", async () => {
    const r = await runCli(["explore", "mutex"], [{ ...mutex, enabled: undefined }]);
    expect(r).toMatchObject({ code: 2, errLines: 1, out: "" });
    expect(r.err).toMatch(/mutex cannot be explored: .*no enabled\(\)/);
  });
});

const raftCli = (...argv: string[]) => runCli(argv, [mutex, raft]);

rememberSource(raft, new URL("../../../models/raft/model.ts", import.meta.url).href);

describe("faultline explore --workers", () => {
  it("spreads the search over worker threads and finds what one thread finds", async () => {
    const argv = ["explore", "raft", "--nodes", "3", "--depth", "4", "--json"];
    const one = JSON.parse((await raftCli(...argv)).out);
    const two = JSON.parse((await raftCli(...argv, "--workers", "2")).out);
    expect([two.states, two.transitions, two.levels]).toEqual([688, 1536, [1, 3, 13, 78, 593]]);
    expect([one.states, one.transitions, one.levels]).toEqual([two.states, two.transitions, two.levels]);
  }, 120_000);
});

describe("faultline explore --bound", () => {
  it("exhausts a bounded Raft space and says so", async () => {
    const r = await raftCli(
      "explore",
      "raft",
      "--nodes",
      "1",
      "--bound",
      "max-term=2",
      "--bound",
      "max-writes=1",
      "--depth",
      "50",
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bounds: max-term ≤ 2, max-writes ≤ 1/);
    expect(r.out).toMatch(/whole reachable state space within the bounds — exhausted/);
  });

  const bad: [string, string[], RegExp][] = [
    ["bound without =N", ["explore", "raft", "--bound", "max-term"], /--bound takes NAME=N/],
    [
      "unknown bound",
      ["explore", "raft", "--bound", "max-nope=1"],
      /unknown bound 'max-nope' for model raft/,
    ],
    [
      "model without constraints",
      ["explore", "mutex", "--bound", "max-term=1"],
      /declares no state constraints/,
    ],
    ["dfs too deep", ["explore", "mutex", "--dfs", "--depth", "300"], /--depth must be between 1 and 254/],
    [
      "workers with dfs",
      ["explore", "raft", "--dfs", "--workers", "2"],
      /--workers spreads breadth-first search/,
    ],
    ["zero workers", ["explore", "raft", "--workers", "0"], /--workers must be between 1 and 64/],
    [
      "workers for a model built in memory",
      ["explore", "mutex", "--workers", "2"],
      /not loaded from a module/,
    ],
  ];
  for (const [name, argv, message] of bad) {
    it(`bad input: ${name} → one line, exit 2`, async () => {
      const r = await raftCli(...argv);
      expect(r).toMatchObject({ code: 2, errLines: 1 });
      expect(r.err).toMatch(message);
    });
  }
});
