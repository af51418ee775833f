/**
 * Growing the columns of a ring buffer: a trace keeps a sliding window of
 * messages and states, so its columns are rings written in place (no push,
 * no shifting the front off), and grow by doubling only when the window
 * itself grows.
 */

type TypedColumn = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/**
 * A copy of the typed ring `column` (`width` entries a slot, `count` items
 * from slot `head`) with `capacity` slots, its items moved to slots 0 … count-1.
 */
export function regrowTyped<T extends TypedColumn>(column: T, capacity: number, head: number, count: number, width = 1): T {
  const next = new (column.constructor as new (length: number) => T)(capacity * width);
  const slots = column.length / width;
  const firstPart = Math.min(count, slots - head);
  next.set(column.subarray(head * width, (head + firstPart) * width));
  next.set(column.subarray(0, (count - firstPart) * width), firstPart * width);
  return next;
}

/** `regrowTyped` for a plain array. */
export function regrowArray<T>(column: (T | null)[], capacity: number, head: number, count: number): (T | null)[] {
  const next = nulls<T>(capacity);
  const slots = column.length;
  for (let k = 0; k < count; k++) next[k] = column[(head + k) % slots];
  return next;
}

/** A plain array of `length` nulls: packed, so it stays fast to index. */
export function nulls<T>(length: number): (T | null)[] {
  return new Array<T | null>(length).fill(null);
}
