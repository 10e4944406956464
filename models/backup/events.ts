/**
 * The backup-and-restore vocabulary: clients write, an operator saves snapshots and restores one,
 * manages learners, an old member's process comes back, watchers sync, Velero backs up, and time
 * passes (Velero's GC runs on the hour). Events name keys, snapshots, members and watchers by id.
 */
import fc from "fast-check";
import type { EventKind } from "../../src/model.ts";
import { type BackupConfig, MAX_MEMBERS, MAX_WATCHERS } from "./state.ts";

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

type Kind = EventKind<BackupConfig, BackupEvent>;
type Fields = Readonly<Record<string, unknown>>;

const int = (min: number, max: number) => fc.integer({ min, max });

function between(e: Fields, field: string, min: number, max: number): string | undefined {
  const value = e[field];
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
    ? undefined
    : `${field} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`;
}

const plain = (
  kind: "snapshot-save" | "add-learner" | "promote-learner",
  weight: number,
  doc: string,
): Kind => ({
  doc,
  weight,
  arbitrary: () => fc.constant({ kind }),
  check: () => undefined,
});

export const events: Readonly<Record<BackupEvent["kind"], Kind>> = {
  write: {
    doc: "A client writes a value to a key: the store's revision rises by one.",
    weight: 6,
    arbitrary: () =>
      fc.record({ key: int(1, KEYS), value: int(1, 3) }).map((f) => ({ kind: "write" as const, ...f })),
    check: (e) => between(e, "key", 1, KEYS) ?? between(e, "value", 1, 9),
  },
  "snapshot-save": plain(
    "snapshot-save",
    3,
    "etcdctl snapshot save: a snapshot file of the keyspace at the current revision.",
  ),
  restore: {
    doc: "etcdutl snapshot restore of a saved snapshot onto every member: a new cluster replaces the running one.",
    weight: 3,
    arbitrary: () => int(1, MAX_SNAPSHOT).map((snapshot) => ({ kind: "restore" as const, snapshot })),
    check: (e) => between(e, "snapshot", 1, 1000),
    fault: true,
  },
  "add-learner": plain(
    "add-learner",
    1,
    "etcdctl member add --learner: a non-voting member joins (at most --max-learners).",
  ),
  "promote-learner": plain(
    "promote-learner",
    1,
    "etcdctl member promote: the learner becomes a voter (the model assumes it is in sync).",
  ),
  "old-member-returns": {
    doc: "The process of a member that belonged to a replaced cluster comes back and contacts the running cluster.",
    weight: 2,
    arbitrary: () => int(1, MAX_MEMBER_ID).map((member) => ({ kind: "old-member-returns" as const, member })),
    check: (e) => between(e, "member", 1, 10_000),
    fault: true,
  },
  "watcher-syncs": {
    doc: "A watcher (an informer) resumes its watch from the last revision it saw, or relists when told to.",
    weight: 4,
    arbitrary: () => int(1, MAX_WATCHERS).map((watcher) => ({ kind: "watcher-syncs" as const, watcher })),
    check: (e) => between(e, "watcher", 1, MAX_WATCHERS),
  },
  "velero-backup": {
    doc: "velero backup create, with --ttl in hours (0: the server's --default-backup-ttl).",
    weight: 2,
    arbitrary: () =>
      fc
        .oneof(fc.constant(0), int(1, MAX_TTL_HOURS))
        .map((ttlHours) => ({ kind: "velero-backup" as const, ttlHours })),
    check: (e) => between(e, "ttlHours", 0, 100_000),
  },
  "time-passes": {
    doc: "Minutes pass; Velero's garbage collector runs at every multiple of its frequency.",
    weight: 3,
    arbitrary: () => int(1, MAX_MINUTES).map((minutes) => ({ kind: "time-passes" as const, minutes })),
    check: (e) => between(e, "minutes", 1, 1_000_000),
  },
};

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
