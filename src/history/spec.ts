/**
 * A sequential specification, in Porcupine's spirit: an initial state and a step that says whether
 * an operation with this input and output is legal in a state, and the state after it. A step
 * must be pure. `output` is undefined for an operation whose outcome is unknown (it may have taken
 * effect); the step then applies the input as the store would have.
 */
export interface Spec<S, I, O> {
  readonly name: string;
  init(): S;
  step(state: S, input: I, output: O | undefined): { readonly ok: boolean; readonly next: S };
  /** A string equal for equal states, for memoisation. */
  stateKey(state: S): string;
}

/** One operation as the checker sees it: `complete` is Infinity when its outcome is unknown. */
export interface SpecOperation<I, O> {
  readonly id: number;
  readonly input: I;
  readonly output: O | undefined;
  readonly invoke: number;
  readonly complete: number;
}
