/**
 * An open-addressing hash table from numbers to ids, each new key taking the next id: for
 * millions of lookups of numeric keys, far cheaper than a Map. Keys are non-negative numbers.
 */
export class NumberTable {
  private keys = new Float64Array(1024).fill(-1);
  private values = new Int32Array(1024);
  private count = 0;

  /** The number of distinct keys seen. */
  get size(): number {
    return this.count;
  }

  /** The key's id: the one it was given, or the next one if it is new. */
  idOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = hashOf(key) & mask;
    while (this.keys[slot] !== -1) {
      if (this.keys[slot] === key) return this.values[slot]!;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    this.keys[slot] = key;
    this.values[slot] = id;
    if (this.count * 2 > this.keys.length) this.grow();
    return id;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      let slot = hashOf(keys[i]!) & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = keys[i]!;
      this.values[slot] = values[i]!;
    }
  }
}

const hashOf = (key: number): number => {
  const low = key | 0;
  const high = (key / 4294967296) | 0;
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 0;
};
