/** Situations a good backup suite must reach (Stateright's `sometimes`). */
import type { Witness } from "../../src/model.ts";
import type { BackupConfig, BackupState } from "./state.ts";

type BackupWitness = Witness<BackupConfig, BackupState>;

export const witnesses: readonly BackupWitness[] = [
  {
    name: "restore-drops-later-writes",
    doc: "A restore rolls back writes made after the snapshot.",
    reached: (s, prev) =>
      s.history.restores > prev.history.restores &&
      prev.etcd.revision > s.history.saved[s.history.lastRestore!]!.revision,
  },
  {
    name: "old-member-rejected",
    doc: "A member of a replaced cluster exists while a restored cluster runs (its return is rejected unless the restore gave back its IDs).",
    reached: (s, prev) => s.history.restores > prev.history.restores && Object.keys(s.oldMembers).length > 0,
  },
  {
    name: "watcher-syncs-after-restore",
    doc: "A watcher that had synced before syncs again once a restore has happened.",
    reached: (s, prev) =>
      s.history.restores > 0 &&
      Object.entries(s.watchers).some(
        ([id, w]) => w !== prev.watchers[id] && prev.watchers[id]!.lastSeen !== null,
      ),
  },
  {
    name: "learner-dropped-by-restore",
    doc: "A restore replaces a cluster that had a learner.",
    reached: (s, prev) =>
      s.history.restores > prev.history.restores && prev.etcd.members.some((m) => m.learner),
  },
  {
    name: "backup-expires",
    doc: "Velero's GC deletes an expired backup.",
    reached: (s, prev) => s.velero.backups.length < prev.velero.backups.length,
  },
];
