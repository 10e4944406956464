/**
 * How the explorer decides two states are the same: the model's symmetry key (equal modulo a
 * renaming of node ids), else its fingerprint, else the whole state as JSON.
 */
import type { AnyModel, Context } from "../model.ts";

export type Keying = "symmetry" | "fingerprint" | "structural";

export interface StateKey {
  readonly keying: Keying;
  readonly of: (state: unknown) => string;
}

export function stateKey(model: AnyModel, ctx: Context<unknown>, useSymmetry: boolean): StateKey {
  const { symmetry, fingerprint } = model;
  if (useSymmetry && symmetry) return { keying: "symmetry", of: (state) => symmetry(state, ctx) };
  if (fingerprint) return { keying: "fingerprint", of: (state) => fingerprint(state, ctx) };
  return { keying: "structural", of: (state) => JSON.stringify(state) };
}
