#!/usr/bin/env node
/**
 * `npm run fuzz`: runs well over 900 malformed invocations of every faultline command and report
 * file in a temp folder, each with a timeout, and prints the count per outcome class:
 *   OK          one line naming the problem and exit 2 (or, for input that is odd but valid, a
 *               documented exit 0/1 with nothing on stderr but notes)
 *   HANG        no answer within the timeout
 *   STACK       a stack trace, an "internal error", or a crashed worker
 *   WRONG-EXIT  an exit code other than the one documented for the case
 *   MULTI-LINE  bad input told in more than one line
 *   OVERWROTE   a file that existed before the case changed
 * Cases run in-process in two worker threads (a hung case's worker is terminated and replaced);
 * the closed-pipe and full-disk cases run as real processes. Exit 0 only when every case is OK.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 60_000);
const WORKERS = Number(process.env.FUZZ_WORKERS ?? 2);

async function loadCli() {
  const { register } = await import("tsx/esm/api");
  register();
  const url = (path) => pathToFileURL(join(ROOT, path)).href;
  const { main, allCommands } = await import(url("src/cli/main.ts"));
  const { modelsIn, rememberSource } = await import(url("src/engine/model-source.ts"));
  const registry = url("models/index.ts");
  const models = modelsIn(await import(registry));
  for (const model of models) rememberSource(model, registry, true);
  return { main, allCommands, models };
}

// ---------------------------------------------------------------------------------------------
// Cases

const BAD_NUMBERS = [
  "",
  " ",
  "abc",
  "1e999",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x",
  "1..2",
  "99999999999999999999",
  "-99999999999999999999",
  "1\n2",
  "__proto__",
  "toString",
];
const WEIRD_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
const BAD_EVENT_VALUES = [-1, 1e9, "1", null, 1.5, [], {}, true, "__proto__"];

/** A case: the argv, and the exit codes documented for it (2 unless the input is odd but valid). */
const bad = (argv, note) => ({ argv, expect: [2], note });
/** A value of the original's own type may be in range (exit 0/1) or out of it (exit 2); another type is exit 2. */
const mayFit = (original, value) =>
  typeof original === typeof value && !Array.isArray(value) && value !== null ? [0, 1, 2] : [2];
const valid = (argv, note) => ({ argv, expect: [0, 1], note });

function flagCases(command, models) {
  const cases = [];
  const head = command.takesModel ? [command.name, models[0].name] : [command.name];
  const flags = Object.entries(command.flags ?? {});
  for (const [name, doc] of flags) {
    if (doc.type === "boolean") {
      cases.push(bad([...head, `--${name}=abc`], "boolean flag with a value"));
      continue;
    }
    cases.push(bad([...head, `--${name}`], "value missing"));
    if (name === "out" || name === "from" || name === "schedule" || name === "models" || name === "flaw")
      continue;
    for (const value of BAD_NUMBERS) {
      if (command.name === "etcd" && name === "faults" && value === "") continue;
      cases.push(bad([...head, `--${name}`, value], `--${name} ${JSON.stringify(value)}`));
    }
  }
  for (const unknown of ["--nope", "--__proto__", "--constructor", "-x", "--toString=1", "--seed\nx"])
    cases.push(bad([...head, unknown], `unknown ${JSON.stringify(unknown)}`));
  cases.push(bad([...head, "extra", "positional"], "extra positionals"));
  if (command.takesModel) {
    for (const name of ["nope", "__proto__", "constructor", "", "toString", "./missing-model.ts", "raft\nx"])
      cases.push(bad([command.name, name], `model ${JSON.stringify(name)}`));
  }
  return cases;
}

