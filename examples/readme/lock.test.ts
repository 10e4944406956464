// examples/readme/lock.test.ts
import { test } from "@fast-check/vitest";
import { assertHolds, itCatchesEveryFlaw, schedules } from "faultline/vitest";
import { lock } from "./lock.ts";

test.prop([schedules(lock)], { numRuns: 500, seed: 1 })("lock holds", (run) => assertHolds(lock, run));

itCatchesEveryFlaw(lock, { "no-check": 2 });
