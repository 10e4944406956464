import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { bruteForceLinearizable } from "./brute-force.ts";
import type { Input, Output } from "./history.ts";
import { casRegister } from "./register.ts";
import { searchLinearization } from "./search.ts";
import type { SpecOperation } from "./spec.ts";

const value = fc.constantFrom("a", "b");
const opArb = fc.record({
  start: fc.integer({ min: 0, max: 8 }),
  length: fc.integer({ min: 0, max: 6 }),
  answered: fc.boolean(),
  input: fc.oneof(
    fc.constant<Input>({ kind: "read" }),
    value.map<Input>((v) => ({ kind: "write", value: v })),
    fc
      .tuple(fc.option(value, { nil: null }), value)
      .map<Input>(([expected, v]) => ({ kind: "cas", expected, value: v })),
  ),
  read: fc.option(value, { nil: null }),
  swapped: fc.boolean(),
});

const histories = fc.array(opArb, { minLength: 1, maxLength: 6 }).map((drafts) =>
  drafts.map((d, id): SpecOperation<Input, Output> => {
    const output: Output =
      d.input.kind === "read"
        ? { kind: "read", value: d.read }
        : d.input.kind === "write"
          ? { kind: "write" }
          : { kind: "cas", swapped: d.swapped };
    const answered = d.answered || d.input.kind === "read";
    return {
      id,
      input: d.input,
      output: answered ? output : undefined,
      invoke: d.start,
      complete: answered ? d.start + d.length : Number.POSITIVE_INFINITY,
    };
  }),
);

test.prop([histories], { numRuns: 3000, seed: 12 })(
  "the memoised search agrees with trying every order on small random histories",
  (ops) => {
    const fast = searchLinearization(casRegister, ops).result === "linearizable";
    const naive = searchLinearization(casRegister, ops, { memo: false }).result === "linearizable";
    const brute = bruteForceLinearizable(casRegister, ops);
    expect(fast).toBe(brute);
    expect(naive).toBe(brute);
  },
);

test("the random histories are a real mix of linearizable and not", () => {
  const sample = fc.sample(histories, { seed: 12, numRuns: 1000 });
  const linearizable = sample.filter((ops) => bruteForceLinearizable(casRegister, ops)).length;
  expect(linearizable).toBeGreaterThan(200);
  expect(linearizable).toBeLessThan(800);
});
