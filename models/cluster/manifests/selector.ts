/**
 * Label selectors (metav1.LabelSelector): matchLabels and matchExpressions with In, NotIn,
 * Exists and DoesNotExist, all ANDed (kubernetes/apimachinery pkg/apis/meta/v1/helpers.go
 * LabelSelectorAsSelector). For a PodDisruptionBudget a null selector matches nothing and an
 * empty one every pod in its namespace (policy/v1).
 */
import { ManifestError } from "./parse.ts";

export type Labels = Readonly<Record<string, string>>;
export type Selector = (labels: Labels) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Compiles a selector; `where` names its owner in the one-line error for a selector that is not valid. */
export function compileSelector(raw: unknown, where: string): Selector {
  if (raw === null || raw === undefined) return () => false;
  if (!isRecord(raw)) throw new ManifestError(`${where} has a selector that is not a mapping`);
  const tests: Selector[] = [];
  const matchLabels = raw.matchLabels ?? {};
  if (!isRecord(matchLabels)) throw new ManifestError(`${where} has matchLabels that is not a mapping`);
  for (const [key, value] of Object.entries(matchLabels)) tests.push((l) => l[key] === String(value));
  const expressions = raw.matchExpressions ?? [];
  if (!Array.isArray(expressions))
    throw new ManifestError(`${where} has matchExpressions that is not a list`);
  for (const e of expressions) tests.push(expression(e, where));
  return (labels) => tests.every((t) => t(labels));
}

function expression(e: unknown, where: string): Selector {
  if (!isRecord(e) || typeof e.key !== "string")
    throw new ManifestError(`${where} has a matchExpression without a key`);
  const { key, operator } = e;
  const values = Array.isArray(e.values) ? e.values.map(String) : [];
  switch (operator) {
    case "In":
    case "NotIn":
      if (values.length === 0)
        throw new ManifestError(`${where}: operator ${operator} on ${key} needs values`);
      return operator === "In"
        ? (l) => key in l && values.includes(l[key]!)
        : (l) => !(key in l) || !values.includes(l[key]!);
    case "Exists":
      return (l) => key in l;
    case "DoesNotExist":
      return (l) => !(key in l);
    default:
      throw new ManifestError(
        `${where} has selector operator ${JSON.stringify(operator)} on ${key}, which is not In, NotIn, Exists or DoesNotExist`,
      );
  }
}
