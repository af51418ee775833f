/**
 * The history as Porcupine's doubly-linked entry list: every operation
 * contributes a call entry and a return entry, in time order. The search
 * "lifts" an operation out of the list when it linearizes it and "unlifts" it
 * when it backtracks (dancing links), so the candidates for the next
 * linearization point are always the call entries before the first return
 * entry. Kept in typed arrays: the search walks it millions of times.
 */
import type { Operation } from './model';

/** Entry 0 is the head sentinel; entries 1..2n are calls and returns; 2n+1 is the tail sentinel. */
export const HEAD = 0;

export class EntryList {
  readonly tail: number;
  /** Next / previous entry in the list. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** The operation an entry belongs to. */
  readonly operationOf: Int32Array;
  /** For a call entry, its return entry; for a return entry, -1. */
  readonly returnOf: Int32Array;

  constructor(operations: readonly Operation<unknown, unknown>[]) {
    const n = operations.length;
    const size = 2 * n + 2;
    this.tail = size - 1;
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.operationOf = new Int32Array(size).fill(-1);
    this.returnOf = new Int32Array(size).fill(-1);

    // Sort calls and returns by time; at equal times calls come first, so
    // operations that merely touch count as concurrent (as in Porcupine).
    const times = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const op = operations[i];
      const ret = op.return ?? Infinity;
      if (!(ret >= op.call)) throw new RangeError(`operation ${i} returns (${ret}) before it is called (${op.call})`);
      times[2 * i] = op.call;
      times[2 * i + 1] = ret;
    }
    const order = Array.from({ length: 2 * n }, (_, k) => k);
    order.sort((a, b) => times[a] - times[b] || (a & 1) - (b & 1) || a - b);

    const entryOfSlot = new Int32Array(2 * n);
    order.forEach((slot, position) => {
      entryOfSlot[slot] = position + 1;
    });
    for (let i = 0; i < n; i++) {
      const call = entryOfSlot[2 * i];
      const ret = entryOfSlot[2 * i + 1];
      this.operationOf[call] = i;
      this.operationOf[ret] = i;
      this.returnOf[call] = ret;
    }
    for (let e = 0; e < size; e++) {
      this.next[e] = e + 1;
      this.prev[e] = e - 1;
    }
    this.next[this.tail] = -1;
  }

  /** Removes a call entry and its return entry from the list. */
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
