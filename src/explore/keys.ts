/**
 * How the explorer decides two states are the same: the model's symmetry key (equal modulo a
 * renaming of node ids), else its fingerprint, else the whole state as JSON. A model's `encoder`
 * writes either key as bytes (src/model.ts `StateEncoder`); string keys are written as text.
 */
import type { AnyModel, ByteSink, Context } from "../model.ts";

export type Keying = "symmetry" | "fingerprint" | "structural";

export interface StateKey {
  readonly keying: Keying;
  /** Whether the model's own byte encoder writes it (else a string key, as its characters). */
  readonly encoded: boolean;
  readonly write: (state: unknown, out: ByteSink) => void;
}

export function stateKey(model: AnyModel, ctx: Context<unknown>, useSymmetry: boolean): StateKey {
  const { symmetry, fingerprint } = model;
  const encoder = model.extensions.encoder;
  if (useSymmetry && encoder?.canonical) {
    const canonical = encoder.canonical;
    return { keying: "symmetry", encoded: true, write: (state, out) => canonical(state, out, ctx) };
  }
  if (useSymmetry && symmetry)
    return { keying: "symmetry", encoded: false, write: (state, out) => out.text(symmetry(state, ctx)) };
  if (encoder)
    return { keying: "fingerprint", encoded: true, write: (state, out) => encoder.encode(state, out, ctx) };
  if (fingerprint)
    return {
      keying: "fingerprint",
      encoded: false,
      write: (state, out) => out.text(fingerprint(state, ctx)),
    };
  // The generic encoder: V8's native JSON serialiser walks any plain-data state faster than a walk in JS.
  return { keying: "structural", encoded: false, write: (state, out) => out.text(JSON.stringify(state)) };
}
