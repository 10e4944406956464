/** The backup-and-restore model assembled: config, reducer, vocabulary, invariants, witnesses and flaws. */
import { defineModel } from "../../src/define.ts";
import { enabled } from "./enabled.ts";
import { describeEvent, events } from "./events.ts";
import { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { step } from "./reducer.ts";
import { type BackupConfig, initialState, MAX_MEMBERS, MAX_WATCHERS } from "./state.ts";
import { view } from "./view.ts";
import { witnesses } from "./witnesses.ts";

const defaults: BackupConfig = {
  members: 3,
  watchers: 2,
  bumpRevision: 0,
  markCompacted: false,
  maxLearners: 1,
  defaultBackupTtlHours: 720,
  gcFrequencyMinutes: 60,
  restoreToken: "etcd-cluster",
};

export const backup = defineModel({
  name: "backup",
  summary:
    "etcd snapshot save and etcdutl snapshot restore (new cluster identity, learners dropped, revision bump and compaction) with watchers, plus Velero backups with a TTL and an hourly GC.",
  params: [
    {
      key: "members",
      flag: "members",
      doc: "Voting etcd members in --initial-cluster, for the first cluster and for every restore.",
      type: "int",
      min: 1,
      max: MAX_MEMBERS,
      generate: { min: 1, max: 3 },
    },
    {
      key: "watchers",
      flag: "watchers",
      doc: "Informers watching the keyspace.",
      type: "int",
      min: 1,
      max: MAX_WATCHERS,
      generate: { min: 1, max: 2 },
    },
    {
      key: "bumpRevision",
      flag: "bump-revision",
      doc: "etcdutl snapshot restore --bump-revision: how far past the snapshot's revision a restore starts (0: off, etcdutl's default). Needs --mark-compacted.",
      type: "int",
      min: 0,
      max: 1_000_000_000_000,
    },
    {
      key: "markCompacted",
      flag: "mark-compacted",
      doc: "etcdutl snapshot restore --mark-compacted: mark every revision up to the bumped one compacted, so watchers relist. Needs --bump-revision.",
      type: "boolean",
    },
    {
      key: "restoreToken",
      flag: "initial-cluster-token",
      doc: "etcdutl snapshot restore --initial-cluster-token. etcd-cluster (etcdutl's default, the token the first cluster was bootstrapped with): the same --initial-cluster gives back the same member and cluster IDs. new: a fresh token per restore (etcd's disaster-recovery guide), so new IDs.",
      type: "enum",
      values: ["etcd-cluster", "new"],
    },
    {
      key: "maxLearners",
      flag: "max-learners",
      doc: "etcd --max-learners.",
      type: "int",
      min: 0,
      max: 4,
    },
    {
      key: "defaultBackupTtlHours",
      flag: "default-backup-ttl",
      doc: "Velero server --default-backup-ttl, hours, applied to a backup created without --ttl.",
      type: "int",
      min: 1,
      max: 87_600,
    },
    {
      key: "gcFrequencyMinutes",
      flag: "garbage-collection-frequency",
      doc: "Velero server --garbage-collection-frequency, minutes.",
      type: "int",
      min: 1,
      max: 10_080,
    },
  ],
  defaults,
  validateConfig: (c) =>
    c.bumpRevision > 0 === c.markCompacted
      ? undefined
      : "--bump-revision and --mark-compacted must be used together (etcdutl snapshot restore rejects either alone)",
  maxSteps: 60,
  init: (ctx) => initialState(ctx.config),
  step,
  events,
  enabled,
  describeEvent,
  view,
  invariants,
  witnesses,
  flaws,
});
