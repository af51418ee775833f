/**
 * Growing the columns of a ring buffer: a trace keeps a sliding window of
 * messages, so its columns are rings written in place (no push, no shifting
 * the front off), and grow by doubling only when the window itself grows.
 */

/** A column: a typed array or a plain array of fixed length. */
export interface Column<V> {
  readonly length: number;
  [index: number]: V;
}

/**
 * A copy of `column` (a ring of `slots` slots, `width` entries each, whose
 * `count` items start at slot `head`) with `capacity` slots, its items moved
 * to slots 0 … count-1. `make` builds an empty column of a given length.
 */
export function regrow<T extends Column<unknown>>(column: T, make: (length: number) => NoInfer<T>, capacity: number, head: number, count: number, width = 1): T {
  const next = make(capacity * width);
  const slots = column.length / width;
  for (let k = 0; k < count; k++) {
    const from = ((head + k) % slots) * width;
    const to = k * width;
    for (let j = 0; j < width; j++) next[to + j] = column[from + j];
  }
  return next;
}

/** A plain array of `length` nulls: packed, so it stays fast to index. */
export function nulls<T>(length: number): (T | null)[] {
  return new Array<T | null>(length).fill(null);
}
