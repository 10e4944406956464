import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineModel } from "../define.ts";
import { field } from "../fields.ts";
import { runCli } from "../fixtures/cli.ts";
import { mutex } from "../fixtures/mutex.ts";
import type { AnyModel } from "../model.ts";
import { fixtureProblem, type RegressionFixture } from "./regression.ts";
import { FailureDb } from "./store.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "faultline-db-"));

/** The same model name with the bug in its code (not behind a flaw): what a user's model looks like before the fix. */
const buggyMutex = {
  ...mutex,
  step: (state, event, ctx) => mutex.step(state, event, { ...ctx, flaws: new Set(["no-check"]) }),
} as typeof mutex;

/** A counter with two bugs: it goes above its limit and below zero — two distinct causes for one run. */
const counter = defineModel({
  name: "counter",
  summary: "a counter with two bugs (db test fixture)",
  params: [],
  defaults: {},
  maxSteps: 12,
  init: () => ({ n: 0 }),
  step: (state: { n: number }, event) => ({ n: state.n + (event.kind === "up" ? event.by : -1) }),
  events: {
    up: { doc: "count up", weight: 1, fields: { by: field.int(1, 2) } },
    down: { doc: "count down", weight: 1, fault: true },
  },
  describeEvent: (event) => event.kind,
  view: (state) => state,
  invariants: [
    { name: "at-most-three", doc: "n ≤ 3", check: (s) => (s.n > 3 ? `n is ${s.n}` : undefined) },
    { name: "not-negative", doc: "n ≥ 0", check: (s) => (s.n < 0 ? `n is ${s.n}` : undefined) },
  ],
  flaws: [{ name: "unused", doc: "no flaw: the bugs are in the code", breaks: "at-most-three" }],
});

const cli = (models: readonly AnyModel[], ...argv: string[]) => runCli(argv, models);

/** A fresh folder with its database path, and `check mutex --flaw no-check` run against it. */
async function flawedCheck(seed = "1", dir = tmp()) {
  const db = join(dir, "db");
  const run = await cli(
    [mutex],
    ...["check", "mutex", "--flaw", "no-check", "--seed", seed],
    ...["--db", db, "--out", dir],
  );
  return { dir, db, run };
}

