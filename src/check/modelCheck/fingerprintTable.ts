/**
 * The set of states seen so far, keyed by 64-bit fingerprints (two 32-bit
 * lanes), each mapped to the state's number. Open addressing over one typed
 * array of (lane A, lane B, number + 1) triples: no per-entry objects, 12
 * bytes per slot, and a probe touches one cache line, not one per field.
 *
 * The table soon outgrows the processor's caches, so a lookup costs a trip
 * to memory. Most successors the search computes are states it has just
 * seen (the interleavings of a few recent steps meet again), so a small
 * direct-mapped cache of recently added or found fingerprints, which stays
 * in cache, answers most lookups first.
 */
const STRIDE = 3;
/** Entries of the recent cache (two lanes each: 256 KiB). */
const RECENT = 1 << 15;
const RECENT_MASK = RECENT - 1;

export class FingerprintTable {
  private capacity: number;
  /** Slot i at i * 3: lane A, lane B, state number + 1 (0 marks an empty slot). */
  private slots: Int32Array;
  private count = 0;
  /** Entry i at i * 2: lanes A and B of a stored fingerprint, or zeros (a cache miss at worst: the table decides). */
  private readonly recent = new Int32Array(RECENT * 2);

  constructor(initialCapacity = 1 << 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.capacity = capacity;
    this.slots = new Int32Array(capacity * STRIDE);
  }

  /** Number of fingerprints stored. */
  get size(): number {
    return this.count;
  }

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
    const slots = this.slots;
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * STRIDE;
      const v = slots[at + 2];
      if (v === 0) return -1;
      if (slots[at] === a && slots[at + 1] === b) return v - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** Stores (a, b) -> `value` unless present; returns the number already stored, or -1 when it was added. */
  addIfAbsent(a: number, b: number, value: number): number {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const slots = this.slots;
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * STRIDE;
      const v = slots[at + 2];
      if (v === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = value + 1;
        this.count++;
        const r = (b & RECENT_MASK) << 1;
        this.recent[r] = a;
        this.recent[r + 1] = b;
        return -1;
      }
      if (slots[at] === a && slots[at + 1] === b) return v - 1;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity <<= 1;
    this.slots = new Int32Array(this.capacity * STRIDE);
    this.count = 0;
    for (let at = 0; at < old.length; at += STRIDE) if (old[at + 2] !== 0) this.addIfAbsent(old[at], old[at + 1], old[at + 2] - 1);
  }
}
