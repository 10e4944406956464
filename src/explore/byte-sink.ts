/**
 * The byte buffer a state key is written into (the `ByteSink` a model's encoder sees), and the
 * 64-bit fingerprint of what it holds. One buffer is reused for every state, so writing and
 * hashing a key allocates nothing.
 */
import type { ByteSink } from "../model.ts";

const LARGEST = 2 ** 52;

export class Bytes implements ByteSink {
  private buffer = new ArrayBuffer(1024);
  private bytes = new Uint8Array(this.buffer);
  private words = new Uint32Array(this.buffer);
  length = 0;
  /** The fingerprint of the last `hash()`, as two 32-bit halves (kept in fields: no allocation). */
  high = 0;
  low = 0;

  clear(): void {
    this.length = 0;
  }

  /** A copy of the bytes written (for tests and messages; the search hashes them in place). */
  copy(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** Zigzag varint: 7 bits a byte, small magnitudes of either sign in one byte. */
  int(value: number): void {
    if (this.length + 10 > this.bytes.length) this.room(10);
    if (value >= 0 && value < 64 && (value | 0) === value) {
      this.bytes[this.length++] = value * 2; // the common case: a small count, term or index
      return;
    }
    if (!Number.isInteger(value) || Math.abs(value) >= LARGEST)
      throw new RangeError(`an encoder wrote ${value}, not a whole number within ±2^52`);
    let z = value >= 0 ? value * 2 : -value * 2 - 1; // below 2^53: exact
    const bytes = this.bytes;
    let at = this.length;
    while (z >= 0x80) {
      bytes[at++] = (z & 0x7f) | 0x80;
      z = Math.floor(z / 0x80);
    }
    bytes[at++] = z;
    this.length = at;
  }

  /** The length, then each UTF-16 unit as an unsigned varint (one byte for ASCII). */
  text(value: string): void {
    this.int(value.length);
    this.room(value.length * 3);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      while (c >= 0x80) {
        bytes[at++] = (c & 0x7f) | 0x80;
        c >>>= 7;
      }
      bytes[at++] = c;
    }
    this.length = at;
  }

  keepLesser(start: number, middle: number): void {
    const bytes = this.bytes;
    const end = this.length;
    const firstLength = middle - start;
    const secondLength = end - middle;
    const common = Math.min(firstLength, secondLength);
    let order = firstLength - secondLength;
    for (let i = 0; i < common; i++) {
      const d = bytes[start + i]! - bytes[middle + i]!;
      if (d !== 0) {
        order = d;
        break;
      }
    }
    if (order > 0) bytes.copyWithin(start, middle, end);
    this.length = order > 0 ? start + secondLength : middle;
  }

  /** Hashes the bytes written into `high` and `low`: two murmur3-style passes over 32-bit words, seeded apart. */
  hash(): void {
    const length = this.length;
    this.room(4);
    this.bytes.fill(0, length, length + 4);
    const words = this.words;
    const count = (length + 3) >>> 2;
    let a = 0x9747b28c ^ length;
    let b = 0x2f8a1e37 + length;
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      let k = Math.imul(w, 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      a ^= k;
      a = Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64;
      let j = Math.imul(w, 0x85ebca77);
      j = Math.imul((j << 13) | (j >>> 19), 0x9e3779b1);
      b ^= j;
      b = Math.imul((b << 17) | (b >>> 15), 0x27d4eb2f) + 0x165667b1;
    }
    this.high = finalise(a);
    this.low = finalise(b);
  }

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const bigger = new ArrayBuffer(Math.max(this.buffer.byteLength * 2, (this.length + more + 3) & ~3));
    new Uint8Array(bigger).set(this.bytes);
    this.buffer = bigger;
    this.bytes = new Uint8Array(bigger);
    this.words = new Uint32Array(bigger);
  }
}

/** Murmur3's finaliser: spreads every input bit over the output word. */
export function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