function modelParamCases(models) {
  const cases = [];
  for (const model of models) {
    for (const param of model.params) {
      for (const command of ["check", "explore", "sweep"]) {
        for (const value of ["", "abc", "99999999999999999999", "-99999999999999999999", "1\n2", "__proto__"])
          cases.push(bad([command, model.name, `--${param.flag}`, value], `${model.name} --${param.flag}`));
      }
    }
    for (const flaw of ["nope", "__proto__", "toString", ""])
      for (const command of ["check", "explore"])
        cases.push(bad([command, model.name, "--flaw", flaw], `${model.name} --flaw ${flaw}`));
  }
  return cases;
}

/** Output folders: existing files, paths under files, /proc, empty; and odd but valid names. */
function outCases(dir) {
  const file = join(dir, "canary", "existing.txt");
  const cases = [];
  for (const out of [file, join(file, "x"), "/proc/x", "/proc/x/y", "", "/dev/null", "/dev/full/x"]) {
    cases.push(bad(["check", "raft", "--out", out, "--runs", "5"], `check --out ${out}`));
    cases.push(bad(["explore", "raft", "--out", out, "--depth", "2"], `explore --out ${out}`));
    cases.push(bad(["sweep", "lease", "--out", out], `sweep --out ${out}`));
    cases.push(bad(["bench", "--quick", "--out", out], `bench --out ${out}`));
  }
  for (const name of ["quote'd", "dollar$HOME", "two words", "-dash", "semi;colon"])
    cases.push(
      valid(
        ["check", "raft", "--flaw", "commit-previous-term", "--seed", "-5", "--out", join(dir, "outs", name)],
        `odd --out ${name}`,
      ),
    );
  return cases;
}

function seedPathCases() {
  const cases = [];
  for (const seed of ["-5", "-2147483648", "2147483647", "0"])
    cases.push(valid(["check", "raft", "--seed", seed, "--runs", "20"], `--seed ${seed}`));
  for (const seed of ["2147483648", "-2147483649", "1.5", "-"])
    cases.push(bad(["check", "raft", "--seed", seed], `--seed ${seed}`));
  const paths = [
    "99999999999999999999",
    "0:99999999999",
    "0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0",
    "0:999",
    "0:10001",
  ];
  for (const path of paths)
    for (const flaws of [[], ["--flaw", "commit-previous-term"]])
      cases.push(bad(["check", "raft", ...flaws, "--seed", "7", "--path", path], `--path ${path}`));
  for (const path of ["", "a:b", "1:", ":1", "-1", "1:-1", "1 2"])
    cases.push(bad(["check", "raft", "--seed", "7", "--path", path], `--path ${JSON.stringify(path)}`));
  cases.push(bad(["check", "raft", "--path", "1:2"], "--path without --seed"));
  cases.push(bad(["check", "raft", "--seed", "7", "--path", "5"], "--path 5 of a correct model"));
  cases.push(
    valid(
      ["check", "raft", "--flaw", "commit-previous-term", "--seed", "7", "--path", "5"],
      "--path 5, a failing run",
    ),
  );
  return cases;
}

