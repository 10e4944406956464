/**
 * The backup-and-restore reducer: etcd as a revisioned key-value store, `snapshot save`,
 * `etcdutl snapshot restore` (a new cluster from the snapshot), learners, returning old
 * members, informers resuming or relisting, and Velero backups with a TTL and an hourly GC.
 */
import type { Context } from "../../src/model.ts";
import type { BackupEvent } from "./events.ts";
import {
  type BackupConfig,
  type BackupState,
  BOOTSTRAP_TOKEN,
  type Etcd,
  type Kv,
  range,
  type VeleroBackup,
  type Watcher,
} from "./state.ts";

type Ctx = Context<BackupConfig>;

export function step(state: BackupState, event: BackupEvent, ctx: Ctx): BackupState {
  switch (event.kind) {
    case "write":
      return write(state, `k${event.key}`, `v${event.value}`);
    case "snapshot-save":
      return saveSnapshot(state);
    case "restore":
      return restore(state, event.snapshot, ctx);
    case "add-learner":
      return addLearner(state, ctx.config);
    case "promote-learner":
      return promoteLearner(state);
    case "old-member-returns":
      return oldMemberReturns(state, event.member);
    case "watcher-syncs":
      return watcherSyncs(state, event.watcher);
    case "velero-backup":
      return veleroBackup(state, event.ttlHours, ctx.config);
    case "time-passes":
      return timePasses(state, event.minutes, ctx);
  }
}

// ---- etcd ---------------------------------------------------------------------------------

function write(state: BackupState, key: string, value: string): BackupState {
  const { etcd } = state;
  const revision = etcd.revision + 1;
  return {
    ...state,
    etcd: {
      ...etcd,
      revision,
      kv: { ...etcd.kv, [key]: { value, modRevision: revision } },
      changes: [...etcd.changes, { revision, key, value }],
    },
  };
}

function saveSnapshot(state: BackupState): BackupState {
  const { etcd } = state;
  const id = state.snapshots.length + 1;
  const snapshot = {
    id,
    revision: etcd.revision,
    compactRevision: etcd.compactRevision,
    kv: etcd.kv,
    changes: etcd.changes,
    members: etcd.members,
  };
  const saved = { ...state.history.saved, [id]: { revision: etcd.revision, kv: etcd.kv } };
  return { ...state, snapshots: [...state.snapshots, snapshot], history: { ...state.history, saved } };
}

/**
 * etcdutl snapshot restore on every member (etcdutl/snapshot/v3_snapshot.go): the snapshot's
 * membership is dropped, the member IDs come from --initial-cluster's peer URLs and
 * --initial-cluster-token and the cluster ID from the member IDs (so the same hosts and token give
 * back the same IDs, a new token new ones), every listed member is a voter (learners are not
 * kept), and the revision is the snapshot's unless --bump-revision moves it forward and
 * --mark-compacted makes everything up to it compacted.
 */
function restore(state: BackupState, id: number, ctx: Ctx): BackupState {
  const snapshot = state.snapshots.find((s) => s.id === id);
  if (!snapshot) return state;
  const { config, flaws } = ctx;
  const old = state.etcd;
  const token = restoreToken(state, ctx);
  const known = state.identities[token];
  const identity = known ?? {
    cluster: state.nextId.cluster,
    members: range(config.members).map((i) => state.nextId.member + i - 1),
  };
  const voters = identity.members.map((m) => ({ id: m, learner: false }));
  const revision = snapshot.revision + config.bumpRevision;
  const markCompacted = config.markCompacted && !flaws.has("bump-without-compact");
  const etcd: Etcd = {
    clusterId: identity.cluster,
    members: flaws.has("restore-keeps-learners")
      ? [...voters, ...snapshot.members.filter((m) => m.learner)]
      : voters,
    revision,
    compactRevision: markCompacted ? revision : snapshot.compactRevision,
    // The output data dir must be new or empty: nothing of the running cluster survives.
    kv: flaws.has("restore-merges-later-writes") ? { ...snapshot.kv, ...old.kv } : snapshot.kv,
    changes: snapshot.changes,
  };
  const oldMembers = { ...state.oldMembers };
  for (const m of old.members) oldMembers[m.id] = old.clusterId;
  const { history } = state;
  const nextId = known
    ? state.nextId
    : { ...state.nextId, cluster: state.nextId.cluster + 1, member: state.nextId.member + config.members };
  return {
    ...state,
    etcd,
    identities: known ? state.identities : { ...state.identities, [token]: identity },
    oldMembers,
    nextId,
    history: {
      ...history,
      lastRestore: id,
      restores: history.restores + 1,
      revisionRegressed: history.revisionRegressed || revision <= old.revision,
      formerMembers: [...history.formerMembers, ...old.members.map((m) => m.id)],
    },
  };
}

