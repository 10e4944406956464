/** What changed between two views of a state, as `path: before → after` lines a person can scan. */

export interface Change {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Flattens a view to dotted paths. Arrays of scalars stay whole, so a log or a queue reads as one value. */
export function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !isScalarArray(value)) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i + 1), v] as const)
      : Object.entries(value);
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    if (entries.length === 0 && prefix) out.set(prefix, Array.isArray(value) ? [] : {});
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

function isScalarArray(value: object): value is readonly unknown[] {
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== "object");
}

/** A list of phrases ("from 2: RequestVote t3") reads with a visible separator; a list of words or numbers with spaces. */
export function show(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(show);
    return `[${items.join(items.some((item) => item.includes(" ")) ? " · " : " ")}]`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function diffViews(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: Change[] = [];
  for (const [path, value] of b)
    if (!a.has(path) || show(a.get(path)) !== show(value))
      changes.push({ path, before: a.get(path), after: value });
  for (const [path, value] of a) if (!b.has(path)) changes.push({ path, before: value, after: undefined });
  return changes;
}

/** Items in `from` that `minus` does not account for, counting repeats (a multiset difference). */
function missing(from: readonly unknown[], minus: readonly unknown[]): string[] {
  const left = new Map<string, number>();
  for (const item of minus) left.set(show(item), (left.get(show(item)) ?? 0) + 1);
  const out: string[] = [];
  for (const item of from) {
    const key = show(item);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else out.push(key);
  }
  return out;
}

/** Lists of strings (messages, entries, names) are bags worth diffing; lists of numbers are positional (nextIndex). */
function isTextList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/**
 * One line per change. A list that kept some items and gained or lost others (a message queue,
 * a set of holders) reads as `+ added` and `− removed` rather than two long before/after lists.
 */
export function describeChange(change: Change): string {
  const { path, before, after } = change;
  if (before === undefined) return `${path} = ${show(after)}`;
  if (after === undefined) return `${path} removed (was ${show(before)})`;
  if (isTextList(before) && isTextList(after) && before.length > 0 && after.length > 0) {
    const added = missing(after, before);
    const removed = missing(before, after);
    const kept = after.length - added.length;
    if (kept > 0 && added.length + removed.length < after.length + before.length - kept) {
      const parts = [...added.map((item) => `+ ${item}`), ...removed.map((item) => `− ${item}`)];
      return `${path}: ${parts.join(" · ")}`;
    }
  }
  return `${path}: ${show(before)} → ${show(after)}`;
}
