/**
 * The history checker's speed: made-up linearizable histories (5 clients, 10 keys by default) checked
 * by faultline's checker — split per key, memoised search — and by the naive search on the same
 * histories: the whole history at once, without memoisation (Wing & Gong's original), stopped at a
 * step budget. Figures only; nothing here asserts a time.
 */
import { checkLinearizability } from "../history/linearizability.ts";
import { casRegister, toSpecOperation } from "../history/register.ts";
import { searchLinearization } from "../history/search.ts";
import { simulateHistory } from "../history/simulate.ts";
import type { Spec } from "../history/spec.ts";

export interface LinearizabilitySpeed {
  readonly histories: number;
  readonly operations: number;
  readonly clients: number;
  readonly keys: number;
  /** Median milliseconds per history, faultline's checker. */
  readonly fastMillis: number;
  /** Median milliseconds per history of the naive search, over the histories it finished. */
  readonly naiveMillis: number | null;
  /** Histories the naive search finished within its budget. */
  readonly naiveFinished: number;
  readonly naiveStepBudget: number;
  /** Median milliseconds the naive search ran before giving up, over the histories it gave up on. */
  readonly naiveGaveUpMillis: number | null;
  /** naiveMillis / fastMillis (a lower bound when the naive search gave up). */
  readonly speedup: number | null;
}

export interface SpeedOptions {
  readonly operations: number;
  readonly clients: number;
  readonly keys: number;
  readonly histories: number;
  readonly naiveStepBudget: number;
}

export const SPEED_DEFAULTS: SpeedOptions = {
  operations: 10_000,
  clients: 5,
  keys: 10,
  histories: 5,
  naiveStepBudget: 20_000_000,
};

/** The register over a whole history: one state per key, so the naive search needs no split. */
const wholeHistory: Spec<ReadonlyMap<string, string | null>, { key: string; op: unknown }, unknown> = {
  name: "registers",
  init: () => new Map(),
  stateKey: (state) => JSON.stringify([...state]),
  step(state, input, output) {
    const { key, op } = input as { key: string; op: Parameters<typeof casRegister.step>[1] };
    const { ok, next } = casRegister.step(state.get(key) ?? null, op, output as never);
    if (!ok) return { ok, next: state };
    return { ok, next: new Map(state).set(key, next) };
  },
};

export function linearizabilitySpeed(options: SpeedOptions = SPEED_DEFAULTS): LinearizabilitySpeed {
  const fast: number[] = [];
  const naive: number[] = [];
  const gaveUp: number[] = [];
  for (let seed = 1; seed <= options.histories; seed++) {
    const history = simulateHistory({ ...options, operations: options.operations, seed });
    checkLinearizability(history); // warm the JIT on the first history's shape
    fast.push(timed(() => checkLinearizability(history)));
    const ops = history.operations.flatMap((op) => {
      const checked = toSpecOperation(op);
      return checked ? [{ ...checked, input: { key: op.key, op: checked.input } }] : [];
    });
    let result = "";
    const millis = timed(() => {
      result = searchLinearization(wholeHistory, ops, {
        memo: false,
        maxSteps: options.naiveStepBudget,
      }).result;
    });
    (result === "gave-up" ? gaveUp : naive).push(millis);
  }
  const fastMillis = median(fast);
  const naiveMillis = naive.length ? median(naive) : null;
  return {
    histories: options.histories,
    operations: options.operations,
    clients: options.clients,
    keys: options.keys,
    fastMillis,
    naiveMillis,
    naiveFinished: naive.length,
    naiveStepBudget: options.naiveStepBudget,
    naiveGaveUpMillis: gaveUp.length ? median(gaveUp) : null,
    speedup: naiveMillis === null ? null : naiveMillis / Math.max(fastMillis, 1e-3),
  };
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
