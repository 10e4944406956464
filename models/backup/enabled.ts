/** Every event that changes a backup state, for an exhaustive explorer: bounded candidates, minus no-ops. */
import type { Context } from "../../src/model.ts";
import type { BackupEvent } from "./events.ts";
import { KEYS } from "./events.ts";
import { step } from "./reducer.ts";
import { type BackupConfig, type BackupState, range } from "./state.ts";

function candidates(state: BackupState, config: BackupConfig): BackupEvent[] {
  return [
    ...range(KEYS).flatMap((key) => range(2).map((value): BackupEvent => ({ kind: "write", key, value }))),
    { kind: "snapshot-save" },
    ...state.snapshots.map((s): BackupEvent => ({ kind: "restore", snapshot: s.id })),
    { kind: "add-learner" },
    { kind: "promote-learner" },
    ...Object.keys(state.oldMembers).map(
      (id): BackupEvent => ({ kind: "old-member-returns", member: Number(id) }),
    ),
    ...range(config.watchers).map((watcher): BackupEvent => ({ kind: "watcher-syncs", watcher })),
    { kind: "velero-backup", ttlHours: 0 },
    { kind: "velero-backup", ttlHours: 1 },
    { kind: "time-passes", minutes: config.gcFrequencyMinutes },
  ];
}

export function enabled(state: BackupState, ctx: Context<BackupConfig>): readonly BackupEvent[] {
  return candidates(state, ctx.config).filter((event) => step(state, event, ctx) !== state);
}
