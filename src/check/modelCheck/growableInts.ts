/** An append-only list of 32-bit integers in a typed array that doubles as it fills. */
export class GrowableInts {
  private data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** Overwrites an entry already pushed. */
  set(index: number, value: number): void {
    this.data[index] = value;
  }
}
