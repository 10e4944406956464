import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bytes } from "./byte-sink.ts";

const whole = fc.integer({ min: 1 - 2 ** 52, max: 2 ** 52 - 1 });

function encoded(write: (out: Bytes) => void): string {
  const out = new Bytes();
  write(out);
  return Buffer.from(out.copy()).toString("hex");
}

describe("Bytes", () => {
  test.prop([fc.array(fc.oneof(whole, fc.string())), fc.array(fc.oneof(whole, fc.string()))], {
    seed: 1,
  })("two different lists of whole numbers and strings never write the same bytes", (a, b) => {
    const write = (list: readonly (number | string)[]) => (out: Bytes) => {
      for (const v of list) {
        out.int(typeof v === "number" ? 0 : 1);
        if (typeof v === "number") out.int(v);
        else out.text(v);
      }
    };
    expect(encoded(write(a)) === encoded(write(b))).toBe(JSON.stringify(a) === JSON.stringify(b));
  });

  it("refuses fractions and magnitudes of 2^52 or more", () => {
    expect(() => new Bytes().int(0.5)).toThrow(/not a whole number within/);
    expect(() => new Bytes().int(-(2 ** 52))).toThrow(/not a whole number within/);
  });

  test.prop([fc.uint8Array(), fc.uint8Array()], { seed: 2 })(
    "keepLesser keeps the byte-wise lesser of two encodings written back to back",
    (a, b) => {
      const out = new Bytes();
      out.int(7);
      const start = out.length;
      for (const x of a) out.int(x);
      const middle = out.length;
      for (const x of b) out.int(x);
      out.keepLesser(start, middle);
      const lesser = encoded((o) => {
        o.int(7);
        for (const x of a) o.int(x);
      });
      const other = encoded((o) => {
        o.int(7);
        for (const x of b) o.int(x);
      });
      expect(Buffer.from(out.copy()).toString("hex")).toBe([lesser, other].sort()[0]);
    },
  );

  it("hashes equal bytes alike and different bytes apart", () => {
    const fingerprint = (text: string) => {
      const out = new Bytes();
      out.text(text);
      out.hash();
      return [out.high, out.low];
    };
    expect(fingerprint("raft")).toEqual(fingerprint("raft"));
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(fingerprint(`state ${i}`).join(":"));
    expect(seen.size).toBe(20_000);
  });
});
