/**
 * An abstract drain and ReplicaSet controller (the cluster model owns the detailed ones):
 * evictions go through the cluster model's PodDisruptionBudget decision (`budgetVerdict`), a ReplicaSet replaces an evicted pod at
 * once on a schedulable worker, and a pod nowhere to go stays Pending. Source: facts §2.3, §2.5.
 */
import { budgetVerdict } from "../cluster/eviction.ts";
import { REPLICA_SETS, type UpgradeState, type WorkerNode } from "./state.ts";

/** Ready pods of a ReplicaSet: bound to a worker that is up (what the Eviction API counts as healthy). */
export function healthy(state: UpgradeState, rs: string): number {
  let n = 0;
  for (const w of Object.values(state.workers)) if (w.up) for (const p of w.pods) if (p === rs) n++;
  return n;
}

/** Pods of a ReplicaSet still bound to a worker, failed or not: what voluntary disruptions leave. */
export function bound(state: UpgradeState, rs: string): number {
  let n = 0;
  for (const w of Object.values(state.workers)) for (const p of w.pods) if (p === rs) n++;
  return n;
}

function schedulable(w: WorkerNode): boolean {
  return w.up && !w.cordoned;
}

/** The scheduler's choice, abstracted: fewest pods of this ReplicaSet, then fewest pods, then name order. */
function pickWorker(workers: Readonly<Record<string, WorkerNode>>, rs: string): string | undefined {
  let best: string | undefined;
  let bestKey: [number, number] | undefined;
  for (const [name, w] of Object.entries(workers)) {
    if (!schedulable(w)) continue;
    const key: [number, number] = [w.pods.filter((p) => p === rs).length, w.pods.length];
    if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = name;
      bestKey = key;
    }
  }
  return best;
}

/** Binds Pending pods to schedulable workers; returns the same state when nothing can move. */
export function schedulePending(state: UpgradeState): UpgradeState {
  let workers = state.workers;
  let pending = state.pending;
  for (const rs of Object.keys(REPLICA_SETS)) {
    while ((pending[rs] ?? 0) > 0) {
      const target = pickWorker(workers, rs);
      if (!target) break;
      const w = workers[target]!;
      workers = { ...workers, [target]: { ...w, pods: [...w.pods, rs] } };
      pending = { ...pending, [rs]: pending[rs]! - 1 };
    }
  }
  return workers === state.workers ? state : { ...state, workers, pending };
}

/** Deletes one pod of `rs` from worker `name`; its ReplicaSet recreates it (scheduled right away if it can be). */
function deletePod(state: UpgradeState, name: string, rs: string): UpgradeState {
  const w = state.workers[name]!;
  const i = w.pods.indexOf(rs);
  const pods = [...w.pods.slice(0, i), ...w.pods.slice(i + 1)];
  return schedulePending({
    ...state,
    workers: { ...state.workers, [name]: { ...w, pods } },
    pending: { ...state.pending, [rs]: (state.pending[rs] ?? 0) + 1 },
  });
}

export interface DrainResult {
  readonly state: UpgradeState;
  /** The Eviction API's 429, when a budget stopped the drain. */
  readonly blocked: string | undefined;
}

/**
 * `kubectl drain`: cordon, then evict every pod; a 429 is retried while replacements make room
 * (instant here), and reported when the budget still does not allow it. `--disable-eviction`
 * deletes without asking the budget.
 */
export function drain(state: UpgradeState, name: string, disableEviction: boolean): DrainResult {
  const w = state.workers[name]!;
  let next: UpgradeState = w.cordoned
    ? state
    : { ...state, workers: { ...state.workers, [name]: { ...w, cordoned: true } } };
  for (const rs of w.pods) {
    const { minAvailable } = REPLICA_SETS[rs]!;
    const verdict = budgetVerdict({
      name: rs,
      currentHealthy: healthy(next, rs),
      desiredHealthy: minAvailable,
    });
    if (!disableEviction && verdict.code === 429) return { state: next, blocked: verdict.message };
    next = deletePod(next, name, rs);
  }
  return { state: next, blocked: undefined };
}

/** Pods of a removed worker are deleted; their ReplicaSets recreate them elsewhere. */
export function removeWorker(state: UpgradeState, name: string): UpgradeState {
  const w = state.workers[name]!;
  const { [name]: _, ...workers } = state.workers;
  const pending = { ...state.pending };
  for (const rs of w.pods) pending[rs] = (pending[rs] ?? 0) + 1;
  return schedulePending({ ...state, workers, pending });
}
