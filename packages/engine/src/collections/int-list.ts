/** A growing list of 32-bit integers in a typed array: millions of them without a boxed number each. */
export class IntList {
  private values: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.values = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** The value at an index below `length`. */
  at(index: number): number {
    return this.values[index]!;
  }

  /** Whether the value is among those from index `from` on. */
  includesFrom(value: number, from: number): boolean {
    for (let i = from; i < this.length; i++) if (this.values[i] === value) return true;
    return false;
  }

  toArray(): Int32Array {
    return this.values.slice(0, this.length);
  }
}
