/**
 * The backup-and-restore vocabulary: clients write, an operator saves snapshots and restores one,
 * manages learners, an old member's process comes back, watchers sync, Velero backs up, and time
 * passes (Velero's GC runs on the hour). Events name keys, snapshots, members and watchers by id.
 */
import { type Field, field } from "../../src/fields.ts";
import type { EventKind } from "../../src/model.ts";
import { type BackupConfig, MAX_MEMBERS } from "./state.ts";

export const KEYS = 3;
export const MAX_SNAPSHOT = 4;
/** Old member ids an event may name: members of the first cluster and of a few restores. */
export const MAX_MEMBER_ID = 4 * MAX_MEMBERS;
export const MAX_TTL_HOURS = 1440;
export const MAX_MINUTES = 7 * 24 * 60;

export type BackupEvent =
  | { readonly kind: "write"; readonly key: number; readonly value: number }
  | { readonly kind: "snapshot-save" }
  | { readonly kind: "restore"; readonly snapshot: number }
  | { readonly kind: "add-learner" }
  | { readonly kind: "promote-learner" }
  | { readonly kind: "old-member-returns"; readonly member: number }
  | { readonly kind: "watcher-syncs"; readonly watcher: number }
  | { readonly kind: "velero-backup"; readonly ttlHours: number }
  | { readonly kind: "time-passes"; readonly minutes: number };

/**
 * Draws like `drawn` (the small values that make short stories) but accepts anything `accepted`
 * does in a schedule read from a file.
 */
function drawnFrom<T>(drawn: Field<T>, accepted: Field<T>): Field<T> {
  return field.custom({ ...accepted, arbitrary: drawn.arbitrary });
}

/** A kind with no field. */
function plain(weight: number, doc: string) {
  return { doc, weight };
}

export const events = {
  write: {
    doc: "A client writes a value to a key: the store's revision rises by one.",
    weight: 6,
    fields: { key: field.int(1, KEYS), value: drawnFrom(field.int(1, 3), field.int(1, 9)) },
  },
  "snapshot-save": plain(
    3,
    "etcdctl snapshot save: a snapshot file of the keyspace at the current revision.",
  ),
  restore: {
    doc: "etcdutl snapshot restore of a saved snapshot onto every member: a new cluster replaces the running one.",
    weight: 3,
    fault: true,
    fields: { snapshot: drawnFrom(field.int(1, MAX_SNAPSHOT), field.int(1, 1000)) },
  },
  "add-learner": plain(
    1,
    "etcdctl member add --learner: a non-voting member joins (at most --max-learners).",
  ),
  "promote-learner": plain(
    1,
    "etcdctl member promote: the learner becomes a voter (the model assumes it is in sync).",
  ),
  "old-member-returns": {
    doc: "The process of a member that belonged to a replaced cluster comes back and contacts the running cluster.",
    weight: 2,
    fault: true,
    fields: { member: drawnFrom(field.int(1, MAX_MEMBER_ID), field.int(1, 10_000)) },
  },
  "watcher-syncs": {
    doc: "A watcher (an informer) resumes its watch from the last revision it saw, or relists when told to.",
    weight: 4,
    fields: { watcher: field.id("watchers", "watcher") },
  },
  "velero-backup": {
    doc: "velero backup create, with --ttl in hours (0: the server's --default-backup-ttl).",
    weight: 2,
    // Half the backups take the server default, half name their own TTL.
    fields: { ttlHours: drawnFrom(field.int(0, MAX_TTL_HOURS, { favourMin: 1 }), field.int(0, 100_000)) },
  },
  "time-passes": {
    doc: "Minutes pass; Velero's garbage collector runs at every multiple of its frequency.",
    weight: 3,
    fields: { minutes: drawnFrom(field.int(1, MAX_MINUTES), field.int(1, 1_000_000)) },
  },
} satisfies Readonly<Record<BackupEvent["kind"], EventKind<BackupConfig>>>;

export function duration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return [days ? `${days}d` : "", hours ? `${hours}h` : "", mins || minutes === 0 ? `${mins}m` : ""].join("");
}

export function describeEvent(event: BackupEvent): string {
  switch (event.kind) {
    case "write":
      return `a client writes k${event.key} = v${event.value}`;
    case "snapshot-save":
      return "the operator saves an etcd snapshot";
    case "restore":
      return `the operator restores snapshot ${event.snapshot} into a new cluster`;
    case "add-learner":
      return "the operator adds a learner member";
    case "promote-learner":
      return "the operator promotes the learner to a voter";
    case "old-member-returns":
      return `the old process of member ${event.member} comes back and contacts the cluster`;
    case "watcher-syncs":
      return `watcher ${event.watcher} syncs`;
    case "velero-backup":
      return event.ttlHours === 0
        ? "velero creates a backup with the default TTL"
        : `velero creates a backup with --ttl ${event.ttlHours}h`;
    case "time-passes":
      return `${duration(event.minutes)} pass`;
  }
}
