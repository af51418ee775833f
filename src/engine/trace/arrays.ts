/**
 * Removes the first `count` items of `items` in place. Unlike
 * `splice(0, count)`, it builds no array of the removed items: the trace's
 * columns drop tens of thousands at a time.
 */
export function dropFront<T>(items: T[], count: number): void {
  const keep = items.length - count;
  for (let k = 0; k < keep; k++) items[k] = items[k + count];
  items.length = keep;
}
