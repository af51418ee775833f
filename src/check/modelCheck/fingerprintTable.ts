/**
 * The set of states seen so far, keyed by 64-bit fingerprints (two 32-bit
 * lanes), optionally each mapped to the state's number. Open addressing over
 * one typed array of (lane A, lane B[, number]) entries: no per-entry
 * objects, 8 or 12 bytes per slot, and a probe touches one cache line, not
 * one per field. A slot holding (0, 0) is empty; the fingerprint (0, 0)
 * itself is kept aside.
 *
 * The table soon outgrows the processor's caches, so a lookup costs a trip
 * to memory, and its size matters: numbers are kept only when the search
 * needs them. Most successors the search computes are states it has just
 * seen (the interleavings of a few recent steps meet again), so a small
 * direct-mapped cache of recently added or found fingerprints, which stays
 * in cache, answers most lookups first.
 */
/** Entries of the recent cache (two lanes each: 256 KiB). */
const RECENT = 1 << 15;
const RECENT_MASK = RECENT - 1;

export class FingerprintTable {
  private capacity: number;
  /** Integers per slot: the two lanes, then the number when numbers are kept. */
  private readonly stride: number;
  private slots: Int32Array<ArrayBuffer>;
  private count = 0;
  /** The number of the state whose fingerprint is (0, 0), or -1. */
  private zero = -1;
  /** Entry i at i * 2: lanes A and B of a stored fingerprint, or zeros (a cache miss at worst: the table decides). */
  private readonly recent = new Int32Array(RECENT * 2);

  /** With `numbered` false, `get` and `addIfAbsent` answer 0 for every stored fingerprint. */
  constructor(numbered = true, initialCapacity = 1 << 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.capacity = capacity;
    this.stride = numbered ? 3 : 2;
    this.slots = new Int32Array(capacity * this.stride);
  }

  /** Number of fingerprints stored. */
  get size(): number {
    return this.count;
  }

  /** Reads the cache lines a lookup of (a, b) reads first, so that the lookup finds them in cache (see memoizedSuccessors.ts). */
  touch(a: number, b: number): void {
    const at = ((a ^ Math.imul(b, 0x9e3779b1)) & (this.capacity - 1)) * this.stride;
    this.touched = (this.touched + this.slots[at] + this.recent[(b & RECENT_MASK) << 1]) | 0;
  }

  /** Sum of what `touch` read: kept so that the reads are not optimised away. */
  private touched = 0;

  /** True when (a, b) is stored. */
  has(a: number, b: number): boolean {
    const recent = this.recent;
    const r = (b & RECENT_MASK) << 1;
    if (recent[r] === a && recent[r + 1] === b && (a | b) !== 0) return true;
    if (this.get(a, b) < 0) return false;
    recent[r] = a;
    recent[r + 1] = b;
    return true;
  }

  /** The number stored for (a, b), or -1. */
  get(a: number, b: number): number {
    if ((a | b) === 0) return this.zero < 0 || this.stride === 3 ? this.zero : 0;
    const { slots, stride } = this;
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * stride;
      const x = slots[at];
      const y = slots[at + 1];
      if (x === a && y === b) return stride === 3 ? slots[at + 2] : 0;
      if ((x | y) === 0) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /** Stores (a, b) -> `value` unless present; returns the number already stored, or -1 when it was added. */
  addIfAbsent(a: number, b: number, value: number): number {
    if ((a | b) === 0) {
      if (this.zero >= 0) return this.stride === 3 ? this.zero : 0;
      this.zero = value;
      this.count++;
      return -1;
    }
    // Up to three quarters full: a smaller table misses the caches less, and linear probes stay within a line or two.
    if ((this.count + 1) * 4 > this.capacity * 3) this.grow();
    const { slots, stride } = this;
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * stride;
      const x = slots[at];
      const y = slots[at + 1];
      if (x === a && y === b) return stride === 3 ? slots[at + 2] : 0;
      if ((x | y) === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        if (stride === 3) slots[at + 2] = value;
        this.count++;
        const r = (b & RECENT_MASK) << 1;
        this.recent[r] = a;
        this.recent[r + 1] = b;
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { slots: old, stride } = this;
    this.capacity <<= 1;
    const slots = new Int32Array(this.capacity * stride);
    const mask = this.capacity - 1;
    for (let from = 0; from < old.length; from += stride) {
      const a = old[from];
      const b = old[from + 1];
      if ((a | b) === 0) continue;
      let at = ((a ^ Math.imul(b, 0x9e3779b1)) & mask) * stride;
      while ((slots[at] | slots[at + 1]) !== 0) at = at + stride === slots.length ? 0 : at + stride;
      slots[at] = a;
      slots[at + 1] = b;
      if (stride === 3) slots[at + 2] = old[from + 2];
    }
    this.slots = slots;
  }
}
