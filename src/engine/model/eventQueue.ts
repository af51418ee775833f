/**
 * The pending events of a world, ordered by virtual time and then by the
 * order they were scheduled in (so ties are broken deterministically).
 * A binary heap; cancelled entries stay in place and are skipped when popped.
 * Each entry's time and sequence number are also held in typed arrays beside
 * the heap, so that sifting compares numbers without loading the entries.
 */

/** Something that will happen at a virtual time. */
export interface Scheduled {
  /** Virtual (true) time it is due. Must not change while the entry is queued. */
  at: number;
  /** Scheduling order: breaks ties between equal times. */
  seq: number;
  /** Set when it must no longer happen (lazy deletion). */
  cancelled: boolean;
}

const INITIAL_CAPACITY = 64;

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];
  /** `at` and `seq` of the entry in the same heap slot. */
  private ats = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);

  /** Number of entries, including cancelled ones not yet popped. */
  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const heap = this.heap;
    let i = heap.length;
    if (i === this.ats.length) this.grow();
    const ats = this.ats;
    const seqs = this.seqs;
    const at = item.at;
    const seq = item.seq;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pAt = ats[parent];
      if (pAt < at || (pAt === at && seqs[parent] < seq)) break;
      heap[i] = heap[parent];
      ats[i] = pAt;
      seqs[i] = seqs[parent];
      i = parent;
    }
    heap[i] = item;
    ats[i] = at;
    seqs[i] = seq;
  }

  /** The earliest entry that is not cancelled, without removing it. */
  peek(): T | undefined {
    this.dropCancelledHead();
    return this.heap[0];
  }

  /** Removes and returns the earliest entry that is not cancelled. */
  pop(): T | undefined {
    this.dropCancelledHead();
    return this.removeHead();
  }

  /** Removes and returns the earliest live entry if it is due by `until`; null when it is later, undefined when the queue is empty. */
  popIfDue(until: number): T | null | undefined {
    this.dropCancelledHead();
    if (this.heap.length === 0) return undefined;
    if (this.ats[0] > until) return null;
    return this.removeHead();
  }

  /** Every entry that is not cancelled, in heap (not time) order. */
  live(): T[] {
    return this.heap.filter((item) => !item.cancelled);
  }

  /** A new queue holding `map` of each live entry. */
  map<U extends Scheduled>(map: (item: T) => U): EventQueue<U> {
    const queue = new EventQueue<U>();
    for (const item of this.heap) if (!item.cancelled) queue.push(map(item));
    return queue;
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.removeHead();
  }

  private removeHead(): T | undefined {
    const heap = this.heap;
    const n = heap.length;
    if (n === 0) return undefined;
    const top = heap[0];
    const last = heap.pop() as T;
    if (n === 1) return top;
    const ats = this.ats;
    const seqs = this.seqs;
    const size = n - 1;
    const lastAt = ats[size];
    const lastSeq = seqs[size];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      let child = left;
      let cAt = ats[left];
      let cSeq = seqs[left];
      const right = left + 1;
      if (right < size) {
        const rAt = ats[right];
        const rSeq = seqs[right];
        if (rAt < cAt || (rAt === cAt && rSeq < cSeq)) {
          child = right;
          cAt = rAt;
          cSeq = rSeq;
        }
      }
      if (lastAt < cAt || (lastAt === cAt && lastSeq < cSeq)) break;
      heap[i] = heap[child];
      ats[i] = cAt;
      seqs[i] = cSeq;
      i = child;
    }
    heap[i] = last;
    ats[i] = lastAt;
    seqs[i] = lastSeq;
    return top;
  }

  private grow(): void {
    const ats = new Float64Array(this.ats.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    ats.set(this.ats);
    seqs.set(this.seqs);
    this.ats = ats;
    this.seqs = seqs;
  }
}
