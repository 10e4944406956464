import { describe, expect, it } from "vitest";
import { Bytes } from "./byte-sink.ts";
import { FingerprintSet } from "./fingerprints.ts";

const bytes = new Bytes();

/** The fingerprint of a string key, as the explorer takes it: written, then hashed. */
function fp(key: string): [number, number] {
  bytes.clear();
  bytes.text(key);
  bytes.hash();
  return [bytes.high, bytes.low];
}

describe("FingerprintSet", () => {
  it("says whether a key is new, through many growths of its table", () => {
    const set = new FingerprintSet();
    let added = 0;
    for (let i = 0; i < 100_000; i++) if (set.add(...fp(`state ${i}`))) added++;
    let again = 0;
    for (let i = 0; i < 100_000; i += 7) if (set.add(...fp(`state ${i}`))) again++;
    expect([added, again, set.size]).toEqual([100_000, 0, 100_000]);
  });

  it("bounds the chance of a fingerprint collision", () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 1000; i++) set.add(...fp(String(i)));
    expect(set.collisionOdds).toBeCloseTo((1000 * 999) / 2 ** 65, 25);
  });
});

describe("FingerprintSet with depths", () => {
  it("never forgets a state and keeps the shallowest depth, through many growths", () => {
    const set = new FingerprintSet({ depths: true });
    for (let i = 0; i < 50_000; i++) expect(set.addAtDepth(...fp(`s${i}`), 9)).toBe(true);
    let deeperAgain = 0;
    for (let i = 0; i < 50_000; i++) if (set.addAtDepth(...fp(`s${i}`), 9 + (i % 3))) deeperAgain++;
    expect(deeperAgain).toBe(0);
    let shallower = 0;
    for (let i = 0; i < 50_000; i += 5) if (set.addAtDepth(...fp(`s${i}`), 4)) shallower++;
    expect([shallower, set.size]).toEqual([10_000, 50_000]);
    expect(set.depthCounts()).toEqual([0, 0, 0, 0, 10_000, 0, 0, 0, 0, 40_000]);
  });
});
