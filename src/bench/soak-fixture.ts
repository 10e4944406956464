/** A registry module for the soak's tests: the mutex fixture with its flaw wired in, so every default run can fail. */
import { mutex } from "../fixtures/mutex.ts";

export const brokenMutex: typeof mutex = {
  ...mutex,
  name: "broken-mutex",
  step: (state, event, ctx) => mutex.step(state, event, { ...ctx, flaws: new Set(["no-check"]) }),
};