/** Mutations of real reports: each required field broken, weird keys, broken events, odd files. */
function reportFiles(dir) {
  const examples = join(ROOT, "reports", "examples");
  const bases = readdirSync(examples)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".itf.json"))
    .map((f) => JSON.parse(readFileSync(join(examples, f), "utf8")));
  const files = [];
  let n = 0;
  const put = (content, expect, note) => {
    const file = join(dir, "reports", `case-${++n}.json`);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    files.push({ file, expect, note });
  };
  const deep = (levels) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
  for (const base of bases) {
    const tag = `${base.model}:`;
    put(`\uFEFF${JSON.stringify(base)}`, [0, 1], `${tag} byte-order mark`);
    put(JSON.stringify(base).slice(0, 200), [2], `${tag} truncated`);
    put(
      JSON.stringify(base).replace('"schedule":[', `"schedule":[${deep(50_000)},`),
      [2],
      `${tag} 50,000 deep`,
    );
    for (const key of ["model", "config", "schedule"]) {
      const { [key]: _, ...rest } = base;
      put(rest, [2], `${tag} no ${key}`);
    }
    for (const value of [null, 1, "x", [], true])
      for (const key of ["model", "config", "schedule"])
        if (!(key === "schedule" && Array.isArray(value)))
          put({ ...base, [key]: value }, [2], `${tag} ${key}=${value}`);
    put({ ...base, schedule: [] }, [0, 1], `${tag} an empty schedule`);
    for (const value of [1, "x", {}, [1], ["nope"], ["__proto__"], ["toString"]])
      put({ ...base, flaws: value }, [2], `${tag} flaws=${JSON.stringify(value)}`);
    for (const model of WEIRD_KEYS) put({ ...base, model }, [2], `${tag} model ${model}`);
    for (const key of WEIRD_KEYS) {
      put(
        JSON.stringify(base).replace('"config":{', `"config":{${JSON.stringify(key)}:1,`),
        [2],
        `${tag} config key ${key}`,
      );
      put({ ...base, schedule: [{ ...base.schedule[0], kind: key }] }, [2], `${tag} event kind ${key}`);
    }
    for (const [key, value] of Object.entries(base.config))
      for (const wrong of [-1, 1e9, "x", null, 1.5, [], true])
        put(
          { ...base, config: { ...base.config, [key]: wrong } },
          mayFit(value, wrong),
          `${tag} config ${key}=${wrong}`,
        );
    const events = base.schedule.filter((e, i, all) => all.findIndex((o) => o.kind === e.kind) === i);
    for (const event of events) {
      for (const field of Object.keys(event).filter((k) => k !== "kind")) {
        const { [field]: _, ...rest } = event;
        put({ ...base, schedule: [rest] }, [2], `${tag} ${event.kind} without ${field}`);
        for (const value of BAD_EVENT_VALUES)
          put(
            { ...base, schedule: [{ ...event, [field]: value }] },
            mayFit(event[field], value),
            `${tag} ${event.kind}.${field}=${JSON.stringify(value)}`,
          );
      }
      put({ ...base, schedule: [{ ...event, extra: 1 }] }, [2], `${tag} ${event.kind} with an extra field`);
    }
    for (const value of [null, 1, "acquire", [], { kind: 1 }])
      put({ ...base, schedule: [value] }, [2], `${tag} event ${JSON.stringify(value)}`);
  }
  const long = bases.find((b) => b.model === "raft") ?? bases[0];
  for (const length of [4_000, 100_000]) {
    const schedule = Array.from({ length }, (_, i) => long.schedule[i % long.schedule.length]);
    put({ ...long, schedule }, [0, 1], `${long.model} ${length}-event schedule`);
  }
  put("", [2], "empty file");
  put("null", [2], "null");
  put("[]", [2], "a list");
  put(deep(50_000), [2], "50,000 nested lists");
  put(`${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`, [2], "50,000 nested objects");
  const fifo = join(dir, "reports", "fifo.json");
  if (spawnSync("mkfifo", [fifo]).status === 0) files.push({ file: fifo, expect: [2], note: "a FIFO" });
  for (const file of [
    "",
    join(dir, "reports"),
    join(dir, "missing.json"),
    join(dir, "new\nline.json"),
    "/dev/null",
  ])
    files.push({ file, expect: [2], note: `file ${JSON.stringify(file)}` });
  return files;
}