/** The token this restore's IDs derive from: the default for every restore, or a fresh one each time. */
function restoreToken(state: BackupState, ctx: Ctx): string {
  if (ctx.config.restoreToken === BOOTSTRAP_TOKEN || ctx.flaws.has("restore-keeps-cluster-id"))
    return BOOTSTRAP_TOKEN;
  return `${BOOTSTRAP_TOKEN}-${state.history.restores + 1}`;
}

function addLearner(state: BackupState, config: BackupConfig): BackupState {
  const learners = state.etcd.members.filter((m) => m.learner).length;
  if (learners >= config.maxLearners) return state; // "too many learner members in cluster"
  const id = state.nextId.member;
  return {
    ...state,
    etcd: { ...state.etcd, members: [...state.etcd.members, { id, learner: true }] },
    nextId: { ...state.nextId, member: id + 1 },
  };
}

function promoteLearner(state: BackupState): BackupState {
  const learner = state.etcd.members.find((m) => m.learner);
  if (!learner) return state;
  const members = state.etcd.members.map((m) => (m === learner ? { ...m, learner: false } : m));
  return { ...state, etcd: { ...state.etcd, members } };
}

/**
 * A member of a replaced cluster contacts the running one with its old cluster ID and member ID:
 * etcd's peer handler rejects a cluster-ID mismatch, and a sender that is not a member. When both
 * match — a restore that gave back the same IDs — the old process is accepted as that member.
 */
function oldMemberReturns(state: BackupState, id: number): BackupState {
  const carried = state.oldMembers[id];
  if (carried === undefined || carried !== state.etcd.clusterId) return state;
  if (!state.etcd.members.some((m) => m.id === id)) return state;
  const { [id]: _, ...rest } = state.oldMembers;
  return {
    ...state,
    oldMembers: rest,
    history: { ...state.history, rejoined: [...state.history.rejoined, id] },
  };
}

// ---- watchers -----------------------------------------------------------------------------

const values = (kv: Kv): Record<string, string> =>
  Object.fromEntries(Object.entries(kv).map(([k, e]) => [k, e.value]));

/**
 * An informer resumes its watch after the last revision it saw. A compacted start revision
 * (ErrCompacted), or one the store has not reached (an apiserver answering "too large resource
 * version" after a restore), makes it relist: it takes the current keyspace and revision.
 */
function watcherSyncs(state: BackupState, id: number): BackupState {
  const watcher = state.watchers[id];
  if (!watcher) return state;
  const { revision, compactRevision, kv, changes } = state.etcd;
  const seen = watcher.lastSeen;
  let next: Watcher;
  if (seen === null || seen + 1 <= compactRevision || seen > revision) {
    next = { lastSeen: revision, cache: values(kv) };
  } else {
    if (seen === revision) return state; // up to date: nothing to resume
    const missed = changes.filter((c) => c.revision > seen);
    const cache = { ...watcher.cache };
    for (const c of missed) cache[c.key] = c.value;
    next = { lastSeen: revision, cache };
  }
  return { ...state, watchers: { ...state.watchers, [id]: next } };
}

// ---- Velero -------------------------------------------------------------------------------

function veleroBackup(state: BackupState, ttlHours: number, config: BackupConfig): BackupState {
  const n = state.nextId.backup;
  const name = `backup-${n}`;
  const ttl = ttlHours === 0 ? config.defaultBackupTtlHours : ttlHours;
  const backup: VeleroBackup = { name, created: state.now, expiration: state.now + ttl * 60 };
  return {
    ...state,
    velero: { backups: [...state.velero.backups, backup] },
    nextId: { ...state.nextId, backup: n + 1 },
    history: {
      ...state.history,
      backups: { ...state.history.backups, [name]: { expiration: backup.expiration, deletedAt: null } },
    },
  };
}

/** Time passes; the GC controller runs at every multiple of its frequency and deletes backups whose expiration has passed. */
function timePasses(state: BackupState, minutes: number, ctx: Ctx): BackupState {
  const { config } = ctx;
  const every = config.gcFrequencyMinutes;
  const now = state.now + minutes;
  const firstRun = (Math.floor(state.now / every) + 1) * every;
  const kept: VeleroBackup[] = [];
  const backups = { ...state.history.backups };
  for (const backup of state.velero.backups) {
    const expiration = ctx.flaws.has("gc-ignores-ttl")
      ? backup.created + config.defaultBackupTtlHours * 60
      : backup.expiration;
    const run = Math.max(firstRun, Math.ceil(expiration / every) * every);
    if (run <= now) backups[backup.name] = { expiration: backup.expiration, deletedAt: run };
    else kept.push(backup);
  }
  const velero = kept.length === state.velero.backups.length ? state.velero : { backups: kept };
  const history = velero === state.velero ? state.history : { ...state.history, backups };
  return { ...state, now, velero, history };
}
