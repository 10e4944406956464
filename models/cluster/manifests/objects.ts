/** Reading the few fields the model uses from Kubernetes objects, with the API's defaults. */

import type { KubeObject } from "./parse.ts";
import type { Labels } from "./selector.ts";

type Rec = Readonly<Record<string, unknown>>;

export const rec = (v: unknown): Rec =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Rec) : {};
export const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export const namespaceOf = (o: KubeObject): string =>
  typeof o.metadata.namespace === "string" ? o.metadata.namespace : "default";

/** The model's name for a namespaced object: namespace/name. */
export const qualified = (o: KubeObject): string => `${namespaceOf(o)}/${o.metadata.name}`;

export function labelsOf(meta: unknown): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(rec(meta).labels))) out[k] = String(v);
  return out;
}

/** The controller ownerReference (controller: true), as kubectl's drain and the controllers find it. */
export function controllerOf(o: KubeObject): { kind: string; name: string } | null {
  for (const ref of list(o.metadata.ownerReferences)) {
    const r = rec(ref);
    if (r.controller === true && typeof r.kind === "string" && typeof r.name === "string")
      return { kind: r.kind, name: r.name };
  }
  return null;
}

/** spec.replicas, defaulting to 1 as the API server does. */
export const replicasOf = (o: KubeObject): number => {
  const r = rec(o.spec).replicas;
  return typeof r === "number" ? r : 1;
};

/** Any volume of type emptyDir: what kubectl drain's localStorage filter looks for (kubectl pkg/drain/filters.go). */
export const hasEmptyDir = (podSpec: unknown): boolean =>
  list(rec(podSpec).volumes).some((v) => rec(v).emptyDir !== undefined);

export const template = (o: KubeObject): Rec => rec(rec(o.spec).template);

export function conditionStatus(status: unknown, type: string): string | undefined {
  for (const c of list(rec(status).conditions)) if (rec(c).type === type) return String(rec(c).status);
  return undefined;
}