function reportCases(files) {
  const cases = [];
  for (const { file, expect, note } of files) {
    cases.push({ argv: ["replay", file], expect, note: `replay ${note}` });
    const rendered = expect.filter((code) => code === 2);
    if (expect.includes(0) || expect.includes(1)) rendered.push(0);
    cases.push({ argv: ["report", file, "--md"], expect: rendered, note: `report ${note}` });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Running

function snapshot(dir) {
  const hashes = new Map();
  for (const name of readdirSync(dir))
    hashes.set(
      name,
      createHash("sha1")
        .update(readFileSync(join(dir, name)))
        .digest("hex"),
    );
  return hashes;
}

function overwritten(before, dir) {
  const after = snapshot(dir);
  return [...before].some(([name, hash]) => after.get(name) !== hash);
}

/** The outcome class of one finished case. */
function classify(c, result) {
  if (result.hang) return "HANG";
  const text = [...result.err, result.out].join("\n");
  if (result.code === -1 || /internal error|\n\s+at .+:\d+:\d+|Maximum call stack/.test(text)) return "STACK";
  if (!c.expect.includes(result.code)) return "WRONG-EXIT";
  if (result.code === 2 && (result.err.length !== 1 || result.err[0].includes("\n"))) return "MULTI-LINE";
  return "OK";
}

function pool(dir) {
  const workers = [];
  const spawnWorker = () =>
    new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { stdout: true, stderr: true });
      worker.stdout.resume();
      worker.stderr.resume();
      worker.once("message", () => resolve(worker));
    });
  const runOn = (worker, c, id) =>
    new Promise((resolve) => {
      const finish = (result) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolve(result);
      };
      const onMessage = (m) => {
        if (m.id === id) finish(m);
      };
      const onError = (error) => finish({ code: -1, out: "", err: [String(error?.stack)], crashed: true });
      const timer = setTimeout(() => finish({ hang: true, err: [], out: "" }), TIMEOUT_MS);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ id, argv: c.argv });
    });
  return {
    async run(cases, onDone) {
      let next = 0;
      const lane = async () => {
        let worker = await spawnWorker();
        while (next < cases.length) {
          const i = next++;
          const c = cases[i];
          if (process.env.FUZZ_DEBUG) process.stderr.write(`case ${i}: ${JSON.stringify(c.argv)}\n`);
          const before = snapshot(join(dir, "canary"));
          const result = await runOn(worker, c, i);
          if (process.env.FUZZ_DEBUG) process.stderr.write(`  -> ${JSON.stringify(result).slice(0, 200)}\n`);
          if (result.hang || result.crashed) {
            await worker.terminate();
            worker = await spawnWorker();
          }
          const outcome = overwritten(before, join(dir, "canary")) ? "OVERWROTE" : classify(c, result);
          onDone(c, outcome, result);
        }
        await worker.terminate();
      };
      workers.push(...Array.from({ length: WORKERS }, lane));
      await Promise.all(workers);
    },
  };
}

