/**
 * The history as Porcupine's doubly-linked entry list: every operation
 * contributes a call entry and a return entry, numbered in time order. The
 * search "lifts" an operation out when it linearizes it and "unlifts" it
 * when it backtracks (dancing links), so the candidates for the next
 * linearization point are always the calls before the first return entry
 * left. Unlike Porcupine's single list, calls are kept in one list per kind
 * of operation (see search.ts) and returns in a list of their own, so each
 * pass of the search walks only the candidates it wants. Typed arrays: the
 * search walks these lists millions of times.
 */
import type { Operation } from './model';

export class EntryList {
  /** Next / previous entry in the entry's list. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** The operation an entry belongs to. */
  readonly operationOf: Int32Array;
  /** For a call entry, its return entry; for a return entry, -1. */
  readonly returnOf: Int32Array;
  /** The head sentinel of each kind's list of calls. */
  readonly callHead: Int32Array;
  /** The head sentinel of the list of returns: `next[returnHead]` is the first return left. */
  readonly returnHead: number;

  /**
   * Entries 0..2n-1 are calls and returns in time order; the sentinels come
   * after them, so a call entry is a candidate exactly when its number is
   * below the first return entry's.
   */
  constructor(operations: readonly Operation<unknown, unknown>[], kindOf: Uint8Array, kinds: number) {
    const n = operations.length;
    const entries = 2 * n;
    const size = entries + 2 * (kinds + 1);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.operationOf = new Int32Array(size).fill(-1);
    this.returnOf = new Int32Array(size).fill(-1);
    this.callHead = Int32Array.from({ length: kinds }, (_, k) => entries + k);
    this.returnHead = entries + kinds;

    // Sort calls and returns by time; at equal times calls come first, so
    // operations that merely touch count as concurrent (as in Porcupine).
    const times = new Float64Array(entries);
    for (let i = 0; i < n; i++) {
      const op = operations[i];
      const ret = op.return ?? Infinity;
      if (!(ret >= op.call)) throw new RangeError(`operation ${i} returns (${ret}) before it is called (${op.call})`);
      times[2 * i] = op.call;
      times[2 * i + 1] = ret;
    }
    const order = Array.from({ length: entries }, (_, k) => k);
    order.sort((a, b) => times[a] - times[b] || (a & 1) - (b & 1) || a - b);

    // Each list starts as head <-> tail, tail = head + kinds + 1; entries are appended in time order.
    const last = new Int32Array(kinds + 1);
    for (let list = 0; list <= kinds; list++) {
      const headSentinel = entries + list;
      const tailSentinel = headSentinel + kinds + 1;
      this.next[headSentinel] = tailSentinel;
      this.prev[tailSentinel] = headSentinel;
      this.next[tailSentinel] = -1;
      this.prev[headSentinel] = -1;
      last[list] = headSentinel;
    }
    const entryOfSlot = new Int32Array(entries);
    order.forEach((slot, entry) => {
      entryOfSlot[slot] = entry;
    });
    for (let entry = 0; entry < entries; entry++) {
      const slot = order[entry];
      const op = slot >>> 1;
      const isCall = (slot & 1) === 0;
      this.operationOf[entry] = op;
      if (isCall) this.returnOf[entry] = entryOfSlot[slot + 1];
      const list = isCall ? kindOf[op] : kinds;
      const tailSentinel = entries + list + kinds + 1;
      this.next[last[list]] = entry;
      this.prev[entry] = last[list];
      this.next[entry] = tailSentinel;
      this.prev[tailSentinel] = entry;
      last[list] = entry;
    }
  }

  /** Removes a call entry and its return entry from their lists. */
  lift(call: number): void {
    const { next, prev } = this;
    next[prev[call]] = next[call];
    prev[next[call]] = prev[call];
    const ret = this.returnOf[call];
    next[prev[ret]] = next[ret];
    prev[next[ret]] = prev[ret];
  }

  /** Puts back what `lift(call)` removed; calls must be undone in reverse order. */
  unlift(call: number): void {
    const { next, prev } = this;
    const ret = this.returnOf[call];
    next[prev[ret]] = ret;
    prev[next[ret]] = ret;
    next[prev[call]] = call;
    prev[next[call]] = call;
  }
}
