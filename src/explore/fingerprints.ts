/**
 * The explorer's visited set, TLC-style: each state key is kept only as its 64-bit hash in an
 * open-addressing table (8 bytes a slot instead of the whole key, at most half the slots full),
 * so millions of states fit in memory. Two different states may share a hash; `collisionOdds`
 * bounds that chance. For depth-first search the table can also keep, per state, the shallowest
 * depth it was reached at (one more byte a slot).
 */

const EMPTY_SLOT = 0;
const INITIAL_SLOTS = 1 << 16;

export class FingerprintSet {
  private high: Uint32Array;
  private low: Uint32Array;
  private depths: Uint8Array | undefined;
  private mask: number;
  size = 0;
  // The fingerprint being looked up, kept in fields so lookups allocate nothing.
  private h = 0;
  private l = 0;

  /**
   * With `depths`, the table also records the shallowest depth each state was reached at (up to
   * 255). `slots` (a power of two) is where the table starts before it grows.
   */
  constructor(options: { depths?: boolean; slots?: number } = {}) {
    const slots = options.slots ?? INITIAL_SLOTS;
    this.high = new Uint32Array(slots);
    this.low = new Uint32Array(slots);
    this.mask = slots - 1;
    if (options.depths) this.depths = new Uint8Array(slots);
  }

  /** Adds a fingerprint (two 32-bit halves, src/explore/byte-sink.ts); true when it was not there before. */
  add(high: number, low: number): boolean {
    this.h = high;
    this.l = low || 1; // (x, 0) marks an empty slot
    return this.find() < 0;
  }

  /**
   * Adds the key reached at `depth`; true when it is new or was only reached deeper before (the
   * depth is then lowered): a depth-first search must expand such a state again.
   */
  addAtDepth(high: number, low: number, depth: number): boolean {
    this.h = high;
    this.l = low || 1;
    const found = this.find(depth);
    if (found < 0) return true;
    const depths = this.depths!;
    if (depths[found]! <= depth) return false;
    depths[found] = depth;
    return true;
  }

  /** Bytes held by the table (both fingerprint columns, and the depths if kept). */
  get bytes(): number {
    return this.high.byteLength + this.low.byteLength + (this.depths?.byteLength ?? 0);
  }

  /** The chance that two of the states seen so far shared a fingerprint (birthday bound, n²/2⁶⁵). */
  get collisionOdds(): number {
    return (this.size * (this.size - 1)) / 2 ** 65;
  }

  /** How many states were first reached at each depth (depth tracking only). */
  depthCounts(): number[] {
    const counts: number[] = [];
    const depths = this.depths!;
    for (let slot = 0; slot <= this.mask; slot++)
      if (this.low[slot] !== EMPTY_SLOT) counts[depths[slot]!] = (counts[depths[slot]!] ?? 0) + 1;
    return Array.from(counts, (n) => n ?? 0);
  }

  /** The slot holding the last hashed fingerprint, or -1 after inserting it (at `depth`). */
  private find(depth = 0): number {
    const { h, l } = this;
    let slot = h & this.mask;
    while (this.low[slot] !== EMPTY_SLOT) {
      if (this.low[slot] === l && this.high[slot] === h) return slot;
      slot = (slot + 1) & this.mask;
    }
    this.high[slot] = h;
    this.low[slot] = l;
    if (this.depths) this.depths[slot] = depth;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return -1;
  }

  private grow(): void {
    const { high, low, depths } = this;
    const slots = high.length * 2;
    this.high = new Uint32Array(slots);
    this.low = new Uint32Array(slots);
    if (depths) this.depths = new Uint8Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let slot = 0; slot < high.length; slot++) {
      if (low[slot] === EMPTY_SLOT) continue;
      this.h = high[slot]!;
      this.l = low[slot]!;
      this.find(depths?.[slot]);
    }
  }
}