describe("the failure database", () => {
  it("saves a counterexample, and the next check replays it first and says so", async () => {
    const { dir, db, run: first } = await flawedCheck();
    expect(first.code).toBe(1);
    expect(first.out).toMatch(
      /Saved to the failure database as mutex\/mutual-exclusion-[0-9a-f]{8} \(a new cause\)/,
    );
    const entries = new FailureDb(db).entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.shape).toEqual([]); // mutex has no fault kinds: the cause is the invariant and the flaw

    const { run: second } = await flawedCheck("7", dir);
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/Replayed 1 saved counterexample of mutex .* first: 1 still fail, 0 pass now/);
    expect(second.out).toMatch(/Showing saved mutex\/mutual-exclusion-/);
    expect(second.out).toMatch(/✗ mutual-exclusion broke/);
  });

  it("replays only entries found with the same flaws: the model as written is searched afresh", async () => {
    const { db } = await flawedCheck();
    const clean = await cli([mutex], "check", "mutex", "--runs", "50", "--seed", "1", "--db", db);
    expect(clean.code).toBe(0);
    expect(clean.out).not.toMatch(/Replayed/);
  });

  it("reports a fixed bug's entry as passing, lists it so, and cleans it", async () => {
    const dir = tmp();
    const db = join(dir, "db");
    const found = await cli([buggyMutex], "check", "mutex", "--seed", "1", "--db", db, "--out", dir);
    expect(found.code).toBe(1);
    const fixed = await cli([mutex], "check", "mutex", "--runs", "50", "--seed", "1", "--db", db);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(
      /Replayed 1 saved counterexample of mutex .*: 0 still fail, 1 pass now \(faultline db clean/,
    );
    const listed = await cli([mutex], "db", "list", "--db", db);
    expect(listed.out).toMatch(/mutex\/mutual-exclusion-\w+ {2}1× {2}2 events {2}passes now/);
    const cleaned = await cli([mutex], "db", "clean", "--db", db);
    expect(cleaned.out).toMatch(/Removed 1 entry that pass/);
    expect(new FailureDb(db).entries()).toEqual([]);
  });

  it("with --keep-going, groups every failure of a long run into distinct causes with counts", async () => {
    const dir = tmp();
    const db = join(dir, "db");
    const r = await cli(
      [counter],
      "check",
      "counter",
      "--keep-going",
      "--runs",
      "200",
      "--seed",
      "3",
      "--db",
      db,
      "--out",
      dir,
    );
    expect(r.code).toBe(1);
    const summary = /Kept going: (\d+) distinct causes, (\d+) occurrences in 200 runs/.exec(r.out);
    expect(summary).not.toBeNull();
    const entries = new FailureDb(db).entries();
    expect(new Set(entries.map((e) => e.invariant))).toEqual(new Set(["at-most-three", "not-negative"]));
    // The shape is the set of fault kinds a cause needed: going below zero always takes a `down`.
    expect(entries.filter((e) => e.invariant === "not-negative").map((e) => e.shape)).toEqual([["down"]]);
    expect(entries).toHaveLength(Number(summary?.[1]));
    expect(entries.reduce((sum, e) => sum + e.occurrences, 0)).toBe(Number(summary?.[2]));
    expect(Number(summary?.[2])).toBeGreaterThan(entries.length);
  });

  it("--no-db neither replays nor saves", async () => {
    const dir = tmp();
    const r = await cli(
      [mutex],
      "check",
      "mutex",
      "--flaw",
      "no-check",
      "--seed",
      "1",
      "--no-db",
      "--db",
      join(dir, "db"),
      "--out",
      dir,
    );
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, "db"))).toBe(false);
  });

  it("promotes an entry to a regression fixture that keeps its teeth, and never overwrites one", async () => {
    const { dir, db } = await flawedCheck();
    const [entry] = new FailureDb(db).entries();
    const to = join(dir, "regressions");
    const promoted = await cli([mutex], "db", "promote", entry!.id, "--db", db, "--to", to);
    expect(promoted.code).toBe(0);
    const fixture = JSON.parse(readFileSync(join(to, `${entry!.id}.json`), "utf8")) as RegressionFixture;
    expect(fixture.expect).toBe("violation");
    expect(fixtureProblem(mutex, fixture)).toBeUndefined();
    // Teeth: the same schedule without the flaw no longer breaks anything, and the fixture says so.
    expect(fixtureProblem(mutex, { ...fixture, flaws: [] })).toMatch(/no longer breaks mutual-exclusion/);
    expect(fixtureProblem(mutex, { ...fixture, expect: "holds" })).toMatch(/breaks mutual-exclusion again/);
    const again = await cli([mutex], "db", "promote", entry!.id, "--db", db, "--to", to);
    expect(again.code).toBe(2);
    expect(again.errLines).toBe(1);
    expect(again.err).toMatch(/already exists \(never overwritten\)/);
  });

  it.each([
    [["db"], /db needs an action/],
    [["db", "drop"], /unknown db action 'drop'/],
    [["db", "show"], /db show needs an entry id/],
    [["db", "show", "mutex/nope-00000000"], /no entry 'mutex\/nope-00000000'/],
    [["db", "show", "../../etc/passwd"], /no entry/],
    [["db", "list", "extra"], /unexpected argument 'extra'/],
  ])("%j is bad input: one line, exit 2", async (argv, message) => {
    const r = await cli([mutex], ...argv, "--db", tmp());
    expect(r.code).toBe(2);
    expect(r.errLines).toBe(1);
    expect(r.err).toMatch(message);
  });
});
