/**
 * The pending events of a world, ordered by virtual time and then by the
 * order they were scheduled in (so ties are broken deterministically).
 *
 * A calendar queue in front of a binary heap. Most entries are due at a
 * whole time a little ahead of the present (message latencies, timer
 * delays), so they go into a ring of buckets, one per time unit, each a
 * first-in first-out list: scheduling order is sequence order, so a bucket
 * is already sorted, and taking the earliest entry costs no comparisons.
 * Everything else (fractional times, times beyond the ring, entries put
 * back out of order) goes to the heap, and the earlier of the two heads is
 * taken. Cancelled entries stay in place and are skipped when they come up.
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

/** Time units the ring covers ahead of its cursor (a power of two). */
const SPAN = 1024;
const MASK = SPAN - 1;

function earlier(a: Scheduled, b: Scheduled): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class EventQueue<T extends Scheduled> {
  /** Bucket of each time in [cursor, cursor + SPAN), at slot `time & MASK`; made when first used. */
  private readonly buckets: (T | undefined)[][] = new Array(SPAN);
  /** Read and write positions of each bucket. */
  private readonly reads = new Int32Array(SPAN);
  private readonly writes = new Int32Array(SPAN);
  /** No entry of the ring is due before this time. */
  private cursor = 0;
  /** Entries in the ring, cancelled ones included. */
  private inRing = 0;
  private readonly heap: T[] = [];

  /** Number of entries, including cancelled ones not yet dropped. */
  get size(): number {
    return this.inRing + this.heap.length;
  }

  push(item: T): void {
    const at = item.at;
    if (at >= this.cursor && at < this.cursor + SPAN && Math.floor(at) === at && this.pushToBucket(item, at & MASK)) return;
    this.pushToHeap(item);
  }

  /** The earliest entry that is not cancelled, without removing it. */
  peek(): T | undefined {
    const ring = this.ringHead();
    const heap = this.heapHead();
    if (ring === undefined) return heap;
    return heap !== undefined && earlier(heap, ring) ? heap : ring;
  }

  /** Removes and returns the earliest entry that is not cancelled. */
  pop(): T | undefined {
    return this.popIfDue(Infinity) ?? undefined;
  }

  /** Removes and returns the earliest live entry if it is due by `until`; null when it is later, undefined when the queue is empty. */
  popIfDue(until: number): T | null | undefined {
    const ring = this.ringHead();
    const heap = this.heapHead();
    if (ring === undefined && heap === undefined) return undefined;
    if (ring !== undefined && (heap === undefined || earlier(ring, heap))) {
      if (ring.at > until) return null;
      const slot = this.cursor & MASK;
      (this.buckets[slot] as (T | undefined)[])[this.reads[slot]++] = undefined;
      this.inRing--;
      return ring;
    }
    const top = heap as T;
    if (top.at > until) return null;
    this.removeHeapHead();
    // The ring may start at the time just taken (every entry in it is due no earlier).
    if (top.at > this.cursor) this.moveCursor(Math.floor(top.at));
    return top;
  }

  /** Every entry that is not cancelled: the ring's in time order, then the heap's in heap order. */
  live(): T[] {
    const all: T[] = [];
    if (this.inRing > 0) {
      for (let k = 0; k < SPAN; k++) {
        const slot = (this.cursor + k) & MASK;
        const bucket = this.buckets[slot];
        if (bucket === undefined) continue;
        for (let j = this.reads[slot]; j < this.writes[slot]; j++) {
          const item = bucket[j] as T;
          if (!item.cancelled) all.push(item);
        }
      }
    }
    for (const item of this.heap) if (!item.cancelled) all.push(item);
    return all;
  }

  /** A new queue holding `map` of each live entry. */
  map<U extends Scheduled>(map: (item: T) => U): EventQueue<U> {
    const queue = new EventQueue<U>();
    const items = this.live().sort((a, b) => a.at - b.at || a.seq - b.seq);
    queue.cursor = this.cursor;
    for (const item of items) queue.push(map(item));
    return queue;
  }

  /** Appends to a bucket, which stays in sequence order; false (the heap takes it) when the item would come before its last entry. */
  private pushToBucket(item: T, slot: number): boolean {
    let bucket = this.buckets[slot];
    if (bucket === undefined) bucket = this.buckets[slot] = [];
    let end = this.writes[slot];
    if (end === this.reads[slot]) end = this.reads[slot] = 0;
    else if ((bucket[end - 1] as T).seq > item.seq) return false;
    bucket[end] = item;
    this.writes[slot] = end + 1;
    this.inRing++;
    return true;
  }

  /** The earliest entry of the ring that is not cancelled, moving the cursor to its time; undefined when the ring is empty. */
  private ringHead(): T | undefined {
    while (this.inRing > 0) {
      const slot = this.cursor & MASK;
      const read = this.reads[slot];
      if (read < this.writes[slot]) {
        const bucket = this.buckets[slot] as (T | undefined)[];
        const item = bucket[read] as T;
        if (!item.cancelled) return item;
        bucket[read] = undefined;
        this.reads[slot] = read + 1;
        this.inRing--;
        continue;
      }
      this.reads[slot] = 0;
      this.writes[slot] = 0;
      this.cursor++;
    }
    return undefined;
  }

  /** Moves the cursor forward to `time` when the ring is empty (the ring then covers the times from there). */
  private moveCursor(time: number): void {
    if (this.inRing === 0) this.cursor = time;
  }

  private heapHead(): T | undefined {
    const heap = this.heap;
    while (heap.length > 0 && heap[0].cancelled) this.removeHeapHead();
    return heap[0];
  }

  private pushToHeap(item: T): void {
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

  private removeHeapHead(): void {
    const heap = this.heap;
    const n = heap.length;
    if (n === 0) return;
    const last = heap.pop() as T;
    if (n === 1) return;
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
  }
}
