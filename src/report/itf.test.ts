/**
 * ITF output checked against the format's documentation (Apalache ADR-015,
 * https://apalache-mc.org/docs/adr/015adr-trace.html): a `#meta` object, `vars` naming every
 * variable, `states` each holding `#meta.index` and exactly those variables, and values only in
 * ITF's encodings — booleans, strings, lists, records, `#bigint`, `#set`, `#map`, `#tup`,
 * `#unserializable` — never a bare JSON number or null.
 */
import { describe, expect, it } from "vitest";
import { models } from "../../models/index.ts";
import { check } from "../engine/check.ts";
import { toItf, toItfValue } from "./itf.ts";

/** The path of the first value ITF cannot hold, or undefined when all is well formed. */
function badValue(value: unknown, path = "$"): string | undefined {
  if (typeof value === "boolean" || typeof value === "string") return undefined;
  if (Array.isArray(value)) return value.map((v, i) => badValue(v, `${path}[${i}]`)).find(Boolean);
  if (value === null || typeof value !== "object") return `${path}: ${JSON.stringify(value)}`;
  const keys = Object.keys(value);
  const v = value as Record<string, unknown>;
  const tagged = keys.find((k) => k.startsWith("#"));
  if (tagged === undefined) return keys.map((k) => badValue(v[k], `${path}.${k}`)).find(Boolean);
  if (keys.length !== 1) return `${path}: a tagged value with other fields`;
  const inner = v[tagged];
  switch (tagged) {
    case "#bigint":
      return typeof inner === "string" && /^-?\d+$/.test(inner) ? undefined : `${path}: bad #bigint`;
    case "#set":
    case "#tup":
      return Array.isArray(inner) ? badValue(inner, `${path}.${tagged}`) : `${path}: ${tagged} is not a list`;
    case "#map":
      return Array.isArray(inner) && inner.every((p) => Array.isArray(p) && p.length === 2)
        ? badValue(inner.flat(), `${path}.#map`)
        : `${path}: #map is not a list of pairs`;
    case "#unserializable":
      return typeof inner === "string" ? undefined : `${path}: #unserializable is not a string`;
    default:
      return `${path}: unknown tag ${tagged}`;
  }
}

function badTrace(trace: unknown): string | undefined {
  const t = trace as Record<string, unknown>;
  const meta = t["#meta"] as Record<string, unknown> | undefined;
  if (typeof meta !== "object" || meta === null) return "no #meta object";
  if (meta.format !== undefined && meta.format !== "ITF") return "#meta.format is not ITF";
  if (!Array.isArray(t.vars) || !t.vars.every((v) => typeof v === "string"))
    return "vars is not a list of names";
  if (!Array.isArray(t.states) || t.states.length === 0) return "no states";
  for (const [i, state] of (t.states as Record<string, unknown>[]).entries()) {
    const index = (state["#meta"] as Record<string, unknown> | undefined)?.index;
    if (index !== i) return `state ${i} has #meta.index ${JSON.stringify(index)}`;
    const names = Object.keys(state).filter((k) => k !== "#meta");
    if (names.sort().join() !== [...t.vars].sort().join()) return `state ${i} does not hold exactly vars`;
    const bad = names.map((n) => badValue(state[n], `states[${i}].${n}`)).find(Boolean);
    if (bad) return bad;
  }
  return undefined;
}

describe("ITF export", () => {
  it("encodes integers, sets, maps and what ITF cannot say", () => {
    expect(
      toItfValue({ n: 3, s: new Set([1]), m: new Map([["a", true]]), x: null, f: 1.5, l: ["v1"] }),
    ).toEqual({
      n: { "#bigint": "3" },
      s: { "#set": [{ "#bigint": "1" }] },
      m: { "#map": [["a", true]] },
      x: { "#unserializable": "null" },
      f: { "#unserializable": "1.5" },
      l: ["v1"],
    });
  });

  it("the validator has teeth: it refuses bare numbers, nulls and malformed tags", () => {
    expect(badValue({ a: 1 })).toBe("$.a: 1");
    expect(badValue([null])).toBe("$[0]: null");
    expect(badValue({ "#bigint": "1e3" })).toBe("$: bad #bigint");
    expect(badValue({ "#map": [[1]] })).toBe("$: #map is not a list of pairs");
    expect(badTrace({ vars: [], states: [] })).toBe("no #meta object");
  });

  for (const [name, flaw] of [
    ["raft", "commit-previous-term"],
    ["lease", "remote-clock-expiry"],
    ["cluster", "drain-ignores-pdb"],
    ["backup", "restore-keeps-cluster-id"],
  ] as const) {
    it(`${name}: a counterexample's trace is well-formed ITF, one state per event plus the initial one`, () => {
      const model = models.find((m) => m.name === name)!;
      const cx = check(model, { seed: 1, flaws: [flaw] }).counterexample!;
      const trace = JSON.parse(JSON.stringify(toItf(model, cx, "x.json")));
      expect(badTrace(trace)).toBeUndefined();
      expect(trace.states).toHaveLength(cx.schedule.length + 1);
      expect(trace.states[0]["mbt::actionTaken"]).toBe("init");
      expect(trace.states.at(-1)["mbt::actionTaken"]).toBe(cx.schedule.at(-1)!.kind);
    });
  }
});