/** Closed pipes and a full disk need a real process and a real shell. */
function processCases(dir) {
  const bin = JSON.stringify(join(ROOT, "bin", "faultline.mjs"));
  const cases = [
    [`node ${bin} list | head -1 >/dev/null`, "list | head -1"],
    [`node ${bin} check raft --flaw commit-previous-term --seed 1 | head -3 >/dev/null`, "check | head -3"],
    [`node ${bin} --help | head -1 >/dev/null`, "--help | head -1"],
    [`node ${bin} check raft --help | head -1 >/dev/null`, "check --help | head -1"],
    [`node ${bin} quorum | head -1 >/dev/null`, "quorum | head -1"],
    [`node ${bin} list > /dev/full`, "list > /dev/full", 3],
    [`node ${bin} check raft --runs 5 --seed 1 > /dev/full`, "check > /dev/full", 3],
  ];
  return cases.map(([script, note, fullDiskExit]) => {
    const r = spawnSync("bash", ["-c", `${script}; echo "exit:\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: "utf8",
      timeout: TIMEOUT_MS,
    });
    const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("exit:"));
    const status = Number(/exit:(\d+)/.exec(r.stderr)?.[1]);
    let outcome = "OK";
    if (r.error?.code === "ETIMEDOUT") outcome = "HANG";
    else if (/\n\s+at .+:\d+:\d+|internal error|EPIPE/.test(r.stderr)) outcome = "STACK";
    else if (fullDiskExit !== undefined ? lines.length !== 1 : lines.length !== 0) outcome = "MULTI-LINE";
    else if (fullDiskExit !== undefined ? status !== fullDiskExit : status > 1) outcome = "WRONG-EXIT";
    return { note, outcome, detail: r.stderr.trim().slice(0, 300) };
  });
}

async function fuzz() {
  const dir = mkdtempSync(join(tmpdir(), "faultline-fuzz-"));
  process.chdir(dir);
  for (const sub of ["canary", "reports", "outs"]) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, "canary", "existing.txt"), "a user's file\n");
  writeFileSync(join(dir, "canary", "bench.json"), "a user's bench.json\n");
  writeFileSync(join(dir, "canary", "bench.md"), "a user's bench.md\n");
  copyFileSync(join(ROOT, "reports", "examples", "bench.md"), join(dir, "canary", "bench-copy.md"));

  const { allCommands, models } = await loadCli();
  const commands = allCommands(models);
  const cases = [
    ...commands.flatMap((command) => flagCases(command, models)),
    ...modelParamCases(models),
    ...outCases(dir),
    ...seedPathCases(),
    ...reportCases(reportFiles(dir)),
    ...[["nope"], ["__proto__"], [""], ["check"], ["replay"], ["report"], ["sweep"], ["explore"]].map(
      (argv) => bad(argv, `bare ${JSON.stringify(argv)}`),
    ),
    ...["raft", "lease", "cluster", "ha"].map((m) =>
      bad(["check", "cluster", "--from", join(dir, "missing", `${m}.yaml`)], "--from missing"),
    ),
    bad(["check", "cluster", "--from", join(dir, "reports")], "--from a directory"),
    bad(["etcd", "--schedule", join(dir, "reports", "case-1.json")], "etcd --schedule of a report"),
    bad(["etcd", "--schedule", join(dir, "missing.json")], "etcd --schedule missing"),
    bad(["bench", "--models", "nope,__proto__"], "bench --models unknown"),
    bad(["bench", "--models", ","], "bench --models empty"),
  ];

  const only = process.env.FUZZ_ONLY && new RegExp(process.env.FUZZ_ONLY);
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.test(c.note)));
  const counts = { OK: 0, HANG: 0, STACK: 0, "WRONG-EXIT": 0, "MULTI-LINE": 0, OVERWROTE: 0 };
  const failures = [];
  const started = Date.now();
  let done = 0;
  await pool(dir).run(cases, (c, outcome, result) => {
    counts[outcome]++;
    if (outcome !== "OK")
      failures.push(
        `${outcome}  ${c.note}  [exit ${result.code}] ${(result.err ?? []).join(" ⏎ ").slice(0, 240)}`,
      );
    if (++done % 100 === 0) process.stderr.write(`  ${done}/${cases.length} cases\n`);
  });
  for (const { note, outcome, detail } of processCases(dir)) {
    counts[outcome]++;
    if (outcome !== "OK") failures.push(`${outcome}  ${note}  ${detail}`);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  for (const line of failures) console.log(line);
  console.log(
    `\n${total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s (timeout ${TIMEOUT_MS / 1000} s each):`,
  );
  for (const [name, count] of Object.entries(counts)) console.log(`  ${name.padEnd(10)} ${count}`);
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = counts.OK === total ? 0 : 1;
}

if (!isMainThread) {
  const { main, models } = await loadCli();
  parentPort.on("message", async ({ id, argv }) => {
    const out = [];
    const err = [];
    const io = { out: (t) => out.push(String(t)), err: (t) => err.push(String(t)) };
    try {
      const code = await main(argv, { io, models, color: false }, process.cwd());
      parentPort.postMessage({ id, code, out: out.join("\n"), err });
    } catch (error) {
      parentPort.postMessage({ id, code: -1, out: out.join("\n"), err: [...err, String(error?.stack)] });
    }
  });
  parentPort.postMessage({ ready: true });
} else {
  await fuzz();
}
