/**
 * Interns whole key–value store states (one value id per key) as small
 * integers, hash-consed by content: two orders of independent writes that
 * leave the same store give the same id, which is what lets the search's
 * memo prune them. Rows live in one typed array, so a step allocates no
 * objects, and the memo holds numbers instead of arrays.
 */
export class StoreStateTable {
  private readonly initialValue: number;
  /** Keys per row; grows (re-laying out the rows) when a higher key number appears. */
  private stride = 4;
  private rows: Int32Array<ArrayBuffer>;
  private hashes = new Int32Array(1024);
  private count = 0;
  /** Open addressing by content hash: slot -> state id + 1. */
  private slots = new Int32Array(2048);
  private mask = 2047;

  /** `initialValue`: the value id every key holds in state 0, the initial state. */
  constructor(initialValue: number) {
    this.initialValue = initialValue;
    this.rows = new Int32Array(1024 * this.stride).fill(initialValue);
    this.insertWithHash(0);
  }

  /** The value id key `key` holds in `state`. */
  valueAt(state: number, key: number): number {
    return key < this.stride ? this.rows[state * this.stride + key] : this.initialValue;
  }

  /** The content hash of `state` (0 for the initial state). */
  hashOf(state: number): number {
    return this.hashes[state];
  }

  /** How many keys a row holds (at least the highest key number seen, plus one). */
  get keyCount(): number {
    return this.stride;
  }

  /**
   * The id of the state equal to `state` except that `key` holds `value`;
   * `hash` must be that state's content hash.
   */
  withValue(state: number, key: number, value: number, hash: number): number {
    if (key >= this.stride) this.widen(key + 1);
    const { rows, stride } = this;
    const base = state * stride;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot];
      if (stored === 0) break;
      const candidate = stored - 1;
      if (this.hashes[candidate] !== hash) continue;
      const at = candidate * stride;
      let same = true;
      for (let k = 0; k < stride; k++) {
        if (rows[at + k] !== (k === key ? value : rows[base + k])) {
          same = false;
          break;
        }
      }
      if (same) return candidate;
    }
    const id = this.count;
    if ((id + 1) * stride > this.rows.length) this.growRows();
    this.rows.copyWithin(id * stride, base, base + stride);
    this.rows[id * stride + key] = value;
    this.insertWithHash(hash);
    return id;
  }

  /** Registers row `count` (already written) under `hash`. */
  private insertWithHash(hash: number): void {
    const id = this.count++;
    if (id === this.hashes.length) {
      const bigger = new Int32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[id] = hash;
    this.place(id);
    if (this.count * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      this.mask = this.slots.length - 1;
      for (let s = 0; s < this.count; s++) this.place(s);
    }
  }

  private place(id: number): void {
    let slot = this.hashes[id] & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = id + 1;
  }

  private growRows(): void {
    const bigger = new Int32Array(this.rows.length * 2).fill(this.initialValue);
    bigger.set(this.rows);
    this.rows = bigger;
  }

  private widen(keys: number): void {
    const stride = Math.max(keys, this.stride * 2);
    const rows = new Int32Array(Math.max(1024, this.count * 2) * stride).fill(this.initialValue);
    for (let s = 0; s < this.count; s++) rows.set(this.rows.subarray(s * this.stride, (s + 1) * this.stride), s * stride);
    this.rows = rows;
    this.stride = stride;
  }
}
