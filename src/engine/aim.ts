/**
 * Generation that lands. A generated event the reducer would skip (a timeout for a server that
 * leads, a delivery from an empty queue) is aimed at one that happens, the way a model checker's
 * random simulation chooses among enabled actions (TLC, Stateright):
 *
 * 1. the same kind first: the model's `enabled` events of that kind, else the events its declared
 *    fields can name in this config; the first that lands at or after the drawn values, in order;
 * 2. else another kind, chosen by the run's own weights (a swarm profile's switched-off kinds
 *    stay off) among the model's `enabled` events, or the events any kind's fields can name.
 *
 * Nothing is random: every choice follows from the drawn event and its position, so the same
 * generated run always folds the same events. Only generated runs are aimed; the trace records
 * the event actually applied, and that is what reports, replays and the minimizer see.
 */
import type { AnyModel, Context, ModelEvent } from "../model.ts";
import type { ConfigValues } from "./config.ts";
import type { Profile } from "./schedule.ts";

/** Reducer calls one aim may spend on candidates that turn out to be skipped too. */
const MAX_TRIES = 16;
/** Past this many field combinations a kind's events are not listed. */
const MAX_VARIANTS = 256;

export interface Landed<State> {
  readonly event: ModelEvent;
  readonly next: State;
}

/**
 * Aims a skipped event at one that changes `state`, or undefined when none is found. `roll` is the
 * number drawn beside the event: it picks the other kind, by weight, and where in its list to start.
 */
export function aimEvent<State>(
  model: AnyModel,
  ctx: Context<ConfigValues>,
  state: State,
  drawn: ModelEvent,
  roll: number,
  profile: Profile,
): Landed<State> | undefined {
  let tries = 0;
  const attempt = (candidates: readonly ModelEvent[], start: number): Landed<State> | undefined => {
    for (let k = 0; k < candidates.length && tries < MAX_TRIES; k++) {
      const event = candidates[(start + k) % candidates.length]!;
      tries++;
      const next = model.step(state, event, ctx) as State;
      if (next !== state) return { event, next };
    }
    return undefined;
  };
  const enabled = model.enabled ? model.enabled(state, ctx) : undefined;
  const ofKind = (kind: string) => {
    const listed = enabled?.filter((e) => e.kind === kind) ?? [];
    return listed.length > 0 ? listed : variants(model, kind, ctx.config);
  };

  const listed = ofKind(drawn.kind);
  // The next event after the drawn one usually lands (enabled events do): find it without sorting.
  const next = successor(listed, drawn);
  const first = next && attempt([next], 0);
  if (first) return first;
  const same = sortedEvents(listed.filter((e) => e !== next && compareEvents(e, drawn) !== 0));
  const atOrAfter = same.findIndex((e) => compareEvents(e, drawn) > 0);
  const sameKind = attempt(same, Math.max(atOrAfter, 0));
  if (sameKind) return sameKind;

  // Another kind, chosen by weight with the drawn roll (0, where shrinking leads, picks the first).
  const kinds = new Map<string, number>();
  const pool = enabled ?? Object.keys(model.events).map((kind) => ({ kind }));
  for (const e of pool) {
    const weight = profile[e.kind] ?? 0;
    if (e.kind !== drawn.kind && weight > 0) kinds.set(e.kind, weight);
  }
  while (kinds.size > 0 && tries < MAX_TRIES) {
    const kind = weightedPick(kinds, roll);
    kinds.delete(kind);
    const candidates = enabled ? enabled.filter((e) => e.kind === kind) : variants(model, kind, ctx.config);
    const landed = attempt(candidates, candidates.length === 0 ? 0 : roll % candidates.length);
    if (landed) return landed;
  }
  return undefined;
}

/** Every event of `kind` its declared fields can name in `config` (none when a field cannot list its values). */
function variants(model: AnyModel, kind: string, config: ConfigValues): ModelEvent[] {
  const spec = model.events[kind];
  if (!spec) return [];
  let events: Record<string, unknown>[] = [{ kind }];
  for (const [key, field] of Object.entries(spec.fields ?? {})) {
    const values = field.values?.(config);
    if (!values || values.length === 0 || events.length * values.length > MAX_VARIANTS) return [];
    events = events.flatMap((e) => values.map((v: unknown) => ({ ...e, [key]: v })));
  }
  return (events as unknown as ModelEvent[]).filter((e) => spec.where?.(e, config) === undefined);
}

/** The least event after `drawn`, or the least of all when none is after it (the order wraps around). */
function successor(events: readonly ModelEvent[], drawn: ModelEvent): ModelEvent | undefined {
  let after: ModelEvent | undefined;
  let least: ModelEvent | undefined;
  for (const e of events) {
    const order = compareEvents(e, drawn);
    if (order === 0) continue;
    if (order > 0 && (after === undefined || compareEvents(e, after) < 0)) after = e;
    if (least === undefined || compareEvents(e, least) < 0) least = e;
  }
  return after ?? least;
}

function sortedEvents(events: readonly ModelEvent[]): ModelEvent[] {
  return [...events].sort(compareEvents);
}

/** Events of one kind in the order of their field values (numbers, strings, lists), field by field. */
export function compareEvents(a: ModelEvent, b: ModelEvent): number {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key of Object.keys(x)) {
    const order = compareValues(x[key], y[key]);
    if (order !== 0) return order;
  }
  return 0;
}

function compareValues(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = compareValues(a[i], b[i]);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const [p, q] = [JSON.stringify(a) ?? "", JSON.stringify(b) ?? ""];
  return p < q ? -1 : p > q ? 1 : 0;
}

/** The kind at `roll`'s point (a number below 2^16) on the line of weights laid end to end. */
function weightedPick(weights: ReadonlyMap<string, number>, roll: number): string {
  let total = 0;
  for (const w of weights.values()) total += w;
  let point = (roll / 0x10000) * total;
  for (const [kind, w] of weights) {
    point -= w;
    if (point < 0) return kind;
  }
  return [...weights.keys()].at(-1)!;
}
