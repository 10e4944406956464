/**
 * What the engine derives from an event kind's declared fields: the arbitrary that generates
 * events of that kind, the fitting of a generated event into its run's own config, and the check
 * of an event read back from a file.
 */
import fc, { type Arbitrary } from "fast-check";
import type { ConfigValues, Field } from "../fields.ts";
import type { AnyModel, EventKind, ModelEvent } from "../model.ts";

type Kind = EventKind<ConfigValues>;
// biome-ignore lint/suspicious/noExplicitAny: fields of any value type.
type AnyField = Field<any>;

function fieldsOf(kind: Kind): [string, AnyField][] {
  return Object.entries(kind.fields ?? {});
}

/** The kind's weight in a run whose widest config is `scope`. */
export function weightOf(kind: Kind, scope: ConfigValues): number {
  return typeof kind.weight === "function" ? kind.weight(scope) : kind.weight;
}

/** Events of one kind, every field drawn against the widest config of the run. */
export function kindArbitrary(name: string, kind: Kind, scope: ConfigValues): Arbitrary<ModelEvent> {
  const fields = fieldsOf(kind);
  if (fields.length === 0) return fc.constant({ kind: name });
  const record: Record<string, Arbitrary<unknown>> = {};
  for (const [key, field] of fields) record[key] = field.arbitrary(scope);
  return fc.record(record).map((values) => ({ kind: name, ...values }));
}

/**
 * The event brought into the run's own config (an id drawn against the widest cluster folds into
 * this run's), or undefined when the fitted event breaks the kind's cross-field rule.
 */
export function fitEvent(model: AnyModel, event: ModelEvent, config: ConfigValues): ModelEvent | undefined {
  const kind: Kind | undefined = model.events[event.kind];
  if (!kind) return event;
  let fitted = event;
  for (const [key, field] of fieldsOf(kind)) {
    if (!field.fit) continue;
    const value = (event as unknown as Record<string, unknown>)[key];
    const next = field.fit(value, config);
    if (next !== value) fitted = { ...fitted, [key]: next } as ModelEvent;
  }
  return kind.where?.(fitted, config) === undefined ? fitted : undefined;
}

/** Fits a whole generated schedule into its run's config, dropping events no config could hold. */
export function fitSchedule(
  model: AnyModel,
  schedule: readonly ModelEvent[],
  config: ConfigValues,
): ModelEvent[] {
  const fitted: ModelEvent[] = [];
  for (const event of schedule) {
    const one = fitEvent(model, event, config);
    if (one) fitted.push(one);
  }
  return fitted;
}

/** Checks an event read from a file against the run's own config: the problem in one line, or undefined. */
export function eventProblem(model: AnyModel, event: unknown, config: ConfigValues): string | undefined {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return "it is not an event object";
  const record = event as Record<string, unknown>;
  if (typeof record.kind !== "string") return "it has no 'kind'";
  if (!Object.hasOwn(model.events, record.kind))
    return `model ${model.name} has no event kind ${JSON.stringify(record.kind)}`;
  const kind: Kind = model.events[record.kind]!;
  const fields = fieldsOf(kind);
  for (const [key, field] of fields) {
    if (!Object.hasOwn(record, key)) return `${record.kind} has no '${key}'`;
    const problem = field.check(record[key], config);
    if (problem) return `${record.kind}: ${key} ${problem}`;
  }
  const extra = Object.keys(record).find((key) => key !== "kind" && !fields.some(([name]) => name === key));
  if (extra !== undefined) return `${record.kind} events have no field '${extra}'`;
  const rule = kind.where?.(record, config);
  return rule === undefined ? undefined : `${record.kind}: ${rule}`;
}
