/** Deliberately wrong variants of the backup reducer, each a one-`if` difference caught by one invariant. */
import type { Flaw } from "../../src/model.ts";

export const flaws = [
  {
    name: "restore-keeps-cluster-id",
    doc: "Restore ignores the new --initial-cluster-token and derives the member and cluster IDs from the peer URLs with the bootstrap token, so the restored cluster has the replaced cluster's IDs (what a restore with the default token does) and a returning process of an old member passes etcd's cluster-ID and member checks. no-old-member-rejoins catches it (runs with --initial-cluster-token new).",
    breaks: "no-old-member-rejoins",
    config: { restoreToken: "new" },
  },
  {
    name: "restore-keeps-learners",
    doc: "Restore keeps the snapshot's learners, with their old member IDs, in the new membership. no-old-member-rejoins catches it (runs with --initial-cluster-token new).",
    breaks: "no-old-member-rejoins",
    config: { restoreToken: "new" },
  },
  {
    name: "restore-merges-later-writes",
    doc: "Restore writes the snapshot over the running cluster's data instead of into an empty data dir, so writes made after the snapshot survive. restore-equals-snapshot catches it.",
    breaks: "restore-equals-snapshot",
  },
  {
    name: "bump-without-compact",
    doc: "With --bump-revision and --mark-compacted given, restore bumps the revision but does not mark it compacted: informers resume their watches instead of relisting and keep writes the restore erased. watch-cache-matches-store catches it.",
    breaks: "watch-cache-matches-store",
    config: { bumpRevision: 1_000_000_000, markCompacted: true },
  },
  {
    name: "gc-ignores-ttl",
    doc: "Velero's garbage collector expires every backup at creation + --default-backup-ttl, ignoring the backup's own --ttl: a 24 h backup lives 30 days. backup-expiry catches it.",
    breaks: "backup-expiry",
  },
] as const satisfies readonly Flaw[];
