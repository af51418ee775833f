/**
 * The set of states seen so far, keyed by 64-bit fingerprints (two 32-bit
 * lanes), each mapped to the state's number. Open addressing over typed
 * arrays: no per-entry objects, ~12 bytes per state, and no string keys on
 * the hot path (a JavaScript Map keyed by strings costs several times more).
 */
export class FingerprintTable {
  private capacity: number;
  private keysA: Int32Array;
  private keysB: Int32Array;
  /** State number + 1; 0 marks an empty slot. */
  private values: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.capacity = capacity;
    this.keysA = new Int32Array(capacity);
    this.keysB = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
  }

  /** Number of fingerprints stored. */
  get size(): number {
    return this.count;
  }

  /** The number stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const v = this.values[slot];
      if (v === 0) return -1;
      if (this.keysA[slot] === a && this.keysB[slot] === b) return v - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** Stores (a, b) -> `value` unless present; returns the number already stored, or -1 when it was added. */
  addIfAbsent(a: number, b: number, value: number): number {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const v = this.values[slot];
      if (v === 0) {
        this.keysA[slot] = a;
        this.keysB[slot] = b;
        this.values[slot] = value + 1;
        this.count++;
        return -1;
      }
      if (this.keysA[slot] === a && this.keysB[slot] === b) return v - 1;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    this.capacity <<= 1;
    this.keysA = new Int32Array(this.capacity);
    this.keysB = new Int32Array(this.capacity);
    this.values = new Int32Array(this.capacity);
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) this.addIfAbsent(keysA[i], keysB[i], values[i] - 1);
  }
}
