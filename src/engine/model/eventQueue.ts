/**
 * The pending events of a world, ordered by virtual time and then by the
 * order they were scheduled in (so ties are broken deterministically).
 * A binary heap; cancelled entries stay in place and are skipped when popped.
 */

/** Something that will happen at a virtual time. */
export interface Scheduled {
  /** Virtual (true) time it is due. */
  at: number;
  /** Scheduling order: breaks ties between equal times. */
  seq: number;
  /** Set when it must no longer happen (lazy deletion). */
  cancelled: boolean;
}

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];

  /** Number of entries, including cancelled ones not yet popped. */
  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p.at < item.at || (p.at === item.at && p.seq < item.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
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
    const head = this.heap[0];
    if (head === undefined) return undefined;
    if (head.at > until) return null;
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
    let i = 0;
    const size = n - 1;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      let child = left;
      let c = heap[left];
      const right = left + 1;
      if (right < size) {
        const r = heap[right];
        if (r.at < c.at || (r.at === c.at && r.seq < c.seq)) {
          child = right;
          c = r;
        }
      }
      if (last.at < c.at || (last.at === c.at && last.seq < c.seq)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
