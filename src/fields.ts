/**
 * Event fields, declared once. From each declaration the engine derives the fast-check arbitrary
 * that generates the field, the fitting of a generated value into the run's own config (an id
 * drawn against the widest cluster folds into the run's cluster), and the check of a value read
 * back from a report file against that report's own config.
 *
 *   events: { timeout: { doc: "…", weight: 8, fields: { server: field.id("nodes", "server") } } }
 */
import fc, { type Arbitrary } from "fast-check";

/** A config as the engine handles it: param key → value. */
export type ConfigValues = Readonly<Record<string, unknown>>;

export interface Field<T> {
  /** What the field holds, in a few words ("a server id, 1..nodes"): used in messages and docs. */
  readonly describe: string;
  /** Draws a value. `scope` is the widest config the run can draw (every generated param at its top). */
  readonly arbitrary: (scope: ConfigValues) => Arbitrary<T>;
  /** Brings a value drawn against the widest scope into the run's own config; identity when absent. */
  readonly fit?: (value: T, config: ConfigValues) => T;
  /** Checks a value read from a file against the run's own config: the problem in a few words, or undefined. */
  readonly check: (value: unknown, config: ConfigValues) => string | undefined;
  /** Config keys this field reads: the model definition is refused if one is not a param. */
  readonly reads?: readonly string[];
  /**
   * Every value the field may hold in the run's own config, in order, when few enough to list:
   * generation aims an event the reducer would skip along them (src/engine/aim.ts).
   */
  readonly values?: (config: ConfigValues) => readonly T[];
}

/** Past this many values a field is not listed: aiming then leaves its events as drawn. */
const MAX_VALUES = 128;

/** The value type a field declares. */
export type FieldValue<F> = F extends Field<infer T> ? T : never;

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function countOf(config: ConfigValues, key: string): number {
  const n = config[key];
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0;
}

function isWhole(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** An id 1..config[countKey] (a server, a candidate, a node): `noun` names it in messages. */
function id(countKey: string, noun = "id"): Field<number> {
  return {
    describe: `a ${noun} id, 1..${countKey}`,
    reads: [countKey],
    arbitrary: (scope) => fc.integer({ min: 1, max: Math.max(1, countOf(scope, countKey)) }),
    fit: (value, config) => ((value - 1) % Math.max(1, countOf(config, countKey))) + 1,
    values: (config) =>
      Array.from({ length: Math.min(countOf(config, countKey), MAX_VALUES) }, (_, i) => i + 1),
    check: (value, config) => {
      const n = countOf(config, countKey);
      return isWhole(value) && value >= 1 && value <= n
        ? undefined
        : `must be a ${noun} of this run, 1 to ${n} (got ${show(value)})`;
    },
  };
}

/**
 * A non-empty set of ids 1..config[countKey], in increasing order: "these servers", one side of a
 * partition. Fitting folds each id into the run's cluster and drops repeats.
 */
function ids(countKey: string, noun = "id"): Field<readonly number[]> {
  const one = id(countKey, noun);
  return {
    describe: `a non-empty list of ${noun} ids, 1..${countKey}`,
    reads: [countKey],
    arbitrary: (scope) =>
      fc.subarray(
        Array.from({ length: Math.max(1, countOf(scope, countKey)) }, (_, i) => i + 1),
        { minLength: 1 },
      ),
    fit: (value, config) => [...new Set(value.map((v) => one.fit!(v, config)))].sort((a, b) => a - b),
    values: (config) => subsets(Math.min(countOf(config, countKey), Math.log2(MAX_VALUES + 1))),
    check: (value, config) => {
      if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of ${noun} ids`;
      for (const v of value) {
        const problem = one.check(v, config);
        if (problem) return `holds ${show(v)}, which ${problem.replace(/ \(got .*\)$/, "")}`;
      }
      return new Set(value).size === value.length ? undefined : `names a ${noun} twice`;
    },
  };
}

/** Every non-empty subset of 1..n, each in increasing order, by bit mask. */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const set: number[] = [];
    for (let id = 1; id <= n; id++) if ((mask >> (id - 1)) & 1) set.push(id);
    out.push(set);
  }
  return out;
}

export interface IntOptions {
  /**
   * Draw the bounds more often than values between them (2 of 3 draws): boundary values are where
   * timing bugs live. Off by default.
   */
  readonly edges?: boolean;
  /** Draw `min` this many times as often as any other value (e.g. "the oldest message" mostly). */
  readonly favourMin?: number;
}

/** A whole number from `min` to `max`. */
function int(min: number, max: number, options: IntOptions = {}): Field<number> {
  const any = fc.integer({ min, max });
  const arbitrary = options.edges
    ? fc.oneof({ arbitrary: fc.constantFrom(min, max), weight: 2 }, { arbitrary: any, weight: 1 })
    : options.favourMin
      ? fc.oneof({ arbitrary: fc.constant(min), weight: options.favourMin }, { arbitrary: any, weight: 1 })
      : any;
  return {
    describe: `a whole number, ${min}..${max}`,
    arbitrary: () => arbitrary,
    values: () => Array.from({ length: Math.min(max - min + 1, MAX_VALUES) }, (_, i) => min + i),
    check: (value) =>
      isWhole(value) && value >= min && value <= max
        ? undefined
        : `must be a whole number from ${min} to ${max} (got ${show(value)})`,
  };
}

/** One of a fixed list of values, or of a list the config decides (the apps of this cluster). */
function oneOf<const T extends string | number>(
  values: readonly T[] | ((config: ConfigValues) => readonly T[]),
): Field<T> {
  const of = typeof values === "function" ? values : () => values;
  return {
    describe: typeof values === "function" ? "one of the run's own values" : `one of ${values.join(", ")}`,
    arbitrary: (scope) => fc.constantFrom(...of(scope)),
    fit: (value, config) => {
      const allowed = of(config);
      if (allowed.includes(value)) return value;
      const widest = allowed.length;
      return widest === 0 ? value : allowed[Math.abs(hash(String(value))) % widest]!;
    },
    values: (config) => of(config).slice(0, MAX_VALUES),
    check: (value, config) => {
      const allowed = of(config);
      return allowed.includes(value as T)
        ? undefined
        : `must be one of ${allowed.map(show).join(", ")} (got ${show(value)})`;
    },
  };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** true or false. */
function bool(): Field<boolean> {
  return {
    describe: "true or false",
    arbitrary: () => fc.boolean(),
    values: () => [false, true],
    check: (value) => (typeof value === "boolean" ? undefined : `must be true or false (got ${show(value)})`),
  };
}

/** A field of your own: give its arbitrary and its check; `fit` when ids inside it depend on the config. */
function custom<T>(spec: Field<T>): Field<T> {
  return spec;
}

export const field = { id, ids, int, oneOf, bool, custom } as const;
