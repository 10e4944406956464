/**
 * The Informal Trace Format (ITF) that Apalache and Quint read and write
 * (https://apalache-mc.org/docs/adr/015adr-trace.html): `#meta`, the variable names `vars`, and
 * `states`, one object per state holding every variable. Integers are `{"#bigint": "…"}`, sets
 * `{"#set": […]}`, maps `{"#map": [[k, v], …]}`, records JSON objects, lists JSON arrays; what ITF
 * cannot say (null, a fractional number) is `{"#unserializable": "…"}`.
 *
 * The states are the model's raw states (not the report's views), one per schedule event up to the
 * violation, plus Quint's `mbt::actionTaken` naming the event kind ("init" for the initial state)
 * and `event` holding the event itself.
 */
import type { Counterexample } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";

export type ItfValue =
  | boolean
  | string
  | readonly ItfValue[]
  | { readonly "#bigint": string }
  | { readonly "#set": readonly ItfValue[] }
  | { readonly "#map": readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly "#tup": readonly ItfValue[] }
  | { readonly "#unserializable": string }
  | { readonly [field: string]: ItfValue };

export interface ItfTrace {
  readonly "#meta": Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly Readonly<Record<string, unknown>>[];
}

export const ACTION_TAKEN = "mbt::actionTaken";

export function toItfValue(value: unknown): ItfValue {
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number")
    return Number.isInteger(value) ? { "#bigint": String(value) } : { "#unserializable": String(value) };
  if (typeof value === "bigint") return { "#bigint": value.toString() };
  if (Array.isArray(value)) return value.map(toItfValue);
  if (value instanceof Set) return { "#set": [...value].map(toItfValue) };
  if (value instanceof Map)
    return { "#map": [...value].map(([k, v]) => [toItfValue(k), toItfValue(v)] as const) };
  if (value !== null && typeof value === "object") {
    const record: Record<string, ItfValue> = {};
    for (const [key, field] of Object.entries(value))
      if (field !== undefined) record[key] = toItfValue(field);
    return record;
  }
  return { "#unserializable": String(value) };
}

/** A raw state as ITF variables: a record's fields are the variables; any other state is one variable, `state`. */
function variables(state: unknown): Record<string, ItfValue> {
  const value = toItfValue(state);
  const isRecord =
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !Object.keys(value).some((k) => k.startsWith("#"));
  return isRecord ? { ...(value as Record<string, ItfValue>) } : { state: value };
}

export function toItf(model: AnyModel, cx: Counterexample, source: string): ItfTrace {
  const steps = cx.run.trace ?? [];
  const frames = [
    { state: cx.run.initial, action: "init", event: { kind: "init" } },
    ...steps.map((s) => ({ state: s.state, action: s.event.kind, event: s.event as unknown })),
  ];
  const states = frames.map((frame, index) => ({
    "#meta": { index },
    ...variables(frame.state),
    [ACTION_TAKEN]: frame.action,
    event: toItfValue(frame.event),
  }));
  const vars = [...new Set(states.flatMap((s) => Object.keys(s).filter((k) => k !== "#meta")))];
  const violation = cx.run.violation;
  return {
    "#meta": {
      format: "ITF",
      "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
      source,
      description: `faultline ${model.name} counterexample${violation ? `: ${violation.invariant} broke after event ${violation.step}` : ""} (config ${JSON.stringify(cx.config)}, flaws ${cx.flaws.join(", ") || "none"})`,
    },
    vars,
    states,
  };
}

export function renderItf(model: AnyModel, cx: Counterexample, source: string): string {
  return `${JSON.stringify(toItf(model, cx, source), null, 1)}\n`;
}
