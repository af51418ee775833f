/**
 * Interns the values a key–value store holds as small integers, so that a
 * model state is a number: compared with ===, hashed in O(1), and never
 * allocated in the search's inner loop. Appends are memoized: the search
 * appends the same suffix to the same value many times, and without the
 * memo each time would build (and hash) a new string as long as the value.
 */
import type { ScalarValue } from './valueHash';

export class ValueTable {
  private readonly ids = new Map<ScalarValue, number>();
  private readonly values: ScalarValue[] = [];
  /** appended[id] maps a suffix's id to the id of value + suffix. */
  private readonly appended: (Map<number, number> | undefined)[] = [];

  /** The id of `value`, adding it if new. */
  intern(value: ScalarValue): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of `value` if it is in the table (no value outside the table can equal one in it). */
  find(value: ScalarValue): number | undefined {
    return this.ids.get(value);
  }

  /** The value with id `id`. */
  valueOf(id: number): ScalarValue {
    return this.values[id];
  }

  /** The id of the string `valueOf(id) + valueOf(suffix)`; a null value counts as "". */
  append(id: number, suffix: number): number {
    let bySuffix = this.appended[id];
    if (bySuffix === undefined) this.appended[id] = bySuffix = new Map();
    let result = bySuffix.get(suffix);
    if (result === undefined) {
      const value = this.values[id];
      const tail = this.values[suffix];
      result = this.intern((value === null ? '' : String(value)) + (tail === null ? '' : String(tail)));
      bySuffix.set(suffix, result);
    }
    return result;
  }
}

/** A hash of an interned value's id. */
export function hashValueId(id: number): number {
  return Math.imul(id + 1, 0x9e3779b1);
}
