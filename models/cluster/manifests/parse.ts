/**
 * Reading what `kubectl get … -o yaml` (or `-o json`) prints: a `List` with `items`, one
 * object, several YAML documents, or JSON, with the `yaml` package (YAML 1.2, a superset of
 * JSON). The result is the flat list of objects; anything that is not a Kubernetes object
 * (a mapping with `apiVersion`, `kind` and `metadata.name`) is bad input, named in one line.
 */
import { parseAllDocuments } from "yaml";
import { UsageError } from "../../../src/cli/command.ts";

/** Input the manifests cannot give: one line, exit 2, wherever it is read (`plan`, `check --from`). */
export class ManifestError extends UsageError {}

export type KubeObject = Readonly<Record<string, unknown>> & {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: Readonly<Record<string, unknown>> & { readonly name: string };
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses one file's text; `source` names it in errors. */
export function parseManifestText(text: string, source: string): KubeObject[] {
  const documents = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(documents)) return []; // an empty stream
  const objects: KubeObject[] = [];
  for (const [i, doc] of documents.entries()) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      throw new ManifestError(
        `${source} is not valid YAML or JSON${line ? ` (line ${line})` : ""}: ${error.message.split("\n")[0]}`,
      );
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue; // an empty document, e.g. after a trailing ---
    objects.push(...flatten(value, `${source}${documents.length > 1 ? ` (document ${i + 1})` : ""}`));
  }
  return objects;
}

function flatten(value: unknown, where: string): KubeObject[] {
  if (!isRecord(value))
    throw new ManifestError(`${where} is not a Kubernetes object or List (got ${describe(value)})`);
  if (Array.isArray(value.items) && (value.kind === "List" || String(value.kind ?? "").endsWith("List"))) {
    return value.items.map((item, i) => asObject(item, `${where}, item ${i + 1}`));
  }
  return [asObject(value, where)];
}

function asObject(value: unknown, where: string): KubeObject {
  if (!isRecord(value))
    throw new ManifestError(`${where} is not a Kubernetes object (got ${describe(value)})`);
  if (typeof value.kind !== "string" || typeof value.apiVersion !== "string")
    throw new ManifestError(`${where} is not a Kubernetes object (no apiVersion and kind)`);
  if (!isRecord(value.metadata) || typeof value.metadata.name !== "string")
    throw new ManifestError(`${where} is a ${value.kind} without metadata.name`);
  return value as KubeObject;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a sequence";
  if (value === null) return "null";
  return typeof value === "string" ? "a plain string" : `a ${typeof value}`;
}
