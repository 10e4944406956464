/** What changed between two views of a state, as `path: before → after` lines a person can scan. */

export interface Change {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** Flattens a view to dotted paths. Arrays of scalars stay whole ("[1:a 1:b]"), so a log reads as one value. */
export function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !isScalarArray(value)) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i + 1), v] as const)
      : Object.entries(value);
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    if (entries.length === 0 && prefix) out.set(prefix, Array.isArray(value) ? "[]" : "{}");
  } else if (prefix) {
    out.set(prefix, show(value));
  }
  return out;
}

function isScalarArray(value: object): boolean {
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== "object");
}

function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(" ")}]`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function diffViews(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: Change[] = [];
  for (const [path, value] of b)
    if (a.get(path) !== value) changes.push({ path, before: a.get(path), after: value });
  for (const [path, value] of a) if (!b.has(path)) changes.push({ path, before: value, after: undefined });
  return changes;
}

export function describeChange(change: Change): string {
  if (change.before === undefined) return `${change.path} = ${change.after}`;
  if (change.after === undefined) return `${change.path} removed (was ${change.before})`;
  return `${change.path}: ${change.before} → ${change.after}`;
}
