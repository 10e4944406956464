/**
 * The explorer's visited set, TLC-style: each state key is kept only as a 64-bit hash in an
 * open-addressing table (8 bytes a state instead of the whole key), so millions of states fit
 * in memory. Two different states may share a hash; `collisionOdds` bounds that chance.
 */

const EMPTY_SLOT = 0;

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
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  /** Adds the key's fingerprint; true when it was not there before. */
  add(key: string): boolean {
    // Two independent 32-bit hashes (FNV-1a and a multiply-xorshift), finalised, make one 64-bit fingerprint.
    let a = 0x811c9dc5;
    let b = 0x9747b28c ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    const high = mix(a);
    const low = mix(b) || 1; // (x, 0) never marks an empty slot
    return this.insert(high, low);
  }

  /** The chance that two of the states seen so far shared a fingerprint (birthday bound, n²/2⁶⁵). */
  get collisionOdds(): number {
    return (this.size * (this.size - 1)) / 2 ** 65;
  }

  private insert(high: number, low: number): boolean {
    let slot = high & this.mask;
    while (this.low[slot] !== EMPTY_SLOT) {
      if (this.low[slot] === low && this.high[slot] === high) return false;
      slot = (slot + 1) & this.mask;
    }
    this.high[slot] = high;
    this.low[slot] = low;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.mask = this.high.length - 1;
    this.size = 0;
    for (let slot = 0; slot < high.length; slot++)
      if (low[slot] !== EMPTY_SLOT) this.insert(high[slot]!, low[slot]!);
  }
}
