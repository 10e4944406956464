/**
 * The explorer's visited set, TLC-style: each state key is kept only as a 64-bit hash in an
 * open-addressing table (8 bytes a slot instead of the whole key, at most half the slots full),
 * so millions of states fit in memory. Two different states may share a hash; `collisionOdds`
 * bounds that chance. For depth-first search the table can also keep, per state, the shallowest
 * depth it was reached at (one more byte a slot).
 */

const EMPTY_SLOT = 0;
const INITIAL_SLOTS = 1 << 16;

/** Murmur3's finaliser: spreads every input bit over the output word. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class FingerprintSet {
  private high = new Uint32Array(INITIAL_SLOTS);
  private low = new Uint32Array(INITIAL_SLOTS);
  private depths: Uint8Array | undefined;
  private mask = INITIAL_SLOTS - 1;
  size = 0;
  // The last key's fingerprint, kept in fields so hashing allocates nothing.
  private h = 0;
  private l = 0;

  /** With `depths`, the table also records the shallowest depth each state was reached at (up to 255). */
  constructor(options: { depths?: boolean } = {}) {
    if (options.depths) this.depths = new Uint8Array(INITIAL_SLOTS);
  }

  /** Adds the key's fingerprint; true when it was not there before. */
  add(key: string): boolean {
    this.hash(key);
    return this.find() < 0;
  }

  /**
   * Adds the key reached at `depth`; true when it is new or was only reached deeper before (the
   * depth is then lowered): a depth-first search must expand such a state again.
   */
  addAtDepth(key: string, depth: number): boolean {
    this.hash(key);
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

  private hash(key: string): void {
    // Two independent 32-bit hashes (FNV-1a and a multiply-xorshift), finalised, make one 64-bit fingerprint.
    let a = 0x811c9dc5;
    let b = 0x9747b28c ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.h = mix(a);
    this.l = mix(b) || 1; // (x, 0) never marks an empty slot
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
