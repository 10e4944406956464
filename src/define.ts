/**
 * `defineModel`: the one way to write a model. It infers the event type from the declared fields
 * and the flaw names from the flaws, fills in what a minimal model leaves out (a summary, plain
 * event descriptions, the state as its own view, no witnesses or flaws), and refuses at once —
 * with one line — a definition the engine could only get quietly wrong: a param shadowing an
 * engine flag, a field reading a config key that is not a param, a flaw breaking no invariant.
 */
import { ENGINE_FLAGS } from "./engine/engine-flags.ts";
import type { FieldValue } from "./fields.ts";
import type {
  Context,
  EventKind,
  Extensions,
  Flaw,
  Invariant,
  Model,
  ModelEvent,
  Param,
  Witness,
} from "./model.ts";

/** A definition that cannot work, found when the model is defined rather than in a confusing run. */
export class ModelDefinitionError extends Error {}

/** The event type the declared kinds describe: `{ kind, ...one value per field }` for each kind. */
export type EventFromKinds<Kinds> = {
  [K in keyof Kinds & string]: Readonly<
    { kind: K } & (Kinds[K] extends { readonly fields: infer F }
      ? { readonly [Name in keyof F]: FieldValue<F[Name]> }
      : unknown)
  >;
}[keyof Kinds & string];

export interface ModelSpec<Config, State, Event extends ModelEvent, Kinds, FlawName extends string> {
  readonly name: string;
  readonly summary?: string;
  readonly params?: readonly Param<Config>[];
  readonly defaults: Config;
  readonly validateConfig?: (config: Config) => string | undefined;
  /** How many events a generated schedule may hold by default (100). */
  readonly maxSteps?: number;
  readonly init: (ctx: Context<Config, FlawName>) => State;
  readonly step: (state: State, event: Event, ctx: Context<Config, FlawName>) => State;
  readonly events: Kinds;
  readonly enabled?: (state: State, ctx: Context<Config, FlawName>) => readonly Event[];
  readonly fingerprint?: (state: State, ctx: Context<Config, FlawName>) => string;
  readonly symmetry?: (state: State, ctx: Context<Config, FlawName>) => string;
  readonly describeEvent?: (event: Event, before: State, ctx: Context<Config, FlawName>) => string;
  readonly view?: (state: State, ctx: Context<Config, FlawName>) => unknown;
  readonly invariants: readonly Invariant<Config, State, FlawName>[];
  readonly witnesses?: readonly Witness<Config, State, FlawName>[];
  readonly flaws?: readonly Flaw<FlawName>[];
  readonly extensions?: Extensions<Config, State, Event>;
}

const NAME = /^[a-z][a-z0-9-]*$/;

export function defineModel<
  Config extends object,
  State,
  const Kinds extends Readonly<Record<string, EventKind<Config>>>,
  const FlawName extends string = never,
>(
  spec: ModelSpec<Config, State, EventFromKinds<Kinds>, Kinds, FlawName>,
): Model<Config, State, EventFromKinds<Kinds>, FlawName> {
  const model: Model<Config, State, EventFromKinds<Kinds>, FlawName> = {
    summary: spec.name,
    params: [],
    maxSteps: 100,
    describeEvent: describeFields,
    view: (state) => state,
    witnesses: [],
    flaws: [],
    extensions: {},
    ...withoutUndefined(spec),
    events: spec.events as Model<Config, State, EventFromKinds<Kinds>, FlawName>["events"],
  };
  const problem = definitionProblem(model as unknown as Model<Config, unknown, ModelEvent, string>);
  if (problem) throw new ModelDefinitionError(`model ${JSON.stringify(spec.name)}: ${problem}`);
  return model;
}

/** The plain fallback description: `acquire client=2`. */
export function describeFields(event: ModelEvent): string {
  const fields = Object.entries(event)
    .filter(([key]) => key !== "kind")
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : String(value)}`);
  return [event.kind, ...fields].join(" ");
}

function withoutUndefined<T extends object>(spec: T): T {
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as T;
}

function duplicate(names: readonly string[]): string | undefined {
  return names.find((name, i) => names.indexOf(name) !== i);
}

function definitionProblem<Config>(model: Model<Config, unknown, ModelEvent, string>): string | undefined {
  if (!NAME.test(model.name)) return "a model name is lower-case letters, digits and dashes";
  const defaults = model.defaults as Record<string, unknown>;
  const numericKeys = new Set<string>();
  for (const param of model.params) {
    if (!(param.key in defaults)) return `param '${param.key}' has no default`;
    if (ENGINE_FLAGS.includes(param.flag))
      return `param flag --${param.flag} shadows faultline's own --${param.flag}; give it another name`;
    if (param.type === "int" || param.type === "number") numericKeys.add(param.key);
  }
  const clash =
    duplicate(model.params.map((p) => p.flag)) ?? duplicate(model.params.map((p) => String(p.key)));
  if (clash) return `two params are named '${clash}'`;
  const kinds = Object.entries(model.events as Record<string, EventKind<Config>>);
  if (kinds.length === 0) return "it declares no event kinds";
  for (const [kind, spec] of kinds) {
    if (typeof spec.weight === "number" && !(spec.weight >= 0))
      return `event '${kind}' has weight ${spec.weight}; weights are numbers from 0`;
    for (const [name, field] of Object.entries(spec.fields ?? {})) {
      if (name === "kind")
        return `event '${kind}' declares a field named 'kind', which every event already has`;
      const unknown = (field.reads ?? []).find((key) => !numericKeys.has(key));
      if (unknown !== undefined)
        return `field '${name}' of event '${kind}' counts by '${unknown}', which is not a numeric param`;
    }
  }
  const invariantNames = model.invariants.map((i) => i.name);
  const named =
    duplicate(invariantNames) ??
    duplicate(model.witnesses.map((w) => w.name)) ??
    duplicate(model.flaws.map((f) => f.name));
  if (named) return `the name '${named}' is used twice`;
  for (const flaw of model.flaws) {
    if (flaw.breaks !== "step-completes" && !invariantNames.includes(flaw.breaks))
      return `flaw '${flaw.name}' breaks '${flaw.breaks}', which is not one of its invariants`;
    const key = Object.keys(flaw.config ?? {}).find((k) => !(k in defaults));
    if (key !== undefined) return `flaw '${flaw.name}' sets '${key}', which is not a param`;
  }
  return undefined;
}
