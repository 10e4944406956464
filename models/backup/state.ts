/**
 * Backup and restore state, grouped by owner: the running etcd cluster (a revisioned key-value
 * store with an identity and a membership), saved snapshot files, processes of members that
 * belonged to earlier clusters, the watchers (informers), Velero's backups, and the oracle.
 */

export interface BackupConfig {
  /** Voting members listed in --initial-cluster, for the first cluster and for every restore. */
  readonly members: number;
  readonly watchers: number;
  /** etcdutl snapshot restore --bump-revision (0: off, the default). */
  readonly bumpRevision: number;
  /** etcdutl snapshot restore --mark-compacted (off by default). */
  readonly markCompacted: boolean;
  /** etcd --max-learners. */
  readonly maxLearners: number;
  /** Velero --default-backup-ttl, hours. */
  readonly defaultBackupTtlHours: number;
  /** Velero --garbage-collection-frequency, minutes. */
  readonly gcFrequencyMinutes: number;
  /**
   * etcdutl snapshot restore --initial-cluster-token: "etcd-cluster" (etcdutl's default, also the
   * token the first cluster was bootstrapped with) or "new" (a fresh token per restore, as etcd's
   * disaster-recovery guide does).
   */
  readonly restoreToken: RestoreToken;
}

export type RestoreToken = "etcd-cluster" | "new";
export const BOOTSTRAP_TOKEN = "etcd-cluster";

export const MAX_MEMBERS = 5;
export const MAX_WATCHERS = 3;

export interface Member {
  readonly id: number;
  readonly learner: boolean;
}

/** A key's current value and the revision that wrote it (etcd's mod_revision). */
export interface Entry {
  readonly value: string;
  readonly modRevision: number;
}

/** One MVCC change: what a watch stream delivers. */
export interface Change {
  readonly revision: number;
  readonly key: string;
  readonly value: string;
}

export type Kv = Readonly<Record<string, Entry>>;

export interface Etcd {
  readonly clusterId: number;
  readonly members: readonly Member[];
  readonly revision: number;
  /** Revisions up to here are compacted: a watch starting at or below it gets ErrCompacted. */
  readonly compactRevision: number;
  readonly kv: Kv;
  readonly changes: readonly Change[];
}

/** An `etcdctl snapshot save` file: the keyspace and its history at one revision, with the membership. */
export interface Snapshot {
  readonly id: number;
  readonly revision: number;
  readonly compactRevision: number;
  readonly kv: Kv;
  readonly changes: readonly Change[];
  readonly members: readonly Member[];
}

/** An informer: the last revision it saw and its cache of the keyspace. */
export interface Watcher {
  readonly lastSeen: number | null;
  readonly cache: Readonly<Record<string, string>>;
}

/** A Velero Backup: status.expiration = processing time + spec.ttl (or the server default). */
export interface VeleroBackup {
  readonly name: string;
  readonly created: number;
  readonly expiration: number;
}

export interface BackupHistory {
  /** What each snapshot held when it was saved, by id. */
  readonly saved: Readonly<Record<string, { readonly revision: number; readonly kv: Kv }>>;
  /** The snapshot the last restore used, and how many restores happened. */
  readonly lastRestore: number | null;
  readonly restores: number;
  /** True once a restore left the revision at or below the replaced cluster's: etcd's bump promise no longer covers the run. */
  readonly revisionRegressed: boolean;
  /** Ids of every member of a cluster that a restore replaced. */
  readonly formerMembers: readonly number[];
  /** Old member processes the running cluster accepted (their cluster ID and member ID matched). */
  readonly rejoined: readonly number[];
  /** Every Velero backup ever created: its expiration and, once gone, when the GC deleted it. */
  readonly backups: Readonly<
    Record<string, { readonly expiration: number; readonly deletedAt: number | null }>
  >;
}

/** The member IDs of the listed peer URLs and the cluster ID they hash to, for one cluster token. */
export interface Identity {
  readonly cluster: number;
  readonly members: readonly number[];
}

export interface BackupState {
  /** Minutes since the start. */
  readonly now: number;
  readonly etcd: Etcd;
  /**
   * etcd derives a bootstrapped member's ID from its peer URLs and the cluster token, and the
   * cluster ID from the member IDs (sha1 in membership/member.go, cluster.go). The peer URLs here
   * never change (restores go onto the same hosts), so the IDs are a function of the token: this
   * table stands in for the hash, handing out fresh small numbers the first time a token is used.
   */
  readonly identities: Readonly<Record<string, Identity>>;
  readonly snapshots: readonly Snapshot[];
  /** Member processes of replaced clusters that may still be running, with the cluster ID they carry. */
  readonly oldMembers: Readonly<Record<string, number>>;
  readonly watchers: Readonly<Record<string, Watcher>>;
  readonly velero: { readonly backups: readonly VeleroBackup[] };
  readonly nextId: { readonly cluster: number; readonly member: number; readonly backup: number };
  readonly history: BackupHistory;
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** A fresh cluster: members 1..N, revision 1 (etcd's first revision), no keys, watchers that have seen nothing. */
export function initialState(config: BackupConfig): BackupState {
  const watchers: Record<string, Watcher> = {};
  for (const id of range(config.watchers)) watchers[id] = { lastSeen: null, cache: {} };
  return {
    now: 0,
    identities: { [BOOTSTRAP_TOKEN]: { cluster: 1, members: range(config.members) } },
    etcd: {
      clusterId: 1,
      members: range(config.members).map((id) => ({ id, learner: false })),
      revision: 1,
      compactRevision: 0,
      kv: {},
      changes: [],
    },
    snapshots: [],
    oldMembers: {},
    watchers,
    velero: { backups: [] },
    nextId: { cluster: 2, member: config.members + 1, backup: 1 },
    history: {
      saved: {},
      lastRestore: null,
      restores: 0,
      revisionRegressed: false,
      formerMembers: [],
      rejoined: [],
      backups: {},
    },
  };
}
