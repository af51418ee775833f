/**
 * Finds the items that overlap a vertical window in O(log n + k): items are
 * sorted by where they start; the few very long ones (a message delayed across
 * most of the run) are kept aside and always checked. Built from parallel
 * arrays so that 100,000 items cost a few typed arrays, not 100,000 objects.
 */
export class SpanIndex<T> {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly items: T[];
  private readonly maxSpan: number;
  private readonly long: { start: number; end: number; item: T }[] = [];

  constructor(items: readonly T[], startOf: (item: T) => number, endOf: (item: T) => number) {
    const n = items.length;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = startOf(items[i]!);
      ends[i] = endOf(items[i]!);
    }
    const spans = new Float64Array(n);
    for (let i = 0; i < n; i++) spans[i] = ends[i]! - starts[i]!;
    spans.sort();
    const typical = n ? spans[Math.floor(n * 0.99)]! : 0;
    const threshold = Math.max(typical * 4, 1e-9);
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      if (ends[i]! - starts[i]! > threshold) this.long.push({ start: starts[i]!, end: ends[i]!, item: items[i]! });
      else order.push(i);
    }
    // Items usually arrive in start order already; sort only when they do not.
    let sorted = true;
    for (let k = 1; k < order.length && sorted; k++) sorted = starts[order[k - 1]!]! <= starts[order[k]!]!;
    if (!sorted) order.sort((a, b) => starts[a]! - starts[b]!);
    this.starts = Float64Array.from(order, (i) => starts[i]!);
    this.ends = Float64Array.from(order, (i) => ends[i]!);
    this.items = order.map((i) => items[i]!);
    let maxSpan = 0;
    for (let k = 0; k < order.length; k++) maxSpan = Math.max(maxSpan, this.ends[k]! - this.starts[k]!);
    this.maxSpan = maxSpan;
  }

  /** Items overlapping [from, to], short ones in start order, then the long ones. */
  query(from: number, to: number, visit: (item: T) => void): void {
    let lo = 0;
    let hi = this.starts.length;
    const first = from - this.maxSpan;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.starts.length && this.starts[i]! <= to; i++) if (this.ends[i]! >= from) visit(this.items[i]!);
    for (const e of this.long) if (e.start <= to && e.end >= from) visit(e.item);
  }
}
