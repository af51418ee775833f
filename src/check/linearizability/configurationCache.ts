/**
 * The search's memo: the set of configurations (which operations are
 * linearized, and the model state they led to) already explored. Reaching
 * one again cannot succeed where the first visit failed, so the search skips
 * it. An open-addressing hash table over typed arrays; each configuration's
 * bitset is copied into one pool so that a hit is confirmed exactly, never
 * trusted to the hash alone.
 */
export class ConfigurationCache<State> {
  private readonly words: number;
  private readonly equal: (a: State, b: State) => boolean;
  /** Slot -> configuration number + 1 (0 = empty). */
  private slots: Int32Array;
  private slotHashes: Int32Array;
  private mask: number;
  /** Configuration k's bitset occupies bitsPool[k*words .. (k+1)*words). */
  private bitsPool: Uint32Array;
  private readonly states: State[] = [];
  private count = 0;

  constructor(words: number, equal: (a: State, b: State) => boolean, initialSlots = 1024) {
    this.words = words;
    this.equal = equal;
    this.slots = new Int32Array(initialSlots);
    this.slotHashes = new Int32Array(initialSlots);
    this.mask = initialSlots - 1;
    this.bitsPool = new Uint32Array((initialSlots >> 1) * words);
  }

  /** How many configurations are stored. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds the configuration (`bits`, `state`) with hash `hash` unless it is
   * already there. Returns true when it was added (i.e. it is new).
   */
  addIfAbsent(hash: number, bits: Uint32Array, state: State): boolean {
    const { slots, slotHashes, words, bitsPool } = this;
    let slot = hash & this.mask;
    for (;;) {
      const stored = slots[slot];
      if (stored === 0) break;
      if (slotHashes[slot] === hash) {
        const k = stored - 1;
        const base = k * words;
        let same = true;
        for (let w = 0; w < words; w++) {
          if (bitsPool[base + w] !== bits[w]) {
            same = false;
            break;
          }
        }
        if (same && this.equal(this.states[k], state)) return false;
      }
      slot = (slot + 1) & this.mask;
    }
    const k = this.count++;
    if ((k + 1) * words > this.bitsPool.length) this.growPool();
    this.bitsPool.set(bits, k * words);
    this.states.push(state);
    slots[slot] = k + 1;
    slotHashes[slot] = hash;
    if (this.count * 2 > slots.length) this.rehash();
    return true;
  }

  private growPool(): void {
    const bigger = new Uint32Array(Math.max(this.bitsPool.length * 2, this.words * 64));
    bigger.set(this.bitsPool);
    this.bitsPool = bigger;
  }

  private rehash(): void {
    const oldSlots = this.slots;
    const oldHashes = this.slotHashes;
    const size = oldSlots.length * 2;
    this.slots = new Int32Array(size);
    this.slotHashes = new Int32Array(size);
    this.mask = size - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      const stored = oldSlots[s];
      if (stored === 0) continue;
      let slot = oldHashes[s] & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = stored;
      this.slotHashes[slot] = oldHashes[s];
    }
  }
}
