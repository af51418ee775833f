/**
 * Finds the items that overlap a vertical window in O(log n + k): items are
 * sorted by where they start; the few very long ones (a message delayed across
 * most of the run) are kept aside and always checked.
 */
export class SpanIndex<T> {
  private readonly starts: Float64Array;
  private readonly items: T[];
  private readonly ends: Float64Array;
  private readonly maxSpan: number;
  private readonly long: { start: number; end: number; item: T }[] = [];

  constructor(entries: { start: number; end: number; item: T }[]) {
    const spans = entries.map((e) => e.end - e.start).sort((a, b) => a - b);
    const typical = spans.length ? spans[Math.floor(spans.length * 0.99)]! : 0;
    const threshold = Math.max(typical * 4, 1e-9);
    const short = entries.filter((e) => {
      if (e.end - e.start > threshold) {
        this.long.push(e);
        return false;
      }
      return true;
    });
    short.sort((a, b) => a.start - b.start);
    this.starts = Float64Array.from(short, (e) => e.start);
    this.ends = Float64Array.from(short, (e) => e.end);
    this.items = short.map((e) => e.item);
    this.maxSpan = short.reduce((m, e) => Math.max(m, e.end - e.start), 0);
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
