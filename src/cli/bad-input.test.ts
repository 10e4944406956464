/**
 * Bad input, class by class: one line on stderr naming the problem and exit 2 — never a stack, a
 * hang, or an overwritten file. The broad sweep is `npm run fuzz` (scripts/fuzz-cli.mjs).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../fixtures/cli.ts";

const cli = (...argv: string[]) => runCli(argv);
const tmp = () => mkdtempSync(join(tmpdir(), "faultline-bad-"));

/** The words a POSIX shell makes of a printed command line. */
function shellWords(line: string): string[] {
  const r = spawnSync("sh", ["-c", `printf '%s\\n' ${line}`], { encoding: "utf8" });
  return r.stdout.trimEnd().split("\n");
}

function expectOneLine(r: Awaited<ReturnType<typeof cli>>, message: RegExp) {
  expect(r).toMatchObject({ code: 2, errLines: 1 });
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n|at .*\.ts:\d+/);
}

function reportFile(dir: string, content: object | string, name = "r.json"): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const good = {
  model: "mutex",
  config: { clients: 2 },
  flaws: ["no-check"],
  schedule: [
    { kind: "acquire", client: 1 },
    { kind: "acquire", client: 2 },
  ],
};

describe("negative option values and pasteable lines", () => {
  it("--seed -5 parses, and the printed rerun and replay lines survive a shell, odd folder names included", async () => {
    expect((await cli("check", "mutex", "--seed", "-5", "--runs", "20")).code).toBe(0);
    for (const folder of ["quote'd", "dollar$HOME", "two words"]) {
      const out = join(tmp(), folder);
      const r = await cli("check", "mutex", "--flaw", "no-check", "--seed", "-5", "--out", out);
      expect(r.code).toBe(1);
      const replay = /npx faultline replay (.+)/.exec(r.out)?.[1] ?? "";
      const [file] = shellWords(replay);
      expect(file?.startsWith(out) || existsSync(file ?? "")).toBe(true);
      expect((await cli("replay", file ?? "")).code).toBe(1);
      const rerun = /npx faultline (check .+)/.exec(r.out)?.[1] ?? "";
      expect((await cli(...shellWords(rerun), "--out", out)).code).toBe(1);
    }
  });
});

describe("--seed with a --path that does not belong to it", () => {
  it("another seed, another flaw, a fixed bug, an absurd path: one line, exit 2, no hang", async () => {
    const dir = tmp();
    const found = await cli("check", "mutex", "--flaw", "no-check", "--seed", "1", "--out", dir, "--json");
    const { path } = JSON.parse(found.out) as { path: string };
    for (const argv of [
      ["--flaw", "no-check", "--seed", "2", "--path", `${path}:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0`],
      ["--seed", "1", "--path", path],
      ["--flaw", "no-check", "--seed", "1", "--path", "0:999"],
    ])
      expectOneLine(await cli("check", "mutex", ...argv, "--out", dir), /--path .* leads to no failure/);
    expectOneLine(
      await cli("check", "mutex", "--seed", "1", "--path", "99999999999999999999"),
      /was not printed by faultline/,
    );
  });
});

describe("--out", () => {
  it("is checked before the search: a file, a path under a file, /proc", async () => {
    const dir = tmp();
    const file = reportFile(dir, "mine");
    expectOneLine(await cli("check", "mutex", "--out", file, "--runs", "5"), /is a file, not a directory/);
    expectOneLine(await cli("check", "mutex", "--out", join(file, "x"), "--runs", "5"), /is not a directory/);
    if (existsSync("/proc/self"))
      expectOneLine(await cli("check", "mutex", "--out", "/proc/x/y", "--runs", "5"), /cannot create/);
    expect(readFileSync(file, "utf8")).toBe("mine");
  });

  it("bench never overwrites an existing bench.json or bench.md", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "bench.json"), "mine");
    writeFileSync(join(dir, "bench.md"), "mine too");
    const r = await cli("bench", "--quick", "--seeds", "1", "--soak-runs", "0", "--out", dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "bench.json"), "utf8")).toBe("mine");
    expect(readFileSync(join(dir, "bench.md"), "utf8")).toBe("mine too");
    expect(readdirSync(dir).sort()).toEqual(["bench-2.json", "bench-2.md", "bench.json", "bench.md"]);
  });
});

describe("report files", () => {
  it("each malformed report is one line and exit 2", async () => {
    const dir = tmp();
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const cases: [string, RegExp][] = [
      ["", /file name is empty/],
      [dir, /is a directory/],
      [join(dir, "missing.json"), /does not exist/],
      [reportFile(dir, deep, "deep.json"), /nests deeper than/],
      [
        reportFile(
          dir,
          JSON.stringify(good).replace('"schedule":[', `"schedule":[${deep},`),
          "deep-event.json",
        ),
        /nests deeper/,
      ],
      [reportFile(dir, "{", "cut.json"), /not valid JSON/],
      [
        reportFile(dir, '{"model":"mutex","config":{"__proto__":{"x":1}},"schedule":[]}', "p.json"),
        /has config '__proto__'/,
      ],
      [reportFile(dir, { ...good, config: { constructor: 1 } }, "c.json"), /has config 'constructor'/],
      [reportFile(dir, { ...good, config: { toString: 1 } }, "t.json"), /has config 'toString'/],
      ...["__proto__", "constructor", "toString", "hasOwnProperty"].map((kind): [string, RegExp] => [
        reportFile(dir, { ...good, schedule: [{ kind, client: 1 }] }, `k-${kind}.json`),
        /has no event kind/,
      ]),
      [reportFile(dir, { ...good, schedule: [{ kind: "acquire", client: 7 }] }, "id.json"), /bad event 1/],
      [reportFile(dir, { ...good, model: "constructor" }, "m.json"), /which this faultline does not know/],
      [reportFile(dir, { ...good, flaws: ["toString"] }, "f.json"), /names flaw 'toString'/],
      [reportFile(dir, "line\none", "new\nline.json"), /not valid JSON/],
    ];
    for (const [file, message] of cases) {
      expectOneLine(await cli("replay", file), message);
      expectOneLine(await cli("report", file), message);
    }
  });

  it("a byte-order mark is fine; a FIFO is refused without blocking", async () => {
    const dir = tmp();
    const bom = reportFile(dir, `\uFEFF${JSON.stringify(good)}`, "bom.json");
    expect((await cli("replay", bom)).code).toBe(1);
    const fifo = join(dir, "fifo.json");
    if (spawnSync("mkfifo", [fifo]).status === 0)
      expectOneLine(await cli("replay", fifo), /not a regular file/);
  });

  it("newlines inside arguments stay on one line", async () => {
    expectOneLine(await cli("check", "mutex", "--runs", "1\n2"), /--runs must be a number/);
    expectOneLine(await cli("check", "mu\ntex"), /mu\\ntex/);
  });
});

describe("long schedules", () => {
  it.each([4_000, 100_000])("replays %i events (the determinism guard compares step by step)", async (n) => {
    const dir = tmp();
    const schedule = Array.from({ length: n }, (_, i) => ({
      kind: i % 2 ? "release" : "acquire",
      client: 1,
    }));
    mkdirSync(join(dir, "r"));
    const file = reportFile(dir, { ...good, flaws: [], schedule }, join("r", "long.json"));
    const r = await cli("replay", file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`${n} events`));
  });
});
