/**
 * A recorded history of client operations against a key-value store, as saved in a report.
 *
 * JSON shape (every time is milliseconds since the workload started):
 *
 * ```json
 * {
 *   "operations": [
 *     { "id": 0, "client": 2, "member": 1, "key": "k3",
 *       "input": { "kind": "write", "value": "c2-17" },
 *       "outcome": "ok", "output": { "kind": "write" },
 *       "invoke": 120.4, "complete": 131.9, "revision": 41 },
 *     { "id": 1, "client": 0, "member": 0, "key": "k3",
 *       "input": { "kind": "cas", "expected": "c2-17", "value": "c0-9" },
 *       "outcome": "info", "error": "DEADLINE_EXCEEDED",
 *       "invoke": 133.0 }
 *   ],
 *   "watches": [
 *     { "key": "k3", "fromRevision": 1, "compactedAt": null,
 *       "events": [ { "revision": 41, "value": "c2-17", "at": 132.2 } ] }
 *   ]
 * }
 * ```
 *
 * - `input.kind` is `read`, `write` (a put) or `cas` (a transaction: if the value equals
 *   `expected` — `null` meaning the key is absent — put `value`).
 * - `outcome`: `ok` (the store answered; `output` says what), `fail` (definitely not applied:
 *   the request never reached a server), or `info` (a timeout or lost connection: it may have
 *   taken effect at any time after `invoke`, or never). An `info` operation has no `complete`
 *   and no `output`.
 * - `output`: a read's value (`null` when the key is absent), a cas's `swapped`.
 * - `revision`: the response header's revision (etcd's store revision when it answered).
 * - `watches[].events`: what a watch on one key delivered, in delivery order, each with the
 *   mod revision, the value (`null` for a delete) and the time it arrived.
 */

export type Outcome = "ok" | "fail" | "info";

export type Input =
  | { readonly kind: "read" }
  | { readonly kind: "write"; readonly value: string }
  | { readonly kind: "cas"; readonly expected: string | null; readonly value: string };

export type Output =
  | { readonly kind: "read"; readonly value: string | null }
  | { readonly kind: "write" }
  | { readonly kind: "cas"; readonly swapped: boolean };

export interface Operation {
  readonly id: number;
  /** The client session that issued it; a session issues one operation at a time. */
  readonly client: number;
  /** The member the session talks to. */
  readonly member: number;
  readonly key: string;
  readonly input: Input;
  readonly outcome: Outcome;
  readonly output?: Output;
  readonly invoke: number;
  readonly complete?: number;
  readonly revision?: number;
  readonly error?: string;
}

export interface WatchEvent {
  readonly revision: number;
  readonly value: string | null;
  readonly at: number;
}

export interface WatchLog {
  readonly key: string;
  readonly fromRevision: number;
  /** The compaction revision etcd said the watch could not go below, if it ever said so. */
  readonly compactedAt: number | null;
  readonly events: readonly WatchEvent[];
}

export interface History {
  readonly operations: readonly Operation[];
  readonly watches: readonly WatchLog[];
}

export const isWrite = (op: Operation): boolean => op.input.kind !== "read";

/** Whether a completed operation changed the store: a put, or a cas that swapped. */
export const wroteOk = (op: Operation): boolean =>
  op.outcome === "ok" && (op.input.kind === "write" || (op.output?.kind === "cas" && op.output.swapped));

export function describeOperation(op: Operation): string {
  const at = `${seconds(op.invoke)}–${op.complete === undefined ? "?" : seconds(op.complete)}`;
  const who = `client ${op.client} (member ${op.member + 1})`;
  const what = describeAction(op);
  const rev = op.revision === undefined ? "" : ` at revision ${op.revision}`;
  return `${at} ${who} ${what}${rev}`;
}

function describeAction(op: Operation): string {
  const { input, output } = op;
  const unknown = op.outcome === "info" ? " — no answer (may or may not have happened)" : "";
  const failed = op.outcome === "fail" ? ` — failed (${op.error ?? "not applied"})` : "";
  switch (input.kind) {
    case "read":
      return output?.kind === "read"
        ? `read ${op.key} = ${show(output.value)}`
        : `read ${op.key}${unknown}${failed}`;
    case "write":
      return `wrote ${op.key} := ${show(input.value)}${unknown}${failed}`;
    case "cas": {
      const swapped = output?.kind === "cas" ? (output.swapped ? " — swapped" : " — not swapped") : "";
      return `cas ${op.key}: if ${show(input.expected)} then ${show(input.value)}${swapped}${unknown}${failed}`;
    }
  }
}

export const show = (value: string | null): string => (value === null ? "(absent)" : JSON.stringify(value));

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;
